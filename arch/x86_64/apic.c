// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC, for message-signalled interrupts only.
 *
 * The 8259 PIC still delivers the legacy lines (the timer, the UART):
 * firmware leaves the local APIC in virtual-wire mode, LINT0 programmed
 * as ExtINT, so the PIC's requests pass through it untouched. What the
 * APIC adds is a target for MSI-X: a device writes a message (address
 * 0xfee00000 | destination, data = vector) and the vector arrives here
 * as an edge, with nothing to read on the device to acknowledge it, only
 * an EOI to this APIC. Under emulation that is the cheaper interrupt: an
 * INTx costs a read of the device's ISR (which lowers the line) and two
 * EOIs to the cascaded PICs, each an exit to the emulator.
 *
 * Vectors MSI_FIRST_VECTOR .. MSI_LAST_VECTOR go to arch_msi_alloc's
 * callers; APIC_SPURIOUS_VECTOR is the APIC's spurious interrupt, which
 * needs no EOI.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/paging.h>
#include "arch/x86_64/traps.h"
#include "arch/x86_64/x86.h"

#define MSR_IA32_APICBASE 0x1b
#define MSR_IA32_APICBASE_ENABLE BIT(11)
#define APIC_BASE_MASK 0xffffff000ULL
#define APIC_ID 0x20
#define APIC_EOI 0xb0
#define APIC_SPIV 0xf0
#define APIC_SPIV_ENABLED BIT(8)
#define APIC_LVT0 0x350
#define APIC_LVT_MASKED BIT(16)
#define X86_FEATURE_APIC BIT(9) /* CPUID.1:EDX */
#define MSI_ADDR_BASE 0xfee00000ULL

static volatile u32 *lapic;
static struct {
	msi_handler_t handler;
	void *data;
} msi_table[MSI_LAST_VECTOR - MSI_FIRST_VECTOR + 1];
static unsigned int msi_next;

static u32 apic_read(unsigned int reg)
{
	return lapic[reg / 4];
}

static void apic_write(unsigned int reg, u32 v)
{
	lapic[reg / 4] = v;
}

/* Map and software-enable the local APIC; false (and MSI unavailable) if there is none. */
static bool lapic_init(void)
{
	u32 a, b, c, d;
	u64 base;

	if (lapic)
		return true;
	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & X86_FEATURE_APIC))
		return false;
	base = rdmsr(MSR_IA32_APICBASE);
	if (!(base & MSR_IA32_APICBASE_ENABLE))
		return false; /* firmware turned it off: keep to the PIC */
	lapic = ioremap(base & APIC_BASE_MASK, PAGE_SIZE);
	if (!lapic)
		return false;
	if (apic_read(APIC_LVT0) & APIC_LVT_MASKED)
		printk("apic: LINT0 masked: the PIC's interrupts may not arrive\n");
	apic_write(APIC_SPIV, APIC_SPIV_ENABLED | APIC_SPURIOUS_VECTOR);
	return true;
}

int arch_msi_alloc(msi_handler_t handler, void *data, u64 *msg_addr, u32 *msg_data)
{
	unsigned int vector;

	if (!handler)
		return -EINVAL;
	if (!lapic_init())
		return -ENODEV;
	if (msi_next == ARRAY_SIZE(msi_table))
		return -ENOSPC;
	vector = MSI_FIRST_VECTOR + msi_next;
	msi_table[msi_next].data = data;
	WRITE_ONCE(msi_table[msi_next].handler, handler);
	msi_next++;
	/* Physical destination: this CPU's APIC ID; fixed delivery, edge (data = vector). */
	*msg_addr = MSI_ADDR_BASE | (u64)(apic_read(APIC_ID) >> 24) << 12;
	*msg_data = vector;
	return (int)vector;
}

void apic_handle_vector(unsigned int vector)
{
	unsigned int i = vector - MSI_FIRST_VECTOR;

	if (vector == APIC_SPURIOUS_VECTOR)
		return; /* no EOI for a spurious interrupt */
	if (i < msi_next && msi_table[i].handler)
		msi_table[i].handler(msi_table[i].data);
	apic_write(APIC_EOI, 0);
}
