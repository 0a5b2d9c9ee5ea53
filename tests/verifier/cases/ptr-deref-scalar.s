; rule: ptr
; a number is no pointer
; type: xdp
; expect: reject
; linux: R1 invalid mem access 'scalar'
	r1 = 0x1000
	r0 = *(u64 *)(r1 +0)
	exit
