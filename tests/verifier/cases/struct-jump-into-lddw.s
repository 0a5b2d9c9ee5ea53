; rule: structure
; jump into the second half of an lddw
; type: xdp
; expect: reject
; linux: jump into the middle of ldimm64 insn 2
	call bpf_get_prandom_u32
	if r0 == 0 goto pc+1
	r0 = 0x1234567890 ll
	r0 = 0
	exit
