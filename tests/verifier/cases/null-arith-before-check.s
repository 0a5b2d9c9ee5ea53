; rule: null
; arithmetic on a maybe-null pointer
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R0 pointer arithmetic on map_value_or_null prohibited, null-check it first
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 += 4
	if r0 == 0 goto out
	r1 = *(u32 *)(r0 +0)
out:
	r0 = 2
	exit
