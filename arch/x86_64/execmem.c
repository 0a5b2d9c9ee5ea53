// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory for JIT images (the bpf_jit_*_exec interface of
 * <bpfkern/kernel.h>), like Linux's module area: a virtual range just above
 * the kernel image, so that a rel32 call from JIT code reaches any kernel
 * helper. Each allocation is backed by individual pages from the page
 * allocator, mapped RW+NX; bpf_jit_protect_exec flips it to RX; it is never
 * writable and executable at once. An unmapped guard page follows each
 * allocation. A bitmap records which virtual pages are taken.
 */
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>

/* 0xffffffffa0000000 .. +64 MiB: within +-2 GiB of all of kernel text. */
#define EXECMEM_START 0xffffffffa0000000UL
#define EXECMEM_PAGES 16384UL
#define BITS_PER_LONG 64

static unsigned long execmem_map[EXECMEM_PAGES / BITS_PER_LONG];

static bool page_taken(unsigned long i)
{
	return execmem_map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static void mark_pages(unsigned long first, unsigned long nr, bool taken)
{
	for (unsigned long i = first; i < first + nr; i++) {
		if (taken)
			execmem_map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
		else
			execmem_map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
	}
}

/* First fit: index of a free run of nr pages, or -1. */
static long find_free_run(unsigned long nr)
{
	unsigned long run = 0;

	for (unsigned long i = 0; i < EXECMEM_PAGES; i++) {
		run = page_taken(i) ? 0 : run + 1;
		if (run == nr)
			return (long)(i + 1 - nr);
	}
	return -1;
}

/* Unmap the first nr pages at va and give their frames back. */
static void release_pages(unsigned long va, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long p = va + i * PAGE_SIZE;
		unsigned int prot;
		phys_addr_t pa;

		if (page_query(p, &prot, &pa))
			continue;
		unmap_pages(p, 1);
		free_page(__va(pa));
	}
}

void *bpf_jit_alloc_exec(size_t size)
{
	unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE), va;
	long first;

	if (!size || nr >= EXECMEM_PAGES)
		return NULL;
	first = find_free_run(nr + 1); /* + guard page */
	if (first < 0)
		return NULL;
	va = EXECMEM_START + (unsigned long)first * PAGE_SIZE;
	for (unsigned long i = 0; i < nr; i++) {
		void *page = get_zeroed_page();

		if (!page || map_pages(va + i * PAGE_SIZE, __pa(page), 1, VM_WRITE)) {
			free_page(page);
			release_pages(va, i);
			return NULL;
		}
	}
	mark_pages((unsigned long)first, nr + 1, true);
	return (void *)va;
}

/* True when [addr, addr+size) lies in the area and its pages are allocated. */
static bool execmem_range_valid(const void *addr, size_t size)
{
	unsigned long va = (unsigned long)addr, first, nr = DIV_ROUND_UP(size, PAGE_SIZE);

	if (!size || va < EXECMEM_START || !IS_ALIGNED(va, PAGE_SIZE))
		return false;
	first = (va - EXECMEM_START) / PAGE_SIZE;
	if (first + nr > EXECMEM_PAGES)
		return false;
	for (unsigned long i = first; i < first + nr; i++)
		if (!page_taken(i))
			return false;
	return true;
}

int bpf_jit_protect_exec(void *addr, size_t size)
{
	if (!execmem_range_valid(addr, size))
		return -EINVAL;
	return protect_pages((unsigned long)addr, DIV_ROUND_UP(size, PAGE_SIZE), VM_EXEC);
}

void bpf_jit_free_exec(void *addr, size_t size)
{
	unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE);

	if (!addr)
		return;
	if (!execmem_range_valid(addr, size)) {
		printk("execmem: bad free of %p size %lu\n", addr, (unsigned long)size);
		return;
	}
	release_pages((unsigned long)addr, nr);
	mark_pages(((unsigned long)addr - EXECMEM_START) / PAGE_SIZE, nr + 1, false);
}
