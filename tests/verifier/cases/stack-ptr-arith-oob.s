; rule: stack
; stack pointer above the frame
; type: xdp
; expect: reject
; linux: invalid write to stack R1 off=8 size=8
	r1 = r10
	r1 += 8
	*(u64 *)(r1 +0) = 1
	r0 = 0
	exit
