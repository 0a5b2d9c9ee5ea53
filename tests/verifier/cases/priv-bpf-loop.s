; rule: priv
; bounded loops need only bpf_capable -- Linux: without CAP_PERFMON the loop never converges within 1M insns
; type: xdp
; priv: bpf
; expect: reject
; linux: BPF program is too large. Processed 1000001 insn
	r0 = 0
	r1 = 0
loop:
	r0 += 3
	r1 += 1
	if r1 < 10 goto loop
	r0 &= 3
	exit
