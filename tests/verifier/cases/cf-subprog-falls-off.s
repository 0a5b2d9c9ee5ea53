; rule: control
; subprogram without exit at the end
; type: xdp
; expect: reject
; linux: last insn is not an exit or jmp
	call sub
	exit
sub:
	r0 = 1
