; rule: bounds
; negation of [0,63]
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: R0 min value is negative, either use unsigned index or do a if (index >=0) check.
	call bpf_get_prandom_u32
	r7 = r0
	r7 &= 63
	r7 = -r7
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
