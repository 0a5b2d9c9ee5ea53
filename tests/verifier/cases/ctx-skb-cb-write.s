; rule: ctx
; socket filters may write cb[]
; type: socket_filter
; expect: accept
	r2 = 7
	*(u32 *)(r1 +52) = r2
	r0 = 0
	exit
