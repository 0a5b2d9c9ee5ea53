; rule: spin_lock
; bpf_loop while holding the lock
; type: xdp
; maps: array:4:16:1:lock0
; func_info: global
; expect: reject
; linux: EINVAL function calls are not allowed while holding a lock
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	call bpf_spin_lock
	r1 = 2
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r1 = r6
	call bpf_spin_unlock
out:
	r0 = 2
	exit
cb:
	r0 = 0
	exit
