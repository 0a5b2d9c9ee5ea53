// SPDX-License-Identifier: GPL-2.0
/*
 * What happens when an exception is not handled: the exception report
 * (vector name, error code, RIP with its symbol, CR2, every register, a
 * frame-pointer backtrace) and a stop. In test mode the stop is a failing
 * QEMU exit status, never a silent reset. Also: symbol lookup for
 * backtraces, and the deliberate faults the boot tier uses.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/ksyms.h>
#include <stdio.h>
#include <string.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

#define BACKTRACE_MAX 32

static const char *const exception_names[NR_EXCEPTIONS] = {
	[0] = "Divide Error",
	[1] = "Debug",
	[2] = "NMI",
	[3] = "Breakpoint",
	[4] = "Overflow",
	[5] = "BOUND Range Exceeded",
	[6] = "Invalid Opcode",
	[7] = "Device Not Available",
	[8] = "Double Fault",
	[9] = "Coprocessor Segment Overrun",
	[10] = "Invalid TSS",
	[11] = "Segment Not Present",
	[12] = "Stack-Segment Fault",
	[13] = "General Protection Fault",
	[14] = "Page Fault",
	[16] = "x87 Floating-Point Error",
	[17] = "Alignment Check",
	[18] = "Machine Check",
	[19] = "SIMD Floating-Point Exception",
	[20] = "Virtualization Exception",
	[21] = "Control Protection Exception",
	[28] = "Hypervisor Injection Exception",
	[29] = "VMM Communication Exception",
	[30] = "Security Exception",
};

const struct ksym *ksym_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned int lo = 0, hi = ksyms_count;
	extern char _etext[];

	if (!ksyms_count || addr < ksyms[0].addr || addr >= (unsigned long)_etext)
		return NULL;
	while (hi - lo > 1) { /* invariant: ksyms[lo].addr <= addr */
		unsigned int mid = lo + (hi - lo) / 2;

		if (ksyms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms[lo].addr;
	*size = (lo + 1 < ksyms_count ? ksyms[lo + 1].addr : (unsigned long)_etext) -
		ksyms[lo].addr;
	return &ksyms[lo];
}

const char *ksym_format(unsigned long addr, char *buf, size_t size)
{
	unsigned long off, len;
	const struct ksym *s = ksym_lookup(addr, &off, &len);

	if (s)
		snprintf(buf, size, "%s+0x%lx/0x%lx", s->name, off, len);
	else
		snprintf(buf, size, "?");
	return buf;
}

/*
 * Walk saved frame pointers: each frame is [saved rbp][return address].
 * Stops at a zero rbp (the boot stack's end), a frame that is unmapped,
 * misaligned, or not above the previous one (a corrupt chain).
 */
void arch_dump_stack(unsigned long rbp)
{
	char sym[96];

	printk("Call Trace:\n");
	for (int i = 0; i < BACKTRACE_MAX && rbp; i++) {
		const unsigned long *frame = (const unsigned long *)rbp;
		unsigned long ret;

		if (!IS_ALIGNED(rbp, 8) || !kernel_range_mapped(rbp, 16)) {
			printk(" <bad frame pointer %016lx>\n", rbp);
			return;
		}
		ret = frame[1];
		if (!ret)
			return;
		printk(" [<%016lx>] %s\n", ret, ksym_format(ret, sym, sizeof(sym)));
		if (frame[0] <= rbp)
			return;
		rbp = frame[0];
	}
}

void dump_stack(void)
{
	arch_dump_stack(read_rbp());
}

static void print_page_fault_cause(u64 err)
{
	printk("#PF: %s access by %s code, %s%s%s\n",
	       (err & BIT(4))	? "instruction fetch"
	       : (err & BIT(1)) ? "write"
				: "read",
	       (err & BIT(2)) ? "user" : "kernel",
	       (err & BIT(0)) ? "protection violation" : "page not present",
	       (err & BIT(3)) ? ", reserved bit set" : "",
	       (err & BIT(5)) ? ", protection key" : "");
}

static void print_regs(const struct pt_regs *r)
{
	printk("RSP: %04lx:%016lx RFLAGS: %08lx\n", r->ss, r->rsp, r->rflags);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", r->rbp, r->r8, r->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk("CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr0(), read_cr2(),
	       read_cr3(), read_cr4());
}

/*
 * A function that faults before building its frame (a leaf, or at its first
 * instruction) is missing from the frame-pointer chain; its return address
 * is then on top of the stack. Print that word when it points into kernel
 * text, marked "?" as a guess (as Linux marks unreliable entries).
 */
static void print_stack_top(const struct pt_regs *regs)
{
	unsigned long ret, off, size;
	char sym[96];

	if (!kernel_range_mapped(regs->rsp, 8))
		return;
	ret = *(const unsigned long *)regs->rsp;
	if (ksym_lookup(ret, &off, &size))
		printk(" [<%016lx>] ? %s\n", ret, ksym_format(ret, sym, sizeof(sym)));
}

/* The report for an unhandled exception; never returns. */
__noreturn void exception_report(struct pt_regs *regs)
{
	static bool reporting;
	unsigned int vec = regs->vector;
	const char *name = vec < NR_EXCEPTIONS && exception_names[vec] ? exception_names[vec]
								       : "Reserved";
	char sym[96];

	local_irq_disable();
	if (reporting) { /* faulted while reporting: say so and stop */
		printk("\nnested exception %u at %016lx while reporting\n", vec, regs->rip);
		goto stop;
	}
	reporting = true;
	printk("\nException: %s (vector %u), error code 0x%lx\n", name, vec, regs->error_code);
	if (vec == X86_TRAP_PF)
		print_page_fault_cause(regs->error_code);
	printk("RIP: %04lx:%016lx %s\n", regs->cs, regs->rip,
	       ksym_format(regs->rip, sym, sizeof(sym)));
	print_regs(regs);
	printk(" [<%016lx>] %s\n", regs->rip, sym);
	print_stack_top(regs);
	arch_dump_stack(regs->rbp);
stop:
	printk("---[ end exception report ]---\n");
	if (panic_exits_qemu)
		arch_qemu_exit(QEMU_EXIT_PANIC);
	arch_halt();
}

/* Deliberate faults. noinline keeps them as named frames in the backtrace. */
static __attribute__((noinline)) void fault_pagefault(void)
{
	*(volatile unsigned long *)0xdead000 = 1;
}

static __attribute__((noinline)) void fault_gp(void)
{
	*(volatile unsigned long *)0x8000000000000000UL = 1; /* non-canonical */
}

static __attribute__((noinline)) void fault_ud(void)
{
	__asm__ __volatile__("ud2");
}

static __attribute__((noinline)) void fault_divide(void)
{
	__asm__ __volatile__("xor %%ecx, %%ecx; div %%ecx" : : : "rax", "rcx", "rdx");
}

/* Recurse until the boot stack's guard page: #PF cannot push its frame, so #DF (IST). */
static __attribute__((noinline)) unsigned long fault_recurse(volatile unsigned long depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth == ~0UL) /* never: only to make the recursion look finite */
		return 0;
	return fault_recurse(depth + 1) + pad[0];
}

static __attribute__((noinline)) void fault_stack_overflow(void)
{
	fault_recurse(0);
}

static __attribute__((noinline)) void fault_panic(void)
{
	panic("deliberate panic (fault=panic)");
}

int arch_trigger_fault(const char *kind)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} faults[] = {
		{ "pagefault", fault_pagefault },
		{ "gp", fault_gp },
		{ "ud", fault_ud },
		{ "divide", fault_divide },
		{ "panic", fault_panic },
		{ "stack", fault_stack_overflow },
	};

	for (size_t i = 0; i < ARRAY_SIZE(faults); i++) {
		if (!strcmp(kind, faults[i].name)) {
			printk("fault: triggering %s\n", kind);
			faults[i].fn();
			return 0; /* not reached */
		}
	}
	return -EINVAL;
}
