; rule: null
; maybe-null as a helper key
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R2 type=map_value_or_null expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r2 = r0
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
