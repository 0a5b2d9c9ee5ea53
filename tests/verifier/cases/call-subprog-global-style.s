; rule: calls
; callee writes the caller's stack
; type: xdp
; expect: accept
	r1 = r10
	r1 += -8
	*(u64 *)(r10 -8) = 0
	call f
	r0 = *(u64 *)(r10 -8)
	r0 &= 3
	exit
f:
	*(u64 *)(r1 +0) = 2
	r0 = 0
	exit
