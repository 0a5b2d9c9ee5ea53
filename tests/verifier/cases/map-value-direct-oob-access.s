; rule: map
; direct value address + 8-byte read crosses the end
; type: xdp
; maps: array:4:64:1
; expect: reject
; linux: invalid access to map value, value_size=64 off=60 size=8
	r1 = map[fd:0][0]+60
	r0 = *(u64 *)(r1 +0)
	r0 = 2
	exit
