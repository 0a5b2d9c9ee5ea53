; rule: calls
; helper call inside a subprogram
; type: xdp
; expect: accept
	r6 = r1
	call f
	exit
f:
	call bpf_get_prandom_u32
	r0 &= 3
	exit
