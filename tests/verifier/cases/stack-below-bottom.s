; rule: stack
; below the 512-byte stack
; type: xdp
; expect: reject
; linux: invalid write to stack R10 off=-520 size=8
	*(u64 *)(r10 -520) = 5
	r0 = 0
	exit
