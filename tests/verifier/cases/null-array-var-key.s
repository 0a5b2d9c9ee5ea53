; rule: null
; a variable (if bounded) key: may be NULL
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: R0 invalid mem access 'map_value_or_null'
	call bpf_get_prandom_u32
	r0 &= 3
	*(u32 *)(r10 -4) = r0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r1 = *(u64 *)(r0 +0)
	r0 = 2
	exit
