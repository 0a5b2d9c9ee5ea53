; rule: calls
; trace_printk is gpl_only
; type: xdp
; license: Proprietary
; expect: reject
; linux: cannot call GPL-restricted function from non-GPL compatible program
	*(u64 *)(r10 -8) = 0
	r1 = r10
	r1 += -8
	r2 = 8
	call bpf_trace_printk
	r0 = 2
	exit
