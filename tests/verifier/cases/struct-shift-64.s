; rule: structure
; shift immediate out of range (64-bit)
; type: xdp
; expect: reject
; linux: invalid shift 64
	r0 = 5
	r0 <<= 64
	exit
