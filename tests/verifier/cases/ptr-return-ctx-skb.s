; rule: ptr
; socket filter must return a scalar -- Linux: root: a socket filter may return a pointer
; type: socket_filter
; expect: accept
	r0 = r1
	exit
