; rule: ctx
; xdp_md.ingress_ifindex
; type: xdp
; expect: accept
	r0 = *(u32 *)(r1 +12)
	r0 = 2
	exit
