; rule: priv
; 8-byte key with only 4 bytes written (CAP_BPF only: no uninitialised stack)
; type: xdp
; maps: hash:8:8:16
; priv: bpf
; expect: reject
; linux: invalid read from stack R2 off -8+0 size 8
	*(u32 *)(r10 -4) = 0
	r2 = r10
	r2 += -8
	r1 = map[fd:0]
	call bpf_map_lookup_elem
	r0 = 2
	exit
