; rule: structure
; exit with r0 never written
; type: xdp
; expect: reject
; linux: R0 !read_ok
	exit
