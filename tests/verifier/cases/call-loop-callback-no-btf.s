; rule: calls
; bpf_loop with a callback (BPF_PSEUDO_FUNC lddw) in a program without BTF: Linux wants func_info
; type: xdp
; expect: reject
; linux: EINVAL missing btf func_info
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r0 = 0
	exit
