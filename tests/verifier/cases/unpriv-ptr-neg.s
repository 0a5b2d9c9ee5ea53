; rule: priv
; negating a pointer (CAP_BPF only)
; type: xdp
; priv: bpf
; expect: reject
; linux: R1 pointer arithmetic prohibited
	r1 = r10
	r1 = -r1
	r0 = 2
	exit
