; rule: structure
; largest legal shift
; type: xdp
; expect: accept
	r0 = 5
	r0 s>>= 63
	exit
