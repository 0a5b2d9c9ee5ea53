; rule: stack
; atomic on an unwritten slot -- Linux: root: atomic on unwritten stack allowed
; type: xdp
; expect: accept
	r1 = 1
	lock *(u64 *)(r10 -8) += r1
	r0 = 0
	exit
