; An unsound acceptance found by soundness fuzzing (mutate mode), open.
; The verifier keeps a stack slot's constant across an atomic read-modify-write
; (here: fp-8 = 0 after "lock += r0", though it holds 5) and gives BPF_FETCH
; results a wrong constant, so r1 is believed 0 and the load at insn 7 is
; believed to read fp-8. At run time r1 = 5 << 20: a read 5 MiB above the
; stack. Linux marks the slot STACK_MISC after any atomic (unknown scalar on
; reload) and rejects the pointer arithmetic's access.
; Reproduce: bpfrun asm this -o x.bin && soundness --mode file --prog x.bin
	r0 = 5
	*(u64 *)(r10 -8) = 0
	lock *(u64 *)(r10 -8) += r0
	r1 = *(u64 *)(r10 -8)
	r1 <<= 20
	r2 = r10
	r2 += r1
	r0 = *(u64 *)(r2 -8)
	r0 = 2
	exit
