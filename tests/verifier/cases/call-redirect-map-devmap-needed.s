; rule: calls
; redirect_map on an array map
; type: xdp
; maps: array:4:64:4
; expect: reject
; linux: cannot pass map_type 2 into func bpf_redirect_map#51
	r1 = map[fd:0]
	r2 = 0
	r3 = 0
	call bpf_redirect_map
	exit
