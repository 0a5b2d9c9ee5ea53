; rule: calls
; csum_diff with a stack buffer
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = 0
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0
	r4 = 0
	r5 = 0
	call bpf_csum_diff
	r0 = 2
	exit
