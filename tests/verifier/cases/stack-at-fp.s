; rule: stack
; write at fp+0 (above the frame)
; type: xdp
; expect: reject
; linux: invalid write to stack R10 off=0 size=8
	*(u64 *)(r10 +0) = 5
	r0 = 0
	exit
