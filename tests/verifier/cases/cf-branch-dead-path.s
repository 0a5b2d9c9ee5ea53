; rule: control
; a branch proven never taken is not explored
; type: xdp
; expect: accept
	r0 = 0
	if r0 == 1 goto bad
	exit
bad:
	r0 = *(u8 *)(r0 +0)
	exit
