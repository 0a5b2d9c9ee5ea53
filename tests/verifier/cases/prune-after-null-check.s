; rule: pruning
; a join before the null check
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r6 = r0
	call bpf_get_prandom_u32
	if r0 > 9 goto a
	r7 = 1
	goto b
a:
	r7 = 2
b:
	if r6 == 0 goto out
	r1 = *(u64 *)(r6 +0)
out:
	r0 = 2
	exit
