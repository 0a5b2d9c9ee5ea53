; rule: callbacks
; for_each: the key is read-only
; type: xdp
; maps: hash:4:8:4
; func_info: global
; expect: reject
; linux: EACCES write to change key R2 not allowed
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	*(u32 *)(r2 +0) = 1
	r0 = 0
	exit
