; rule: null
; a hash lookup may fail whatever the key
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R0 invalid mem access 'map_value_or_null'
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r1 = *(u64 *)(r0 +0)
	r0 = 2
	exit
