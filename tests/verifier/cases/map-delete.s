; rule: map
; delete
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 1
	r1 = map[fd:0]
	r2 = r10
	r2 += -4
	call bpf_map_delete_elem
	r0 = 2
	exit
