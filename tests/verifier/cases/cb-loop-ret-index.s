; rule: callbacks
; a callback returning its index: unknown scalar
; type: xdp
; func_info: global
; expect: reject
; linux: EINVAL At callback return the register R0 has unknown scalar value should have been in [0, 1]
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = r1
	exit
