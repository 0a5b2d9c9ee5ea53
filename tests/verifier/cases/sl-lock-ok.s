; rule: spin_lock
; lock, update the value, unlock
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
	r1 += 1
	*(u64 *)(r6 +8) = r1
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
