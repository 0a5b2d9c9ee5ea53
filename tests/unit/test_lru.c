// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/bpf_lru_list.c, driven the way LRU_HASH drives
 * it: a tiny "hash table" of preallocated elements embedding struct
 * bpf_lru_node; inserts pop a node (evicting through del_from_htab),
 * lookups set the reference bit, deletes push the node back. Checked:
 * exact eviction order in small cases worked out from Linux's algorithm
 * (common LRU with its local free batches, per-CPU LRU with its batches of
 * 4), list invariants through random workloads, hot keys surviving a
 * stream of cold ones, and 10,000 init/populate/destroy cycles.
 */
#include <string.h>
#include <bpfkern/bpf_lru_list.h>
#define UNIT_SUITE "lru"
#include "lib/unit.h"
#include "lib/map_util.h"

struct elem {
	struct bpf_lru_node node;
	u32 hash;
	u32 key;
	bool in_table;
};

struct table {
	struct bpf_lru lru;
	struct elem *elems;
	u32 nr, evictions;
};

static bool del_from_htab(void *arg, struct bpf_lru_node *node)
{
	struct elem *e = container_of(node, struct elem, node);
	struct table *t = arg;

	if (!e->in_table)
		return false;
	e->in_table = false;
	t->evictions++;
	return true;
}

static struct table *table_new(u32 nr, bool percpu)
{
	struct table *t = calloc(1, sizeof(*t));

	t->elems = calloc(nr, sizeof(struct elem));
	t->nr = nr;
	bpf_lru_init(&t->lru, percpu, offsetof(struct elem, hash) - offsetof(struct elem, node),
		     del_from_htab, t);
	bpf_lru_populate(&t->lru, t->elems, offsetof(struct elem, node), sizeof(struct elem), nr);
	return t;
}

static void table_free(struct table *t)
{
	bpf_lru_destroy(&t->lru);
	free(t->elems);
	free(t);
}

static struct elem *find(struct table *t, u32 key)
{
	for (u32 i = 0; i < t->nr; i++)
		if (t->elems[i].in_table && t->elems[i].key == key)
			return &t->elems[i];
	return NULL;
}

/* An LRU_HASH lookup: a hit marks the element referenced. */
static bool lookup(struct table *t, u32 key)
{
	struct elem *e = find(t, key);

	if (e)
		bpf_lru_node_set_ref(&e->node);
	return e != NULL;
}

static bool insert(struct table *t, u32 key)
{
	struct bpf_lru_node *node = bpf_lru_pop_free(&t->lru, key * 2654435761u);
	struct elem *e;

	if (!node)
		return false;
	e = container_of(node, struct elem, node);
	EXPECT_EQ(e->hash, key * 2654435761u); /* pop_free stores the hash */
	e->key = key;
	e->in_table = true;
	return true;
}

static void remove_key(struct table *t, u32 key)
{
	struct elem *e = find(t, key);

	if (e) {
		e->in_table = false;
		bpf_lru_push_free(&t->lru, &e->node);
	}
}

/* The keys present, ascending, as a bit mask (keys < 64). */
static u64 present(struct table *t)
{
	u64 mask = 0;

	for (u32 i = 0; i < t->nr; i++)
		if (t->elems[i].in_table)
			mask |= 1ull << t->elems[i].key;
	return mask;
}

#define KEYS2(a, b) ((1ull << (a)) | (1ull << (b)))

/* Linux's selftest test_lru_sanity0 shape: the referenced key survives. */
UNIT_TEST(common_two_entries)
{
	struct table *t = table_new(2, false);

	EXPECT(insert(t, 1) && insert(t, 2));
	EXPECT(lookup(t, 1));
	EXPECT(insert(t, 3));
	EXPECT_EQ(present(t), KEYS2(1, 3));
	table_free(t);
}

/*
 * Eight entries: target_free is 4, so nodes move to the CPU's local list four
 * at a time and eviction takes four unreferenced inactive nodes from the
 * oldest end at once.
 */
UNIT_TEST(common_batches_of_target_free)
{
	struct table *t = table_new(8, false);

	for (u32 k = 1; k <= 8; k++)
		EXPECT(insert(t, k));
	EXPECT_EQ(t->evictions, 0);
	EXPECT(lookup(t, 1) && lookup(t, 2));
	EXPECT(insert(t, 9)); /* evicts 3, 4, 5, 6 */
	EXPECT_EQ(t->evictions, 4);
	EXPECT_EQ(present(t), KEYS2(1, 2) | KEYS2(7, 8) | (1ull << 9));
	for (u32 k = 10; k <= 12; k++)
		EXPECT(insert(t, k)); /* from the local free list: no eviction */
	EXPECT_EQ(t->evictions, 4);
	EXPECT(insert(t, 13)); /* evicts 7, 8, 9, 10 */
	EXPECT_EQ(present(t), KEYS2(1, 2) | KEYS2(11, 12) | (1ull << 13));
	table_free(t);
}

/* All referenced: the oldest node goes regardless of its bit. */
UNIT_TEST(common_force_shrink)
{
	struct table *t = table_new(2, false);

	EXPECT(insert(t, 1) && insert(t, 2));
	EXPECT(lookup(t, 1) && lookup(t, 2));
	EXPECT(insert(t, 3));
	EXPECT_EQ(t->evictions, 1);
	EXPECT_EQ(present(t), KEYS2(1, 3));
	table_free(t);
}

/* BPF_F_NO_COMMON_LRU: a dry free list is refilled by evicting up to four nodes. */
UNIT_TEST(percpu_batches_of_four)
{
	struct table *t = table_new(4, true);

	for (u32 k = 1; k <= 4; k++)
		EXPECT(insert(t, k));
	EXPECT(lookup(t, 1));
	EXPECT(insert(t, 5)); /* evicts 2, 3, 4 (1 is referenced) */
	EXPECT_EQ(present(t), KEYS2(1, 5));
	EXPECT(insert(t, 6) && insert(t, 7));
	EXPECT_EQ(t->evictions, 3);
	table_free(t);
}

/*
 * A deleted node is reused. The per-CPU LRU takes it without evicting; the
 * common LRU refills its local list target_free (here 2) nodes at a time, so
 * it also evicts the oldest unreferenced key to make up the batch.
 */
UNIT_TEST(delete_returns_node)
{
	for (int percpu = 0; percpu < 2; percpu++) {
		struct table *t = table_new(4, percpu);

		for (u32 k = 1; k <= 4; k++)
			EXPECT(insert(t, k));
		remove_key(t, 2);
		EXPECT(insert(t, 5));
		EXPECT_EQ(t->evictions, percpu ? 0 : 1);
		EXPECT_EQ(present(t), KEYS2(3, 4) | KEYS2(5, percpu ? 1 : 5));
		table_free(t);
	}
}

/* Every node is on exactly one of the lists, and the counts agree with the lists. */
static void check_invariants(struct table *t)
{
	u32 seen = 0;
	struct bpf_lru_list *lists[NR_CPUS + 1];
	unsigned int nl = 0;

	if (t->lru.percpu) {
		for (unsigned int c = 0; c < num_possible_cpus(); c++)
			lists[nl++] = &t->lru.percpu_lru[c];
	} else {
		lists[nl++] = &t->lru.common_lru.lru_list;
	}
	for (unsigned int i = 0; i < nl; i++) {
		for (int type = 0; type < NR_BPF_LRU_LIST_T; type++) {
			u32 n = 0;

			for (struct list_head *p = lists[i]->lists[type].next;
			     p != &lists[i]->lists[type]; p = p->next, n++)
				EXPECT_EQ(list_entry(p, struct bpf_lru_node, list)->type, type);
			if (type < NR_BPF_LRU_LIST_COUNT)
				EXPECT_EQ(lists[i]->counts[type], n);
			seen += n;
		}
	}
	if (!t->lru.percpu) {
		for (unsigned int c = 0; c < num_possible_cpus(); c++) {
			struct bpf_lru_locallist *loc = &t->lru.common_lru.local_list[c];

			for (int j = 0; j < NR_BPF_LRU_LOCAL_LIST_T; j++)
				for (struct list_head *p = loc->lists[j].next; p != &loc->lists[j];
				     p = p->next)
					seen++;
		}
	}
	EXPECT_EQ(seen, t->nr);
}

UNIT_TEST(random_workload_invariants)
{
	for (int percpu = 0; percpu < 2; percpu++) {
		struct table *t = table_new(64, percpu);

		unit_srand(99 + percpu);
		for (int i = 0; i < 20000; i++) {
			u32 key = (u32)(unit_rand() % 200), op = unit_rand() % 3;

			if (op == 0 && !find(t, key))
				EXPECT(insert(t, key));
			else if (op == 1)
				lookup(t, key);
			else
				remove_key(t, key);
			if (i % 500 == 0)
				check_invariants(t);
		}
		check_invariants(t);
		table_free(t);
	}
}

/* Keys looked up between every insert survive a long stream of new keys. */
UNIT_TEST(hot_keys_survive)
{
	for (int percpu = 0; percpu < 2; percpu++) {
		struct table *t = table_new(128, percpu);
		u32 lost = 0;

		for (u32 k = 0; k < 16; k++)
			EXPECT(insert(t, k));
		for (u32 cold = 1000; cold < 11000; cold++) {
			for (u32 k = 0; k < 16; k++)
				lookup(t, k);
			EXPECT(insert(t, cold));
		}
		for (u32 k = 0; k < 16; k++)
			lost += !find(t, k);
		EXPECT_EQ(lost, 0);
		EXPECT(t->evictions >= 10000 - 128);
		table_free(t);
	}
}

UNIT_TEST(create_destroy_10000)
{
	for (int i = 0; i < 10000; i++) {
		struct table *t = table_new(16, i & 1);

		for (u32 k = 0; k < 20; k++)
			insert(t, k);
		table_free(t);
	}
}

UNIT_MAIN()
