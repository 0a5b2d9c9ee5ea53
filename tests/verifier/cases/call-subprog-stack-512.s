; rule: calls
; two frames of 256 bytes: 512 combined
; type: xdp
; expect: accept
	*(u64 *)(r10 -256) = 1
	call f
	exit
f:
	*(u64 *)(r10 -256) = 1
	r0 = 2
	exit
