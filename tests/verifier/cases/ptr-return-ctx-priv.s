; rule: ptr
; XDP must return a scalar -- Linux: root: XDP may return a pointer (no return range for plain XDP)
; type: xdp
; expect: accept
	r0 = r1
	exit
