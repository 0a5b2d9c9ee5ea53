; rule: priv
; callee reads unwritten caller stack (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack R1 off=-8 size=8
	r1 = r10
	r1 += -8
	call f
	r0 &= 3
	exit
f:
	r0 = *(u64 *)(r1 +0)
	exit
