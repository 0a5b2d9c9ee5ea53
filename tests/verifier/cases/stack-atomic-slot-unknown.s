; rule: stack
; an atomic add makes the slot unknown: the reload is not the constant stored before
; type: xdp
; expect: reject
; linux: math between fp pointer and register with unbounded min value is not allowed
	r0 = 5
	*(u64 *)(r10 -8) = 0
	lock *(u64 *)(r10 -8) += r0
	r1 = *(u64 *)(r10 -8)
	r1 <<= 20
	r2 = r10
	r2 += r1
	r0 = *(u64 *)(r2 -8)
	r0 = 2
	exit
