; rule: calls
; tail call needs ctx in r1
; type: xdp
; maps: prog_array:4:4:4
; expect: reject
; linux: R1 type=scalar expected=ctx
	r1 = 0
	r2 = map[fd:0]
	r3 = 0
	call bpf_tail_call
	r0 = 2
	exit
