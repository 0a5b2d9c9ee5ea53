; rule: priv
; ctx pointer into a map value
; type: xdp
; maps: hash:4:8:16
; priv: bpf
; expect: reject
; linux: R6 leaks addr into map
	*(u32 *)(r10 -4) = 0
	r6 = r1
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	*(u64 *)(r0 +0) = r6
out:
	r0 = 2
	exit
