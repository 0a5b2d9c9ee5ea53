; rule: callbacks
; for_each: the key pointer is never NULL
; type: xdp
; maps: hash:4:8:4
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
	if r2 == 0 goto out
	r6 = *(u32 *)(r2 +0)
out:
	r0 = 0
	exit
