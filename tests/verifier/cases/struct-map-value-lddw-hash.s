; rule: structure
; direct value access needs an array map
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: no direct value access support for this map type
	r1 = map[fd:0][0]+0
	r0 = 0
	exit
