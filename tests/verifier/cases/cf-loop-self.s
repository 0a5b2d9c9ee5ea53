; rule: control
; goto itself
; type: xdp
; expect: reject
; linux: infinite loop detected at insn 3
	r0 = 0
	if r0 == 0 goto l
	exit
l:
	goto l
