; rule: log
; log_level 16 is no level
; type: xdp
; log_level: 16
; expect: reject
; linux: EINVAL
	r0 = 2
	exit
