; rule: callbacks
; bpf_loop with a callback returning 0
; type: xdp
; func_info: global
; expect: accept
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 0
	exit
