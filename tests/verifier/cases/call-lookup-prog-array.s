; rule: calls
; prog arrays cannot be looked up
; type: xdp
; maps: prog_array:4:4:4
; expect: reject
; linux: cannot pass map_type 3 into func bpf_map_lookup_elem#1
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
