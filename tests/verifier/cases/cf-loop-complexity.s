; rule: control
; a million iterations: the 1M processed-insn limit
; type: xdp
; expect: reject
; linux: BPF program is too large. Processed 1000001 insn
	r0 = 0
	r1 = 0
loop:
	r0 += 1
	r1 += 1
	if r1 < 1000000 goto loop
	r0 &= 3
	exit
