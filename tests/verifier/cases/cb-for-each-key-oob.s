; rule: callbacks
; for_each: an 8-byte read of a 4-byte key
; type: xdp
; maps: hash:4:8:4
; func_info: global
; expect: reject
; linux: EACCES invalid access to map key, key_size=4 off=0 size=8
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r6 = *(u64 *)(r2 +0)
	r0 = 0
	exit
