; rule: ptr
; derived stack pointer stores
; type: xdp
; expect: accept
	r1 = r10
	r1 += -8
	*(u64 *)(r1 +0) = 3
	r0 = *(u64 *)(r10 -8)
	exit
