; rule: stack
; write crossing fp (Linux reports the misalignment first)
; type: xdp
; expect: reject
; linux: misaligned stack access off 0+0+-4 size 8
	*(u64 *)(r10 -4) = 5
	r0 = 0
	exit
