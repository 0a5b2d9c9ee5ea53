; rule: control
; the counter never changes
; type: xdp
; expect: reject
; linux: infinite loop detected at insn 3
	r0 = 0
	r1 = 0
loop:
	r0 = 1
	if r1 < 10 goto loop
	exit
