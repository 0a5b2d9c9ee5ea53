; rule: callbacks
; for_each: r1 is the map, usable in map helpers
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
	call bpf_map_delete_elem
	r0 = 0
	exit
