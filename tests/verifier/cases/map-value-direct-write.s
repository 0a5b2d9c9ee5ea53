; rule: map
; write through a direct value address
; type: xdp
; maps: array:4:64:1
; expect: accept
	r1 = map[fd:0][0]+8
	*(u64 *)(r1 +0) = 5
	r0 = 2
	exit
