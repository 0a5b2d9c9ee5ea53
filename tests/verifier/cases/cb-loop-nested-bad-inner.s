; rule: callbacks
; nested bpf_loop whose inner callback returns 3
; type: xdp
; func_info: global
; expect: reject
; linux: EINVAL At callback return the register R0 has smin=3 smax=3 should have been in [0, 1]
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
	r0 = 3
	exit
