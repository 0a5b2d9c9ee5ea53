; rule: calls
; a tail call from a subprogram: Linux wants BTF (func info) for that
; type: xdp
; maps: prog_array:4:4:4
; expect: reject
; linux: tail_call is not allowed in subprogs without BTF
	r6 = r1
	call f
	r0 = 2
	exit
f:
	r2 = map[fd:0]
	r3 = 0
	call bpf_tail_call
	r0 = 1
	exit
