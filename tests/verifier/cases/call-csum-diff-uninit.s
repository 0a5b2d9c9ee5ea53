; rule: calls
; csum_diff reading unwritten stack -- Linux: root (CAP_PERFMON) may read uninitialised stack, also through helpers
; type: xdp
; expect: accept
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0
	r4 = 0
	r5 = 0
	call bpf_csum_diff
	r0 = 2
	exit
