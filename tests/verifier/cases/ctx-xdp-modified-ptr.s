; rule: ctx
; dereference of a modified ctx pointer
; type: xdp
; expect: reject
; linux: dereference of modified ctx ptr R1 off=4 disallowed
	r1 += 4
	r0 = *(u32 *)(r1 +0)
	r0 = 2
	exit
