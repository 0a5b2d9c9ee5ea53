; rule: ctx
; __sk_buff.len
; type: socket_filter
; expect: accept
	r0 = *(u32 *)(r1 +0)
	r0 = 2
	exit
