; rule: stack
; cmpxchg on the stack
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = 0
	r0 = 0
	r1 = 1
	r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)
	exit
