; rule: structure
; r10 is read-only
; type: xdp
; expect: reject
; linux: frame pointer is read only
	r10 = 0
	r0 = 0
	exit
