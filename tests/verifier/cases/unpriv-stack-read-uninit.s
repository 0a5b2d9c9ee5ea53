; rule: priv
; read before any write (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack R10 off=-8 size=8
	r0 = *(u64 *)(r10 -8)
	exit
