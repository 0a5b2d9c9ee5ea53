; rule: structure
; modulo by the constant 0
; type: xdp
; expect: reject
; linux: div by zero
	r0 = 5
	r0 %= 0
	exit
