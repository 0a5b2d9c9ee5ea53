; rule: ctx
; store immediate into cb[0]
; type: socket_filter
; expect: accept
	*(u32 *)(r1 +48) = 5
	r0 = 0
	exit
