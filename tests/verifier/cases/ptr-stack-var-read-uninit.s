; rule: ptr
; variable-offset stack read of unwritten bytes -- Linux: root: variable-offset read of unwritten stack allowed
; type: xdp
; expect: accept
	call bpf_get_prandom_u32
	r0 &= 7
	r1 = r10
	r1 += -16
	r1 += r0
	r0 = *(u8 *)(r1 +0)
	exit
