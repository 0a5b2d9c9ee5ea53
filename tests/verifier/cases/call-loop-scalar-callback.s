; rule: calls
; bpf_loop's callback argument must be a function, not a number
; type: xdp
; expect: reject
; linux: EACCES R2 type=scalar expected=func
	r1 = 10
	r2 = 8
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
