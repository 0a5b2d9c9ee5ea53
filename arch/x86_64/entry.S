/*
 * Interrupt and exception entry stubs, vectors 0..63.
 *
 * Each stub makes the stack look the same (a dummy error code where the CPU
 * pushes none, then the vector number) and jumps to isr_common, which saves
 * every general-purpose register (struct pt_regs in arch/x86_64/traps.h) and
 * the whole FPU/SSE state (fxsave: kernel C code uses SSE registers, and an
 * interrupt must not change them under the interrupted code), calls
 * trap_dispatch(regs) and restores everything in reverse.
 *
 * Stack alignment: in 64-bit mode the CPU aligns RSP to 16 before pushing
 * its 5-word frame; error code + vector + 15 registers make 176 bytes, a
 * multiple of 16, so the 512-byte fxsave area below them is 16-aligned.
 */
#include "arch/x86_64/x86.h"
#include "arch/x86_64/calling.inc"

.macro ISR_NOERR n
	.align 16
isr\n:
	pushq $0
	pushq $\n
	jmp isr_common
.endm

.macro ISR_ERR n
	.align 16
isr\n:
	pushq $\n
	jmp isr_common
.endm

	.text
/* Vectors with a CPU-pushed error code: 8, 10-14, 17, 21, 29, 30. */
.irp n, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
	ISR_NOERR \n
.endr
.irp n, 8,10,11,12,13,14,17,21,29,30
	ISR_ERR \n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	ISR_NOERR \n
.endr
.irp n, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	ISR_NOERR \n
.endr

isr_common:
	SAVE_GPRS
	sub $512, %rsp
	fxsave (%rsp)
	lea 512(%rsp), %rdi
	pushq $2			/* RFLAGS: only the fixed bit; AC=0 (SMAP holds), DF=0 */
	popfq
	call trap_dispatch
	fxrstor (%rsp)
	add $512, %rsp
	RESTORE_GPRS
	add $16, %rsp			/* vector, error code */
	iretq

/* The stub addresses, indexed by vector, for idt_init. */
	.section .rodata
	.align 8
	.global isr_stub_table
isr_stub_table:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad isr\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad isr\n
.endr
.irp n, 48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	.quad isr\n
.endr

	.section .note.GNU-stack, "", @progbits
