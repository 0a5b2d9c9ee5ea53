/*
 * The 32-bit entry and the switch to long mode.
 *
 * Both loaders (GRUB multiboot2, QEMU multiboot1) jump to _start in 32-bit
 * protected mode with paging off, EAX = the loader's magic and EBX = the
 * physical address of its information structure. This code runs at its load
 * address (the .boot section is linked there); the rest of the kernel is
 * linked at KERNEL_VMA + physical, so every kernel symbol is used here as
 * (symbol - KERNEL_VMA).
 *
 * Steps: zero .bss, check the CPU can do long mode, build the early page
 * tables, enable PAE + SSE, EFER.LME (and NXE when present), paging, load a
 * 64-bit GDT, far-jump to 64-bit code, jump to the higher half, switch to the
 * boot stack and call kernel_main(magic, info_pa). See docs/boot.md.
 *
 * Early page tables (all 2 MiB pages, all RW and executable; the C code
 * replaces them with W^X tables in paging_init):
 *   0 .. 1 GiB            identity, only so the next instruction after
 *                         enabling paging still exists
 *   DIRECT_MAP_BASE + 0 .. 4 GiB   the direct map (__va)
 *   KERNEL_VMA + 0 .. 2 GiB        the kernel image
 */
#include "arch/x86_64/x86.h"

#define PHYS(sym) ((sym) - KERNEL_VMA)
#define PTE_TABLE (_PAGE_PRESENT | _PAGE_RW)
#define PTE_LARGE (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define COM1 0x3f8

	.section .boot.text, "ax"
	.code32
	.global _start
_start:
	cli
	cld
	mov %eax, %ebp			/* magic (EBX keeps the info address) */

	/* Zero .bss: the loaders are asked to, but do not rely on it. */
	mov $PHYS(__bss_start), %edi
	mov $PHYS(__bss_end), %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb
	mov $PHYS(boot_stack_top), %esp
	push %ebx			/* CPUID clobbers EBX */

	/* Long mode present? (CPUID 0x80000001 EDX bit 29) */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	bt $29, %edx
	jnc no_long_mode
	mov %edx, %esi			/* keep the feature bits for NX below */

	/* Four page directories of 2 MiB pages cover 0 .. 4 GiB. */
	mov $PHYS(boot_pd), %edi
	xor %ecx, %ecx
1:	mov %ecx, %eax
	shl $21, %eax
	or $PTE_LARGE, %eax
	mov %eax, (%edi, %ecx, 8)
	movl $0, 4(%edi, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jb 1b

	/* Direct map: PDPT entries 0..3 -> the four directories. */
	mov $PHYS(boot_pdpt_dm), %edi
	mov $PHYS(boot_pd) + PTE_TABLE, %eax
	xor %ecx, %ecx
2:	mov %eax, (%edi, %ecx, 8)
	add $4096, %eax
	inc %ecx
	cmp $4, %ecx
	jb 2b

	/* Identity: 0..1 GiB. Kernel: -2 GiB .. 0 maps physical 0..2 GiB. */
	movl $PHYS(boot_pd) + PTE_TABLE, PHYS(boot_pdpt_low)
	movl $PHYS(boot_pd) + PTE_TABLE, PHYS(boot_pdpt_kernel) + 510 * 8
	movl $PHYS(boot_pd) + 4096 + PTE_TABLE, PHYS(boot_pdpt_kernel) + 511 * 8

	movl $PHYS(boot_pdpt_low) + PTE_TABLE, PHYS(boot_pml4)
	movl $PHYS(boot_pdpt_dm) + PTE_TABLE, PHYS(boot_pml4) + ((DIRECT_MAP_BASE >> 39) & 511) * 8
	movl $PHYS(boot_pdpt_kernel) + PTE_TABLE, PHYS(boot_pml4) + 511 * 8

	/* PAE, and SSE (the compiler uses it in any C code). */
	mov %cr4, %eax
	or $(X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT), %eax
	mov %eax, %cr4
	mov $PHYS(boot_pml4), %eax
	mov %eax, %cr3

	/* EFER: long mode, and no-execute when the CPU has it (bit 20). */
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	bt $20, %esi
	jnc 3f
	or $EFER_NXE, %eax
3:	wrmsr

	mov %cr0, %eax
	and $~X86_CR0_EM, %eax
	or $(X86_CR0_PE | X86_CR0_MP | X86_CR0_WP | X86_CR0_PG), %eax
	mov %eax, %cr0

	pop %ebx
	lgdt boot_gdt_ptr
	ljmp $__KERNEL_CS, $long_mode_low

no_long_mode:
	mov $no_long_mode_msg, %esi
4:	lodsb
	test %al, %al
	jz 6f
	mov %al, %bl
	mov $COM1 + 5, %dx		/* wait for the transmitter */
5:	inb %dx, %al
	test $0x20, %al
	jz 5b
	mov $COM1, %dx
	mov %bl, %al
	outb %al, %dx
	jmp 4b
6:	hlt
	jmp 6b

	.code64
long_mode_low:
	mov $__KERNEL_DS, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	movabs $long_mode_high, %rax
	jmp *%rax

	.section .boot.rodata, "a"
	.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9b000000ffff	/* 0x08: 64-bit code, accessed */
	.quad 0x00cf93000000ffff	/* 0x10: data, accessed */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
no_long_mode_msg:
	.asciz "bpfkern: this CPU has no long mode (x86-64); halting.\r\n"

	.text
long_mode_high:
	movabs $boot_stack_top, %rsp
	rdtsc				/* time zero of ktime_get_ns() */
	shl $32, %rdx
	or %rdx, %rax
	mov %rax, boot_tsc(%rip)
	mov %ebp, %edi			/* magic */
	mov %ebx, %esi			/* info_pa (a 32-bit move zero-extends) */
	xor %ebp, %ebp			/* ends frame-pointer backtraces */
	fninit
	call kernel_main
7:	cli
	hlt
	jmp 7b

	/* Early page tables and the boot stack (zeroed above). */
	.bss
	.align 4096
	.global boot_pml4
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_dm:
	.skip 4096
boot_pdpt_kernel:
	.skip 4096
boot_pd:
	.skip 4 * 4096
	/* Unmapped by paging_init: a boot stack overflow faults here (then #DF on IST). */
	.global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	.skip 4096
boot_stack_bottom:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
