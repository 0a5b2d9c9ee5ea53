; rule: callbacks
; the callback cannot touch the caller's packet (no ctx in a callback)
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES R1 invalid mem access 'scalar'
	r1 = 10
	r2 = subprog[cb]
	r3 = 0
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r1 = *(u32 *)(r1 +0)
	r0 = 0
	exit
