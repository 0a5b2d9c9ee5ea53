; rule: priv
; pointer as return value
; type: socket_filter
; priv: none
; expect: reject
	r0 = r10
	exit
