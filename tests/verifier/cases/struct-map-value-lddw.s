; rule: structure
; direct map value address (array)
; type: xdp
; maps: array:4:64:1
; expect: accept
	r1 = map[fd:0][0]+8
	r0 = *(u64 *)(r1 +0)
	r0 = 0
	exit
