; rule: bounds
; after w7 %= 50 Linux knows nothing, not even the zero extension
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: math between map_value pointer and register with unbounded min value is not allowed
	call bpf_get_prandom_u32
	r7 = r0
	w7 %= 50
	if r7 s> 55 goto out
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r0 += r7
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit
