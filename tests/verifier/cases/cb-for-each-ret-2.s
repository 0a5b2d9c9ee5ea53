; rule: callbacks
; for_each: the callback returns 2
; type: xdp
; maps: hash:4:8:4
; func_info: global
; expect: reject
; linux: EINVAL At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r0 = 2
	exit
