; rule: callbacks
; a callback that never sets r0
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES R0 not a scalar value
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	exit
