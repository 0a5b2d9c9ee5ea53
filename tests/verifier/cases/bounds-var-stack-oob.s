; rule: bounds
; variable-offset stack write reaching fp+15
; type: xdp
; expect: reject
; linux: invalid variable-offset write to stack R1 var_off=(0x0; 0x1f) off=-16 size=1
	call bpf_get_prandom_u32
	r0 &= 31
	r1 = r10
	r1 += -16
	r1 += r0
	*(u8 *)(r1 +0) = 1
	r0 = 0
	exit
