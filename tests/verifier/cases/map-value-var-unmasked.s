; rule: map
; index read from the value, unbounded
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: R0 unbounded memory access, make sure to bounds check any such access
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u32 *)(r0 +0)
	r0 += r1
	r1 = *(u64 *)(r0 +0)
out:
	r0 = 2
	exit
