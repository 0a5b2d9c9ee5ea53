// SPDX-License-Identifier: GPL-2.0
/*
 * PERCPU_ARRAY maps (Linux: the per-CPU half of kernel/bpf/arraymap.c): an
 * array whose every element has one copy per possible CPU, so that programs
 * on different CPUs count without sharing a cache line or a lock. A program
 * sees only its own CPU's copy; the syscall reads and writes all copies at
 * once, each rounded up to 8 bytes (bpf_map_value_size).
 *
 * Layout: struct bpf_array whose value area holds, for element i, the
 * copies of CPUs 0..NR_CPUS-1 back to back: element i of CPU c lives at
 * value + (i * NR_CPUS + c) * elem_size. With one CPU that is exactly
 * ARRAY's layout. Everything is preallocated: programs never allocate.
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/unaligned.h>

/* Linux's PCPU_MIN_UNIT_SIZE: the largest per-CPU value. */
#define PCPU_MIN_UNIT_SIZE (32u << 10)

static struct bpf_array *to_array(const struct bpf_map *map)
{
	return container_of(map, struct bpf_array, map);
}

u32 bpf_map_value_size(const struct bpf_map *map)
{
	switch (map->map_type) {
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		return ALIGN(map->value_size, 8) * num_possible_cpus();
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		return sizeof(u32);
	default:
		return map->value_size;
	}
}

/* ARRAY's checks, then no BPF_F_MMAPABLE or BPF_F_INNER_MAP and at most PCPU_MIN_UNIT_SIZE per value. */
static int percpu_array_map_alloc_check(const union bpf_attr *attr)
{
	int err = array_map_alloc_check(attr);

	if (err)
		return err;
	if (attr->map_flags & (BPF_F_MMAPABLE | BPF_F_INNER_MAP))
		return -EINVAL;
	if (ALIGN(attr->value_size, 8) > PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	return 0;
}

static struct bpf_map *percpu_array_map_alloc(const union bpf_attr *attr)
{
	u32 elem_size = ALIGN(attr->value_size, 8);
	u64 mask = 1, size;
	struct bpf_array *array;
	int err = percpu_array_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	while (mask < attr->max_entries)
		mask <<= 1;
	size = sizeof(*array) + (u64)elem_size * num_possible_cpus() * mask;
	if (size > (1ull << 32))
		return ERR_PTR(-ENOMEM); /* what Linux's failing per-CPU allocation answers */
	array = kvzalloc(size, GFP_KERNEL);
	if (!array)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&array->map, attr);
	array->map.ops = &percpu_array_map_ops;
	array->elem_size = elem_size;
	array->index_mask = (u32)(mask - 1);
	return &array->map;
}

static void percpu_array_map_free(struct bpf_map *map)
{
	kvfree(to_array(map));
}

/* CPU cpu's copy of element index (index < max_entries). */
static void *per_cpu_elem(struct bpf_array *array, u32 index, unsigned int cpu)
{
	u64 slot = (u64)(index & array->index_mask) * num_possible_cpus() + cpu;

	return array->value + slot * array->elem_size;
}

/* The program's view: this CPU's copy, or NULL past the end. */
static void *percpu_array_map_lookup_elem(struct bpf_map *map, const void *key)
{
	u32 index = get_unaligned_u32(key);

	if (unlikely(index >= map->max_entries))
		return NULL;
	return per_cpu_elem(to_array(map), index, smp_processor_id());
}

/* ARRAY's flag and bounds rules: -EINVAL, -E2BIG, or -EEXIST for BPF_NOEXIST. */
static long percpu_array_check_update(const struct bpf_map *map, u32 index, u64 flags)
{
	if (unlikely(flags > BPF_EXIST))
		return -EINVAL;
	if (unlikely(index >= map->max_entries))
		return -E2BIG;
	if (unlikely(flags & BPF_NOEXIST))
		return -EEXIST;
	return 0;
}

/* A program's update: writes this CPU's copy only. */
static long percpu_array_map_update_elem(struct bpf_map *map, const void *key, const void *value,
					 u64 flags)
{
	u32 index = get_unaligned_u32(key);
	long err = percpu_array_check_update(map, index, flags);

	if (err)
		return err;
	__builtin_memcpy(per_cpu_elem(to_array(map), index, smp_processor_id()), value,
			 map->value_size);
	return 0;
}

static long percpu_array_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -EINVAL;
}

int bpf_percpu_array_copy(struct bpf_map *map, const void *key, void *value)
{
	u32 index = get_unaligned_u32(key), size = ALIGN(map->value_size, 8);
	unsigned int cpu;

	if (unlikely(index >= map->max_entries))
		return -ENOENT;
	for_each_possible_cpu(cpu) __builtin_memcpy((char *)value + cpu * size,
						    per_cpu_elem(to_array(map), index, cpu), size);
	return 0;
}

int bpf_percpu_array_update(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	u32 index = get_unaligned_u32(key), size = ALIGN(map->value_size, 8);
	long err = percpu_array_check_update(map, index, flags);
	unsigned int cpu;

	if (err)
		return (int)err;
	for_each_possible_cpu(cpu) /* padding included, as Linux's copy_map_value_long */
		__builtin_memcpy(per_cpu_elem(to_array(map), index, cpu),
				 (const char *)value + cpu * size, size);
	return 0;
}

static u64 percpu_array_map_mem_usage(const struct bpf_map *map)
{
	const struct bpf_array *array = to_array(map);

	return sizeof(*array) +
	       (u64)array->elem_size * num_possible_cpus() * ((u64)array->index_mask + 1);
}

const struct bpf_map_ops percpu_array_map_ops = {
	.map_alloc_check = percpu_array_map_alloc_check,
	.map_alloc = percpu_array_map_alloc,
	.map_free = percpu_array_map_free,
	.map_get_next_key = array_map_get_next_key,
	.map_lookup_elem = percpu_array_map_lookup_elem,
	.map_update_elem = percpu_array_map_update_elem,
	.map_delete_elem = percpu_array_map_delete_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = percpu_array_map_mem_usage,
	.map_for_each_callback = array_map_for_each_callback,
};
