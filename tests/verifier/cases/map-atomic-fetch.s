; rule: map
; atomic fetch-add into the value
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = 1
	r1 = atomic64_fetch_add((u64 *)(r0 +0), r1)
out:
	r0 = 2
	exit
