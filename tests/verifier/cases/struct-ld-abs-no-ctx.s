; rule: structure
; LD_ABS needs r6 = ctx
; type: socket_filter
; expect: reject
; linux: at the time of BPF_LD_ABS|IND R6 != pointer to skb
	r6 = 0
	r0 = *(u8 *)skb[12]
	exit
