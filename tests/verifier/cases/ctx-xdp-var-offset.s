; rule: ctx
; variable offset into ctx
; type: xdp
; expect: reject
; linux: variable ctx access var_off=(0x0; 0x4) disallowed
	r6 = r1
	call bpf_get_prandom_u32
	r0 &= 4
	r6 += r0
	r0 = *(u32 *)(r6 +0)
	r0 = 2
	exit
