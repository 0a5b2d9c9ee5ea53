; rule: priv
; fully unprivileged socket filter
; type: socket_filter
; priv: none
; expect: accept
	r0 = 0
	exit
