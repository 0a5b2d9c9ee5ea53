; rule: callbacks
; callback dereferences a NULL ctx
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES R2 invalid mem access 'scalar'
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r1 = *(u64 *)(r2 +0)
	r0 = 0
	exit
