; rule: callbacks
; a callback calling helpers (prandom, map lookup)
; type: xdp
; maps: hash:4:8:16
; func_info: global
; expect: accept
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	call bpf_get_prandom_u32
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 +0)
out:
	r0 = 0
	exit
