// SPDX-License-Identifier: GPL-2.0
/*
 * The SYSCALL instruction's setup and its C entry (arch/x86_64/syscall_entry.S
 * is the assembly side). Linux's x86-64 convention: the number in RAX, the
 * arguments in RDI, RSI, RDX, R10, R8, R9 (R10 instead of RCX, which SYSCALL
 * overwrites with the return address, as R11 with RFLAGS); the result in RAX.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/process.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SYSCALL_MASK 0xc0000084

#define X86_EFLAGS_TF BIT(8)
#define X86_EFLAGS_IF BIT(9)
#define X86_EFLAGS_DF BIT(10)
#define X86_EFLAGS_NT BIT(14)
#define X86_EFLAGS_AC BIT(18)

/* kernel_rsp: set by arch_switch_to with the TSS's rsp0 (arch/x86_64/usermode.c). */
struct cpu_entry cpu_entry;

/* The FPU state a new process starts with: x87 and SSE defaults, all registers zero. */
const u8 initial_fpu_state[512] __aligned(16) = {
	[0] = 0x7f,
	[1] = 0x03, /* FCW 0x037f */
	[24] = 0x80,
	[25] = 0x1f, /* MXCSR 0x1f80 */
};

extern char syscall_entry[];
void do_syscall_64(struct pt_regs *regs);

/* Set by syscall_init when CR4.SMAP is on: uaccess.S then brackets user accesses with stac/clac. */
u8 uaccess_smap;

/*
 * STAR: SYSCALL loads CS = STAR[47:32] (SS = +8); SYSRET loads CS =
 * STAR[63:48] + 16 and SS = STAR[63:48] + 8, hence the GDT's order
 * (arch/x86_64/gdt.c). SFMASK clears IF (the entry has no stack yet), TF,
 * DF (the C ABI), AC (SMAP must hold in the kernel) and NT.
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)(__USER32_CS & ~3) << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	wrmsr(MSR_SYSCALL_MASK,
	      X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	if (boot_cpu.smap) {
		write_cr4(read_cr4() | X86_CR4_SMAP);
		uaccess_smap = 1;
	}
}

/* Called by syscall_entry with interrupts off; the result goes back in RAX. */
void do_syscall_64(struct pt_regs *regs)
{
	const unsigned long args[6] = { regs->rdi, regs->rsi, regs->rdx,
					regs->r10, regs->r8,  regs->r9 };

	regs->rax = (u64)syscall_dispatch(regs->rax, args);
	exit_to_user_mode(false);
}

bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
