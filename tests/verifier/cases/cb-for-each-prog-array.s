; rule: callbacks
; for_each over a prog array
; type: xdp
; maps: prog_array:4:4:4
; func_info: global
; expect: reject
; linux: callback function not allowed for map
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r0 = 0
	exit
