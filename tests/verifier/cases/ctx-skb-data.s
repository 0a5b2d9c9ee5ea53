; rule: ctx
; no direct packet access for socket filters
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=76 size=4
	r0 = *(u32 *)(r1 +76)
	r0 = 2
	exit
