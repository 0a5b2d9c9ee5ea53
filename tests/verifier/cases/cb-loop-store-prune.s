; rule: callbacks
; soundness (found by soundness --mode loop): a branch in the callback leaves r3 in [0, 6] or 0; the store of r3 to the caller's slot is a prune point, and the stored value comes back as a map value offset, so r3 must count as precise there
; type: xdp
; maps: array:4:8:1
; func_info: global
; expect: reject
; linux: EACCES invalid access to map value, value_size=8 off=6 size=8
	*(u64 *)(r10 -8) = 0
	r1 = 1
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_loop
	*(u32 *)(r10 -12) = 0
	r2 = r10
	r2 += -12
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u64 *)(r10 -8)
	r0 += r1
	r0 = *(u64 *)(r0 +0)
out:
	r0 = 2
	exit
cb:
	r3 = *(u64 *)(r2 +0)
	r3 ^= 6
	if r3 < 0x1d goto +1
	r3 = 0
	r3 += r1
	if r3 < 0x7 goto +1
	r3 = 0
	*(u64 *)(r2 +0) = r3
	r0 = 0
	exit
