; rule: calls
; packet key with 2 checked bytes of 4
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: invalid access to packet, off=0 size=4
	r2 = *(u32 *)(r1 +0)
	r3 = *(u32 *)(r1 +4)
	r4 = r2
	r4 += 2
	if r4 > r3 goto out
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
out:
	r0 = 1
	exit
