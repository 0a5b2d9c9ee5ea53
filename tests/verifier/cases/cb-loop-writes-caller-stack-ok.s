; rule: callbacks
; callback stores 5 into the caller's slot: index 0 or 5, in bounds
; type: xdp
; maps: array:4:64:1
; func_info: global
; expect: accept
	*(u64 *)(r10 -8) = 0
	r1 = 10
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_loop
	*(u32 *)(r10 -12) = 0
	r2 = r10
	r2 += -12
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u64 *)(r10 -8)
	r0 += r1
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit
cb:
	r1 = 5
	*(u64 *)(r2 +0) = r1
	r0 = 0
	exit
