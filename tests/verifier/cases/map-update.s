; rule: map
; update with key and value on the stack
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 1
	*(u64 *)(r10 -16) = 7
	r1 = map[fd:0]
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_map_update_elem
	r0 = 2
	exit
