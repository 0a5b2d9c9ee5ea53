; rule: control
; jmp32 narrows a zero-extended register
; type: xdp
; maps: array:4:64:4
; expect: accept
	call bpf_get_prandom_u32
	r7 = r0
	r7 <<= 32
	r7 >>= 32
	if w7 > 63 goto out
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r0 += r7
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit
