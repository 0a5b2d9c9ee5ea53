; rule: stack
; the lowest slot
; type: xdp
; expect: accept
	*(u64 *)(r10 -512) = 5
	r0 = *(u64 *)(r10 -512)
	exit
