; rule: callbacks
; a callback that runs bpf_loop with a second callback
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
	r1 = 3
	r2 = subprog[cb2]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 0
	exit
cb2:
	r0 = 1
	exit
