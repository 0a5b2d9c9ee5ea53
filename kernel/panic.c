// SPDX-License-Identifier: GPL-2.0
/*
 * panic(): a broken invariant. Print the message and a backtrace, then stop:
 * in test mode exit QEMU with a failing status so the run is reported, never
 * a silent reset; otherwise halt with the message on screen.
 */
#include <bpfkern/kernel.h>
#include <bpfkern/arch.h>

bool panic_exits_qemu;
static bool in_panic;

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	if (in_panic) {
		printk("\nKernel panic: nested panic\n");
		goto stop;
	}
	in_panic = true;
	printk("\nKernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_stack();
stop:
	printk("---[ end Kernel panic ]---\n");
	if (panic_exits_qemu)
		arch_qemu_exit(QEMU_EXIT_PANIC);
	arch_halt();
}
