; rule: calls
; tail call through a prog array
; type: xdp
; maps: prog_array:4:4:4
; expect: accept
	r2 = map[fd:0]
	r3 = 0
	call bpf_tail_call
	r0 = 2
	exit
