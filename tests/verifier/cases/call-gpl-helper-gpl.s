; rule: calls
; trace_printk with a GPL license
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = 0
	r1 = r10
	r1 += -8
	r2 = 8
	call bpf_trace_printk
	r0 = 2
	exit
