; rule: ctx
; __sk_buff.tstamp (u64) -- Linux: socket filters may not read tstamp
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=152 size=8
	r0 = *(u64 *)(r1 +152)
	r0 = 2
	exit
