; rule: map
; 8-byte value starting 4 bytes below the key: overlaps the uninitialised fp-8..-4? no: needs fp-12..-4 -- Linux: root: partly written value allowed (allow_uninit_stack)
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 1
	*(u32 *)(r10 -12) = 7
	r1 = map[fd:0]
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -12
	r4 = 0
	call bpf_map_update_elem
	r0 = 2
	exit
