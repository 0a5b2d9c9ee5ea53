; rule: calls
; callee reads r6 (not passed)
; type: xdp
; expect: reject
; linux: R6 !read_ok
	r6 = 3
	call f
	exit
f:
	r0 = r6
	exit
