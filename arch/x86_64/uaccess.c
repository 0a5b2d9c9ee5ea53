// SPDX-License-Identifier: GPL-2.0
/*
 * The exception table of the user-access instructions (arch/x86_64/uaccess.S)
 * and the page-fault side of user memory: a kernel fault at one of those
 * instructions resumes at its fixup (the copy then reports -EFAULT), and a
 * fault on a kernel-half address missing from the live address space
 * (mapped after it was created) is repaired from the kernel's tables.
 */
#include <bpfkern/kernel.h>
#include <bpfkern/paging.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry uaccess_extable_start[], uaccess_extable_end[];

/* The fixup for a fault at rip, 0 when rip is not a user-access instruction. */
static unsigned long search_exception_table(unsigned long rip)
{
	for (const struct exception_table_entry *e = uaccess_extable_start; e < uaccess_extable_end;
	     e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

/*
 * For trap_dispatch, before the fatal report: true when the kernel-mode
 * exception in regs was resolved (execution resumes at regs->rip).
 */
bool fixup_exception(struct pt_regs *regs)
{
	unsigned long fixup;

	if ((regs->cs & 3) != 0)
		return false;
	if (regs->vector == X86_TRAP_PF && !(regs->error_code & BIT(0)) &&
	    pgd_sync_kernel(read_cr2()))
		return true;
	if (regs->vector != X86_TRAP_PF && regs->vector != X86_TRAP_GP)
		return false;
	fixup = search_exception_table(regs->rip);
	if (!fixup)
		return false;
	regs->rip = fixup;
	return true;
}
