; rule: map
; 8-byte key with only 4 bytes written -- Linux: root: half-written key allowed (allow_uninit_stack)
; type: xdp
; maps: hash:8:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -8
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
