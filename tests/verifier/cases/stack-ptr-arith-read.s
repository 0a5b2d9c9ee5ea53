; rule: stack
; read through a stack pointer copy
; type: xdp
; expect: accept
	*(u64 *)(r10 -16) = 1
	r1 = r10
	r1 += -16
	r0 = *(u64 *)(r1 +0)
	exit
