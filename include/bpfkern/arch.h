/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the rest of the kernel may ask of the architecture layer
 * (arch/x86_64): descriptor tables, interrupts, the clock, CPU features,
 * stopping the machine. Portable code never includes the arch-private
 * arch/x86_64/x86.h; it uses this.
 */
#ifndef BPFKERN_ARCH_H
#define BPFKERN_ARCH_H

#include <bpfkern/types.h>
#include <bpfkern/compiler.h>

/* Descriptor tables: the final GDT with TSS and IST stacks, and the IDT. */
void gdt_init(void);
void idt_init(void);
/* Stack the CPU switches to on an interrupt from ring 3. */
void tss_set_rsp0(unsigned long rsp0);

/* Interrupt-state accessors. */
void local_irq_enable(void);
void local_irq_disable(void);
bool irqs_disabled(void);
/* Wait for the next interrupt (sti; hlt). */
void arch_wait_for_interrupt(void);

/*
 * Device interrupts. irq is the legacy ISA line 0..15 (8259 PIC remapped to
 * vectors 32..47). irq_register installs handler and unmasks the line;
 * -EINVAL for a bad line, -EBUSY when it already has a handler.
 */
#define NR_IRQS 16
typedef void (*irq_handler_t)(unsigned int irq, void *data);
int irq_register(unsigned int irq, irq_handler_t handler, void *data);

/*
 * Message-signalled interrupts (arch/x86_64/apic.c): a vector of its own
 * for handler, which runs with interrupts off, the EOI done after it. The
 * device is to write *msg_data to *msg_addr (an MSI-X table entry). Returns
 * the vector, -ENODEV without a usable local APIC, -ENOSPC when every
 * vector is taken. A vector is never freed.
 */
typedef void (*msi_handler_t)(void *data);
int arch_msi_alloc(msi_handler_t handler, void *data, u64 *msg_addr, u32 *msg_data);

/*
 * Exceptions. A handler returns true when it resolved the exception
 * (execution resumes); otherwise the exception report is printed and the
 * machine stops. Used later by user space for page faults.
 */
struct pt_regs;
typedef bool (*trap_handler_t)(struct pt_regs *regs);
int trap_register(unsigned int vector, trap_handler_t handler);

/* The clock: a periodic tick (HZ per second) and a TSC-based ns clock. */
#define HZ 100
extern volatile u64 jiffies;
void timer_init(void);
/*
 * Run fn from the timer interrupt on every tick (HZ a second, interrupts
 * off), after jiffies has moved. 0, or -ENOSPC when TIMER_TICK_HOOKS are
 * taken. For a driver's watchdog; there is no way to remove one.
 */
#define TIMER_TICK_HOOKS 4
int timer_tick_hook_add(void (*fn)(void));
u64 tsc_khz(void);
/* TSC value on entering the higher half (boot/entry.S): ktime_get_ns() zero. */
extern u64 boot_tsc;

/*
 * CPU features found by cpu_init (CPUID). cpu_init also turns on SMEP when
 * present (the kernel never executes user pages); SMAP is left off until
 * user-space access paths use stac/clac.
 */
struct cpu_features {
	bool nx, gbpages, rdrand, pge, invariant_tsc, smep, smap;
	char vendor[13];
};
extern struct cpu_features boot_cpu;
void cpu_init(void);

/* Print a frame-pointer backtrace starting at frame pointer rbp. */
void arch_dump_stack(unsigned long rbp);
/* Backtrace from the caller of this function. */
void dump_stack(void);
/* "name+0xoff/0xsize" for a kernel text address into buf. */
const char *ksym_format(unsigned long addr, char *buf, size_t size);

/* Stop the machine. */
__noreturn void arch_halt(void);
__noreturn void arch_reboot(void);
/* ACPI power-off in QEMU; halts when that does not work. */
__noreturn void arch_poweroff(void);
/*
 * Exit QEMU through isa-debug-exit (iobase 0xf4): QEMU's exit status becomes
 * (code << 1) | 1. Halts when the device is absent.
 */
__noreturn void arch_qemu_exit(u32 code);
#define QEMU_EXIT_PASS 0x10 /* QEMU exit status 33 */
#define QEMU_EXIT_FAIL 0x11 /* status 35: tests failed */
#define QEMU_EXIT_PANIC 0x12 /* status 37: panic or fatal exception */

/* Set by the test runner: fatal errors then exit QEMU with QEMU_EXIT_PANIC. */
extern bool panic_exits_qemu;

/* Deliberately fault ("pagefault", "gp", "ud", "divide", "stack", "panic"); -EINVAL if unknown. */
int arch_trigger_fault(const char *kind);

#endif
