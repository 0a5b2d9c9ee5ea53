; rule: ctx
; tc_classid is for tc programs
; type: socket_filter
; expect: reject
; linux: invalid bpf_context access off=72 size=4
	r0 = *(u32 *)(r1 +72)
	r0 = 2
	exit
