; rule: callbacks
; for_each: r5 is not an argument
; type: xdp
; maps: hash:4:8:4
; func_info: global
; expect: reject
; linux: EACCES R5 !read_ok
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r0 = r5
	r0 = 0
	exit
