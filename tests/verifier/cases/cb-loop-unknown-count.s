; rule: callbacks
; bpf_loop with an unknown count
; type: xdp
; func_info: global
; expect: accept
	call bpf_get_prandom_u32
	r1 = r0
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 0
	exit
