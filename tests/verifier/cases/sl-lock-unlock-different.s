; rule: spin_lock
; lock through one lookup's pointer, unlock through another's
; type: xdp
; maps: hash:4:16:4:lock0
; expect: reject
; linux: EINVAL bpf_spin_unlock of different lock
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	*(u32 *)(r10 -4) = 1
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	call bpf_spin_lock
	r1 = r7
	call bpf_spin_unlock
out:
	r0 = 2
	exit
