/* SPDX-License-Identifier: GPL-2.0 */
/* Arch-private: the register frame built by arch/x86_64/entry.S. */
#ifndef ARCH_X86_64_TRAPS_H
#define ARCH_X86_64_TRAPS_H

#include <bpfkern/types.h>

/* Lowest address first: the order isr_common pushes, reversed. */
struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error_code;
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

#define NR_EXCEPTIONS 32
#define IRQ_BASE_VECTOR 32 /* the PIC's 16 lines: 32 .. 47 */
#define MSI_FIRST_VECTOR 48 /* arch_msi_alloc (arch/x86_64/apic.c) */
#define MSI_LAST_VECTOR 62
#define APIC_SPURIOUS_VECTOR 63
#define NR_VECTORS 64

/* An MSI or the APIC's spurious vector arrived: its handler, then the EOI. */
void apic_handle_vector(unsigned int vector);

#define X86_TRAP_DE 0
#define X86_TRAP_NMI 2
#define X86_TRAP_BP 3
#define X86_TRAP_UD 6
#define X86_TRAP_DF 8
#define X86_TRAP_GP 13
#define X86_TRAP_PF 14
#define X86_TRAP_MC 18

void trap_dispatch(struct pt_regs *regs);
/* Print the report of an unhandled exception and stop (arch/x86_64/traps.c). */
__noreturn void exception_report(struct pt_regs *regs);
/*
 * Ring 3 (arch/x86_64/uaccess.c, usermode.c): fixup_exception resolves a
 * kernel fault at a user-access instruction (exception table) or on a
 * kernel-half mapping the live address space lacks; user_fault reports an
 * exception from ring 3 and ends that process.
 */
bool fixup_exception(struct pt_regs *regs);
/*
 * What syscall_entry needs before it has a stack (one CPU: a global for the
 * per-CPU area): the top of current's kernel stack, and scratch for the user RSP.
 */
struct cpu_entry {
	unsigned long kernel_rsp;
	unsigned long user_rsp;
};
extern struct cpu_entry cpu_entry;
__noreturn void user_fault(struct pt_regs *regs);
/* Interrupts seen on an IRQ line since boot. */
unsigned long irq_count(unsigned int irq);

/* For tests: the gate of a vector as loaded in the IDT. */
struct idt_gate_info {
	u64 handler;
	u16 selector;
	u8 ist, type, dpl;
	bool present;
};
void idt_gate(unsigned int vector, struct idt_gate_info *info);

/* Page-walk helpers (paging.c). True when [va, va+len) is mapped in the kernel tables. */
bool kernel_range_mapped(unsigned long va, size_t len);
/* The raw flag bits of the 4 KiB leaf entry mapping va, 0 when there is none (tests). */
u64 lookup_pte_flags(unsigned long va);

#endif
