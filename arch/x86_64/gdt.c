// SPDX-License-Identifier: GPL-2.0
/*
 * The GDT and the TSS.
 *
 * Segment order follows what SYSCALL/SYSRET need (STAR): kernel CS, kernel
 * DS, then a 32-bit user CS placeholder, user DS, user CS, so that SYSRET
 * derives user SS = STAR[63:48] + 8 and user CS = STAR[63:48] + 16. The TSS
 * provides the ring-0 stack for interrupts from ring 3 (rsp0) and the
 * Interrupt Stack Table: double fault, NMI and machine check always run on
 * their own known-good stacks, so a kernel stack overflow still gets a report.
 */
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/gdt.h"

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

static struct tss tss __aligned(16);
static u8 ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);

/* Flat descriptors: access byte and flags nibble; base and limit unused in long mode. */
#define SEG(access, flags) \
	(0xffffULL | ((u64)(access) << 40) | ((u64)(flags) << 52) | (0xfULL << 48))
#define SEG_CODE64(dpl) SEG(0x9b | ((dpl) << 5), 0xa) /* present, code, L=1 */
#define SEG_CODE32(dpl) SEG(0x9b | ((dpl) << 5), 0xc) /* present, code, D=1 */
#define SEG_DATA(dpl) SEG(0x93 | ((dpl) << 5), 0xc) /* present, writable */

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[0] = 0,
	[__KERNEL_CS >> 3] = SEG_CODE64(0),
	[__KERNEL_DS >> 3] = SEG_DATA(0),
	[__USER32_CS >> 3] = SEG_CODE32(3),
	[__USER_DS >> 3] = SEG_DATA(3),
	[__USER_CS >> 3] = SEG_CODE64(3),
	/* [GDT_TSS_SEL >> 3] and the next slot: filled by gdt_init */
};

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

/* The 16-byte system descriptor of a 64-bit available TSS. */
static void set_tss_descriptor(u64 *slot, const struct tss *t)
{
	u64 base = (u64)t;
	u64 limit = sizeof(*t) - 1;

	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		  (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

void tss_set_rsp0(unsigned long rsp0)
{
	tss.rsp[0] = rsp0;
}

/*
 * Load the final GDT, reload every segment register (CS through a far
 * return), load the TSS. Leaves rsp0 at the boot stack until a task sets it.
 */
void gdt_init(void)
{
	extern char boot_stack_top[];
	struct desc_ptr p = { .limit = sizeof(gdt) - 1, .base = (u64)gdt };

	for (int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (u64)ist_stacks[i] + IST_STACK_SIZE;
	tss.rsp[0] = (u64)boot_stack_top;
	tss.iomap_base = sizeof(tss); /* no I/O bitmap */
	set_tss_descriptor(&gdt[GDT_TSS_SEL >> 3], &tss);

	__asm__ __volatile__("lgdt %0\n\t"
			     "pushq %1\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:\n\t"
			     "movl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "xorl %%eax, %%eax\n\t"
			     "movl %%eax, %%fs\n\t"
			     "movl %%eax, %%gs\n\t"
			     "ltr %w3"
			     :
			     : "m"(p), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "r"(GDT_TSS_SEL)
			     : "rax", "memory");
}

/* For tests: the live GDT and TSS. */
const u64 *gdt_table(unsigned int *nr)
{
	*nr = GDT_ENTRIES;
	return gdt;
}

u64 tss_ist(unsigned int i)
{
	return i < 7 ? tss.ist[i] : 0;
}
