/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two allocators of kernel/mm share and nobody else sees (Linux
 * keeps the same kind of file as mm/internal.h): the per-page metadata
 * (struct page), its flags, and a NULL-terminated doubly linked list that
 * needs no initialisation (Linux's hlist), used for the buddy free lists and
 * the slab partial lists.
 */
#ifndef BPFKERN_MM_INTERNAL_H
#define BPFKERN_MM_INTERNAL_H

#include <bpfkern/kernel.h>
#include <bpfkern/arch.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>

/* ---- hlist: a list whose all-zero state is the empty list ---- */
struct hlist_node {
	struct hlist_node *next;
	struct hlist_node **pprev; /* the pointer that points at us */
};

struct hlist_head {
	struct hlist_node *first;
};

static inline bool hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void hlist_del(struct hlist_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->next = NULL;
	n->pprev = NULL;
}

/* Is the node on some list? (hlist_del leaves it unhashed.) */
static inline bool hlist_unhashed(const struct hlist_node *n)
{
	return !n->pprev;
}

/* ---- struct page: one per page frame, carved from the RAM it describes ---- */

/*
 * Page states. Exactly one of the three "owner" states holds for a page that
 * is handed out: PG_head (first page of a block from alloc_pages), with
 * PG_slab or PG_large_kmalloc or PG_contig added when kmalloc owns it.
 */
enum page_flags {
	PG_reserved = 1 << 0, /* never managed: holds the struct page array */
	PG_free = 1 << 1, /* inside a free block (every page of it) */
	PG_buddy = 1 << 2, /* first page of a free block, on free_area[order] */
	PG_head = 1 << 3, /* first page of an allocated block of 'order' */
	PG_poisoned = 1 << 4, /* filled with PAGE_POISON when it was freed */
	PG_slab = 1 << 5, /* a kmalloc slab: page->freelist, page->inuse */
	PG_large_kmalloc = 1 << 6, /* kmalloc of more than a slab object */
	PG_contig = 1 << 7, /* first page of a run of max-order blocks */
};

struct page {
	struct hlist_node node; /* free_area list (PG_buddy), or slab partial list (PG_slab) */
	u16 flags; /* enum page_flags */
	u8 order; /* PG_buddy / PG_head: the block is 2^order pages */
	u8 slab_class; /* PG_slab: index of its kmalloc cache */
	u16 inuse; /* PG_slab: objects handed out */
	union {
		void *freelist; /* PG_slab: first free object, NULL if full */
		unsigned long nr_pages; /* PG_contig: length of the run */
	};
};

/*
 * The allocators' lock. With one CPU, turning interrupts off is all the
 * mutual exclusion there is to have, and it lets interrupt handlers
 * allocate. Nests: the inner mm_unlock leaves interrupts off.
 */
static inline bool mm_lock(void)
{
	bool was_enabled = !irqs_disabled();

	local_irq_disable();
	return was_enabled;
}

static inline void mm_unlock(bool was_enabled)
{
	if (was_enabled)
		local_irq_enable();
}

/* Byte that fills every freed page (Linux's PAGE_POISON). */
#define PAGE_POISON 0xaa

/* The struct page of a direct-map address, or NULL if no region has it. */
struct page *virt_to_page(const void *addr);
/* The direct-map address of a managed page. */
void *page_address(const struct page *page);

/* Report a broken invariant through the installed mm bug handler. */
void mm_bug(const char *what, unsigned long addr);

#endif
