; rule: stack
; unaligned stack access (no strict alignment) -- Linux: stack accesses must be aligned even without strict alignment
; type: xdp
; expect: reject
; linux: misaligned stack access off 0+0+-6 size 4
	*(u32 *)(r10 -6) = 5
	r0 = *(u32 *)(r10 -6)
	exit
