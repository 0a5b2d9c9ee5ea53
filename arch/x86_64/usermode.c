// SPDX-License-Identifier: GPL-2.0
/*
 * The arch half of processes: each task's kernel stack, the switch between
 * tasks (address space, kernel stack, callee-saved registers), the first
 * entry into ring 3, and what happens when ring 3 faults: a report in
 * Linux's "segfault at" style and the end of that process, never of the
 * kernel.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <bpfkern/process.h>
#include <string.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

/*
 * A kernel stack is a 32 KiB block whose lowest page is a guard, absent from
 * the direct map: an overflow faults there, the page fault cannot push its
 * frame, and the double fault reports it on its own IST stack.
 */
#define KSTACK_ORDER 3
#define KSTACK_SIZE (PAGE_SIZE << KSTACK_ORDER)
#define USER_RFLAGS (BIT(9) | BIT(1)) /* IF and the fixed bit */

/* Linux's signal numbers, for the wait status of a killed process. */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGSEGV 11

extern char ret_from_fork[];
void switch_to(unsigned long *prev_ksp, unsigned long next_ksp);

/* The words switch_to pops for a new task: r15..rbp, then its return address. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, rbx, rbp;
	unsigned long ret;
	struct pt_regs regs;
};

static unsigned long kstack_top(const struct task_struct *t)
{
	return (unsigned long)t->kstack + KSTACK_SIZE;
}

int arch_task_setup(struct task_struct *t, unsigned long entry, unsigned long sp)
{
	struct fork_frame *f;

	t->kstack = alloc_pages(KSTACK_ORDER);
	if (!t->kstack)
		return -ENOMEM;
	if (direct_map_set_present(t->kstack, false)) {
		free_pages(t->kstack, KSTACK_ORDER);
		t->kstack = NULL;
		return -ENOMEM;
	}
	f = (struct fork_frame *)(kstack_top(t) - sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->ret = (unsigned long)ret_from_fork;
	f->regs.rip = entry;
	f->regs.cs = __USER_CS;
	f->regs.rflags = USER_RFLAGS;
	f->regs.rsp = sp;
	f->regs.ss = __USER_DS;
	t->ksp = (unsigned long)f;
	return 0;
}

void arch_task_free(struct task_struct *t)
{
	direct_map_set_present(t->kstack, true);
	free_pages(t->kstack, KSTACK_ORDER);
	t->kstack = NULL;
}

/*
 * Called with interrupts off. A task without a kernel stack of its own
 * (the idle task: the boot stack) keeps the TSS and entry stacks as they
 * are: it never enters from ring 3.
 */
void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
	switch_pgd(next->pgd);
	if (next->kstack) {
		tss_set_rsp0(kstack_top(next));
		cpu_entry.kernel_rsp = kstack_top(next);
	}
	current_task = next;
	switch_to(&prev->ksp, next->ksp);
}

static int fault_signal(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_BP:
	case 1: /* debug */
		return SIGTRAP;
	case X86_TRAP_DE:
	case 16: /* x87 */
	case 19: /* SIMD */
		return SIGFPE;
	case 17: /* alignment check */
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

__noreturn void user_fault(struct pt_regs *regs)
{
	int sig = fault_signal(regs->vector);

	if (regs->vector == X86_TRAP_PF)
		printk("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx (%s%s%s)\n",
		       current->comm, current->pid, read_cr2(), regs->rip, regs->rsp,
		       regs->error_code,
		       regs->error_code & BIT(4)   ? "instruction fetch"
		       : regs->error_code & BIT(1) ? "write"
						   : "read",
		       regs->error_code & BIT(0) ? ", protection violation" : ", not present", "");
	else
		printk("%s[%d]: trap %lu (error %lx) ip %016lx sp %016lx\n", current->comm,
		       current->pid, regs->vector, regs->error_code, regs->rip, regs->rsp);
	printk("%s[%d]: killed by signal %d; the kernel runs on\n", current->comm, current->pid,
	       sig);
	do_exit(sig);
}
