; rule: callbacks
; a callback using its own stack
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
	*(u64 *)(r10 -16) = r1
	r1 = *(u64 *)(r10 -16)
	r0 = 0
	exit
