; rule: null
; reads on the taken non-null side
; type: xdp
; maps: hash:4:8:16
; expect: accept
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 != 0 goto ok
	r0 = 1
	exit
ok:
	r1 = *(u64 *)(r0 +0)
	r0 = 2
	exit
