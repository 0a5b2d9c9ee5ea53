; rule: callbacks
; bpf_loop(0, ...) with a callback returning 5
; type: xdp
; func_info: global
; expect: accept
	r1 = 0
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 5
	exit
