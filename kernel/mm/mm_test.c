// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of kernel/mm (test=mm): the buddy allocator and kmalloc on
 * the machine's real memory, and newlib's malloc landing in kmalloc. The
 * fragmentation tests take every free page there is, so they keep their
 * bookkeeping inside the blocks they allocate (a list threaded through
 * them) and print nothing until everything is back.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/ktest.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>

void *sbrk(ptrdiff_t incr); /* lib/malloc.c */

struct snapshot {
	unsigned long free;
	unsigned long blocks[NR_PAGE_ORDERS];
};

static void take_snapshot(struct snapshot *s)
{
	s->free = nr_free_pages();
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		s->blocks[o] = nr_free_blocks(o);
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static u64 rng_state;

static u64 rng_next(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int nr_bugs;
static const char *last_bug = "";

static void record_bug(const char *what, unsigned long addr)
{
	nr_bugs++;
	last_bug = what;
}

KTEST(mm, counters_consistent)
{
	unsigned long on_lists = 0;

	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		on_lists += nr_free_blocks(o) << o;
	KTEST_EXPECT(nr_total_pages() > 0);
	KTEST_EXPECT(nr_free_pages() <= nr_total_pages());
	KTEST_EXPECT(on_lists == nr_free_pages());
	KTEST_EXPECT(page_alloc_check());
}

KTEST(mm, buddy_split_merge)
{
	struct snapshot before, after;
	void *blocks[NR_PAGE_ORDERS];
	unsigned int o;

	take_snapshot(&before);
	for (o = 0; o <= MAX_PAGE_ORDER; o++) {
		blocks[o] = alloc_pages(o);
		if (!blocks[o])
			break; /* -m 16M may have no 4 MiB block */
		KTEST_EXPECT(__pa(blocks[o]) % (PAGE_SIZE << o) == 0);
		memset(blocks[o], 0x42, PAGE_SIZE << o);
	}
	KTEST_EXPECT(o >= 8);
	while (o--)
		free_pages(blocks[o], o);
	take_snapshot(&after);
	KTEST_EXPECT(same_snapshot(&before, &after));
}

KTEST(mm, bad_frees_detected)
{
	mm_bug_handler_t old = mm_set_bug_handler(record_bug);
	unsigned long free_before;
	static int not_heap;
	u8 *p = alloc_pages(1);

	KTEST_ASSERT(p != NULL);
	nr_bugs = 0;
	free_pages(p, 1);
	free_before = nr_free_pages();
	free_pages(p, 1);
	KTEST_EXPECT(nr_bugs == 1 && !strcmp(last_bug, "page_alloc: double free of page"));
	p = alloc_pages(1);
	free_pages(p + PAGE_SIZE, 0);
	KTEST_EXPECT(nr_bugs == 2 &&
		     !strcmp(last_bug, "page_alloc: free of a page never allocated"));
	free_pages(&not_heap, 0); /* kernel image, not the direct map */
	KTEST_EXPECT(nr_bugs == 3);
	kfree(&not_heap);
	KTEST_EXPECT(nr_bugs == 4 && !strcmp(last_bug, "kfree: pointer not from kmalloc"));
	free_pages(p, 1);
	KTEST_EXPECT(nr_free_pages() == free_before);
	mm_set_bug_handler(old);
}

KTEST(mm, write_after_free_detected)
{
	mm_bug_handler_t old = mm_set_bug_handler(record_bug);
	bool was = page_poisoning_set(true);
	u8 *p = alloc_pages(0), *q;

	KTEST_ASSERT(p != NULL);
	nr_bugs = 0;
	free_pages(p, 0);
	KTEST_EXPECT(p[0] == 0xaa && p[PAGE_SIZE - 1] == 0xaa);
	p[7] = 0;
	q = alloc_pages(0);
	KTEST_EXPECT(q == p);
	KTEST_EXPECT(nr_bugs == 1 && !strcmp(last_bug, "page_alloc: write after free to page"));
	free_pages(q, 0);
	page_poisoning_set(was);
	mm_set_bug_handler(old);
}

KTEST(mm, kmalloc_classes)
{
	bool ok = true;

	for (size_t size = 1; size <= 3 * PAGE_SIZE; size = size * 3 / 2 + 1) {
		u8 *p = kmalloc(size, GFP_KERNEL);
		size_t k = ksize(p);

		ok &= p && k >= size && (k & (k - 1)) == 0 && (uintptr_t)p % min(k, PAGE_SIZE) == 0;
		if (p)
			memset(p, 0x33, size);
		kfree(p);
	}
	KTEST_EXPECT(ok);
	KTEST_EXPECT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	KTEST_EXPECT(kmalloc((size_t)-1, GFP_KERNEL) == NULL);
	KTEST_EXPECT(kvmalloc((size_t)-1, GFP_KERNEL) == NULL);
	KTEST_EXPECT(kcalloc((size_t)-1 / 2, 4, GFP_KERNEL) == NULL);
}

/* newlib's allocation, public and internal (strdup, asprintf), is kmalloc memory. */
KTEST(mm, newlib_malloc_is_kmalloc)
{
	volatile size_t huge = (size_t)-1; /* hidden from gcc's size warning */
	unsigned long in8 = kmalloc_cache_inuse(8);
	char *s = strdup("hello"), *f = NULL;
	void *a = NULL;
	u8 *m, *c;

	KTEST_ASSERT(s != NULL);
	KTEST_EXPECT(ksize(s) == 8);
	KTEST_EXPECT(kmalloc_cache_inuse(8) == in8 + 1);
	KTEST_EXPECT(asprintf(&f, "%s-%d", s, 42) == 8 && f && !strcmp(f, "hello-42"));
	KTEST_EXPECT(f && ksize(f) >= 9);
	m = malloc(100);
	KTEST_EXPECT(m && ksize(m) == 128);
	m = realloc(m, 10000);
	KTEST_EXPECT(m && ksize(m) == 16384);
	c = calloc(1000, 10);
	KTEST_EXPECT(c && c[0] == 0 && c[9999] == 0);
	KTEST_EXPECT(posix_memalign(&a, 1 << 16, 100) == 0 && (uintptr_t)a % (1 << 16) == 0);
	KTEST_EXPECT(posix_memalign(&a, 3, 100) != 0); /* a stays as it was */
	KTEST_EXPECT(malloc(huge) == NULL);
	KTEST_EXPECT(sbrk(4096) == (void *)-1);
	free(a);
	free(c);
	free(m);
	free(f);
	free(s);
	KTEST_EXPECT(kmalloc_cache_inuse(8) == in8);
}

/*
 * Allocate every free page in blocks of random order (smaller when a big
 * one fails), each block's first words holding the list link and its order.
 */
struct held {
	struct held *next;
	unsigned long order;
};

static struct held *take_all_pages(void)
{
	struct held *list = NULL;

	for (;;) {
		unsigned int order = (unsigned int)(rng_next() % NR_PAGE_ORDERS);
		struct held *h;

		while (!(h = alloc_pages(order)) && order)
			order--;
		if (!h)
			return list;
		h->next = list;
		h->order = order;
		list = h;
	}
}

/* Free a threaded list in random order: passes that each free about half. */
static void free_randomly(struct held *list, bool pages)
{
	while (list) {
		struct held **pp = &list;

		while (*pp) {
			struct held *h = *pp;

			if (rng_next() & 1) {
				*pp = h->next;
				if (pages)
					free_pages(h, (unsigned int)h->order);
				else
					kfree(h);
			} else {
				pp = &h->next;
			}
		}
	}
}

KTEST(mm, fragmentation_pages)
{
	bool was = page_poisoning_set(false); /* 4 GiB of memset is slow under TCG */
	struct snapshot boot, now;
	bool exhausted = true, same = true;

	take_snapshot(&boot);
	for (u64 round = 1; round <= 2; round++) {
		rng_state = round * 0x9e3779b97f4a7c15ULL;
		struct held *all = take_all_pages();

		exhausted &= nr_free_pages() == 0;
		free_randomly(all, true);
		take_snapshot(&now);
		same &= same_snapshot(&boot, &now);
	}
	page_poisoning_set(was);
	KTEST_EXPECT(exhausted);
	KTEST_EXPECT(same); /* free count and every order, max-order blocks too */
	KTEST_EXPECT(page_alloc_check());
	KTEST_EXPECT(boot.blocks[MAX_PAGE_ORDER] == 0 || now.blocks[MAX_PAGE_ORDER] > 0);
}

KTEST(mm, fragmentation_kmalloc)
{
	bool was = page_poisoning_set(false);
	struct held *list = NULL;
	unsigned long boot;
	bool exhausted;

	kmem_cache_shrink_all();
	boot = nr_free_pages();
	rng_state = 12345;
	for (;;) {
		size_t size = rng_next() % 4 ? 16 + rng_next() % 2032 : rng_next() % (256 * 1024);
		struct held *h;

		while (!(h = kmalloc(max(size, sizeof(*h)), GFP_KERNEL)) && size > sizeof(*h))
			size /= 2;
		if (!h)
			break;
		h->next = list;
		list = h;
	}
	exhausted = nr_free_pages() == 0;
	free_randomly(list, false);
	kmem_cache_shrink_all();
	page_poisoning_set(was);
	KTEST_EXPECT(exhausted);
	KTEST_EXPECT(nr_free_pages() == boot);
	KTEST_EXPECT(page_alloc_check());
}
