; rule: calls
; not an XDP helper -- Linux: get_current_pid_tgid is a base helper for every type in 6.18
; type: xdp
; expect: accept
	call bpf_get_current_pid_tgid
	r0 = 2
	exit
