; rule: privilege
; a callback is a subprogram: without CAP_BPF, Linux refuses it before anything else
; type: socket_filter
; priv: none
; expect: reject
; linux: EPERM loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 0
	exit
cb:
	r0 = 0
	exit
