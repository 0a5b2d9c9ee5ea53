; rule: callbacks
; bpf_loop in a socket filter
; type: socket_filter
; func_info: global
; expect: accept
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 0
	exit
cb:
	r0 = 0
	exit
