; rule: ctx
; narrow read of the data pointer
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=0 size=2
	r0 = *(u16 *)(r1 +0)
	r0 = 2
	exit
