; rule: calls
; key bytes never written -- Linux: root may pass an unwritten key (allow_uninit_stack)
; type: xdp
; maps: hash:4:8:16
; expect: accept
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
