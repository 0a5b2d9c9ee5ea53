; rule: control
; a subprogram calls itself
; type: xdp
; expect: reject
; linux: the call stack of 9 frames is too deep
	r1 = 1
	call sub
	exit
sub:
	call sub
	exit
