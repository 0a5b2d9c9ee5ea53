; rule: callbacks
; counter in the caller's stack, unknown loop count, counter unused
; type: xdp
; func_info: global
; expect: accept
	*(u64 *)(r10 -8) = 0
	call bpf_get_prandom_u32
	r1 = r0
	r2 = subprog[cb]
	r3 = r10
	r3 += -8
	r4 = 0
	call bpf_loop
	r0 = 2
	exit
cb:
	r1 = *(u64 *)(r2 +0)
	r1 += 1
	*(u64 *)(r2 +0) = r1
	r0 = 0
	exit
