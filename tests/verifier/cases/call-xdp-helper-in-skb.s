; rule: calls
; XDP helper in a socket filter
; type: socket_filter
; expect: reject
; linux: program of this type cannot use helper bpf_xdp_adjust_head#44
	r2 = 4
	call bpf_xdp_adjust_head
	r0 = 0
	exit
