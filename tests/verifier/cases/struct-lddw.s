; rule: structure
; 64-bit immediate load
; type: xdp
; expect: accept
	r0 = 0x123456789abcdef ll
	r0 = 0
	exit
