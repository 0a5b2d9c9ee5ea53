; rule: ctx
; misaligned read
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=2 size=4
	r0 = *(u32 *)(r1 +2)
	r0 = 2
	exit
