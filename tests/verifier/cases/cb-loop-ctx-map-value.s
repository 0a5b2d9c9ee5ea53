; rule: callbacks
; ctx must be a stack pointer or NULL
; type: xdp
; maps: array:4:8:1
; func_info: global
; expect: reject
; linux: EACCES R3 type=map_value expected=fp
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	if r0 == 0 goto out
	r1 = 10
	r2 = subprog[cb]
	r3 = r0
	r4 = 0
	call bpf_loop
out:
	r0 = 2
	exit
cb:
	r0 = 0
	exit
