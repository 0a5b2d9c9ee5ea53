; rule: structure
; r10 is read-only, also for ALU
; type: xdp
; expect: reject
; linux: frame pointer is read only
	r10 += -8
	r0 = 0
	exit
