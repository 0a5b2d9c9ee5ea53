; rule: ctx
; beyond struct xdp_md
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=24 size=4
	r0 = *(u32 *)(r1 +24)
	r0 = 2
	exit
