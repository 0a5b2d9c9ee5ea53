; rule: callbacks
; the caller's r6 survives bpf_loop
; type: xdp
; func_info: global
; expect: accept
	r6 = 2
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = r6
	exit
cb:
	r0 = 0
	exit
