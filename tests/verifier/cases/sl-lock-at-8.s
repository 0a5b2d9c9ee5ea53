; rule: spin_lock
; the lock at byte 8 of the value
; type: xdp
; maps: array:4:16:1:lock8
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	r1 += 8
	call bpf_spin_lock
	*(u64 *)(r6 +0) = 1
	r1 = r6
	r1 += 8
	call bpf_spin_unlock
out:
	r0 = 2
	exit
