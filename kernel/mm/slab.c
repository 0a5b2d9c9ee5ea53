// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc and friends: power-of-two slab caches on top of the page
 * allocator (docs/memory.md).
 *
 * A slab is one page cut into objects of one size class (8, 16, ... 2048
 * bytes), so every object is aligned to its size. All bookkeeping lives in
 * the page's struct page: the free objects form a singly linked list
 * threaded through their first word (page->freelist), page->inuse counts the
 * rest. A cache keeps its slabs that have a free object on a partial list;
 * full slabs are on no list, and an empty slab goes back to the page
 * allocator unless it is the cache's only partial slab (kept to avoid
 * thrashing; kmem_cache_shrink_all releases it). Larger requests are whole
 * blocks from alloc_pages, and kvmalloc beyond 4 MiB a run of them.
 * kfree tells these apart by the flags of the pointer's struct page.
 */
#include <stdint.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>
#include "internal.h"

/* Byte that fills a free object after its free pointer (Linux's POISON_FREE). */
#define POISON_FREE 0x6b
/*
 * Word that kmalloc writes just after the free pointer of an object it hands
 * out (bytes of Linux's POISON_INUSE), so that kfree can tell a live object
 * from a free one without walking the freelist.
 */
#define POISON_INUSE_WORD 0x5a5a5a5a5a5a5a5aULL

struct kmem_cache {
	unsigned int size; /* object size, a power of two */
	struct hlist_head partial; /* slabs with at least one free object */
	unsigned long nr_slabs;
	unsigned long inuse; /* objects handed out */
};

static struct kmem_cache kmalloc_caches[] = {
	{ .size = 8 },	 { .size = 16 },  { .size = 32 },   { .size = 64 },   { .size = 128 },
	{ .size = 256 }, { .size = 512 }, { .size = 1024 }, { .size = 2048 },
};
BUILD_BUG_ON(KMALLOC_MIN_SIZE != 8 || KMALLOC_MAX_CACHE_SIZE != 2048);

static bool slab_poison_check = true;

bool slab_poison_check_set(bool on)
{
	bool old = slab_poison_check;

	slab_poison_check = on;
	return old;
}

void kmem_cache_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		kmalloc_caches[i].partial.first = NULL;
		kmalloc_caches[i].nr_slabs = 0;
		kmalloc_caches[i].inuse = 0;
	}
}

/* Index of the smallest cache whose objects hold size bytes (1..2048). */
static unsigned int kmalloc_index(size_t size)
{
	unsigned int i = 0;

	while (kmalloc_caches[i].size < size)
		i++;
	return i;
}

/* Are bytes [from, to) of obj all POISON_FREE? Both are multiples of 8. */
static bool poison_intact(const void *obj, size_t from, size_t to)
{
	const u64 *w = obj;

	for (size_t i = from / sizeof(u64); i < to / sizeof(u64); i++)
		if (w[i] != POISON_FREE * 0x0101010101010101ULL)
			return false;
	return true;
}

/* A fresh slab for cache idx, already on its partial list, or NULL. */
static struct page *new_slab(unsigned int idx)
{
	struct kmem_cache *c = &kmalloc_caches[idx];
	u8 *base = alloc_pages(0);
	struct page *page;

	if (!base)
		return NULL;
	page = virt_to_page(base);
	page->flags |= PG_slab;
	page->slab_class = idx;
	page->inuse = 0;
	memset(base, POISON_FREE, PAGE_SIZE);
	page->freelist = NULL;
	for (size_t off = PAGE_SIZE; off > 0; off -= c->size) {
		void *obj = base + off - c->size;

		*(void **)obj = page->freelist;
		page->freelist = obj;
	}
	hlist_add_head(&page->node, &c->partial);
	c->nr_slabs++;
	return page;
}

/* Is next a plausible free pointer inside the slab of obj? */
static bool free_pointer_valid(const void *obj, const void *next, unsigned int size)
{
	uintptr_t page_base = (uintptr_t)obj & ~(uintptr_t)(PAGE_SIZE - 1);
	uintptr_t n = (uintptr_t)next;

	return !next || (n - page_base < PAGE_SIZE && (n - page_base) % size == 0);
}

/* Take one object from cache idx, or NULL when no page can be had. */
static void *slab_alloc(unsigned int idx)
{
	struct kmem_cache *c = &kmalloc_caches[idx];
	struct page *page;
	void *obj, *next;

	if (hlist_empty(&c->partial) && !new_slab(idx))
		return NULL;
	page = container_of(c->partial.first, struct page, node);
	obj = page->freelist;
	next = *(void **)obj;
	if (slab_poison_check && !poison_intact(obj, sizeof(void *), c->size))
		mm_bug("kmalloc: write after free to object", (unsigned long)obj);
	if (!free_pointer_valid(obj, next, c->size)) {
		mm_bug("kmalloc: corrupted free pointer in object", (unsigned long)obj);
		next = NULL; /* leak the rest of this slab rather than follow it */
	}
	if (c->size > sizeof(void *))
		((u64 *)obj)[1] = POISON_INUSE_WORD;
	page->freelist = next;
	page->inuse++;
	c->inuse++;
	if (!next)
		hlist_del(&page->node); /* full: off the partial list */
	return obj;
}

/*
 * Is obj on its slab's freelist? A live object does not look free: kmalloc
 * marked it POISON_INUSE_WORD, or its owner wrote it. Only one whose poison
 * is intact (or an 8-byte object, which has no room for poison) needs the
 * walk of the freelist that gives the exact answer.
 */
static bool object_is_free(const struct page *page, const void *obj, unsigned int size)
{
	unsigned int limit = PAGE_SIZE / size;
	const void *p = page->freelist;

	if (!poison_intact(obj, sizeof(void *), size))
		return false;
	for (; p && limit; limit--, p = *(void *const *)p)
		if (p == obj)
			return true;
	return false;
}

/* Give the emptied slab page back to the page allocator. */
static void discard_slab(struct kmem_cache *c, struct page *page)
{
	hlist_del(&page->node);
	page->flags &= ~PG_slab;
	page->freelist = NULL;
	c->nr_slabs--;
	free_pages(page_address(page), 0);
}

/* Return obj to its slab; obj is inside page, which has PG_slab. */
static void slab_free(struct page *page, void *obj)
{
	struct kmem_cache *c = &kmalloc_caches[page->slab_class];
	bool was_full = !page->freelist;

	if (((uintptr_t)obj & (PAGE_SIZE - 1)) % c->size) {
		mm_bug("kfree: pointer into the middle of an object", (unsigned long)obj);
		return;
	}
	if (object_is_free(page, obj, c->size)) {
		mm_bug("kfree: double free of object", (unsigned long)obj);
		return;
	}
	memset((u8 *)obj + sizeof(void *), POISON_FREE, c->size - sizeof(void *));
	*(void **)obj = page->freelist;
	page->freelist = obj;
	page->inuse--;
	c->inuse--;
	if (was_full)
		hlist_add_head(&page->node, &c->partial);
	/* Keep an empty slab only while it is the cache's sole partial slab. */
	if (!page->inuse && (c->partial.first != &page->node || page->node.next))
		discard_slab(c, page);
}

void kmem_cache_shrink_all(void)
{
	bool irq = mm_lock();

	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *c = &kmalloc_caches[i];
		struct hlist_node *n = c->partial.first;

		while (n) {
			struct page *page = container_of(n, struct page, node);

			n = n->next;
			if (!page->inuse)
				discard_slab(c, page);
		}
	}
	mm_unlock(irq);
}

/* Smallest order whose block holds size bytes; size <= PAGE_SIZE << MAX_PAGE_ORDER. */
static unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* A kmalloc too big for a slab: a whole block of pages. */
static void *kmalloc_large(size_t size)
{
	void *p;

	if (size > (PAGE_SIZE << MAX_PAGE_ORDER))
		return NULL;
	p = alloc_pages(get_order(size));
	if (p)
		virt_to_page(p)->flags |= PG_large_kmalloc;
	return p;
}

void *kmalloc(size_t size, unsigned int flags)
{
	bool irq;
	void *p;

	if (!size)
		return ZERO_SIZE_PTR;
	irq = mm_lock();
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		p = slab_alloc(kmalloc_index(size));
	else
		p = kmalloc_large(size);
	mm_unlock(irq);
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, unsigned int flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, unsigned int flags)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, flags | __GFP_ZERO);
}

size_t ksize(const void *p)
{
	const struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = virt_to_page(p);
	if (!page)
		return 0;
	if (page->flags & PG_slab)
		return kmalloc_caches[page->slab_class].size;
	if (page->flags & PG_contig)
		return page->nr_pages * PAGE_SIZE;
	if (page->flags & PG_large_kmalloc)
		return PAGE_SIZE << page->order;
	return 0;
}

/* kfree's body, with the allocators' lock held. */
static void kfree_locked(const void *p)
{
	void *obj = (void *)(uintptr_t)p; /* kfree takes const, as Linux's */
	struct page *page = virt_to_page(p);

	if (page && (page->flags & PG_slab)) {
		slab_free(page, obj);
	} else if (page && (page->flags & PG_large_kmalloc) &&
		   IS_ALIGNED((uintptr_t)p, PAGE_SIZE)) {
		page->flags &= ~PG_large_kmalloc;
		free_pages(obj, page->order);
	} else if (page && (page->flags & PG_contig) && IS_ALIGNED((uintptr_t)p, PAGE_SIZE)) {
		free_contig_pages(obj, page->nr_pages);
	} else if (page && (page->flags & PG_free) && IS_ALIGNED((uintptr_t)p, PAGE_SIZE)) {
		mm_bug("kfree: double free of", (unsigned long)p);
	} else {
		mm_bug("kfree: pointer not from kmalloc", (unsigned long)p);
	}
}

void kfree(const void *p)
{
	bool irq;

	if (ZERO_OR_NULL_PTR(p))
		return;
	irq = mm_lock();
	kfree_locked(p);
	mm_unlock(irq);
}

void *krealloc(void *p, size_t size, unsigned int flags)
{
	size_t old;
	void *n;

	if (ZERO_OR_NULL_PTR(p))
		return kmalloc(size, flags);
	if (!size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old = ksize(p);
	if (!old) {
		mm_bug("krealloc: pointer not from kmalloc", (unsigned long)p);
		return NULL;
	}
	if (size <= old)
		return p;
	n = kmalloc(size, flags);
	if (!n)
		return NULL;
	memcpy(n, p, old);
	kfree(p);
	return n;
}

void *kvmalloc(size_t size, unsigned int flags)
{
	unsigned long nr;
	void *p;

	if (size <= (PAGE_SIZE << MAX_PAGE_ORDER))
		return kmalloc(size, flags);
	nr = size / PAGE_SIZE + (size % PAGE_SIZE != 0);
	if (nr > nr_total_pages())
		return NULL;
	p = alloc_contig_pages(nr);
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kvzalloc(size_t size, unsigned int flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}

void kvfree(const void *p)
{
	kfree(p);
}

unsigned long kmalloc_cache_inuse(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return 0;
	return kmalloc_caches[kmalloc_index(size)].inuse;
}

void slab_show_info(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		printk("  kmalloc-%-4u: %lu slabs, %lu objects in use\n", kmalloc_caches[i].size,
		       kmalloc_caches[i].nr_slabs, kmalloc_caches[i].inuse);
}
