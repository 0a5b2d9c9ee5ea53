; rule: calls
; packet bytes as the key
; type: xdp
; maps: hash:4:8:16
; expect: accept
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
out:
	r0 = 1
	exit
