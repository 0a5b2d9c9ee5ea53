; rule: priv
; variable-offset stack write in [-16,-9] (CAP_BPF only)
; type: xdp
; priv: bpf
; expect: reject
; linux: R1 variable stack access prohibited for !root, var_off=(0x0; 0x7) off=-16
	call bpf_get_prandom_u32
	r0 &= 7
	r1 = r10
	r1 += -16
	r1 += r0
	*(u8 *)(r1 +0) = 1
	r0 = 0
	exit
