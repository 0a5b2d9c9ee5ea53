; rule: structure
; jump before the start
; type: xdp
; expect: reject
; linux: jump out of range from insn 1 to -1
	r0 = 0
	goto pc-3
	exit
