; rule: null
; spilled and filled maybe-null, then checked
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	*(u64 *)(r10 -16) = r0
	r6 = *(u64 *)(r10 -16)
	if r6 == 0 goto out
	r1 = *(u64 *)(r6 +0)
out:
	r0 = 2
	exit
