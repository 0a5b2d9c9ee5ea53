; rule: structure
; LD_IND in a socket filter
; type: socket_filter
; expect: accept
	r6 = r1
	r7 = 2
	r0 = *(u16 *)skb[r7 + 12]
	exit
