; rule: ptr
; arithmetic on a map pointer
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R1 pointer arithmetic on map_ptr prohibited
	r1 = map[fd:0]
	r1 += 8
	r0 = 2
	exit
