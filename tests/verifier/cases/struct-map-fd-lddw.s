; rule: structure
; map fd lddw resolves
; type: xdp
; maps: hash:4:8:16
; expect: accept
	r1 = map[fd:0]
	r0 = 0
	exit
