; rule: structure
; insn skipped by an unconditional jump
; type: xdp
; expect: reject
; linux: unreachable insn 2
	r0 = 0
	goto pc+1
	r0 = 1
	exit
