; rule: callbacks
; callback reads past the caller's stack slot (fp+0)
; type: xdp
; func_info: global
; expect: reject
; linux: EACCES invalid read from stack R2 off=0 size=8
	*(u64 *)(r10 -8) = 0
	r1 = 10
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r1 = *(u64 *)(r2 +8)
	r0 = 0
	exit
