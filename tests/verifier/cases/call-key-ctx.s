; rule: calls
; ctx as key
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R2 type=ctx expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted
	r2 = r1
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
