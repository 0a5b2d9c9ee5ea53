; rule: control
; loop without an exit path
; type: xdp
; expect: reject
; linux: BPF program is too large. Processed 1000001 insn
	r0 = 0
	r0 += 1
	goto pc-2
