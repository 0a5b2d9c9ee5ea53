; rule: ptr
; negating a pointer -- Linux: root: negating a pointer makes it an unknown scalar
; type: xdp
; expect: accept
	r1 = r10
	r1 = -r1
	r0 = 2
	exit
