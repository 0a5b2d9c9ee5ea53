// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH in
 * kernel/bpf/hashtab.c: Linux's creation checks and errno values, the
 * program view (this CPU's copy, lookups mark LRU references) and the
 * syscall view (every CPU's copy, 8-byte aligned), full-map behaviour
 * (-E2BIG for PERCPU_HASH, eviction for the LRU types), eviction order for
 * fixed sequences worked out from Linux 6.18's algorithm (target_free =
 * max_entries / CPUs / 2 for the common LRU, batches of 4 per CPU with
 * BPF_F_NO_COMMON_LRU), and 10,000 create/destroy cycles of each type.
 */
#include <string.h>
#define UNIT_SUITE "hashtab_lru"
#include "lib/unit.h"
#include "lib/map_util.h"

static struct bpf_map *lru_map(u32 type, u32 max_entries, u32 flags)
{
	const struct bpf_map_ops *ops = type == BPF_MAP_TYPE_LRU_HASH ? &htab_lru_map_ops
								      : &htab_lru_percpu_map_ops;

	return map_create(ops, type, 4, 8, max_entries, flags);
}

static long upd(struct bpf_map *map, u32 key, u64 val, u64 flags)
{
	return map->ops->map_update_elem(map, &key, &val, flags);
}

/* The syscall's lookup: present or not, without marking a reference. */
static bool present(struct bpf_map *map, u32 key)
{
	u64 val[NR_CPUS];

	return bpf_htab_copy_value(map, &key, val) == 0;
}

static bool prog_lookup(struct bpf_map *map, u32 key)
{
	return map->ops->map_lookup_elem(map, &key) != NULL;
}

UNIT_TEST(create_checks)
{
	const u32 lh = BPF_MAP_TYPE_LRU_HASH, lph = BPF_MAP_TYPE_LRU_PERCPU_HASH;
	const u32 ph = BPF_MAP_TYPE_PERCPU_HASH;

	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 8, 16, 0), 0);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 8, 16, BPF_F_NO_COMMON_LRU), 0);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 8, 16, BPF_F_NO_PREALLOC), -ENOTSUPP);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 0, 8, 16, 0), -EINVAL);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 0, 16, 0), -EINVAL);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 8, 0, 0), -EINVAL);
	EXPECT_EQ(map_create_err(&htab_lru_map_ops, lh, 4, 8, 16, BPF_F_MMAPABLE), -EINVAL);
	EXPECT_EQ(map_create_err(&htab_lru_percpu_map_ops, lph, 4, 8, 16, BPF_F_NO_COMMON_LRU), 0);
	EXPECT_EQ(map_create_err(&htab_lru_percpu_map_ops, lph, 4, 8, 16, BPF_F_NUMA_NODE),
		  -EINVAL);
	EXPECT_EQ(map_create_err(&htab_lru_percpu_map_ops, lph, 4, 32768, 1, 0), 0);
	EXPECT_EQ(map_create_err(&htab_lru_percpu_map_ops, lph, 4, 32769, 1, 0), -E2BIG);
	EXPECT_EQ(map_create_err(&htab_percpu_map_ops, ph, 4, 8, 16, 0), 0);
	EXPECT_EQ(map_create_err(&htab_percpu_map_ops, ph, 4, 8, 16, BPF_F_NO_PREALLOC), 0);
	EXPECT_EQ(map_create_err(&htab_percpu_map_ops, ph, 4, 8, 16, BPF_F_NO_COMMON_LRU), -EINVAL);
	EXPECT_EQ(map_create_err(&htab_map_ops, BPF_MAP_TYPE_HASH, 4, 8, 16, BPF_F_NO_COMMON_LRU),
		  -EINVAL);
	EXPECT_EQ(map_create_err(&htab_percpu_map_ops, ph, 4, 32769, 1, 0), -E2BIG);
}

/*
 * Common LRU, 4 entries, one CPU: target_free 2. Keys 1..4 fill it (nodes
 * come two at a time to the CPU's local list); key 5 flushes them to
 * inactive and evicts two from its tail. Key 1 was looked up by a program,
 * so the rotation saves it and 2 and 3 go.
 */
UNIT_TEST(common_lru_eviction_order)
{
	struct bpf_map *map = lru_map(BPF_MAP_TYPE_LRU_HASH, 4, 0);
	u32 k;

	ASSERT(!IS_ERR(map));
	for (k = 1; k <= 4; k++)
		EXPECT_EQ(upd(map, k, k, BPF_NOEXIST), 0);
	EXPECT(prog_lookup(map, 1));
	EXPECT_EQ(upd(map, 5, 5, BPF_ANY), 0);
	EXPECT(present(map, 1));
	EXPECT(!present(map, 2));
	EXPECT(!present(map, 3));
	EXPECT(present(map, 4));
	EXPECT(present(map, 5));
	/* 6 takes the node left on the local list; 7 evicts the inactive tail (4, 5) */
	EXPECT_EQ(upd(map, 6, 6, BPF_ANY), 0);
	EXPECT(present(map, 1) && present(map, 4) && present(map, 5) && present(map, 6));
	EXPECT_EQ(upd(map, 7, 7, BPF_ANY), 0);
	EXPECT(!present(map, 4));
	EXPECT(!present(map, 5));
	EXPECT(present(map, 1) && present(map, 6) && present(map, 7));
	map->ops->map_free(map);
}

/* The same fill without a lookup: the two oldest (1, 2) go. */
UNIT_TEST(common_lru_evicts_oldest)
{
	struct bpf_map *map = lru_map(BPF_MAP_TYPE_LRU_HASH, 4, 0);
	u32 k;

	ASSERT(!IS_ERR(map));
	for (k = 1; k <= 5; k++)
		EXPECT_EQ(upd(map, k, k, BPF_ANY), 0);
	EXPECT(!present(map, 1));
	EXPECT(!present(map, 2));
	for (k = 3; k <= 5; k++)
		EXPECT(present(map, k));
	map->ops->map_free(map);
}

/* BPF_F_NO_COMMON_LRU, 8 entries: key 9 evicts a batch of 4 (1..4) at once. */
UNIT_TEST(percpu_lru_eviction_order)
{
	struct bpf_map *map = lru_map(BPF_MAP_TYPE_LRU_HASH, 8, BPF_F_NO_COMMON_LRU);
	u32 k;

	ASSERT(!IS_ERR(map));
	for (k = 1; k <= 8; k++)
		EXPECT_EQ(upd(map, k, k, BPF_NOEXIST), 0);
	EXPECT(prog_lookup(map, 2));
	EXPECT_EQ(upd(map, 9, 9, BPF_NOEXIST), 0);
	EXPECT(present(map, 2));
	EXPECT(!present(map, 1));
	EXPECT(!present(map, 3));
	EXPECT(!present(map, 4));
	EXPECT(!present(map, 5));
	for (k = 6; k <= 9; k++)
		EXPECT(present(map, k));
	map->ops->map_free(map);
}

/* A full LRU map takes every update; flags still answer -EEXIST and -ENOENT. */
UNIT_TEST(lru_full_and_flags)
{
	struct bpf_map *map = lru_map(BPF_MAP_TYPE_LRU_HASH, 16, 0);
	u32 k, n = 0, key, next;

	ASSERT(!IS_ERR(map));
	for (k = 0; k < 1000; k++)
		EXPECT_EQ(upd(map, k, k, BPF_ANY), 0);
	EXPECT(present(map, 999));
	EXPECT_EQ(upd(map, 999, 1, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(upd(map, 5000, 1, BPF_EXIST), -ENOENT);
	EXPECT_EQ(upd(map, 1, 1, 4), -EINVAL);
	for (int r = map->ops->map_get_next_key(map, NULL, &next); !r;
	     r = map->ops->map_get_next_key(map, &key, &next)) {
		key = next;
		n++;
	}
	EXPECT(n >= 1 && n <= 16);
	key = 999;
	EXPECT_EQ(map->ops->map_delete_elem(map, &key), 0);
	EXPECT_EQ(map->ops->map_delete_elem(map, &key), -ENOENT);
	EXPECT(!present(map, 999));
	map->ops->map_free(map);
}

/* PERCPU_HASH: program view is this CPU's copy; syscall views every copy; full is -E2BIG. */
UNIT_TEST(percpu_hash_views_and_full)
{
	struct bpf_map *map =
		map_create(&htab_percpu_map_ops, BPF_MAP_TYPE_PERCPU_HASH, 4, 12, 4, 0);
	u32 vsize, key = 7, k;
	u8 val[12], *buf, *p;

	ASSERT(!IS_ERR(map));
	vsize = bpf_map_value_size(map);
	EXPECT_EQ(vsize, 16 * num_possible_cpus());
	buf = calloc(1, vsize);
	for (u32 c = 0; c < num_possible_cpus(); c++)
		memset(buf + c * 16, 0x10 + c, 16);
	EXPECT_EQ(bpf_percpu_hash_update(map, &key, buf, BPF_NOEXIST), 0);
	EXPECT_EQ(bpf_percpu_hash_update(map, &key, buf, BPF_NOEXIST), -EEXIST);
	p = map->ops->map_lookup_elem(map, &key);
	ASSERT(p);
	EXPECT_EQ(p[0], 0x10 + smp_processor_id());
	memset(val, 0xab, sizeof(val));
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_EXIST), 0);
	memset(buf, 0, vsize);
	EXPECT_EQ(bpf_htab_copy_value(map, &key, buf), 0);
	EXPECT_EQ(buf[smp_processor_id() * 16 + 11], 0xab);
	for (k = 100; k < 103; k++)
		EXPECT_EQ(map->ops->map_update_elem(map, &k, val, BPF_ANY), 0);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, val, BPF_ANY), -E2BIG);
	EXPECT_EQ(map->ops->map_delete_elem(map, &key), 0);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, val, BPF_ANY), 0);
	EXPECT_EQ(bpf_htab_copy_value(map, &key, buf), -ENOENT);
	free(buf);
	map->ops->map_free(map);
}

/* LRU_PERCPU_HASH: in-place updates, BPF_EXIST takes no node, the syscall writes all copies. */
UNIT_TEST(lru_percpu_hash)
{
	struct bpf_map *map = lru_map(BPF_MAP_TYPE_LRU_PERCPU_HASH, 4, 0);
	u64 vals[NR_CPUS], *p;
	u32 key = 3, c;

	ASSERT(!IS_ERR(map));
	for_each_possible_cpu(c) vals[c] = 100 + c;
	EXPECT_EQ(bpf_percpu_hash_update(map, &key, vals, BPF_EXIST), -ENOENT);
	EXPECT_EQ(bpf_percpu_hash_update(map, &key, vals, BPF_ANY), 0);
	p = map->ops->map_lookup_elem(map, &key);
	ASSERT(p);
	EXPECT_EQ(*p, 100 + smp_processor_id());
	EXPECT_EQ(upd(map, key, 42, BPF_EXIST), 0);
	EXPECT_EQ(bpf_htab_copy_value(map, &key, vals), 0);
	EXPECT_EQ(vals[smp_processor_id()], 42);
	for (key = 10; key < 30; key++)
		EXPECT_EQ(upd(map, key, key, BPF_ANY), 0);
	EXPECT(present(map, 29));
	map->ops->map_free(map);
}

/* 10,000 create/fill/destroy cycles of each new type; LeakSanitizer checks the frees. */
UNIT_TEST(create_destroy_10000)
{
	static const struct {
		const struct bpf_map_ops *ops;
		u32 type, flags;
	} t[] = {
		{ &htab_percpu_map_ops, BPF_MAP_TYPE_PERCPU_HASH, 0 },
		{ &htab_percpu_map_ops, BPF_MAP_TYPE_PERCPU_HASH, BPF_F_NO_PREALLOC },
		{ &htab_lru_map_ops, BPF_MAP_TYPE_LRU_HASH, 0 },
		{ &htab_lru_map_ops, BPF_MAP_TYPE_LRU_HASH, BPF_F_NO_COMMON_LRU },
		{ &htab_lru_percpu_map_ops, BPF_MAP_TYPE_LRU_PERCPU_HASH, 0 },
	};
	int fails = 0;

	for (u32 i = 0; i < ARRAY_SIZE(t); i++) {
		for (int n = 0; n < 10000; n++) {
			struct bpf_map *map = map_create(t[i].ops, t[i].type, 4, 8, 8, t[i].flags);

			if (IS_ERR(map)) {
				fails++;
				continue;
			}
			for (u32 k = 0; k < 3; k++)
				fails += upd(map, k + (u32)n, k, BPF_ANY) != 0;
			map->ops->map_free(map);
		}
	}
	EXPECT_EQ(fails, 0);
}

UNIT_MAIN()
