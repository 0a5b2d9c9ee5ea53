; rule: control
; count-down loop to 0
; type: xdp
; expect: accept
	r0 = 0
	r1 = 16
loop:
	r0 ^= r1
	r1 -= 1
	if r1 != 0 goto loop
	r0 &= 3
	exit
