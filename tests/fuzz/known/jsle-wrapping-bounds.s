; An unsound acceptance found by soundness fuzzing (mutate mode, seed
; 20614257 of make fuzz-soundness's run on 2026-11-25), fixed.
; r6 has umax 0xffffffffb62e2e84 (past S64_MAX) and, after the signed
; compare fails, smin -924611656 and smax 0x7fffffffb62e2e84: a signed range
; that wraps. deduce_bounds64 took min(smax, (s64)umax), a negative number,
; so the fall-through looked impossible and was never checked: the write
; 1 KiB past the 64-byte packet ran. Linux (and we, now) keep smin 0,
; smax 0x7fffffffb62e2e84 and reject the write.
; Reproduce: bpfrun asm this -o x.bin && soundness --mode file --prog x.bin
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
