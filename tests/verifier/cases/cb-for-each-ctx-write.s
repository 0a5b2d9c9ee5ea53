; rule: callbacks
; for_each: the callback sums values into the caller's stack
; type: xdp
; maps: array:4:8:4
; func_info: global
; expect: accept
	*(u64 *)(r10 -8) = 0
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r1 = *(u64 *)(r3 +0)
	r5 = *(u64 *)(r4 +0)
	r5 += r1
	*(u64 *)(r4 +0) = r5
	r0 = 0
	exit
