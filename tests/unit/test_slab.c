// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmalloc and friends (kernel/mm/slab.c) on top of the
 * real page allocator, over a malloc'd arena (lib/mm_host.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#define UNIT_SUITE "slab"
#include "lib/unit.h"
#include "lib/mm_host.h"
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>

#define MiB (1UL << 20)
#define BASE MM_HOST_PHYS_BASE

static void setup(size_t size)
{
	mm_host_setup(size);
	page_alloc_add_range(BASE, BASE + size);
	mm_host_record_bugs();
}

static size_t expected_class(size_t size)
{
	size_t c = KMALLOC_MIN_SIZE;

	while (c < size)
		c <<= 1;
	return c;
}

UNIT_TEST(size_classes_and_alignment)
{
	bool ok = true;

	setup(8 * MiB);
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		void *p = kmalloc(size, GFP_KERNEL);

		ok &= p != NULL && ksize(p) == expected_class(size) &&
		      (uintptr_t)p % expected_class(size) == 0;
		if (p)
			memset(p, 0x11, size);
		kfree(p);
	}
	EXPECT(ok);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(zero_size_and_null)
{
	setup(8 * MiB);
	EXPECT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	EXPECT(kzalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	kvfree(NULL);
	EXPECT_EQ(ksize(NULL), 0);
	EXPECT_EQ(ksize(ZERO_SIZE_PTR), 0);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(kzalloc_kcalloc_zero)
{
	u8 *p, *q;
	bool zero = true;

	setup(8 * MiB);
	p = kmalloc(1000, GFP_KERNEL); /* leaves junk behind when freed */
	memset(p, 0xff, 1000);
	kfree(p);
	p = kzalloc(1000, GFP_KERNEL);
	q = kcalloc(100, 30, GFP_KERNEL);
	ASSERT(p && q);
	for (int i = 0; i < 1000; i++)
		zero &= p[i] == 0;
	for (int i = 0; i < 3000; i++)
		zero &= q[i] == 0;
	EXPECT(zero);
	EXPECT(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL) == NULL); /* n * size overflows */
	EXPECT(kcalloc(3, SIZE_MAX / 2, GFP_KERNEL) == NULL);
	kfree(p);
	kfree(q);
	mm_host_teardown();
}

UNIT_TEST(one_slab_per_page)
{
	void *objs[513];
	unsigned long before;

	setup(8 * MiB);
	before = nr_free_pages();
	for (int i = 0; i < 512; i++)
		objs[i] = kmalloc(8, GFP_KERNEL);
	EXPECT_EQ(nr_free_pages(), before - 1); /* 512 objects of 8 bytes: one page */
	EXPECT_EQ(kmalloc_cache_inuse(8), 512);
	objs[512] = kmalloc(8, GFP_KERNEL);
	EXPECT_EQ(nr_free_pages(), before - 2);
	for (int i = 0; i < 513; i++)
		kfree(objs[i]);
	EXPECT_EQ(kmalloc_cache_inuse(8), 0);
	/* One empty slab is kept for the next kmalloc; shrinking releases it. */
	EXPECT_EQ(nr_free_pages(), before - 1);
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(objects_do_not_overlap)
{
	enum { N = 20000 };
	u8 **objs = calloc(N, sizeof(*objs));
	size_t *sizes = calloc(N, sizeof(*sizes));
	unsigned long before;
	bool intact = true;

	setup(64 * MiB);
	before = nr_free_pages();
	for (int i = 0; i < N; i++) {
		sizes[i] = 1 + unit_rand() % (unit_rand() % 8 ? 256 : 6000);
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		ASSERT(objs[i] != NULL);
		memset(objs[i], i & 0xff, sizes[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < sizes[i]; j++)
			intact &= objs[i][j] == (i & 0xff);
	EXPECT(intact);
	for (int i = 0; i < N; i += 2)
		kfree(objs[i]);
	for (int i = 1; i < N; i += 2)
		kfree(objs[i]);
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	free(objs);
	free(sizes);
	mm_host_teardown();
}

UNIT_TEST(large_kmalloc_from_pages)
{
	void *a, *b, *c;
	unsigned long before;

	setup(16 * MiB);
	before = nr_free_pages();
	a = kmalloc(3000, GFP_KERNEL);
	b = kmalloc(5000, GFP_KERNEL);
	c = kmalloc(4 * MiB, GFP_KERNEL);
	ASSERT(a && b && c);
	EXPECT_EQ(ksize(a), 4096);
	EXPECT_EQ(ksize(b), 8192);
	EXPECT_EQ(ksize(c), 4 * MiB);
	EXPECT_EQ((uintptr_t)a % PAGE_SIZE, 0);
	EXPECT_EQ(nr_free_pages(), before - 1 - 2 - 1024);
	EXPECT(kmalloc(4 * MiB + 1, GFP_KERNEL) == NULL);
	EXPECT(kmalloc(SIZE_MAX, GFP_KERNEL) == NULL);
	kfree(a);
	kfree(b);
	kfree(c);
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(kvmalloc_beyond_max_order)
{
	u8 *p, *small;
	unsigned long before;
	bool zero = true;

	setup(40 * MiB);
	before = nr_free_pages();
	small = kvmalloc(100, GFP_KERNEL);
	EXPECT_EQ(ksize(small), 128);
	p = kvzalloc(10 * MiB, GFP_KERNEL);
	ASSERT(p != NULL);
	EXPECT_EQ(ksize(p), 12 * MiB);
	for (size_t i = 0; i < 10 * MiB; i += 4093)
		zero &= p[i] == 0;
	EXPECT(zero);
	memset(p, 7, 10 * MiB);
	EXPECT(kvmalloc(100 * MiB, GFP_KERNEL) == NULL);
	EXPECT(kvmalloc(SIZE_MAX, GFP_KERNEL) == NULL);
	kvfree(p);
	kvfree(small);
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	mm_host_teardown();
}

UNIT_TEST(krealloc_semantics)
{
	u8 *p, *q;
	bool kept = true;

	setup(16 * MiB);
	p = krealloc(NULL, 20, GFP_KERNEL);
	ASSERT(p != NULL);
	memcpy(p, "0123456789abcdefghi", 20);
	EXPECT(krealloc(p, 30, GFP_KERNEL) == p); /* still fits its 32-byte class */
	q = krealloc(p, 5000, GFP_KERNEL);
	ASSERT(q != NULL);
	EXPECT(!memcmp(q, "0123456789abcdefghi", 20));
	EXPECT(krealloc(q, 10, GFP_KERNEL) == q); /* shrinking keeps the block */
	/* A failed krealloc leaves the old object alone. */
	EXPECT(krealloc(q, 64 * MiB, GFP_KERNEL) == NULL);
	for (int i = 0; i < 20; i++)
		kept &= q[i] == "0123456789abcdefghi"[i];
	EXPECT(kept);
	EXPECT(krealloc(q, 0, GFP_KERNEL) == ZERO_SIZE_PTR); /* frees q */
	int on_stack;
	EXPECT(krealloc(&on_stack, 100, GFP_KERNEL) == NULL);
	EXPECT(!strcmp(mm_host_last_bug, "krealloc: pointer not from kmalloc"));
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(mm_host_nr_bugs, 1);
	mm_host_teardown();
}

UNIT_TEST(double_free_detected)
{
	void *p, *q, *big;

	setup(8 * MiB);
	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL); /* keeps the slab alive */
	kfree(p);
	kfree(p);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	EXPECT(!strcmp(mm_host_last_bug, "kfree: double free of object"));
	EXPECT(mm_host_last_bug_irqs_off);
	EXPECT(!irqs_disabled());
	EXPECT_EQ(mm_host_last_bug_addr, (uintptr_t)p);
	/* The freelist is intact: two kmallocs give p once, then a fresh object. */
	void *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL);
	EXPECT(a == p);
	EXPECT(b != p && b != q);
	kfree(a);
	kfree(b);
	kfree(q);

	/* An 8-byte object has no room for poison: the freelist walk decides. */
	p = kmalloc(8, GFP_KERNEL);
	q = kmalloc(8, GFP_KERNEL);
	kfree(p);
	kfree(p);
	EXPECT_EQ(mm_host_nr_bugs, 2);
	kfree(q);

	big = kmalloc(10000, GFP_KERNEL);
	kfree(big);
	kfree(big);
	EXPECT_EQ(mm_host_nr_bugs, 3);
	EXPECT(!strcmp(mm_host_last_bug, "kfree: double free of"));
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	mm_host_teardown();
}

/* A live object that happens to look free (full of 0x6b) is still freed once, cleanly. */
UNIT_TEST(live_object_looking_free)
{
	u8 *p, *keep;

	setup(8 * MiB);
	keep = kmalloc(64, GFP_KERNEL);
	p = kmalloc(64, GFP_KERNEL);
	ASSERT(p && keep);
	EXPECT(p[8] == 0x5a && p[15] == 0x5a); /* kmalloc's in-use mark */
	memset(p, 0x6b, 64);
	kfree(p);
	EXPECT_EQ(mm_host_nr_bugs, 0);
	EXPECT_EQ(kmalloc_cache_inuse(64), 1);
	kfree(p);
	EXPECT_EQ(mm_host_nr_bugs, 1); /* now it is a double free */
	kfree(keep);
	mm_host_teardown();
}

UNIT_TEST(bad_kfree_detected)
{
	u8 *p, *big, *pages;
	int on_stack;
	unsigned long before;

	setup(8 * MiB);
	p = kmalloc(128, GFP_KERNEL);
	big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	pages = alloc_pages(0);
	before = nr_free_pages();
	kfree(p + 8);
	EXPECT(!strcmp(mm_host_last_bug, "kfree: pointer into the middle of an object"));
	kfree(&on_stack);
	EXPECT(!strcmp(mm_host_last_bug, "kfree: pointer not from kmalloc"));
	kfree(big + PAGE_SIZE); /* a tail page of a large kmalloc */
	EXPECT(!strcmp(mm_host_last_bug, "kfree: pointer not from kmalloc"));
	kfree(pages); /* from alloc_pages, not kmalloc */
	EXPECT(!strcmp(mm_host_last_bug, "kfree: pointer not from kmalloc"));
	free_pages(big, 2); /* kmalloc memory given to free_pages */
	EXPECT(!strcmp(mm_host_last_bug,
		       "page_alloc: free by the wrong owner (kmalloc vs pages) of page"));
	EXPECT_EQ(mm_host_nr_bugs, 5);
	EXPECT_EQ(nr_free_pages(), before);
	EXPECT_EQ(kmalloc_cache_inuse(128), 1);
	kfree(p);
	kfree(big);
	free_pages(pages, 0);
	kmem_cache_shrink_all();
	EXPECT_EQ(nr_free_pages(), nr_total_pages());
	EXPECT_EQ(mm_host_nr_bugs, 5);
	mm_host_teardown();
}

UNIT_TEST(write_after_free_detected)
{
	u8 *p, *q, *keep;

	setup(8 * MiB);
	keep = kmalloc(256, GFP_KERNEL);
	p = kmalloc(256, GFP_KERNEL);
	kfree(p);
	p[200] = 0; /* dangling write */
	q = kmalloc(256, GFP_KERNEL);
	EXPECT(q == p);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	EXPECT(!strcmp(mm_host_last_bug, "kmalloc: write after free to object"));
	EXPECT_EQ(mm_host_last_bug_addr, (uintptr_t)p);
	kfree(q);

	EXPECT(slab_poison_check_set(false));
	p = kmalloc(256, GFP_KERNEL);
	kfree(p);
	p[9] = 0;
	EXPECT(kmalloc(256, GFP_KERNEL) == p);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	slab_poison_check_set(true);
	kfree(p);
	kfree(keep);
	mm_host_teardown();
}

UNIT_TEST(corrupted_free_pointer_detected)
{
	void **p;
	void *keep, *a, *b;

	setup(8 * MiB);
	keep = kmalloc(64, GFP_KERNEL);
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	*p = (void *)0x1234; /* overwrite the free pointer of a free object */
	a = kmalloc(64, GFP_KERNEL);
	EXPECT(a == p);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	EXPECT(!strcmp(mm_host_last_bug, "kmalloc: corrupted free pointer in object"));
	/* The rest of that slab is abandoned, but kmalloc still works. */
	b = kmalloc(64, GFP_KERNEL);
	EXPECT(b != NULL && b != a && b != keep);
	EXPECT_EQ(mm_host_nr_bugs, 1);
	kfree(a);
	kfree(b);
	kfree(keep);
	mm_host_teardown();
}

/* kmalloc every byte there is in random sizes, free in random order: back to boot state. */
UNIT_TEST(fragmentation_random_sizes)
{
	const size_t arena = 32 * MiB;
	size_t cap = arena / KMALLOC_MIN_SIZE;
	void **objs = calloc(cap, sizeof(*objs));
	unsigned long boot_free, boot_max;

	setup(arena);
	boot_free = nr_free_pages();
	boot_max = nr_free_blocks(MAX_PAGE_ORDER);
	for (int round = 0; round < 3; round++) {
		size_t n = 0;

		for (;;) {
			size_t size = 1 + unit_rand() % (unit_rand() % 16 ? 512 : 64 * 1024);
			void *p = kmalloc(size, GFP_KERNEL);

			if (!p)
				p = kmalloc(1, GFP_KERNEL); /* fill the last holes */
			if (!p || n == cap)
				break;
			objs[n++] = p;
		}
		EXPECT_EQ(nr_free_pages(), 0);
		for (size_t i = n; i > 1; i--) {
			size_t j = unit_rand() % i;
			void *t = objs[i - 1];

			objs[i - 1] = objs[j];
			objs[j] = t;
		}
		for (size_t i = 0; i < n; i++)
			kfree(objs[i]);
		kmem_cache_shrink_all();
		EXPECT_EQ(nr_free_pages(), boot_free);
		EXPECT_EQ(nr_free_blocks(MAX_PAGE_ORDER), boot_max);
	}
	EXPECT_EQ(mm_host_nr_bugs, 0);
	free(objs);
	mm_host_teardown();
}

UNIT_MAIN()
