; rule: map
; a map value as the key of another lookup
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r2 = r0
	r1 = map[fd:0]
	call bpf_map_lookup_elem
out:
	r0 = 2
	exit
