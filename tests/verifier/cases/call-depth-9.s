; rule: calls
; 9 frames: one too many
; type: xdp
; expect: reject
; linux: the call stack of 9 frames is too deep
	r1 = 1
	call f1
	r0 = 2
	exit
f1:
	call f2
	exit
f2:
	call f3
	exit
f3:
	call f4
	exit
f4:
	call f5
	exit
f5:
	call f6
	exit
f6:
	call f7
	exit
f7:
	call f8
	exit
f8:
	r0 = 1
	exit
