/*
 * Ring 3 <-> ring 0: the SYSCALL entry, the first entry of a new process
 * into ring 3, and the kernel-stack switch between tasks.
 *
 * SYSCALL leaves the user RSP in place and interrupts masked (SFMASK
 * clears IF, TF, DF, AC, NT), so the entry first swaps to the task's kernel
 * stack, kept in cpu_entry (arch/x86_64/syscall.c; one CPU, so a plain
 * global stands for the per-CPU area that SMP would reach through swapgs).
 * It then builds the same struct pt_regs as an interrupt from ring 3
 * (arch/x86_64/traps.h) and saves the FPU/SSE state, because the kernel's C
 * code uses SSE registers that the user expects preserved.
 *
 * Return: SYSRET when the user RIP is a canonical lower-half address (SYSRET
 * with a non-canonical RCX faults in ring 0 on Intel CPUs, with the user's
 * RSP), else IRETQ from the same frame.
 */
#include "arch/x86_64/x86.h"
#include "arch/x86_64/calling.inc"

#define CPU_ENTRY_KERNEL_RSP 0
#define CPU_ENTRY_USER_RSP 8
#define SYSCALL_VECTOR 0x100	/* pt_regs.vector of a system call: no IDT vector */


	.text
	.global syscall_entry
syscall_entry:
	movq %rsp, cpu_entry+CPU_ENTRY_USER_RSP(%rip)
	movq cpu_entry+CPU_ENTRY_KERNEL_RSP(%rip), %rsp
	pushq $__USER_DS			/* ss */
	pushq cpu_entry+CPU_ENTRY_USER_RSP(%rip)	/* rsp */
	pushq %r11				/* rflags */
	pushq $__USER_CS			/* cs */
	pushq %rcx				/* rip */
	pushq $0				/* error code */
	pushq $SYSCALL_VECTOR			/* vector */
	SAVE_GPRS
	sub $512, %rsp
	fxsave (%rsp)
	lea 512(%rsp), %rdi
	call do_syscall_64
	fxrstor (%rsp)
	add $512, %rsp
	RESTORE_GPRS
	add $16, %rsp				/* vector, error code */
	/* rsp -> rip, cs, rflags, rsp, ss: SYSRET when rip is a user address */
	movq (%rsp), %rcx
	movabsq $0x00007fffffffffff, %r11
	cmpq %r11, %rcx
	ja 1f
	movq 16(%rsp), %r11
	movq 24(%rsp), %rsp
	sysretq
1:	iretq

/*
 * The first return of a new process: arch_task_setup left a struct pt_regs
 * (user RIP/RSP, user segments, IF set, all registers zero) on its kernel
 * stack and this function's address as switch_to's return address.
 */
	.global ret_from_fork
ret_from_fork:
	fxrstor initial_fpu_state(%rip)
	RESTORE_GPRS
	add $16, %rsp
	iretq

/*
 * switch_to(&prev->ksp, next->ksp): save the callee-saved registers on the
 * current kernel stack, store its pointer, load next's and pop its
 * registers. Returns in next, where next last called switch_to (or in
 * ret_from_fork for a new process).
 */
	.global switch_to
switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

	.section .note.GNU-stack, "", @progbits
