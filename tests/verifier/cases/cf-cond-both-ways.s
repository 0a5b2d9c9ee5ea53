; rule: control
; two exits
; type: xdp
; expect: accept
	call bpf_get_prandom_u32
	if r0 > 5 goto big
	r0 = 1
	exit
big:
	r0 = 2
	exit
