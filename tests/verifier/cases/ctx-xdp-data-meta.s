; rule: ctx
; xdp_md.data_meta
; type: xdp
; expect: accept
	r0 = *(u32 *)(r1 +8)
	r0 = 2
	exit
