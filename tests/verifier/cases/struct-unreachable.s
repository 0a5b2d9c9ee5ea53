; rule: structure
; dead code after exit
; type: xdp
; expect: reject
; linux: unreachable insn 2
	r0 = 0
	exit
	r0 = 1
	exit
