; rule: control
; a 10-iteration counter loop
; type: xdp
; expect: accept
	r0 = 0
	r1 = 0
loop:
	r0 += 3
	r1 += 1
	if r1 < 10 goto loop
	r0 &= 3
	exit
