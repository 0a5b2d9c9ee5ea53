/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical page allocator (kernel/mm/page_alloc.c): a binary buddy
 * allocator over the RAM ranges that boot hands in. Blocks are 2^order
 * contiguous pages, order 0..MAX_PAGE_ORDER (4 KiB .. 4 MiB), aligned to
 * their own size in physical memory. Addresses in and out are direct-map
 * virtual addresses (__va/__pa of <bpfkern/mm.h>). docs/memory.md explains it.
 *
 * Each call runs with interrupts off (one CPU: that is the whole lock), so
 * interrupt handlers may allocate and free too; so may kmalloc's callers.
 */
#ifndef BPFKERN_PAGE_ALLOC_H
#define BPFKERN_PAGE_ALLOC_H

#include <bpfkern/types.h>

/* Largest order (inclusive), as Linux's MAX_PAGE_ORDER: 2^10 pages = 4 MiB. */
#define MAX_PAGE_ORDER 10
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)

/* Forget all memory and start empty. Boot calls it once, tests to start over. */
void page_alloc_init(void);

/*
 * Hand the free RAM [start, end) to the allocator (rounded inwards to
 * pages). Its first pages become the struct page array describing it; the
 * rest is free. A range that overlaps one already added, or is too small to
 * hold its own metadata and one page, is refused with a printk.
 */
void page_alloc_add_range(phys_addr_t start, phys_addr_t end);

/* 2^order contiguous pages (contents: junk), or NULL when none is free or order is too big. */
void *alloc_pages(unsigned int order);
/*
 * Give back a block from alloc_pages with the same order. NULL is a no-op.
 * A double free, a free of an address never handed out, or a wrong order is
 * reported through the mm bug handler and otherwise ignored.
 */
void free_pages(void *addr, unsigned int order);
/* One zero-filled page, or NULL. */
void *get_zeroed_page(void);
/* free_pages(addr, 0). */
void free_page(void *addr);

/*
 * nr_pages contiguous pages for requests beyond MAX_PAGE_ORDER: a run of
 * physically adjacent free max-order blocks (found by a scan), or NULL.
 * Freed only with free_contig_pages (kfree/kvfree do it for kvmalloc).
 */
void *alloc_contig_pages(unsigned long nr_pages);
void free_contig_pages(void *addr, unsigned long nr_pages);

/* Counters: pages free now, pages managed (RAM handed in minus metadata). */
unsigned long nr_free_pages(void);
unsigned long nr_total_pages(void);
/* Free blocks of exactly this order (0 for order > MAX_PAGE_ORDER). */
unsigned long nr_free_blocks(unsigned int order);
/* printk a summary: totals and the free blocks per order (the `mem` command). */
void show_free_areas(void);

/*
 * Walk all the allocator's state and check its invariants: every free-list
 * entry is a naturally aligned free block of that order inside its region,
 * all its pages are marked free, no two free buddies are left unmerged, and
 * the counters agree. printk's the first violation and returns false.
 * For tests: it visits every page.
 */
bool page_alloc_check(void);

/*
 * Page poisoning (xv6's junk fill), on by default: free_pages fills the
 * block with PAGE_POISON (0xaa) and alloc_pages checks that a poisoned page
 * is still intact, reporting a write-after-free. Off, freeing skips the fill
 * (a large in-guest test turns it off for speed). Returns the old setting.
 */
bool page_poisoning_set(bool on);

/*
 * A broken allocator invariant (double free, bad free, poison overwritten)
 * is reported as handler(what, addr), e.g. ("page_alloc: double free of
 * page", phys). The default handler panics with "what 0x<addr>". A test may
 * install one that records and returns; the allocator then leaves the
 * offending memory alone. Returns the previous handler; NULL restores the
 * default.
 */
typedef void (*mm_bug_handler_t)(const char *what, unsigned long addr);
mm_bug_handler_t mm_set_bug_handler(mm_bug_handler_t handler);

#endif
