; rule: calls
; ctx passed in r1 to a callee
; type: xdp
; expect: accept
	call f
	exit
f:
	r0 = *(u32 *)(r1 +12)
	r0 = 2
	exit
