// SPDX-License-Identifier: GPL-2.0
/*
 * The IDT, the 8259 PICs, and the dispatch of every vector.
 *
 * Vectors 0..31 are CPU exceptions; 32..47 are the 16 ISA IRQ lines of the
 * two 8259 PICs, remapped there (their power-on vectors collide with
 * exceptions) and masked until a driver registers a handler. All gates are
 * interrupt gates (IF cleared on entry), DPL 0 except #BP.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/process.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/traps.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20
#define PIC_CASCADE_IRQ 2

#define GATE_INTERRUPT 0xe

struct idt_entry {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

static struct idt_entry idt[NR_VECTORS] __aligned(16);
extern const u64 isr_stub_table[NR_VECTORS];

static struct {
	irq_handler_t handler;
	void *data;
	unsigned long count;
} irq_table[NR_IRQS];
static trap_handler_t trap_handlers[NR_EXCEPTIONS];
static u16 pic_mask = 0xffff & ~BIT(PIC_CASCADE_IRQ);

static void set_gate(unsigned int vec, u64 handler, unsigned int ist, unsigned int dpl)
{
	struct idt_entry *e = &idt[vec];

	e->offset_low = handler & 0xffff;
	e->selector = __KERNEL_CS;
	e->ist = ist & 7;
	e->type_attr = 0x80 | (dpl << 5) | GATE_INTERRUPT;
	e->offset_mid = (handler >> 16) & 0xffff;
	e->offset_high = handler >> 32;
	e->reserved = 0;
}

void idt_gate(unsigned int vector, struct idt_gate_info *info)
{
	const struct idt_entry *e = &idt[vector];

	info->handler = e->offset_low | ((u64)e->offset_mid << 16) | ((u64)e->offset_high << 32);
	info->selector = e->selector;
	info->ist = e->ist;
	info->type = e->type_attr & 0xf;
	info->dpl = (e->type_attr >> 5) & 3;
	info->present = e->type_attr & 0x80;
}

static void pic_write_mask(void)
{
	outb(PIC1_DATA, pic_mask & 0xff);
	outb(PIC2_DATA, pic_mask >> 8);
}

/* ICW1..ICW4: edge-triggered, cascaded, 8086 mode, vectors 32..47. */
static void pic_remap(void)
{
	outb(PIC1_CMD, 0x11);
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE_VECTOR);
	outb(PIC2_DATA, IRQ_BASE_VECTOR + 8);
	outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);
	outb(PIC2_DATA, PIC_CASCADE_IRQ);
	outb(PIC1_DATA, 0x01);
	outb(PIC2_DATA, 0x01);
	pic_write_mask();
}

void idt_init(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed p = { sizeof(idt) - 1, (u64)idt };

	for (unsigned int v = 0; v < NR_VECTORS; v++)
		set_gate(v, isr_stub_table[v], 0, v == X86_TRAP_BP ? 3 : 0);
	set_gate(X86_TRAP_DF, isr_stub_table[X86_TRAP_DF], IST_DOUBLE_FAULT, 0);
	set_gate(X86_TRAP_NMI, isr_stub_table[X86_TRAP_NMI], IST_NMI, 0);
	set_gate(X86_TRAP_MC, isr_stub_table[X86_TRAP_MC], IST_MACHINE_CHECK, 0);
	__asm__ __volatile__("lidt %0" : : "m"(p));
	pic_remap();
}

int irq_register(unsigned int irq, irq_handler_t handler, void *data)
{
	if (irq >= NR_IRQS || irq == PIC_CASCADE_IRQ || !handler)
		return -EINVAL;
	if (irq_table[irq].handler)
		return -EBUSY;
	irq_table[irq].data = data;
	irq_table[irq].handler = handler;
	pic_mask &= ~BIT(irq);
	pic_write_mask();
	return 0;
}

int trap_register(unsigned int vector, trap_handler_t handler)
{
	if (vector >= NR_EXCEPTIONS)
		return -EINVAL;
	trap_handlers[vector] = handler;
	return 0;
}

/* True for the PICs' spurious interrupts (IRQ 7/15 with no in-service bit). */
static bool pic_spurious(unsigned int irq)
{
	u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(port, 0x0b); /* read ISR */
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade */
	return true;
}

static void handle_irq(unsigned int irq)
{
	if (pic_spurious(irq))
		return;
	irq_table[irq].count++;
	if (irq_table[irq].handler)
		irq_table[irq].handler(irq, irq_table[irq].data);
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* Called by isr_common with the saved frame; returns to resume it. */
void trap_dispatch(struct pt_regs *regs)
{
	unsigned int vec = regs->vector;

	if (vec >= IRQ_BASE_VECTOR) {
		if (vec >= MSI_FIRST_VECTOR)
			apic_handle_vector(vec);
		else
			handle_irq(vec - IRQ_BASE_VECTOR);
		if ((regs->cs & 3) == 3)
			exit_to_user_mode(true); /* signals, preemption (kernel/process.c) */
		return;
	}
	if (trap_handlers[vec] && trap_handlers[vec](regs))
		return;
	if (vec == X86_TRAP_PF && !(regs->error_code & BIT(0)) && exec_bss_fault(read_cr2()))
		return; /* a first touch of a ring-3 program's .bss */
	if (fixup_exception(regs))
		return;
	if ((regs->cs & 3) == 3)
		user_fault(regs); /* ends that process; the kernel runs on */
	exception_report(regs);
}

unsigned long irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? irq_table[irq].count : 0;
}

void local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

void local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

bool irqs_disabled(void)
{
	return !(read_rflags() & BIT(9));
}

unsigned long arch_local_irq_save(void)
{
	unsigned long flags = read_rflags();

	local_irq_disable();
	return flags;
}

void arch_local_irq_restore(unsigned long flags)
{
	if (flags & BIT(9))
		local_irq_enable();
}

void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}
