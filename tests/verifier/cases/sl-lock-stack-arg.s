; rule: spin_lock
; the argument must be a map value
; type: xdp
; maps: array:4:16:1:lock0
; expect: reject
; linux: EACCES R1 type=fp expected=map_value, ptr_
	r1 = r10
	r1 += -8
	call bpf_spin_lock
	r0 = 2
	exit
