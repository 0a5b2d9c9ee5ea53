// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel interface kernel/mm needs, on the host: a direct map over a
 * malloc'd arena, printk and panic. Linked only into the allocator tests
 * (test_page_alloc, test_slab); see mm_host.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>
#include "mm_host.h"

#define ARENA_ALIGN (4UL << 20)

static u8 *arena;
static size_t arena_size;

void mm_host_setup(size_t size)
{
	mm_host_teardown();
	arena_size = ALIGN(size, ARENA_ALIGN);
	arena = aligned_alloc(ARENA_ALIGN, arena_size);
	if (!arena) {
		fprintf(stderr, "mm_host: cannot allocate a %zu-byte arena\n", arena_size);
		abort();
	}
	memset(arena, 0x5c, arena_size);
	page_alloc_init();
	kmem_cache_init();
}

void mm_host_teardown(void)
{
	free(arena);
	arena = NULL;
	arena_size = 0;
}

int mm_host_nr_bugs;
const char *mm_host_last_bug = "";
unsigned long mm_host_last_bug_addr;
bool mm_host_last_bug_irqs_off;

static void record_bug(const char *what, unsigned long addr)
{
	mm_host_nr_bugs++;
	mm_host_last_bug = what;
	mm_host_last_bug_addr = addr;
	mm_host_last_bug_irqs_off = irqs_disabled();
}

void mm_host_record_bugs(void)
{
	mm_host_nr_bugs = 0;
	mm_host_last_bug = "";
	mm_host_last_bug_addr = 0;
	mm_set_bug_handler(record_bug);
}

void *__va(phys_addr_t pa)
{
	if (pa < MM_HOST_PHYS_BASE || pa - MM_HOST_PHYS_BASE >= arena_size)
		panic("mm_host: __va(0x%llx) outside the arena", (unsigned long long)pa);
	return arena + (pa - MM_HOST_PHYS_BASE);
}

/* An address outside the arena maps to a physical address no region holds. */
phys_addr_t __pa(const void *va)
{
	const u8 *p = va;

	if (!arena || p < arena || (size_t)(p - arena) >= arena_size)
		return ~(phys_addr_t)0 & PAGE_MASK;
	return MM_HOST_PHYS_BASE + (phys_addr_t)(p - arena);
}

static bool irqs_off;

void local_irq_enable(void)
{
	irqs_off = false;
}

void local_irq_disable(void)
{
	irqs_off = true;
}

bool irqs_disabled(void)
{
	return irqs_off;
}

int vprintk(const char *fmt, va_list ap)
{
	return vfprintf(stderr, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "panic: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}
