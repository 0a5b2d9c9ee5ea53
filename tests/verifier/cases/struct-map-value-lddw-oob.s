; rule: structure
; direct value offset beyond value_size
; type: xdp
; maps: array:4:64:1
; expect: reject
; linux: invalid access to map value pointer, value_size=64 off=64
	r1 = map[fd:0][0]+64
	r0 = 0
	exit
