; rule: control
; 32-bit counter loop
; type: xdp
; expect: accept
	w0 = 0
	w1 = 0
loop:
	w0 += 3
	w1 += 1
	if w1 < 100 goto loop
	w0 &= 3
	exit
