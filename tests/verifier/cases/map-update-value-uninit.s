; rule: map
; value not initialised -- Linux: root: unwritten value allowed (allow_uninit_stack)
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 1
	r1 = map[fd:0]
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_map_update_elem
	r0 = 2
	exit
