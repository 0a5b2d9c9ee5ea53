; rule: structure
; falls off the end
; type: xdp
; expect: reject
; linux: last insn is not an exit or jmp
	r0 = 0
	r0 += 1
