; rule: spin_lock
; a map whose value BTF has no lock
; type: xdp
; maps: array:4:16:1:btf
; expect: reject
; linux: EINVAL map '' has no valid bpf_spin_lock
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	call bpf_spin_lock
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
