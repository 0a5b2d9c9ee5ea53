; rule: ctx
; socket filters may not write mark
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=8 size=4
	r2 = 7
	*(u32 *)(r1 +8) = r2
	r0 = 0
	exit
