; rule: stack
; aligned 4-byte slot half
; type: xdp
; expect: accept
	*(u32 *)(r10 -4) = 5
	r0 = *(u32 *)(r10 -4)
	exit
