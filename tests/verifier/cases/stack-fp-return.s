; rule: stack
; copy of r10, then overwritten
; type: xdp
; expect: accept
	r0 = r10
	r0 = 0
	exit
