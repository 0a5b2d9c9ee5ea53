; rule: stack
; half of the slot written -- Linux: root may read uninitialised stack
; type: xdp
; expect: accept
	*(u32 *)(r10 -8) = 5
	r0 = *(u64 *)(r10 -8)
	exit
