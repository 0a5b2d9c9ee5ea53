/* SPDX-License-Identifier: GPL-2.0 */
/* Arch-private: GDT/TSS layout shared by gdt.c, idt.c and their tests. */
#ifndef ARCH_X86_64_GDT_H
#define ARCH_X86_64_GDT_H

#include <bpfkern/types.h>

#define GDT_ENTRIES 8 /* null, 5 segments, TSS (two slots) */
#define IST_COUNT 3
#define IST_STACK_SIZE 8192
/* IST slots (1-based, as the IDT gate's IST field). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3

const u64 *gdt_table(unsigned int *nr);
u64 tss_ist(unsigned int i);

#endif
