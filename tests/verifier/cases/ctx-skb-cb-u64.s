; rule: ctx
; 8-byte read of cb[0..1]
; type: socket_filter
; expect: accept
	r0 = *(u64 *)(r1 +48)
	r0 = 2
	exit
