; rule: priv
; value not initialised (CAP_BPF only: no uninitialised stack)
; type: xdp
; maps: hash:4:8:16
; priv: bpf
; expect: reject
; linux: invalid read from stack R3 off=-16 size=8
	*(u32 *)(r10 -4) = 1
	r1 = map[fd:0]
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r4 = 0
	call bpf_map_update_elem
	r0 = 2
	exit
