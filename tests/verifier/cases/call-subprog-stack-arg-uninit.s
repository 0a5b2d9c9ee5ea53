; rule: calls
; callee reads unwritten caller stack -- Linux: root may read unwritten caller stack (allow_uninit_stack)
; type: xdp
; expect: accept
	r1 = r10
	r1 += -8
	call f
	r0 &= 3
	exit
f:
	r0 = *(u64 *)(r1 +0)
	exit
