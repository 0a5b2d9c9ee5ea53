/*
 * Ring-3 entry: the kernel (kernel/exec.c) starts a program here with RSP at
 * argc, followed by argv[], NULL, envp[], NULL, auxv: Linux's layout.
 * __user_start (user/syscalls.c) runs main and exits with its value.
 */
	.section .text.start, "ax"
	.global _start
_start:
	xorl %ebp, %ebp			/* the outermost frame for backtraces */
	movq %rsp, %rdi
	andq $-16, %rsp
	call __user_start
	ud2

	.section .note.GNU-stack, "", @progbits
