; rule: calls
; tail call through a hash map
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: expected prog array map for tail call
	r2 = map[fd:0]
	r3 = 0
	call bpf_tail_call
	r0 = 2
	exit
