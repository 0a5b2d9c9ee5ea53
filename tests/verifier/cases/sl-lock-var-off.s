; rule: spin_lock
; the lock at a variable offset
; type: xdp
; maps: array:4:16:1:lock0
; expect: reject
; linux: EINVAL R1 doesn't have constant offset. bpf_spin_lock has to be at the constant offset
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = *(u32 *)(r6 +4)
	r1 &= 4
	r2 = r6
	r2 += r1
	r1 = r2
	call bpf_spin_lock
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
