; rule: structure
; direct value access needs max_entries 1
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: invalid access to map value pointer, value_size=64 off=8
	r1 = map[fd:0][0]+8
	r0 = 0
	exit
