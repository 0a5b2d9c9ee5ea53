; rule: packet
; data_end is not dereferenceable
; type: xdp
; expect: reject
; linux: R3 invalid mem access 'pkt_end'
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r0 = *(u8 *)(r3 +0)
	r0 = 2
	exit
