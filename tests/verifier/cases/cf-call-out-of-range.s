; rule: control
; call target beyond the end
; type: xdp
; expect: reject
; linux: call to invalid destination
	call pc+5
	r0 = 0
	exit
