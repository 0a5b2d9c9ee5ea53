; rule: priv
; atomic on an unwritten slot (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack R10 off=-8 size=8
	r1 = 1
	lock *(u64 *)(r10 -8) += r1
	r0 = 0
	exit
