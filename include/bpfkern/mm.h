/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical memory as the portable allocators see it. Every byte of RAM is
 * reachable through the direct map at PAGE_OFFSET (arch/x86_64 sets it up);
 * __va/__pa convert. The host unit tests provide their own definitions over
 * a malloc'd arena (they define BPFKERN_MM_HOST_SHIM before including this).
 */
#ifndef BPFKERN_MM_H
#define BPFKERN_MM_H

#include <bpfkern/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

#ifdef __BPFKERN_KERNEL__
/* The direct map of all physical memory (as Linux's page_offset_base). */
#define PAGE_OFFSET 0xffff888000000000UL
static inline void *__va(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}
static inline phys_addr_t __pa(const void *va)
{
	return (phys_addr_t)(unsigned long)va - PAGE_OFFSET;
}
#else
void *__va(phys_addr_t pa);
phys_addr_t __pa(const void *va);
#endif

#endif
