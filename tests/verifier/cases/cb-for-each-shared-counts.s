; rule: callbacks
; for_each: one callback walks two ctx structs, another counts in a third
; and returns *key == 2; only a sum is checked, the counts go to a map value
; (the shape of tests/progs/xdp_for_each.bpf.c: the counts must widen)
; type: xdp
; maps: array:4:8:8
; func_info: global
; expect: accept
	r1 = 0
	*(u64 *)(r10 -8) = r1
	*(u64 *)(r10 -16) = r1
	*(u64 *)(r10 -24) = r1
	*(u64 *)(r10 -32) = r1
	*(u64 *)(r10 -40) = r1
	*(u64 *)(r10 -48) = r1
	r1 = map[fd:0]
	r2 = subprog[add]
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_for_each_map_elem
	r1 = map[fd:0]
	r2 = subprog[add]
	r3 = r10
	r3 += -32
	r4 = 0
	call bpf_for_each_map_elem
	r1 = map[fd:0]
	r2 = subprog[third]
	r3 = r10
	r3 += -48
	r4 = 0
	call bpf_for_each_map_elem
	*(u32 *)(r10 -52) = 0
	r2 = r10
	r2 += -52
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = *(u64 *)(r10 -8)
	*(u64 *)(r0 +0) = r1
	r1 = *(u64 *)(r10 -24)
	*(u64 *)(r0 +0) = r1
	r1 = *(u64 *)(r10 -40)
	*(u64 *)(r0 +0) = r1
out:
	r1 = *(u64 *)(r10 -16)
	r1 &= 1
	r0 = 2
	if r1 == 0 goto pass
	r0 = 1
pass:
	exit
add:
	r1 = *(u64 *)(r3 +0)
	r5 = *(u64 *)(r4 +0)
	r5 += r1
	*(u64 *)(r4 +0) = r5
	r5 = *(u64 *)(r4 +8)
	r5 += 1
	*(u64 *)(r4 +8) = r5
	r0 = 0
	exit
third:
	r5 = *(u64 *)(r4 +8)
	r5 += 1
	*(u64 *)(r4 +8) = r5
	r1 = *(u32 *)(r2 +0)
	r0 = 1
	if r1 == 2 goto done
	r0 = 0
done:
	exit
