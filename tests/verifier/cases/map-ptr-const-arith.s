; rule: map
; constant offset then read at 56
; type: xdp
; maps: array:4:64:4
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r0 += 16
	r1 = *(u64 *)(r0 +40)
out:
	r0 = 2
	exit
