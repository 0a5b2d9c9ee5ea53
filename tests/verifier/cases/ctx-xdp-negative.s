; rule: ctx
; negative ctx offset
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=-4 size=4
	r0 = *(u32 *)(r1 -4)
	r0 = 2
	exit
