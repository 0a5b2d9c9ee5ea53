; rule: stack
; 4-byte fill of a spilled pointer
; type: xdp
; expect: reject
; linux: invalid size of register fill
	*(u64 *)(r10 -8) = r1
	r2 = *(u32 *)(r10 -8)
	r0 = 2
	exit
