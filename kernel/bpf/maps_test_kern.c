// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of the map family (test=maps): each map type is created,
 * used and destroyed 10,000 times on the kernel's own allocators, and the
 * free-page count must come back to where it started (slabs shrunk first),
 * so that no path leaks a page. The host unit tests check the semantics.
 */
#include <string.h>
#include <bpfkern/bpf_lru_list.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/ktest.h>
#include <bpfkern/mm.h>
#include <bpfkern/netdev.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>

#define CYCLES 10000

static unsigned long free_pages_now(void)
{
	kmem_cache_shrink_all();
	return nr_free_pages();
}

static struct bpf_map *create(const struct bpf_map_ops *ops, enum bpf_map_type type, u32 ks, u32 vs,
			      u32 max, u32 flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = ks;
	attr.value_size = vs;
	attr.max_entries = max;
	attr.map_flags = flags;
	return ops->map_alloc(&attr);
}

/* One create / use / destroy cycle of a type; false if creation failed. */
typedef bool (*cycle_fn)(unsigned int i);

static bool lpm_cycle(unsigned int i)
{
	struct bpf_map *m =
		create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 8, 16, BPF_F_NO_PREALLOC);
	struct {
		u32 prefixlen;
		u8 data[4];
	} a = { 24, { 10, (u8)i, 1, 0 } }, b = { 8, { 10 } }, c = { 16, { 11, 1 } };
	u64 v = i;

	if (IS_ERR(m))
		return false;
	m->ops->map_update_elem(m, &a, &v, BPF_ANY);
	m->ops->map_update_elem(m, &b, &v, BPF_ANY);
	m->ops->map_update_elem(m, &c, &v, BPF_ANY);
	m->ops->map_delete_elem(m, &b);
	m->ops->map_free(m);
	return true;
}

static bool queue_cycle(unsigned int i)
{
	struct bpf_map *m = i & 1 ? create(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 8, 64, 0)
				  : create(&queue_map_ops, BPF_MAP_TYPE_QUEUE, 0, 8, 64, 0);
	u64 v = i;

	if (IS_ERR(m))
		return false;
	m->ops->map_push_elem(m, &v, 0);
	m->ops->map_free(m);
	return true;
}

static bool ringbuf_cycle(unsigned int i)
{
	struct bpf_map *m =
		create(&ringbuf_map_ops, BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 << (i % 3), 0);
	u64 v = i;

	if (IS_ERR(m))
		return false;
	bpf_ringbuf_output((u64)(uintptr_t)m, (u64)(uintptr_t)&v, sizeof(v), 0, 0);
	m->ops->map_free(m);
	return true;
}

static bool percpu_cycle(unsigned int i)
{
	struct bpf_map *m =
		create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1 + i % 600, 0);

	if (IS_ERR(m))
		return false;
	m->ops->map_free(m);
	return true;
}

static bool devmap_cycle(unsigned int i)
{
	bool hash = i & 1;
	struct bpf_map *m = create(hash ? &dev_map_hash_ops : &dev_map_ops,
				   hash ? BPF_MAP_TYPE_DEVMAP_HASH : BPF_MAP_TYPE_DEVMAP, 4, 4, 64,
				   0);
	u32 k = i % 64, ifindex = 41;

	if (IS_ERR(m))
		return false;
	m->ops->map_update_elem(m, &k, &ifindex, BPF_ANY);
	m->ops->map_free(m);
	return true;
}

static bool array_of_maps_cycle(unsigned int i)
{
	union bpf_attr attr;
	struct bpf_map *tmpl = create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0);
	struct bpf_map *inner = create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0), *outer;
	u32 k = i % 4;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = i & 1 ? BPF_MAP_TYPE_HASH_OF_MAPS : BPF_MAP_TYPE_ARRAY_OF_MAPS;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 4;
	outer = bpf_map_of_maps_alloc(&attr, tmpl);
	if (IS_ERR(outer))
		return false;
	if (i & 1)
		bpf_fd_htab_map_update_elem(outer, &k, inner, BPF_ANY);
	else
		bpf_fd_array_map_update_elem(outer, &k, inner, BPF_ANY);
	bpf_inner_map_put(inner);
	bpf_inner_map_put(tmpl);
	outer->ops->map_free(outer);
	return true;
}

/* An LRU over 64 preallocated nodes, 100 inserts (so it evicts), then gone. */
struct lru_elem {
	struct bpf_lru_node node;
	u32 hash;
};

static bool lru_evict_any(void *arg, struct bpf_lru_node *node)
{
	return true;
}

static bool lru_cycle(unsigned int i)
{
	struct bpf_lru *lru = kzalloc(sizeof(*lru), GFP_KERNEL);
	struct lru_elem *elems = kcalloc(64, sizeof(*elems), GFP_KERNEL);

	if (!lru || !elems) {
		kfree(lru);
		kfree(elems);
		return false;
	}
	bpf_lru_init(lru, i & 1, offsetof(struct lru_elem, hash), lru_evict_any, NULL);
	bpf_lru_populate(lru, elems, 0, sizeof(*elems), 64);
	for (u32 k = 0; k < 100; k++)
		bpf_lru_pop_free(lru, k);
	bpf_lru_destroy(lru);
	kfree(elems);
	kfree(lru);
	return true;
}

/* ARRAY, alternately plain and BPF_F_MMAPABLE (values on their own pages), and PROG_ARRAY. */
static bool array_cycle(unsigned int i)
{
	u32 flags = i & 1 ? BPF_F_MMAPABLE : 0, key = i % 100;
	struct bpf_map *m = create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 24, 600, flags);
	struct bpf_map *p = create(&prog_array_map_ops, BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 8, 0);
	u64 v[3] = { i, i, i };

	if (IS_ERR(m) || IS_ERR(p)) {
		if (!IS_ERR(m))
			m->ops->map_free(m);
		if (!IS_ERR(p))
			p->ops->map_free(p);
		return false;
	}
	m->ops->map_update_elem(m, &key, v, BPF_ANY);
	m->ops->map_free(m);
	p->ops->map_free(p);
	return true;
}

/*
 * The hash family in turn: HASH preallocated and not, PERCPU_HASH, LRU_HASH
 * (common and per-CPU lists), LRU_PERCPU_HASH; more updates than entries,
 * so that the full-map and eviction paths run too.
 */
static bool hash_cycle(unsigned int i)
{
	static const struct {
		const struct bpf_map_ops *ops;
		enum bpf_map_type type;
		u32 flags;
	} kinds[] = {
		{ &htab_map_ops, BPF_MAP_TYPE_HASH, 0 },
		{ &htab_map_ops, BPF_MAP_TYPE_HASH, BPF_F_NO_PREALLOC },
		{ &htab_percpu_map_ops, BPF_MAP_TYPE_PERCPU_HASH, 0 },
		{ &htab_lru_map_ops, BPF_MAP_TYPE_LRU_HASH, 0 },
		{ &htab_lru_map_ops, BPF_MAP_TYPE_LRU_HASH, BPF_F_NO_COMMON_LRU },
		{ &htab_lru_percpu_map_ops, BPF_MAP_TYPE_LRU_PERCPU_HASH, 0 },
	};
	unsigned int k = i % ARRAY_SIZE(kinds);
	struct bpf_map *m = create(kinds[k].ops, kinds[k].type, 4, 8, 32, kinds[k].flags);
	u64 v = i;

	if (IS_ERR(m))
		return false;
	if (!m->ops)
		m->ops = kinds[k].ops; /* as syscall.c's map_create */
	for (u32 key = 0; key < 40; key++)
		m->ops->map_update_elem(m, &key, &v, BPF_ANY);
	for (u32 key = 0; key < 40; key += 3)
		m->ops->map_delete_elem(m, &key);
	m->ops->map_free(m);
	return true;
}

/* Runs CYCLES cycles; every one must succeed and the free pages must return. */
static void run_cycles(struct ktest_ctx *t, cycle_fn fn)
{
	bool poison = page_poisoning_set(false); /* speed under TCG */
	unsigned long before = free_pages_now();
	unsigned int failed = 0;

	for (unsigned int i = 0; i < CYCLES; i++)
		failed += !fn(i);
	KTEST_EXPECT(failed == 0);
	KTEST_EXPECT(free_pages_now() == before);
	page_poisoning_set(poison);
}

KTEST(maps, array_no_page_leak)
{
	run_cycles(t, array_cycle);
}

KTEST(maps, hash_family_no_page_leak)
{
	run_cycles(t, hash_cycle);
}

KTEST(maps, lpm_trie_no_page_leak)
{
	run_cycles(t, lpm_cycle);
}

/*
 * What an IPv4 prefix costs: the appliance's deny list (10,000 /24s,
 * 172.16.0.0/24 upward, u64 values) takes at most 70 bytes a prefix of
 * pages: a 32-byte leaf and at most one 32-byte intermediate node each
 * (kmalloc-32), no page per node. All pages come back when the map goes.
 */
KTEST(maps, lpm_trie_ipv4_prefix_cost)
{
	unsigned long before = free_pages_now(), used;
	struct bpf_map *m =
		create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 8, 16384, BPF_F_NO_PREALLOC);
	unsigned int failed = 0;
	u64 v = 0;

	KTEST_ASSERT(!IS_ERR(m));
	for (unsigned int i = 0; i < 10000; i++) {
		struct {
			u32 prefixlen;
			u8 data[4];
		} k = { 24, { 172, (u8)(16 + (i >> 8)), (u8)i, 0 } };

		failed += m->ops->map_update_elem(m, &k, &v, BPF_NOEXIST) != 0;
	}
	used = before - free_pages_now();
	KTEST_EXPECT(failed == 0);
	printk("maps: 10,000 IPv4 /24 prefixes: %lu pages, %lu bytes a prefix\n", used,
	       used * PAGE_SIZE / 10000);
	KTEST_EXPECT(used * PAGE_SIZE <= 10000 * 70);
	m->ops->map_free(m);
	KTEST_EXPECT(free_pages_now() == before);
}

KTEST(maps, queue_stack_no_page_leak)
{
	run_cycles(t, queue_cycle);
}

KTEST(maps, ringbuf_no_page_leak)
{
	run_cycles(t, ringbuf_cycle);
}

KTEST(maps, percpu_array_no_page_leak)
{
	run_cycles(t, percpu_cycle);
}

KTEST(maps, devmap_no_page_leak)
{
	static struct net_device dev = { .ifindex = 41, .name = "ktest0" };

	KTEST_ASSERT(register_netdev(&dev) == 0);
	run_cycles(t, devmap_cycle);
	unregister_netdev(&dev);
}

KTEST(maps, maps_of_maps_no_page_leak)
{
	run_cycles(t, array_of_maps_cycle);
}

KTEST(maps, lru_no_page_leak)
{
	run_cycles(t, lru_cycle);
}

/* The ring's pages are page-aligned in the kernel (the mmap view needs them so). */
KTEST(maps, ringbuf_pages_aligned)
{
	struct bpf_map *m = create(&ringbuf_map_ops, BPF_MAP_TYPE_RINGBUF, 0, 0, 8192, 0);

	KTEST_ASSERT(!IS_ERR(m));
	KTEST_EXPECT(ringbuf_map_mmap_pages(m) == 2 + 2 * 2);
	for (u64 p = 0; p < ringbuf_map_mmap_pages(m); p++)
		KTEST_EXPECT(((uintptr_t)ringbuf_map_mmap_page(m, p) & (PAGE_SIZE - 1)) == 0);
	KTEST_EXPECT(ringbuf_map_mmap_page(m, 2) == ringbuf_map_mmap_page(m, 4));
	m->ops->map_free(m);
}
