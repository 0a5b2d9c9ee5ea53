; rule: calls
; map argument is a number
; type: xdp
; maps: hash:4:8:16
; expect: reject
; linux: R1 type=scalar expected=map_ptr
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -4
	r1 = 0
	call bpf_map_lookup_elem
	r0 = 2
	exit
