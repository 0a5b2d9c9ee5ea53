; rule: callbacks
; the callback's index checked before use as a map value offset
; type: xdp
; maps: array:4:64:1
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
	r6 = r1
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	if r6 > 63 goto out
	r0 += r6
	r0 = *(u8 *)(r0 +0)
out:
	r0 = 0
	exit
