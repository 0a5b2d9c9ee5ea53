// SPDX-License-Identifier: GPL-2.0
/*
 * CPU features (CPUID), random numbers, and the ways to stop the machine.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <string.h>
#include "arch/x86_64/x86.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4

struct cpu_features boot_cpu;
static u64 prng_state;

/* Fill boot_cpu from CPUID; enable SMEP when the CPU has it. */
void cpu_init(void)
{
	u32 a, b, c, d, max_ext;

	u32 max_basic;

	cpuid(0, 0, &max_basic, &b, &c, &d);
	memcpy(boot_cpu.vendor, &b, 4);
	memcpy(boot_cpu.vendor + 4, &d, 4);
	memcpy(boot_cpu.vendor + 8, &c, 4);
	boot_cpu.vendor[12] = '\0';

	cpuid(1, 0, &a, &b, &c, &d);
	boot_cpu.rdrand = c & BIT(30);
	boot_cpu.pge = d & BIT(13);

	if (max_basic >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		boot_cpu.smep = b & BIT(7);
		boot_cpu.smap = b & BIT(20);
	}
	if (boot_cpu.smep)
		write_cr4(read_cr4() | X86_CR4_SMEP);

	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		boot_cpu.nx = d & BIT(20);
		boot_cpu.gbpages = d & BIT(26);
	}
	if (max_ext >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		boot_cpu.invariant_tsc = d & BIT(8);
	}
	prng_state = rdtsc() | 1;
}

/* RDRAND with the recommended 10 retries; false when it keeps failing. */
static bool rdrand32(u32 *v)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;

		__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

/* RDRAND when present, else xorshift64* seeded from the TSC at cpu_init. */
u32 get_random_u32(void)
{
	u32 v;

	if (boot_cpu.rdrand && rdrand32(&v))
		return v;
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return (u32)((prng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

__noreturn void arch_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/* Pulse the reset line through the keyboard controller; fall back to a triple fault. */
__noreturn void arch_reboot(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed empty_idt = { 0, 0 };

	local_irq_disable();
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		;
	outb(0x64, 0xfe);
	__asm__ __volatile__("lidt %0; int3" : : "m"(empty_idt));
	arch_halt();
}

/* QEMU's ACPI PM1a control register: SLP_TYP=5, SLP_EN (both chipset layouts). */
__noreturn void arch_poweroff(void)
{
	local_irq_disable();
	outw(0x604, 0x2000); /* i440fx / q35 with SeaBIOS */
	outw(0xb004, 0x2000); /* older QEMU / Bochs */
	arch_halt();
}

__noreturn void arch_qemu_exit(u32 code)
{
	local_irq_disable();
	outl(QEMU_DEBUG_EXIT_PORT, code);
	arch_halt(); /* no isa-debug-exit device */
}
