; rule: calls
; callee reads the caller's stack through a pointer
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = 7
	r1 = r10
	r1 += -8
	call f
	r0 &= 3
	exit
f:
	r0 = *(u64 *)(r1 +0)
	exit
