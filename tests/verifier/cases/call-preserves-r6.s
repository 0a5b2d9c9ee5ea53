; rule: calls
; r6-r9 survive
; type: xdp
; expect: accept
	r6 = 5
	call bpf_ktime_get_ns
	r0 = r6
	exit
