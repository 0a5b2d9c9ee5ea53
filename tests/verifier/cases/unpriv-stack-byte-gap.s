; rule: priv
; two bytes in between not written (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack off -4+1 size 4
	*(u8 *)(r10 -1) = 5
	*(u8 *)(r10 -4) = 6
	r0 = *(u32 *)(r10 -4)
	exit
