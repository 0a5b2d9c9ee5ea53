; rule: control
; jump from main into a subprogram
; type: xdp
; expect: reject
; linux: jump out of range from insn 2 to 5
	r1 = 1
	call sub
	goto sub_body
	exit
sub:
	r0 = 1
sub_body:
	exit
