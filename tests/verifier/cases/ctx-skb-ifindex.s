; rule: ctx
; __sk_buff.ifindex
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +40)
	r0 = 2
	exit
