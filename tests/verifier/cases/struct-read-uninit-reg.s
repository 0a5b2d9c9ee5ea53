; rule: structure
; r2 is not an argument of XDP programs
; type: xdp
; expect: reject
; linux: R2 !read_ok
	r0 = r2
	exit
