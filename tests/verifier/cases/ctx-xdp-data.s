; rule: ctx
; xdp_md.data
; type: xdp
; expect: accept
	r0 = *(u32 *)(r1 +0)
	r0 = 2
	exit
