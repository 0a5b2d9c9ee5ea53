; rule: log
; a 64-byte log buffer: Linux 6.18 truncates and fails with -ENOSPC
; type: xdp
; log_level: 1
; log_size: 64
; expect: reject
; linux: ENOSPC
	r0 = 2
	exit
