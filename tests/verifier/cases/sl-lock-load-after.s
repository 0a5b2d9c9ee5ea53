; rule: spin_lock
; a load right after the lock word
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
	r1 = *(u32 *)(r6 +4)
out:
	r0 = 2
	exit
