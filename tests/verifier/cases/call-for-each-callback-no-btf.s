; rule: calls
; bpf_for_each_map_elem with a callback in a program without BTF: Linux wants func_info
; type: xdp
; maps: hash:4:8:4
; expect: reject
; linux: EINVAL missing btf func_info
	r1 = map[fd:0]
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_for_each_map_elem
	r0 = 2
	exit
cb:
	r0 = 1
	exit
