; rule: structure
; jump past the end
; type: xdp
; expect: reject
; linux: jump out of range from insn 0 to 6
	goto pc+5
	r0 = 0
	exit
