; rule: structure
; helper id that does not exist
; type: xdp
; expect: reject
; linux: invalid func unknown#9999
	call 9999
	r0 = 0
	exit
