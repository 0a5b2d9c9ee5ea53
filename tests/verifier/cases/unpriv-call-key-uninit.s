; rule: priv
; key bytes never written (CAP_BPF only: no uninitialised stack)
; type: xdp
; maps: hash:4:8:16
; priv: bpf
; expect: reject
; linux: invalid read from stack R2 off=-4 size=4
	r2 = r10
	r2 += -4
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
