; rule: log
; log_level 1 trace of a rejected program
; type: xdp
; log_level: 1
; expect: reject
; linux: invalid access to packet, off=12 size=2
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r0 = *(u16 *)(r2 +12)
	r0 = 2
	exit
