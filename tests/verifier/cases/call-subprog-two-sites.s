; rule: calls
; one subprogram, two call sites
; type: xdp
; expect: accept
	r1 = 1
	call f
	r6 = r0
	r1 = 2
	call f
	r0 += r6
	r0 &= 3
	exit
f:
	r0 = r1
	exit
