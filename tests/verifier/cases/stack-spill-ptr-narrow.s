; rule: stack
; 4-byte spill of a pointer
; type: xdp
; expect: reject
; linux: invalid size of register spill
	*(u32 *)(r10 -8) = r1
	r0 = 2
	exit
