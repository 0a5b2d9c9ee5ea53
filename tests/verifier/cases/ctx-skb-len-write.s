; rule: ctx
; len is read-only
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=0 size=4
	r2 = 7
	*(u32 *)(r1 +0) = r2
	r0 = 0
	exit
