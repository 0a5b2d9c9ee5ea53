/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 architectural constants (control registers, MSRs, page-table bits,
 * segment selectors) and the small inline-assembly accessors that only arch/
 * may use. Shared by the assembly files (with __ASSEMBLY__ defined) and C.
 */
#ifndef ARCH_X86_64_X86_H
#define ARCH_X86_64_X86_H

/* Where the kernel lives: KERNEL_VMA + physical for the image. */
#define KERNEL_VMA 0xffffffff80000000
#define DIRECT_MAP_BASE 0xffff888000000000

/* Control register bits. */
#define X86_CR0_PE (1 << 0)
#define X86_CR0_MP (1 << 1)
#define X86_CR0_EM (1 << 2)
#define X86_CR0_WP (1 << 16)
#define X86_CR0_PG (1 << 31)
#define X86_CR4_PAE (1 << 5)
#define X86_CR4_PGE (1 << 7)
#define X86_CR4_OSFXSR (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)
#define X86_CR4_SMEP (1 << 20)
#define X86_CR4_SMAP (1 << 21)

/* Model-specific registers. */
#define MSR_EFER 0xc0000080
#define EFER_SCE (1 << 0)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

/* Page-table entry bits (the same at every level unless noted). */
#define _PAGE_PRESENT (1 << 0)
#define _PAGE_RW (1 << 1)
#define _PAGE_USER (1 << 2)
#define _PAGE_PWT (1 << 3)
#define _PAGE_PCD (1 << 4)
#define _PAGE_ACCESSED (1 << 5)
#define _PAGE_DIRTY (1 << 6)
#define _PAGE_PSE (1 << 7) /* 2 MiB (PD) or 1 GiB (PDPT) leaf */
#define _PAGE_GLOBAL (1 << 8)

/* GDT selectors (see arch/x86_64/gdt.c for the SYSCALL/SYSRET order). */
#define __KERNEL_CS 0x08
#define __KERNEL_DS 0x10
#define __USER32_CS 0x1b
#define __USER_DS 0x23
#define __USER_CS 0x2b
#define GDT_TSS_SEL 0x30

/* Multiboot magic values handed over in EAX (also in <bpfkern/multiboot.h>). */
#define MULTIBOOT1_BOOTLOADER_MAGIC 0x2badb002
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289

#ifndef __ASSEMBLY__
#include <bpfkern/types.h>

#define _PAGE_NX (1ULL << 63)

static inline void outb(u16 port, u8 v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 port, u16 v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u16 port, u32 v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

#define DEFINE_CR_ACCESSORS(n)                                                 \
	static inline u64 read_cr##n(void)                                     \
	{                                                                      \
		u64 v;                                                         \
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                                      \
	}                                                                      \
	static inline void write_cr##n(u64 v)                                  \
	{                                                                      \
		__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)

static inline void invlpg(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static inline unsigned long read_rflags(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline unsigned long read_rbp(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%rbp, %0" : "=r"(v));
	return v;
}

/* Physical address of a kernel-image (not direct-map) virtual address. */
static inline phys_addr_t kernel_image_pa(const void *va)
{
	return (unsigned long)va - KERNEL_VMA;
}
#endif /* __ASSEMBLY__ */

#endif
