; rule: ctx
; __sk_buff.cb[0]
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +48)
	r0 = 2
	exit
