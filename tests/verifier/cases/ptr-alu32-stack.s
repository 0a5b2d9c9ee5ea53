; rule: ptr
; 32-bit arithmetic on a pointer
; type: xdp
; expect: reject
; linux: R1 32-bit pointer arithmetic prohibited
	r1 = r10
	w1 += -8
	r0 = 2
	exit
