; rule: ctx
; __sk_buff.mark read
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +8)
	r0 = 2
	exit
