// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the spin locks in map values (kernel/bpf/map_helpers.c):
 * bpf_spin_lock/bpf_spin_unlock exclude each other across threads (two
 * threads add to a counter under the lock; no increment may be lost), and
 * the value copies respect the lock word as Linux's copy_map_value and
 * BPF_F_LOCK do: ARRAY and HASH updates never write it, lookups through the
 * syscall path read it as 0, a new hash element's lock is free, and
 * BPF_F_LOCK on a value without a lock is -EINVAL.
 */
#include <pthread.h>
#include <string.h>
#include <bpfkern/helpers.h>
#define UNIT_SUITE "spin_lock"
#include "lib/unit.h"
#include "lib/map_util.h"

#define ROUNDS 50000

/* A map value as a program would lay it out: a counter beside the lock. */
struct val {
	u32 lock;
	u32 cnt;
};

static struct val shared;

static void *adder(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		bpf_spin_lock((u64)(uintptr_t)&shared.lock, 0, 0, 0, 0);
		/* a read, a pause and a write: without the lock, increments get lost */
		u32 c = __atomic_load_n(&shared.cnt, __ATOMIC_RELAXED);

		if (!(i & 63))
			sched_yield();
		__atomic_store_n(&shared.cnt, c + 1, __ATOMIC_RELAXED);
		bpf_spin_unlock((u64)(uintptr_t)&shared.lock, 0, 0, 0, 0);
	}
	return arg;
}

UNIT_TEST(lock_excludes)
{
	pthread_t t[2];

	EXPECT_EQ(bpf_spin_lock((u64)(uintptr_t)&shared.lock, 0, 0, 0, 0), 0);
	EXPECT_EQ(shared.lock, 1);
	EXPECT_EQ(bpf_spin_unlock((u64)(uintptr_t)&shared.lock, 0, 0, 0, 0), 0);
	EXPECT_EQ(shared.lock, 0);
	for (int i = 0; i < 2; i++)
		ASSERT(pthread_create(&t[i], NULL, adder, NULL) == 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	EXPECT_EQ(shared.cnt, 2 * ROUNDS);
	EXPECT_EQ(shared.lock, 0);
}

/* A map of type with struct val values whose lock is at offset 0, as BTF would record it. */
static struct bpf_map *lock_map(const struct bpf_map_ops *ops, enum bpf_map_type type)
{
	struct bpf_map *map = map_create(ops, type, 4, sizeof(struct val), 4, 0);

	if (!IS_ERR(map)) {
		map->ops = ops; /* BPF_MAP_CREATE's job: HASH's alloc leaves it */
		map->spin_lock_off = 0;
	}
	return map;
}

/* Update, then the element's lock word and counter; lookup as the syscall path reads it. */
static void check_updates(struct bpf_map *map)
{
	struct val v = { .lock = 0xdead, .cnt = 5 }, out = { 7, 7 }, *elem;
	u32 key = 1;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_ANY), 0);
	elem = map->ops->map_lookup_elem(map, &key);
	ASSERT(elem != NULL);
	EXPECT_EQ(elem->lock, 0); /* never written from the value */
	EXPECT_EQ(elem->cnt, 5);
	elem->lock = 1; /* as if a program held it: a plain update leaves it */
	v.cnt = 6;
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_EXIST), 0);
	EXPECT_EQ(elem->lock, 1);
	EXPECT_EQ(elem->cnt, 6);
	elem->lock = 0;
	v.cnt = 8;
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_F_LOCK | BPF_EXIST), 0);
	EXPECT_EQ(elem->lock, 0); /* taken and released */
	EXPECT_EQ(elem->cnt, 8);
	EXPECT_EQ(bpf_map_copy_value(map, &key, &out, BPF_F_LOCK), 0);
	EXPECT(out.lock == 0 && out.cnt == 8);
	out = (struct val){ 7, 7 };
	EXPECT_EQ(bpf_map_copy_value(map, &key, &out, 0), 0);
	EXPECT(out.lock == 0 && out.cnt == 8);
	map->spin_lock_off = -1;
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_F_LOCK), -EINVAL);
	map->ops->map_free(map);
}

UNIT_TEST(array_values)
{
	check_updates(lock_map(&array_map_ops, BPF_MAP_TYPE_ARRAY));
}

UNIT_TEST(hash_values)
{
	struct bpf_map *map = lock_map(&htab_map_ops, BPF_MAP_TYPE_HASH);
	struct val v = { .lock = 1, .cnt = 1 };
	u32 key = 2;

	ASSERT(!IS_ERR(map));
	/* BPF_F_LOCK on a missing key inserts, with a free lock */
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_F_LOCK), 0);
	EXPECT_EQ(((struct val *)map->ops->map_lookup_elem(map, &key))->lock, 0);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, &v, BPF_F_LOCK | BPF_NOEXIST), -EEXIST);
	map->ops->map_free(map);
	check_updates(lock_map(&htab_map_ops, BPF_MAP_TYPE_HASH));
}

UNIT_MAIN()
