; rule: ctx
; xdp_md.rx_queue_index
; type: xdp
; expect: accept
	r0 = *(u32 *)(r1 +16)
	r0 = 2
	exit
