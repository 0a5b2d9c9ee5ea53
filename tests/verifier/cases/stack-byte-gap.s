; rule: stack
; two bytes in between not written -- Linux: root may read them (allow_uninit_stack)
; type: xdp
; expect: accept
	*(u8 *)(r10 -1) = 5
	*(u8 *)(r10 -4) = 6
	r0 = *(u32 *)(r10 -4)
	exit
