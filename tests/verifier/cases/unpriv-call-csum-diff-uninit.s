; rule: priv
; csum_diff reading unwritten stack (CAP_BPF only: no uninitialised stack)
; type: xdp
; priv: bpf
; expect: reject
; linux: invalid read from stack R1 off=-8 size=8
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0
	r4 = 0
	r5 = 0
	call bpf_csum_diff
	r0 = 2
	exit
