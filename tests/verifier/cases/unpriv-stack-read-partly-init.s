; rule: priv
; half of the slot written (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack off -8+4 size 8
	*(u32 *)(r10 -8) = 5
	r0 = *(u64 *)(r10 -8)
	exit
