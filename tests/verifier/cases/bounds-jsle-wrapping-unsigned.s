; rule: bounds
; a signed compare on a value whose unsigned range passes S64_MAX: the fall-through stays possible (soundness fuzzing found it dropped)
; type: xdp
; expect: reject
; linux: EACCES invalid access to packet
	r8 = *(u32 *)(r1 +0)
	r9 = *(u32 *)(r1 +4)
	r7 = r8
	r7 += 14
	if r7 > r9 goto out
	call bpf_get_prandom_u32
	r6 = r0
	call bpf_get_prandom_u32
	r6 <<= 32
	r6 |= r0
	if w6 & 0x49d1d17b goto out
	if r6 s<= 0xc8e38bb7 goto out
	*(u64 *)(r8 +1033) = r6
out:
	r0 = 2
	exit
