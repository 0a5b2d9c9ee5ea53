; rule: structure
; helper 0 (unspec)
; type: xdp
; expect: reject
; linux: program of this type cannot use helper bpf_unspec#0
	call 0
	r0 = 0
	exit
