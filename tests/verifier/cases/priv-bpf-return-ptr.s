; rule: priv
; returning a pointer
; type: socket_filter
; priv: bpf
; expect: reject
; linux: R0 leaks addr as return value
	r0 = r10
	exit
