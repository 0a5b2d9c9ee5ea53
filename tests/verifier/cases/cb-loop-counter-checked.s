; rule: callbacks
; callback increments a counter; the caller checks it before use
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
	if r1 > 63 goto out
	r0 += r1
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 2
	exit
cb:
	r1 = *(u64 *)(r2 +0)
	r1 += 1
	*(u64 *)(r2 +0) = r1
	r0 = 0
	exit
