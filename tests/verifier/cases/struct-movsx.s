; rule: structure
; sign-extending move
; type: xdp
; expect: accept
	r1 = 200
	r0 = (s8)r1
	r0 &= 3
	exit
