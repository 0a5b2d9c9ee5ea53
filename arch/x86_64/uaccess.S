/*
 * The only instructions in the kernel that touch user memory. Callers
 * (kernel/uaccess.c) have already checked that the range lies below the
 * user limit; what can still happen is a page fault on an unmapped or
 * protected user page. Each instruction that may fault has an entry in the
 * exception table below (its address, where to resume); the page-fault
 * handler (fixup_exception in arch/x86_64/uaccess.c) finds it and resumes at
 * the fixup, which returns the number of bytes not done. No panic.
 *
 * With SMAP on, the kernel may touch user pages only while RFLAGS.AC is set:
 * stac before the access, clac after it and in every fixup.
 */
#include "arch/x86_64/x86.h"

.macro USER_ACCESS_BEGIN
	cmpb $0, uaccess_smap(%rip)
	je 98f
	stac
98:
.endm

.macro USER_ACCESS_END
	cmpb $0, uaccess_smap(%rip)
	je 99f
	clac
99:
.endm

/* EX_ENTRY insn, fixup: a fault at insn resumes at fixup. */
.macro EX_ENTRY insn, fixup
	.pushsection .rodata.uaccess_extable, "a"
	.quad \insn, \fixup
	.popsection
.endm

/* The exception table: (faulting instruction, fixup) pairs, this file's only. */
	.section .rodata.uaccess_extable, "a"
	.align 8
	.global uaccess_extable_start
uaccess_extable_start:

	.text
/*
 * unsigned long raw_copy_user(void *dst, const void *src, unsigned long n):
 * copy n bytes (one side in user memory); returns the bytes NOT copied.
 */
	.global raw_copy_user
raw_copy_user:
	movq %rdx, %rcx
	USER_ACCESS_BEGIN
1:	rep movsb
	USER_ACCESS_END
	movq %rcx, %rax
	ret
2:	USER_ACCESS_END			/* fault: rcx holds what rep movsb had left */
	movq %rcx, %rax
	ret
	EX_ENTRY 1b, 2b

/* unsigned long raw_clear_user(void *dst, unsigned long n): bytes NOT cleared. */
	.global raw_clear_user
raw_clear_user:
	movq %rsi, %rcx
	xorl %eax, %eax
	USER_ACCESS_BEGIN
1:	rep stosb
	USER_ACCESS_END
	movq %rcx, %rax
	ret
2:	USER_ACCESS_END
	movq %rcx, %rax
	ret
	EX_ENTRY 1b, 2b

/*
 * long raw_strncpy_user(char *dst, const char *src, long count), count > 0:
 * the length of the string (NUL copied), count when no NUL came in count
 * bytes, -1 on a fault.
 */
	.global raw_strncpy_user
raw_strncpy_user:
	xorl %eax, %eax
	USER_ACCESS_BEGIN
1:	movb (%rsi,%rax), %cl
	movb %cl, (%rdi,%rax)
	testb %cl, %cl
	jz 3f
	incq %rax
	cmpq %rdx, %rax
	jb 1b
3:	USER_ACCESS_END
	ret
2:	USER_ACCESS_END
	movq $-1, %rax
	ret
	EX_ENTRY 1b, 2b

/*
 * int smap_probe_read(const void *addr, unsigned long *val): read 8 bytes
 * WITHOUT stac, for the test that SMAP stops plain kernel accesses to user
 * pages. 0 when the read worked, -1 when it faulted.
 */
	.global smap_probe_read
smap_probe_read:
1:	movq (%rdi), %rax
	movq %rax, (%rsi)
	xorl %eax, %eax
	ret
2:	movl $-1, %eax
	ret
	EX_ENTRY 1b, 2b

/* The exception table's end: every EX_ENTRY of this file lies between the two labels. */
	.section .rodata.uaccess_extable, "a"
	.global uaccess_extable_end
uaccess_extable_end:

	.section .note.GNU-stack, "", @progbits
