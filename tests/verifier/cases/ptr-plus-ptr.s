; rule: ptr
; pointer + pointer
; type: xdp
; expect: reject
; linux: R2 pointer += pointer prohibited
	r2 = r10
	r3 = r10
	r2 += r3
	r0 = 2
	exit
