; rule: ctx
; write to hash (just past cb[4])
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=68 size=4
	r2 = 1
	*(u32 *)(r1 +68) = r2
	r0 = 0
	exit
