; rule: calls
; caller's r6 is restored
; type: xdp
; expect: accept
	r6 = 3
	call f
	r0 = r6
	exit
f:
	r6 = 9
	r0 = 0
	exit
