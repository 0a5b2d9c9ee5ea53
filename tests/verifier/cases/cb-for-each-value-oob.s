; rule: callbacks
; for_each: a read past the value
; type: xdp
; maps: hash:4:8:4
; func_info: global
; expect: reject
; linux: EACCES invalid access to map value, value_size=8 off=8 size=8
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r6 = *(u64 *)(r3 +8)
	r0 = 0
	exit
