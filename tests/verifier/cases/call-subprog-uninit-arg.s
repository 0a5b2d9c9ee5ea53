; rule: calls
; callee reads an argument the caller never set
; type: xdp
; expect: reject
; linux: R2 !read_ok
	r1 = 3
	call add
	r0 &= 3
	exit
add:
	r0 = r1
	r0 += r2
	exit
