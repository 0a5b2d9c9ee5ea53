; rule: callbacks
; callback stores 100 into the caller's slot: the caller's index may be 100 after the loop
; type: xdp
; maps: array:4:64:1
; func_info: global
; expect: reject
; linux: EACCES invalid access to map value, value_size=64 off=100 size=1
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
	r1 = 100
	*(u64 *)(r2 +0) = r1
	r0 = 0
	exit
