; rule: calls
; redirect returns the action
; type: xdp
; expect: accept
	r1 = 1
	r2 = 0
	call bpf_redirect
	exit
