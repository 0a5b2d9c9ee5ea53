; rule: spin_lock
; unlock on both sides of a branch
; type: xdp
; maps: array:4:16:1:lock0
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	call bpf_spin_lock
	r1 = *(u64 *)(r6 +8)
	if r1 > 5 goto big
	*(u64 *)(r6 +8) = 0
	r1 = r6
	call bpf_spin_unlock
	goto out
big:
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
