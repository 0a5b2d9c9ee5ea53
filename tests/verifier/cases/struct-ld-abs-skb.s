; rule: structure
; LD_ABS in a socket filter
; type: socket_filter
; expect: accept
	r6 = r1
	r0 = *(u8 *)skb[12]
	exit
