// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/percpu_array.c: creation checks (ARRAY's plus
 * the per-CPU ones), the program view (this CPU's copy), the syscall view
 * (every CPU's copy, 8-byte aligned), update flags, iteration, and 10,000
 * create/destroy cycles.
 */
#include <string.h>
#define UNIT_SUITE "percpu_array"
#include "lib/unit.h"
#include "lib/map_util.h"

UNIT_TEST(create_checks)
{
	const struct bpf_map_ops *o = &percpu_array_map_ops;
	const enum bpf_map_type t = BPF_MAP_TYPE_PERCPU_ARRAY;

	EXPECT_EQ(map_create_err(o, t, 4, 8, 16, 0), 0);
	EXPECT_EQ(map_create_err(o, t, 8, 8, 16, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 0, 16, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 8, 0, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 8, 16, BPF_F_MMAPABLE), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 8, 16, BPF_F_INNER_MAP), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 8, 16, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 4, 32768, 1, 0), 0);
	EXPECT_EQ(map_create_err(o, t, 4, 32769, 1, 0), -E2BIG);
}

UNIT_TEST(program_and_syscall_views)
{
	struct bpf_map *map =
		map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 12, 5, 0);
	u32 vsize, key = 3, big = 5;
	u8 val[12], *buf, *p;

	ASSERT(!IS_ERR(map));
	vsize = bpf_map_value_size(map);
	EXPECT_EQ(vsize, 16 * num_possible_cpus());
	buf = calloc(1, vsize);
	for (u32 c = 0; c < num_possible_cpus(); c++)
		memset(buf + c * 16, 0x10 + c, 12);
	EXPECT_EQ(bpf_percpu_array_update(map, &key, buf, BPF_ANY), 0);
	p = map->ops->map_lookup_elem(map, &key);
	ASSERT(p != NULL);
	EXPECT_EQ(p[0], 0x10 + smp_processor_id());
	EXPECT_EQ((uintptr_t)p % 8, 0);
	memset(val, 0x77, sizeof(val));
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_EXIST), 0);
	memset(buf, 0, vsize);
	EXPECT_EQ(bpf_percpu_array_copy(map, &key, buf), 0);
	EXPECT_EQ(buf[smp_processor_id() * 16], 0x77);
	EXPECT_EQ(buf[smp_processor_id() * 16 + 11], 0x77);
	EXPECT_EQ(buf[smp_processor_id() * 16 + 12], 0); /* padding stays zero */
	EXPECT_EQ(bpf_percpu_array_copy(map, &big, buf), -ENOENT);
	EXPECT(map->ops->map_lookup_elem(map, &big) == NULL);
	EXPECT_EQ(map->ops->map_update_elem(map, &big, val, BPF_ANY), -E2BIG);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, 3), -EINVAL);
	EXPECT_EQ(bpf_percpu_array_update(map, &big, buf, BPF_ANY), -E2BIG);
	EXPECT_EQ(bpf_percpu_array_update(map, &key, buf, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_delete_elem(map, &key), -EINVAL);
	free(buf);
	map->ops->map_free(map);
}

UNIT_TEST(syscall_value_paths)
{
	struct bpf_map *map =
		map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 2, 0);
	u64 *buf = calloc(num_possible_cpus(), 8);
	u32 key = 1;

	ASSERT(!IS_ERR(map) && buf);
	for (u32 c = 0; c < num_possible_cpus(); c++)
		buf[c] = 100 + c;
	EXPECT_EQ(bpf_map_update_value(map, &key, buf, BPF_ANY, NULL), 0);
	memset(buf, 0, num_possible_cpus() * 8);
	EXPECT_EQ(bpf_map_copy_value(map, &key, buf, 0), 0);
	EXPECT_EQ(buf[0], 100);
	free(buf);
	map->ops->map_free(map);
}

UNIT_TEST(iteration)
{
	struct bpf_map *map =
		map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 3, 0);
	u32 key = 7, next;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT_EQ(next, 0);
	EXPECT_EQ(map->ops->map_get_next_key(map, &key, &next), 0);
	EXPECT_EQ(next, 0);
	key = 1;
	EXPECT_EQ(map->ops->map_get_next_key(map, &key, &next), 0);
	EXPECT_EQ(next, 2);
	key = 2;
	EXPECT_EQ(map->ops->map_get_next_key(map, &key, &next), -ENOENT);
	map->ops->map_free(map);
}

UNIT_TEST(create_destroy_10000)
{
	for (int i = 0; i < 10000; i++) {
		struct bpf_map *map = map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY,
						 4, 8, 1 + i % 100, 0);

		ASSERT(!IS_ERR(map));
		map->ops->map_free(map);
	}
}

UNIT_MAIN()
