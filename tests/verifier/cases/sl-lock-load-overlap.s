; rule: spin_lock
; an 8-byte load covering the lock
; type: xdp
; maps: array:4:16:1:lock0
; expect: reject
; linux: EACCES bpf_spin_lock cannot be accessed directly by load/store
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r6 = r0
	r1 = *(u64 *)(r6 +0)
out:
	r0 = 2
	exit
