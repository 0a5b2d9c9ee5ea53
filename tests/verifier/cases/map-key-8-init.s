; rule: map
; 8-byte key
; type: xdp
; maps: hash:8:8:16
; expect: accept
	*(u64 *)(r10 -8) = 0
	r2 = r10
	r2 += -8
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
