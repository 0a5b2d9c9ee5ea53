; rule: priv
; socket filter must return a scalar (CAP_BPF only)
; type: socket_filter
; priv: bpf
; expect: reject
; linux: R0 leaks addr as return value
	r0 = r1
	exit
