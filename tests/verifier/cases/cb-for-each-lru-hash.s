; rule: callbacks
; for_each_map_elem over lru-hash: key and value readable
; type: xdp
; maps: lru_hash:4:8:4
; func_info: global
; expect: accept
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r6 = *(u32 *)(r2 +0)
	r7 = *(u64 *)(r3 +0)
	r0 = 0
	exit
