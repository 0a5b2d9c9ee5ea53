; rule: structure
; 32-bit ALU
; type: xdp
; expect: accept
	w0 = -1
	w0 += 3
	w0 *= 7
	exit
