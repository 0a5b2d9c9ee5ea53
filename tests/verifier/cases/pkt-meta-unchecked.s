; rule: packet
; metadata read without check
; type: xdp
; expect: reject
; linux: invalid access to packet, off=0 size=4
	r2 = *(u32 *)(r1 +8)
	r0 = *(u32 *)(r2 +0)
	r0 = 2
	exit
