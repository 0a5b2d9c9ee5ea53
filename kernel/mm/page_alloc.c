// SPDX-License-Identifier: GPL-2.0
/*
 * The physical page allocator: a binary buddy system, as Linux's
 * mm/page_alloc.c in miniature (docs/memory.md walks through it).
 *
 * Memory arrives as regions (page_alloc_add_range). The first pages of each
 * region hold its struct page array, one entry per page frame of the region;
 * the rest is cut into the largest naturally aligned blocks that fit and put
 * on free_area[order]. Allocation takes a block of the smallest order that
 * has one and splits it, giving the unused halves back; freeing merges a
 * block with its buddy (the block whose pfn differs only in bit 'order')
 * for as long as the buddy is free and whole. Blocks never cross a region.
 *
 * Portable: no arch knowledge, built into the kernel and into host tests.
 */
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include "internal.h"

#define MAX_MEM_REGIONS 32
#define POISON_WORD 0xaaaaaaaaaaaaaaaaULL

/* A contiguous run of RAM and the struct page array that describes it. */
struct mem_region {
	unsigned long start_pfn;
	unsigned long nr_pages; /* including the metadata pages at its start */
	struct page *pages;
};

/* The free blocks of one order (Linux's struct free_area). */
struct free_area {
	struct hlist_head free_list;
	unsigned long nr_free; /* blocks, not pages */
};

BUILD_BUG_ON(sizeof(struct page) != 32); /* docs/memory.md counts on it */

static struct mem_region regions[MAX_MEM_REGIONS];
static unsigned int nr_regions;
static struct free_area free_area[NR_PAGE_ORDERS];
static unsigned long free_page_count;
static unsigned long total_page_count;
static bool poisoning = true;
static mm_bug_handler_t bug_handler;

static void default_bug_handler(const char *what, unsigned long addr)
{
	panic("%s 0x%lx", what, addr);
}

mm_bug_handler_t mm_set_bug_handler(mm_bug_handler_t handler)
{
	mm_bug_handler_t old = bug_handler;

	bug_handler = handler;
	return old;
}

void mm_bug(const char *what, unsigned long addr)
{
	if (bug_handler)
		bug_handler(what, addr);
	else
		default_bug_handler(what, addr);
}

bool page_poisoning_set(bool on)
{
	bool old = poisoning;

	poisoning = on;
	return old;
}

/* The region holding pfn, or NULL. */
static struct mem_region *pfn_to_region(unsigned long pfn)
{
	for (unsigned int i = 0; i < nr_regions; i++) {
		struct mem_region *r = &regions[i];

		if (pfn >= r->start_pfn && pfn - r->start_pfn < r->nr_pages)
			return r;
	}
	return NULL;
}

/* The region whose struct page array holds page (page must be managed). */
static struct mem_region *page_region(const struct page *page)
{
	for (unsigned int i = 0; i < nr_regions; i++) {
		struct mem_region *r = &regions[i];

		if (page >= r->pages && page < r->pages + r->nr_pages)
			return r;
	}
	panic("page_alloc: struct page %p belongs to no region", (const void *)page);
}

static unsigned long page_to_pfn(const struct page *page)
{
	const struct mem_region *r = page_region(page);

	return r->start_pfn + (unsigned long)(page - r->pages);
}

struct page *virt_to_page(const void *addr)
{
	unsigned long pfn = (unsigned long)(__pa(addr) >> PAGE_SHIFT);
	struct mem_region *r = pfn_to_region(pfn);

	return r ? &r->pages[pfn - r->start_pfn] : NULL;
}

void *page_address(const struct page *page)
{
	return __va((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT);
}

static void add_to_free_area(struct page *page, unsigned int order)
{
	page->flags |= PG_buddy;
	page->order = order;
	hlist_add_head(&page->node, &free_area[order].free_list);
	free_area[order].nr_free++;
}

static void del_from_free_area(struct page *page, unsigned int order)
{
	hlist_del(&page->node);
	page->flags &= ~PG_buddy;
	free_area[order].nr_free--;
}

/*
 * Put the 2^order pages at page (all owned by the caller) back as free,
 * merging with free buddies. poisoned says their contents are PAGE_POISON.
 */
static void free_one_block(struct page *page, unsigned int order, bool poisoned)
{
	struct mem_region *r = page_region(page);
	unsigned long pfn = r->start_pfn + (unsigned long)(page - r->pages);
	unsigned long n = 1UL << order;

	for (unsigned long i = 0; i < n; i++)
		page[i].flags = PG_free | (poisoned ? PG_poisoned : 0);
	free_page_count += n;

	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn < r->start_pfn ||
		    buddy_pfn + (1UL << order) > r->start_pfn + r->nr_pages)
			break;
		buddy = &r->pages[buddy_pfn - r->start_pfn];
		if (!(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		del_from_free_area(buddy, order);
		pfn &= buddy_pfn; /* the merged block starts at the lower of the two */
		order++;
	}
	add_to_free_area(&r->pages[pfn - r->start_pfn], order);
}

/* Free [pfn, end) of region r as the largest naturally aligned blocks that fit. */
static void free_pfn_range(struct mem_region *r, unsigned long pfn, unsigned long end)
{
	while (pfn < end) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order > 0 && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end))
			order--;
		free_one_block(&r->pages[pfn - r->start_pfn], order, false);
		pfn += 1UL << order;
	}
}

void page_alloc_init(void)
{
	memset(regions, 0, sizeof(regions));
	memset(free_area, 0, sizeof(free_area));
	nr_regions = 0;
	free_page_count = 0;
	total_page_count = 0;
}

/* Does [spfn, epfn) overlap a region already added? */
static bool overlaps_region(unsigned long spfn, unsigned long epfn)
{
	for (unsigned int i = 0; i < nr_regions; i++)
		if (spfn < regions[i].start_pfn + regions[i].nr_pages &&
		    regions[i].start_pfn < epfn)
			return true;
	return false;
}

static void add_range_locked(phys_addr_t start, phys_addr_t end)
{
	unsigned long spfn = (unsigned long)(start >> PAGE_SHIFT) + ((start & ~PAGE_MASK) != 0);
	unsigned long epfn = (unsigned long)(end >> PAGE_SHIFT);
	unsigned long nr, meta;
	struct mem_region *r;

	if (end <= start || epfn <= spfn) {
		printk("page_alloc: ignoring empty range [0x%llx, 0x%llx)\n",
		       (unsigned long long)start, (unsigned long long)end);
		return;
	}
	nr = epfn - spfn;
	meta = DIV_ROUND_UP(nr * sizeof(struct page), PAGE_SIZE);
	if (nr <= meta || nr_regions == MAX_MEM_REGIONS || overlaps_region(spfn, epfn)) {
		printk("page_alloc: refusing range [0x%llx, 0x%llx): %s\n",
		       (unsigned long long)start, (unsigned long long)end,
		       nr <= meta		       ? "too small for its metadata"
		       : nr_regions == MAX_MEM_REGIONS ? "too many regions"
						       : "overlaps a range already added");
		return;
	}
	r = &regions[nr_regions++];
	r->start_pfn = spfn;
	r->nr_pages = nr;
	r->pages = __va((phys_addr_t)spfn << PAGE_SHIFT);
	memset(r->pages, 0, meta * PAGE_SIZE);
	for (unsigned long i = 0; i < meta; i++)
		r->pages[i].flags = PG_reserved;
	total_page_count += nr - meta;
	free_pfn_range(r, spfn + meta, epfn);
}

/* The first word of a poisoned page that is not PAGE_POISON, or -1. */
static long find_poison_damage(const void *addr)
{
	const u64 *w = addr;

	for (unsigned long i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		if (w[i] != POISON_WORD)
			return (long)(i * sizeof(u64));
	return -1;
}

/* Make the free block at page (already off the free lists) the caller's. */
static void prep_new_block(struct page *page, unsigned int order)
{
	unsigned long n = 1UL << order;
	u8 *base = page_address(page);

	for (unsigned long i = 0; i < n; i++) {
		if (page[i].flags & PG_poisoned) {
			long off = find_poison_damage(base + i * PAGE_SIZE);

			if (off >= 0)
				mm_bug("page_alloc: write after free to page",
				       (unsigned long)(__pa(base) + i * PAGE_SIZE +
						       (unsigned long)off));
		}
		page[i].flags = 0;
	}
	page->flags = PG_head;
	page->order = order;
	free_page_count -= n;
}

static void *alloc_pages_locked(unsigned int order)
{
	unsigned int o = order;
	struct page *page;

	if (order > MAX_PAGE_ORDER)
		return NULL;
	while (o <= MAX_PAGE_ORDER && hlist_empty(&free_area[o].free_list))
		o++;
	if (o > MAX_PAGE_ORDER)
		return NULL;
	page = container_of(free_area[o].free_list.first, struct page, node);
	del_from_free_area(page, o);
	/* Split: keep the lower half, give the upper half back, until small enough. */
	while (o > order) {
		o--;
		add_to_free_area(&page[1UL << o], o);
	}
	prep_new_block(page, order);
	return page_address(page);
}

/*
 * The struct page of a block head that the caller may free with this order,
 * or NULL after reporting why not. owner_flags are the kmalloc flags the
 * caller expects on it (0 for plain alloc_pages blocks).
 */
static struct page *check_free_block(void *addr, unsigned int order, unsigned int owner_flags)
{
	const unsigned int owners = PG_slab | PG_large_kmalloc | PG_contig;
	struct page *page = virt_to_page(addr);

	if (!page || !IS_ALIGNED((unsigned long)addr, PAGE_SIZE)) {
		mm_bug("page_alloc: free of an address that is not a managed page",
		       (unsigned long)addr);
		return NULL;
	}
	if (page->flags & PG_free) {
		mm_bug("page_alloc: double free of page", (unsigned long)__pa(addr));
		return NULL;
	}
	if (!(page->flags & PG_head)) {
		mm_bug("page_alloc: free of a page never allocated", (unsigned long)__pa(addr));
		return NULL;
	}
	if ((page->flags & owners) != owner_flags) {
		mm_bug("page_alloc: free by the wrong owner (kmalloc vs pages) of page",
		       (unsigned long)__pa(addr));
		return NULL;
	}
	if (page->order != order) {
		mm_bug("page_alloc: free with the wrong order of page", (unsigned long)__pa(addr));
		return NULL;
	}
	return page;
}

/* Poison (if on) and free a block whose head the caller has validated. */
static void release_block(struct page *page, unsigned int order)
{
	if (poisoning)
		memset(page_address(page), PAGE_POISON, PAGE_SIZE << order);
	free_one_block(page, order, poisoning);
}

static void free_pages_locked(void *addr, unsigned int order)
{
	struct page *page;

	if (order > MAX_PAGE_ORDER) {
		mm_bug("page_alloc: free with an impossible order at", (unsigned long)addr);
		return;
	}
	page = check_free_block(addr, order, 0);
	if (page)
		release_block(page, order);
}

void *get_zeroed_page(void)
{
	void *p = alloc_pages(0);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void free_page(void *addr)
{
	free_pages(addr, 0);
}

/* Number of free max-order blocks starting at pfn in r, capped at want. */
static unsigned long free_max_blocks_at(struct mem_region *r, unsigned long pfn, unsigned long want)
{
	const unsigned long step = 1UL << MAX_PAGE_ORDER;
	unsigned long n = 0;

	while (n < want && pfn + step <= r->start_pfn + r->nr_pages) {
		struct page *p = &r->pages[pfn - r->start_pfn];

		if (!(p->flags & PG_buddy) || p->order != MAX_PAGE_ORDER)
			break;
		n++;
		pfn += step;
	}
	return n;
}

static void *alloc_contig_locked(unsigned long nr_pages)
{
	const unsigned long step = 1UL << MAX_PAGE_ORDER;
	unsigned long want = DIV_ROUND_UP(nr_pages, step);

	if (!nr_pages || want > free_area[MAX_PAGE_ORDER].nr_free)
		return NULL;
	for (unsigned int i = 0; i < nr_regions; i++) {
		struct mem_region *r = &regions[i];
		unsigned long pfn = ALIGN(r->start_pfn, step);

		for (; pfn + want * step <= r->start_pfn + r->nr_pages; pfn += step) {
			struct page *head = &r->pages[pfn - r->start_pfn];

			if (free_max_blocks_at(r, pfn, want) < want)
				continue;
			for (unsigned long b = 0; b < want; b++) {
				del_from_free_area(&head[b * step], MAX_PAGE_ORDER);
				prep_new_block(&head[b * step], MAX_PAGE_ORDER);
			}
			head->flags |= PG_contig;
			head->nr_pages = want * step;
			return page_address(head);
		}
	}
	return NULL;
}

static void free_contig_locked(void *addr, unsigned long nr_pages)
{
	const unsigned long step = 1UL << MAX_PAGE_ORDER;
	struct page *head;

	head = check_free_block(addr, MAX_PAGE_ORDER, PG_contig);
	if (!head)
		return;
	if (head->nr_pages != DIV_ROUND_UP(nr_pages, step) * step) {
		mm_bug("page_alloc: free_contig_pages with the wrong size at", (unsigned long)addr);
		return;
	}
	nr_pages = head->nr_pages;
	head->flags &= ~PG_contig;
	head->nr_pages = 0;
	for (unsigned long b = 0; b < nr_pages / step; b++)
		release_block(&head[b * step], MAX_PAGE_ORDER);
}

/* Report an inconsistency found by page_alloc_check; always false. */
static bool check_failed(const char *what, unsigned long pfn, unsigned int order)
{
	printk("page_alloc_check: %s (pfn 0x%lx, order %u)\n", what, pfn, order);
	return false;
}

/* Check one free block: shape, flags of all its pages, and that it is merged. */
static bool check_free_block_shape(struct page *page, unsigned int order)
{
	struct mem_region *r = page_region(page);
	unsigned long pfn = r->start_pfn + (unsigned long)(page - r->pages);
	unsigned long n = 1UL << order, buddy_pfn = pfn ^ n;
	struct page *buddy;

	if (!(page->flags & PG_buddy) || page->order != order)
		return check_failed("list entry is not a free head of this order", pfn, order);
	if ((pfn & (n - 1)) || pfn + n > r->start_pfn + r->nr_pages)
		return check_failed("block misaligned or past its region", pfn, order);
	for (unsigned long i = 0; i < n; i++)
		if (!(page[i].flags & PG_free) || (i && (page[i].flags & PG_buddy)))
			return check_failed("page of a free block not marked free", pfn + i, order);
	if (order == MAX_PAGE_ORDER || buddy_pfn < r->start_pfn ||
	    buddy_pfn + n > r->start_pfn + r->nr_pages)
		return true;
	buddy = &r->pages[buddy_pfn - r->start_pfn];
	if ((buddy->flags & PG_buddy) && buddy->order == order)
		return check_failed("free buddies left unmerged", pfn, order);
	return true;
}

static bool check_locked(void)
{
	unsigned long on_lists = 0, marked = 0;

	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++) {
		unsigned long blocks = 0;

		for (struct hlist_node *n = free_area[o].free_list.first; n; n = n->next) {
			if (!check_free_block_shape(container_of(n, struct page, node), o))
				return false;
			blocks++;
		}
		if (blocks != free_area[o].nr_free)
			return check_failed("free list length differs from its count", 0, o);
		on_lists += blocks << o;
	}
	for (unsigned int i = 0; i < nr_regions; i++)
		for (unsigned long p = 0; p < regions[i].nr_pages; p++)
			marked += !!(regions[i].pages[p].flags & PG_free);
	if (on_lists != free_page_count || marked != free_page_count)
		return check_failed("free page counts disagree", on_lists, 0);
	return true;
}

/*
 * The entry points: each runs its _locked body with interrupts off (see
 * mm_lock), so that an interrupt handler may allocate and free too.
 */
void page_alloc_add_range(phys_addr_t start, phys_addr_t end)
{
	bool irq = mm_lock();

	add_range_locked(start, end);
	mm_unlock(irq);
}

void *alloc_pages(unsigned int order)
{
	bool irq = mm_lock();
	void *p = alloc_pages_locked(order);

	mm_unlock(irq);
	return p;
}

void free_pages(void *addr, unsigned int order)
{
	bool irq;

	if (!addr)
		return;
	irq = mm_lock();
	free_pages_locked(addr, order);
	mm_unlock(irq);
}

void *alloc_contig_pages(unsigned long nr_pages)
{
	bool irq = mm_lock();
	void *p = alloc_contig_locked(nr_pages);

	mm_unlock(irq);
	return p;
}

void free_contig_pages(void *addr, unsigned long nr_pages)
{
	bool irq;

	if (!addr)
		return;
	irq = mm_lock();
	free_contig_locked(addr, nr_pages);
	mm_unlock(irq);
}

bool page_alloc_check(void)
{
	bool irq = mm_lock();
	bool ok = check_locked();

	mm_unlock(irq);
	return ok;
}

unsigned long nr_free_pages(void)
{
	return free_page_count;
}

unsigned long nr_total_pages(void)
{
	return total_page_count;
}

unsigned long nr_free_blocks(unsigned int order)
{
	return order <= MAX_PAGE_ORDER ? free_area[order].nr_free : 0;
}

void show_free_areas(void)
{
	printk("mem: %lu of %lu pages free (%lu of %lu KiB), %u regions\n", free_page_count,
	       total_page_count, free_page_count * (PAGE_SIZE / 1024),
	       total_page_count * (PAGE_SIZE / 1024), nr_regions);
	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++)
		printk("  order %2u (%5lu KiB blocks): %lu free\n", o, (PAGE_SIZE << o) / 1024,
		       free_area[o].nr_free);
}
