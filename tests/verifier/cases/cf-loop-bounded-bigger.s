; rule: control
; a 1000-iteration loop
; type: xdp
; expect: accept
	r0 = 0
	r1 = 0
loop:
	r0 += 3
	r1 += 1
	if r1 < 1000 goto loop
	r0 &= 3
	exit
