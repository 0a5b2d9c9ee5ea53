; rule: callbacks
; arithmetic on a callback pointer
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES dereference of modified func ptr R2 off=8 disallowed
	r1 = 10
	r2 = subprog[cb]
	r2 += 8
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 0
	exit
