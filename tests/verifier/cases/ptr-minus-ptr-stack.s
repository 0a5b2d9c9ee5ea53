; rule: ptr
; pointer - pointer of the same kind is a scalar (priv)
; type: xdp
; expect: accept
	r2 = r10
	r3 = r10
	r3 += -8
	r2 -= r3
	r0 = r2
	r0 &= 3
	exit
