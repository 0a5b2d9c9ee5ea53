; rule: ctx
; beyond struct __sk_buff
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=400 size=4
	r0 = *(u32 *)(r1 +400)
	r0 = 2
	exit
