; rule: stack
; write then read a slot
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = 5
	r0 = *(u64 *)(r10 -8)
	exit
