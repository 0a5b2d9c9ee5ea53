; rule: control
; 32-bit signed compare
; type: xdp
; expect: accept
	call bpf_get_prandom_u32
	if w0 s< 0 goto neg
	r0 = 1
	exit
neg:
	r0 = 2
	exit
