; rule: stack
; the old value an atomic fetch returns is the slot's known constant
; type: xdp
; expect: accept
	r1 = 5
	*(u64 *)(r10 -8) = 0
	r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)
	r2 = r10
	r2 += r1
	r0 = *(u64 *)(r2 -8)
	r0 = 2
	exit
