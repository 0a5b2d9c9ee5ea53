// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the buddy page allocator (kernel/mm/page_alloc.c) over
 * a malloc'd arena standing in for physical memory (lib/mm_host.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define UNIT_SUITE "page_alloc"
#include "lib/unit.h"
#include "lib/mm_host.h"
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include "../../kernel/mm/internal.h" /* struct page, to corrupt it on purpose */

#define MiB (1UL << 20)
#define BASE MM_HOST_PHYS_BASE

/* ---- helpers ---- */

struct snapshot {
	unsigned long free;
	unsigned long blocks[NR_PAGE_ORDERS];
};

static struct snapshot take_snapshot(void)
{
	struct snapshot s = { .free = nr_free_pages() };

	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		s.blocks[o] = nr_free_blocks(o);
	return s;
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* Sum of the per-order free lists, in pages: must equal nr_free_pages(). */
static unsigned long pages_on_free_lists(void)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		n += nr_free_blocks(o) << o;
	return n;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;

	return x < y ? -1 : x > y;
}

/* One 8 MiB range at BASE: 2048 pages, 16 of them metadata. */
static void setup_8m(void)
{
	mm_host_setup(8 * MiB);
	page_alloc_add_range(BASE, BASE + 8 * MiB);
	mm_host_record_bugs();
}

/* ---- tests ---- */

UNIT_TEST(add_range_counts)
{
	setup_8m();
	EXPECT_EQ(nr_total_pages(), 2048 - 16);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(pages_on_free_lists(), nr_free_pages());
	/* Free pfns 16..2047 of the range: blocks of orders 4, 5, ..., 10, one each. */
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		EXPECT_EQ(nr_free_blocks(o), o >= 4 ? 1 : 0);
	EXPECT_EQ(nr_free_blocks(NR_PAGE_ORDERS), 0);
	mm_host_teardown();
}

UNIT_TEST(init_forgets_everything)
{
	setup_8m();
	page_alloc_init();
	EXPECT_EQ(nr_free_pages(), 0);
	EXPECT_EQ(nr_total_pages(), 0);
	EXPECT(alloc_pages(0) == NULL);
	mm_host_teardown();
}

UNIT_TEST(split_then_merge)
{
	struct snapshot boot;
	void *p;

	setup_8m();
	boot = take_snapshot();
	p = alloc_pages(0);
	ASSERT(p != NULL);
	/* The smallest free block (order 4) was split into 3, 2, 1, 0 and our page. */
	for (unsigned int o = 0; o < 4; o++)
		EXPECT_EQ(nr_free_blocks(o), 1);
	EXPECT_EQ(nr_free_blocks(4), 0);
	EXPECT_EQ(nr_free_pages(), boot.free - 1);
	EXPECT_EQ(__pa(p), BASE + 16 * PAGE_SIZE);
	free_pages(p, 0);
	struct snapshot after = take_snapshot();
	EXPECT(same_snapshot(&boot, &after));
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(blocks_naturally_aligned_and_usable)
{
	void *blocks[NR_PAGE_ORDERS];

	mm_host_setup(16 * MiB); /* one block of each order needs 2047 pages */
	page_alloc_add_range(BASE, BASE + 16 * MiB);
	mm_host_record_bugs();
	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++) {
		blocks[o] = alloc_pages(o);
		ASSERT(blocks[o] != NULL);
		EXPECT_EQ(__pa(blocks[o]) % (PAGE_SIZE << o), 0);
		memset(blocks[o], (int)o, PAGE_SIZE << o);
	}
	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++) {
		const u8 *b = blocks[o];

		EXPECT(b[0] == o && b[(PAGE_SIZE << o) - 1] == o);
	}
	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++)
		free_pages(blocks[o], o);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(exhaustion_returns_null)
{
	void **pages = calloc(2048, sizeof(void *));
	unsigned long n = 0;

	setup_8m();
	while ((pages[n] = alloc_pages(0)) != NULL)
		n++;
	EXPECT_EQ(n, nr_total_pages());
	EXPECT_EQ(nr_free_pages(), 0);
	EXPECT(alloc_pages(0) == NULL);
	EXPECT(alloc_pages(MAX_PAGE_ORDER) == NULL);
	EXPECT(get_zeroed_page() == NULL);
	while (n)
		free_pages(pages[--n], 0);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(nr_free_blocks(MAX_PAGE_ORDER), 1);
	free(pages);
	mm_host_teardown();
}

UNIT_TEST(order_too_big)
{
	setup_8m();
	EXPECT(alloc_pages(MAX_PAGE_ORDER + 1) == NULL);
	EXPECT(alloc_pages(~0u) == NULL);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	free_pages(NULL, 0); /* a no-op, as in Linux */
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(double_free_detected)
{
	struct snapshot s;
	void *p, *q;

	setup_8m();
	p = alloc_pages(0);
	q = alloc_pages(0); /* keeps p's block from merging away entirely */
	ASSERT(p && q);
	free_pages(p, 0);
	s = take_snapshot();
	free_pages(p, 0);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: double free of page"));
	EXPECT_EQ(mm_host_last_bug_addr, __pa(p));
	EXPECT(mm_host_last_bug_irqs_off); /* reported inside the allocator's lock */
	EXPECT(!irqs_disabled()); /* and the lock was released */
	struct snapshot after = take_snapshot();
	EXPECT(same_snapshot(&s, &after));
	/* A page that was merged into a bigger free block: still a double free. */
	free_pages(q, 0);
	free_pages(q, 0);
	EXPECT_EQ(mm_host_nr_bugs, 2);
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: double free of page"));
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

UNIT_TEST(bad_free_detected)
{
	unsigned long free_before;
	int on_stack;
	u8 *p;

	setup_8m();
	p = alloc_pages(2);
	ASSERT(p != NULL);
	free_before = nr_free_pages();

	free_pages(p + PAGE_SIZE, 0); /* a tail page of an allocated block */
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: free of a page never allocated"));
	EXPECT_EQ(mm_host_last_bug_addr, __pa(p) + PAGE_SIZE);
	free_pages(p, 1); /* wrong order */
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: free with the wrong order of page"));
	free_pages(p + 8, 2); /* not page aligned */
	EXPECT(!strcmp(mm_host_last_bug,
		       "page_alloc: free of an address that is not a managed page"));
	free_pages(&on_stack, 0); /* not RAM we manage */
	EXPECT(!strcmp(mm_host_last_bug,
		       "page_alloc: free of an address that is not a managed page"));
	free_pages(__va(BASE), 0); /* the struct page array itself */
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: free of a page never allocated"));
	free_pages(p, MAX_PAGE_ORDER + 1);
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: free with an impossible order at"));
	EXPECT_EQ(mm_host_nr_bugs, 6);
	EXPECT_EQ(nr_free_pages(), free_before);

	free_pages(p, 2);
	EXPECT_EQ(mm_host_nr_bugs, 6);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

UNIT_TEST(freed_pages_poisoned)
{
	u8 *p;

	setup_8m();
	p = alloc_pages(1);
	ASSERT(p != NULL);
	memset(p, 0, 2 * PAGE_SIZE);
	free_pages(p, 1);
	for (unsigned long i = 0; i < 2 * PAGE_SIZE; i++)
		if (p[i] != 0xaa) {
			EXPECT(p[i] == 0xaa);
			break;
		}
	mm_host_teardown();
}

UNIT_TEST(write_after_free_detected)
{
	u8 *p, *again;

	setup_8m();
	p = alloc_pages(0);
	ASSERT(p != NULL);
	free_pages(p, 0);
	p[100] = 1; /* dangling write (legal memory for the host: the arena) */
	again = alloc_pages(0);
	EXPECT(again == p); /* LIFO: the same page comes back */
	EXPECT_EQ(mm_host_nr_bugs, 1);
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: write after free to page"));
	EXPECT_EQ(mm_host_last_bug_addr, __pa(p) + 96); /* the damaged word */
	free_pages(again, 0);

	/* With poisoning off, nothing is filled or reported. */
	EXPECT(page_poisoning_set(false) == true);
	p = alloc_pages(0);
	free_pages(p, 0);
	p[5] = 1;
	EXPECT(alloc_pages(0) == p);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	page_poisoning_set(true);
	free_pages(p, 0);
	mm_host_teardown();
}

UNIT_TEST(get_zeroed_page_is_zero)
{
	u8 *p;
	bool zero = true;

	setup_8m();
	p = alloc_pages(0);
	free_pages(p, 0); /* now full of poison */
	p = get_zeroed_page();
	ASSERT(p != NULL);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		zero &= p[i] == 0;
	EXPECT(zero);
	free_page(p);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

UNIT_TEST(bad_ranges_refused)
{
	mm_host_setup(16 * MiB);
	page_alloc_add_range(BASE + MiB, BASE + MiB); /* empty */
	page_alloc_add_range(BASE + 2 * MiB, BASE + MiB); /* reversed */
	page_alloc_add_range(BASE + 100, BASE + 4000); /* no whole page */
	page_alloc_add_range(BASE, BASE + PAGE_SIZE); /* no room beside its metadata */
	page_alloc_add_range(~(phys_addr_t)0 - 8192, ~(phys_addr_t)0); /* top of the space */
	EXPECT_EQ(nr_total_pages(), 0);
	page_alloc_add_range(BASE + 4 * MiB, BASE + 8 * MiB);
	unsigned long total = nr_total_pages();
	EXPECT(total > 0);
	page_alloc_add_range(BASE + 6 * MiB, BASE + 10 * MiB); /* overlaps */
	page_alloc_add_range(BASE, BASE + 4 * MiB + PAGE_SIZE); /* overlaps by a page */
	EXPECT_EQ(nr_total_pages(), total);
	/* Unaligned ends are rounded inwards: [BASE + 4K, BASE + 12K) holds 2 pages, 1 metadata. */
	page_alloc_add_range(BASE + 1, BASE + 4 * PAGE_SIZE - 1);
	EXPECT_EQ(nr_total_pages(), total + 1);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

UNIT_TEST(too_many_regions_refused)
{
	mm_host_setup(8 * MiB);
	for (unsigned long i = 0; i < 40; i++)
		page_alloc_add_range(BASE + i * 4 * PAGE_SIZE,
				     BASE + i * 4 * PAGE_SIZE + 3 * PAGE_SIZE);
	EXPECT_EQ(nr_total_pages(), 32 * 2); /* 32 regions of 3 pages, 1 metadata each */
	mm_host_teardown();
}

/* Every page handed out lies in [lo, hi) of some listed range and past its metadata. */
UNIT_TEST(ranges_with_holes)
{
	void **pages;
	unsigned long n = 0;
	bool inside = true;

	mm_host_setup(40 * MiB);
	page_alloc_add_range(BASE + 24 * MiB, BASE + 40 * MiB); /* out of order on purpose */
	page_alloc_add_range(BASE, BASE + 4 * MiB);
	/* Two adjacent regions: each has its own metadata, no block crosses 16 MiB. */
	page_alloc_add_range(BASE + 12 * MiB, BASE + 16 * MiB);
	page_alloc_add_range(BASE + 16 * MiB, BASE + 20 * MiB);
	/* 4096 + 1024 + 1024 + 1024 pages, metadata 32 + 8 + 8 + 8. */
	EXPECT_EQ(nr_total_pages(), 7168 - 56);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	pages = calloc(7168, sizeof(void *));
	while ((pages[n] = alloc_pages(0)) != NULL) {
		phys_addr_t pa = __pa(pages[n]);

		inside &= (pa >= BASE + 8 * PAGE_SIZE && pa < BASE + 4 * MiB) ||
			  (pa >= BASE + 12 * MiB + 8 * PAGE_SIZE && pa < BASE + 16 * MiB) ||
			  (pa >= BASE + 16 * MiB + 8 * PAGE_SIZE && pa < BASE + 20 * MiB) ||
			  (pa >= BASE + 24 * MiB + 32 * PAGE_SIZE && pa < BASE + 40 * MiB);
		n++;
	}
	EXPECT(inside);
	EXPECT_EQ(n, 7168 - 56);
	while (n)
		free_pages(pages[--n], 0);
	free(pages);
	/* 16 MiB region: 3 whole 4 MiB blocks after its metadata; the others none. */
	EXPECT_EQ(nr_free_blocks(MAX_PAGE_ORDER), 3);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

UNIT_TEST(contig_pages_beyond_max_order)
{
	u8 *p;
	unsigned long before;

	mm_host_setup(40 * MiB);
	page_alloc_add_range(BASE, BASE + 40 * MiB);
	mm_host_record_bugs();
	before = nr_free_pages();
	EXPECT(alloc_contig_pages(0) == NULL);
	p = alloc_contig_pages(2500); /* 3 max-order blocks */
	ASSERT(p != NULL);
	EXPECT_EQ(__pa(p) % (PAGE_SIZE << MAX_PAGE_ORDER), 0);
	EXPECT_EQ(nr_free_pages(), before - 3 * 1024);
	memset(p, 1, 3 * 1024 * PAGE_SIZE);
	EXPECT(alloc_contig_pages(100 * 1024) == NULL); /* more than there is */
	free_contig_pages(p, 100); /* wrong size */
	EXPECT(!strcmp(mm_host_last_bug, "page_alloc: free_contig_pages with the wrong size at"));
	free_pages(p, MAX_PAGE_ORDER); /* not the way to free it */
	EXPECT(!strcmp(mm_host_last_bug,
		       "page_alloc: free by the wrong owner (kmalloc vs pages) of page"));
	EXPECT_EQ(mm_host_nr_bugs, 2);
	free_contig_pages(p, 2500);
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(mm_host_nr_bugs, 2);
	mm_host_teardown();
}

UNIT_TEST(contig_needs_adjacent_blocks)
{
	void *a, *b;

	mm_host_setup(12 * MiB);
	page_alloc_add_range(BASE, BASE + 12 * MiB); /* max-order blocks at +4 and +8 MiB */
	EXPECT_EQ(nr_free_blocks(MAX_PAGE_ORDER), 2);
	a = alloc_contig_pages(2048);
	EXPECT(a == __va(BASE + 4 * MiB));
	free_contig_pages(a, 2048);
	b = alloc_pages(MAX_PAGE_ORDER);
	ASSERT(b != NULL);
	EXPECT(alloc_contig_pages(2048) == NULL); /* one block left */
	a = alloc_contig_pages(1);
	EXPECT(a != NULL);
	free_contig_pages(a, 1);
	free_pages(b, MAX_PAGE_ORDER);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

/* Hold every other page: half the memory is free, yet no two pages are adjacent. */
UNIT_TEST(checkerboard_fragmentation)
{
	void **pages = calloc(2048, sizeof(void *));
	unsigned long n = 0;

	setup_8m();
	while ((pages[n] = alloc_pages(0)) != NULL)
		n++;
	qsort(pages, n, sizeof(void *), cmp_ptr);
	for (unsigned long i = 0; i < n; i += 2)
		free_pages(pages[i], 0);
	EXPECT_EQ(nr_free_pages(), (n + 1) / 2);
	EXPECT_EQ(nr_free_blocks(0), (n + 1) / 2);
	EXPECT(alloc_pages(1) == NULL);
	EXPECT(alloc_contig_pages(1) == NULL);
	for (unsigned long i = 1; i < n; i += 2)
		free_pages(pages[i], 0);
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(nr_free_blocks(MAX_PAGE_ORDER), 1);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	free(pages);
	mm_host_teardown();
}

struct block {
	void *addr;
	unsigned int order;
};

/*
 * Allocate blocks of random orders until even order 0 fails, checking that
 * no page is handed out twice; returns how many blocks are in blocks[].
 */
static unsigned long allocate_everything(struct block *blocks, u8 *owned, phys_addr_t base)
{
	unsigned long n = 0;

	for (;;) {
		unsigned int order = (unsigned int)(unit_rand() % NR_PAGE_ORDERS);
		void *p;

		while ((p = alloc_pages(order)) == NULL && order > 0)
			order--;
		if (!p)
			return n;
		unsigned long first = (unsigned long)((__pa(p) - base) >> PAGE_SHIFT);

		for (unsigned long i = 0; i < (1UL << order); i++)
			owned[first + i]++;
		memset(p, (int)n, 64);
		blocks[n++] = (struct block){ p, order };
	}
}

/* Free blocks[from, to), forgetting their pages in owned[]. */
static void free_blocks(struct block *blocks, unsigned long from, unsigned long to, u8 *owned,
			phys_addr_t base)
{
	for (unsigned long i = from; i < to; i++) {
		unsigned long first = (unsigned long)((__pa(blocks[i].addr) - base) >> PAGE_SHIFT);

		for (unsigned long j = 0; j < (1UL << blocks[i].order); j++)
			owned[first + j]--;
		free_pages(blocks[i].addr, blocks[i].order);
	}
}

static void shuffle(struct block *blocks, unsigned long n)
{
	for (unsigned long i = n; i > 1; i--) {
		unsigned long j = (unsigned long)(unit_rand() % i);
		struct block t = blocks[i - 1];

		blocks[i - 1] = blocks[j];
		blocks[j] = t;
	}
}

UNIT_TEST(fragmentation_random_orders)
{
	const size_t arena = 64 * MiB;
	struct block *blocks = calloc(arena / PAGE_SIZE, sizeof(*blocks));
	u8 *owned = calloc(arena / PAGE_SIZE, 1);
	struct snapshot boot;
	bool no_overlap = true;

	mm_host_setup(arena);
	page_alloc_add_range(BASE + 3 * PAGE_SIZE, BASE + 30 * MiB + 5 * PAGE_SIZE);
	page_alloc_add_range(BASE + 33 * MiB, BASE + 64 * MiB - 7 * PAGE_SIZE);
	mm_host_record_bugs();
	boot = take_snapshot();
	EXPECT(boot.blocks[MAX_PAGE_ORDER] > 0);

	for (u64 seed = 1; seed <= 6; seed++) {
		unsigned long n, half;

		unit_srand(seed * 0x9e3779b97f4a7c15ULL);
		memset(owned, 0, arena / PAGE_SIZE);
		n = allocate_everything(blocks, owned, BASE);
		for (unsigned long i = 0; i < arena / PAGE_SIZE; i++)
			no_overlap &= owned[i] <= 1;
		EXPECT_EQ(nr_free_pages(), 0);
		EXPECT(page_alloc_check());
		/* Free a random half, allocate everything again, then free all. */
		shuffle(blocks, n);
		half = n / 2;
		free_blocks(blocks, half, n, owned, BASE);
		n = half + allocate_everything(blocks + half, owned, BASE);
		for (unsigned long i = 0; i < arena / PAGE_SIZE; i++)
			no_overlap &= owned[i] <= 1;
		EXPECT_EQ(nr_free_pages(), 0);
		shuffle(blocks, n);
		free_blocks(blocks, 0, n, owned, BASE);
		EXPECT(page_alloc_check());
		struct snapshot now = take_snapshot();
		EXPECT(same_snapshot(&boot, &now)); /* max-order blocks re-formed */
	}
	EXPECT(no_overlap);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	free(blocks);
	free(owned);
	mm_host_teardown();
}

/* Random interleaved allocs and frees, the invariants checked as it goes. */
UNIT_TEST(random_walk_keeps_invariants)
{
	enum { HELD_MAX = 4096, STEPS = 30000 };
	struct block *held = calloc(HELD_MAX, sizeof(*held));
	unsigned long n = 0, checks_ok = 0, checks = 0;

	mm_host_setup(24 * MiB);
	page_alloc_add_range(BASE + 5 * PAGE_SIZE, BASE + 11 * MiB);
	page_alloc_add_range(BASE + 12 * MiB + 3 * PAGE_SIZE, BASE + 24 * MiB);
	mm_host_record_bugs();
	unit_srand(0x5eed);
	for (int step = 0; step < STEPS; step++) {
		bool grow = n == 0 || (n < HELD_MAX && unit_rand() % 100 < 55);

		if (grow) {
			unsigned int order = (unsigned int)(unit_rand() % 7);
			void *p = alloc_pages(order);

			if (p)
				held[n++] = (struct block){ p, order };
		} else {
			unsigned long i = (unsigned long)(unit_rand() % n);

			free_pages(held[i].addr, held[i].order);
			held[i] = held[--n];
		}
		if (step % 499 == 0) {
			checks++;
			checks_ok += page_alloc_check();
		}
	}
	EXPECT_EQ(checks_ok, checks);
	while (n) {
		n--;
		free_pages(held[n].addr, held[n].order);
	}
	EXPECT(page_alloc_check());
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(mm_host_nr_bugs, 0);
	free(held);
	mm_host_teardown();
}

/* page_alloc_check itself must be able to fail. */
UNIT_TEST(check_detects_corruption)
{
	struct page *page;
	u8 *p;

	setup_8m();
	EXPECT(page_alloc_check());
	p = alloc_pages(3);
	ASSERT(p != NULL);
	free_pages(p, 3);
	page = virt_to_page(p + 2 * PAGE_SIZE); /* inside a free block */
	page->flags &= ~PG_free;
	EXPECT(!page_alloc_check());
	page->flags |= PG_free;
	EXPECT(page_alloc_check());
	page = virt_to_page(p);
	page->order = 0; /* a list entry of the wrong order */
	EXPECT(!page_alloc_check());
	mm_host_teardown();
}

UNIT_TEST(default_handler_restored)
{
	mm_bug_handler_t old;

	old = mm_set_bug_handler(NULL);
	EXPECT(old != NULL); /* the recorder the tests above installed */
	EXPECT(mm_set_bug_handler(NULL) == NULL);
}

UNIT_MAIN()
