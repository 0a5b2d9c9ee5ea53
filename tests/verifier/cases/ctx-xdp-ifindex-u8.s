; rule: ctx
; narrow read of a scalar field -- Linux: XDP ctx allows only full 4-byte reads
; type: xdp
; expect: reject
; linux: invalid bpf_context access off=12 size=1
	r0 = *(u8 *)(r1 +12)
	r0 = 2
	exit
