; rule: null
; array lookup with a constant key below max_entries: Linux 6.18 knows it is not NULL
; type: xdp
; maps: array:4:64:4
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r1 = *(u64 *)(r0 +0)
	r0 = 2
	exit
