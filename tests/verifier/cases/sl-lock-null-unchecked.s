; rule: spin_lock
; lock through a maybe-NULL pointer
; type: xdp
; maps: hash:4:16:4:lock0
; expect: reject
; linux: EACCES R1 type=map_value_or_null expected=map_value, ptr_
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r6 = r0
	r1 = r6
	call bpf_spin_lock
	r1 = r6
	call bpf_spin_unlock
	r0 = 2
	exit
