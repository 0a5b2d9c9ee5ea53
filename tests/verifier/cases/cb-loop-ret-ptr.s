; rule: callbacks
; a callback returning a pointer
; type: xdp
; func_info: global
; expect: reject
; linux: EINVAL cannot return stack pointer to the caller
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = r10
	exit
