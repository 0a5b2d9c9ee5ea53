/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the map unit tests (test_lpm.c, test_queue_stack.c, ...):
 * create a map through its ops as BPF_MAP_CREATE would, header only.
 */
#ifndef BPFKERN_TEST_MAP_UTIL_H
#define BPFKERN_TEST_MAP_UTIL_H

#include <bpfkern/bpf_maps.h>

static inline union bpf_attr map_attr(enum bpf_map_type type, u32 key_size, u32 value_size,
				      u32 max_entries, u32 flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = flags;
	return attr;
}

/* ops->map_alloc on these attributes: a map, or ERR_PTR(-errno). */
static inline struct bpf_map *map_create(const struct bpf_map_ops *ops, enum bpf_map_type type,
					 u32 key_size, u32 value_size, u32 max_entries, u32 flags)
{
	union bpf_attr attr = map_attr(type, key_size, value_size, max_entries, flags);

	return ops->map_alloc(&attr);
}

/* The errno map_create fails with (0 if it succeeded; the map is freed then). */
static inline long map_create_err(const struct bpf_map_ops *ops, enum bpf_map_type type,
				  u32 key_size, u32 value_size, u32 max_entries, u32 flags)
{
	struct bpf_map *map = map_create(ops, type, key_size, value_size, max_entries, flags);

	if (IS_ERR(map))
		return PTR_ERR(map);
	map->ops->map_free(map);
	return 0;
}

static inline u64 ptr_arg(const void *p)
{
	return (u64)(uintptr_t)p;
}

#endif
