; rule: ctx
; xdp ctx is read-only
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=12 size=4
	r2 = 1
	*(u32 *)(r1 +12) = r2
	r0 = 2
	exit
