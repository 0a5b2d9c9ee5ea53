; rule: calls
; 264 + 256 > 512 combined
; type: xdp
; expect: reject
; linux: combined stack size of 2 calls is 528. Too large
	*(u64 *)(r10 -264) = 1
	call f
	exit
f:
	*(u64 *)(r10 -256) = 1
	r0 = 2
	exit
