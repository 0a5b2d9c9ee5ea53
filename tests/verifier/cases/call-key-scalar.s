; rule: calls
; key must be a pointer
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R2 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trus
	r2 = 0
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
