; rule: control
; jset
; type: xdp
; expect: accept
	call bpf_get_prandom_u32
	if r0 & 0x4 goto x
	r0 = 1
	exit
x:
	r0 = 2
	exit
