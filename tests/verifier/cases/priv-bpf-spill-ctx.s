; rule: priv
; spilling a pointer to the stack is fine
; type: xdp
; priv: bpf
; expect: accept
	*(u64 *)(r10 -8) = r1
	r1 = *(u64 *)(r10 -8)
	r0 = *(u32 *)(r1 +12)
	r0 = 2
	exit
