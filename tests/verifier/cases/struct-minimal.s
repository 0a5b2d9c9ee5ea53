; rule: structure
; the smallest XDP program
; type: xdp
; expect: accept
	r0 = 2
	exit
