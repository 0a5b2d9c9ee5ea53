; rule: ctx
; __sk_buff.hash
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +68)
	r0 = 2
	exit
