; rule: control
; the bad branch is possible
; type: xdp
; expect: reject
; linux: R0 invalid mem access 'scalar'
	call bpf_get_prandom_u32
	if r0 == 1 goto bad
	exit
bad:
	r0 = *(u8 *)(r0 +0)
	exit
