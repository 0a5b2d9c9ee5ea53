; rule: priv
; pointer subtraction leaks
; type: xdp
; priv: bpf
; expect: reject
; linux: R2 pointer -= pointer prohibited
	r2 = r10
	r3 = r10
	r3 += -8
	r2 -= r3
	r0 = r2
	r0 &= 3
	exit
