; rule: priv
; CAP_BPF-only load of a trivial program
; type: xdp
; priv: bpf
; expect: accept
	r0 = 2
	exit
