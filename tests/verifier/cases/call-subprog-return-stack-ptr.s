; rule: calls
; returning a pointer into the callee's own frame
; type: xdp
; expect: reject
; linux: cannot return stack pointer to the caller
	call f
	r0 = *(u64 *)(r0 +0)
	exit
f:
	*(u64 *)(r10 -8) = 1
	r0 = r10
	r0 += -8
	exit
