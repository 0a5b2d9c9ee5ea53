; rule: ptr
; multiplying a pointer
; type: xdp
; expect: reject
; linux: R1 pointer arithmetic with *= operator prohibited
	r1 = r10
	r1 *= 2
	r0 = 2
	exit
