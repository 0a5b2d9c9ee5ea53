; rule: calls
; bpf_for_each_map_elem's callback argument must be a function, not a number
; type: xdp
; maps: array:4:8:4
; expect: reject
; linux: EACCES R2 type=scalar expected=func
	r1 = map[fd:0]
	r2 = 0
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
