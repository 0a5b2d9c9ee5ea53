; rule: ctx
; ctx pointer survives spill and fill
; type: xdp
; expect: accept
	*(u64 *)(r10 -8) = r1
	r2 = *(u64 *)(r10 -8)
	r0 = *(u32 *)(r2 +12)
	r0 = 2
	exit
