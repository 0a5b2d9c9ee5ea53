; rule: ctx
; __sk_buff.protocol
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +16)
	r0 = 2
	exit
