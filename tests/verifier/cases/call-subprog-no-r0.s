; rule: calls
; callee returns without setting r0
; type: xdp
; expect: reject
; linux: R0 !read_ok
	r1 = 3
	call f
	exit
f:
	r1 += 1
	exit
