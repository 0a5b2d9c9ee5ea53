; rule: calls
; r0 = u64 scalar
; type: xdp
; expect: accept
	call bpf_ktime_get_ns
	r0 &= 3
	exit
