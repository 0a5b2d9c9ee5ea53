; rule: stack
; two bytes written one by one
; type: xdp
; expect: accept
	*(u8 *)(r10 -1) = 5
	*(u8 *)(r10 -2) = 6
	r0 = *(u16 *)(r10 -2)
	exit
