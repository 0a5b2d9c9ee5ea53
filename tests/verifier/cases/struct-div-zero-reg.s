; rule: structure
; division by a register that is 0 is defined (0)
; type: xdp
; expect: accept
	r0 = 5
	r1 = 0
	r0 /= r1
	exit
