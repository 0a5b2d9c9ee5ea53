; rule: calls
; socket helper in XDP
; type: xdp
; expect: reject
; linux: program of this type cannot use helper bpf_get_socket_cookie#46
	call bpf_get_socket_cookie
	r0 = 2
	exit
