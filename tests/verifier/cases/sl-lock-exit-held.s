; rule: spin_lock
; exit with the lock held
; type: xdp
; maps: array:4:16:1:lock0
; expect: reject
; linux: EINVAL BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	call bpf_spin_lock
out:
	r0 = 2
	exit
