; rule: ctx
; narrow read of len
; type: socket_filter
; expect: accept
	r0 = *(u8 *)(r1 +0)
	r0 = 2
	exit
