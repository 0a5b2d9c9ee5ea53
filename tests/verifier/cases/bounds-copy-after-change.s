; rule: bounds
; r7 changed after the copy: different ids -- Linux: r8 = r7 + 0 and r7 += 1 stay linked with constant deltas (Linux 6.10+): the bound on r8 bounds r7
; type: xdp
; maps: array:4:64:4
; expect: accept
	call bpf_get_prandom_u32
	r7 = r0
	r8 = r7
	r8 += 0
	r7 += 1
	if r8 > 62 goto out
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
