// SPDX-License-Identifier: GPL-2.0
/*
 * The bpfkern side of the map differential test: seq.c's operations
 * through our map ops in-process, with the generic checks and per-type
 * value paths of Linux's syscall.c (bpf_map_copy_value,
 * bpf_map_update_value, LOOKUP_AND_DELETE's pop). Handles index a small
 * table; a test device with ifindex 1 stands in for the host's loopback.
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/netdev.h>
#include "seq.h"

#define MAX_HANDLES 256

static struct bpf_map *handles[MAX_HANDLES];
static u32 next_id = 1;

static const struct bpf_map_ops *map_type_ops(u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_ARRAY:
		return &array_map_ops;
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		return &percpu_array_map_ops;
	case BPF_MAP_TYPE_LPM_TRIE:
		return &trie_map_ops;
	case BPF_MAP_TYPE_QUEUE:
		return &queue_map_ops;
	case BPF_MAP_TYPE_STACK:
		return &stack_map_ops;
	case BPF_MAP_TYPE_RINGBUF:
		return &ringbuf_map_ops;
	case BPF_MAP_TYPE_DEVMAP:
		return &dev_map_ops;
	case BPF_MAP_TYPE_DEVMAP_HASH:
		return &dev_map_hash_ops;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
		return &array_of_maps_map_ops;
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		return &htab_of_maps_map_ops;
	case BPF_MAP_TYPE_PERCPU_HASH:
		return &htab_percpu_map_ops;
	case BPF_MAP_TYPE_LRU_HASH:
		return &htab_lru_map_ops;
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return &htab_lru_percpu_map_ops;
	default:
		return NULL;
	}
}

static struct bpf_map *get(int h)
{
	return h >= 0 && h < MAX_HANDLES ? handles[h] : NULL;
}

static int ours_create(uint32_t type, uint32_t key_size, uint32_t value_size, uint32_t max_entries,
		       uint32_t flags, int inner)
{
	const struct bpf_map_ops *ops = map_type_ops(type);
	union bpf_attr attr;
	struct bpf_map *map;
	int h;

	if (!ops || ((flags & BPF_F_RDONLY) && (flags & BPF_F_WRONLY)))
		return -EINVAL;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = flags;
	if (type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS)
		map = bpf_map_of_maps_alloc(&attr, get(inner));
	else
		map = ops->map_alloc(&attr);
	if (IS_ERR(map))
		return (int)PTR_ERR(map);
	map->id = next_id++;
	for (h = 3; h < MAX_HANDLES && handles[h]; h++)
		;
	if (h == MAX_HANDLES) {
		map->ops->map_free(map);
		return -EMFILE;
	}
	handles[h] = map;
	return h;
}

/* Linux's __bpf_copy_key: a map without keys takes no key pointer (-EINVAL). */
static bool bad_key(const struct bpf_map *map, const void *key)
{
	return !map->key_size && key;
}

static int ours_update(int h, const void *key, const void *value, uint64_t flags)
{
	struct bpf_map *map = get(h), *inner = NULL;

	if (bad_key(map, key))
		return -EINVAL;
	if (map->inner_map_meta)
		inner = get(*(const int *)value);
	return bpf_map_update_value(map, key, value, flags, inner);
}

static int ours_lookup(int h, const void *key, void *value)
{
	if (bad_key(get(h), key))
		return -EINVAL;
	return bpf_map_copy_value(get(h), key, value, 0);
}

static int ours_delete(int h, const void *key)
{
	struct bpf_map *map = get(h);

	if (bad_key(map, key))
		return -EINVAL;
	return (int)map->ops->map_delete_elem(map, key);
}

static int ours_next_key(int h, const void *key, void *next_key)
{
	struct bpf_map *map = get(h);

	if (bad_key(map, key))
		return -EINVAL;
	return map->ops->map_get_next_key(map, key, next_key);
}

/* Linux's map_lookup_and_delete_elem for these types: QUEUE/STACK pop, the rest -ENOTSUPP. */
static int ours_lookup_and_delete(int h, const void *key, void *value)
{
	struct bpf_map *map = get(h);

	if (bad_key(map, key))
		return -EINVAL;
	if (map->map_type != BPF_MAP_TYPE_QUEUE && map->map_type != BPF_MAP_TYPE_STACK)
		return -ENOTSUPP;
	return (int)map->ops->map_pop_elem(map, value);
}

static uint32_t ours_map_id(int h)
{
	return get(h) ? get(h)->id : 0;
}

static void ours_close(int h)
{
	struct bpf_map *map = get(h);

	if (map) {
		handles[h] = NULL;
		bpf_inner_map_put(map);
	}
}

static unsigned int ours_ncpus(void)
{
	return num_possible_cpus();
}

int main(void)
{
	static struct net_device lo = { .ifindex = 1, .name = "lo" };
	static const struct backend be = {
		"bpfkern",
		ours_create,
		ours_update,
		ours_lookup,
		ours_delete,
		ours_next_key,
		ours_lookup_and_delete,
		ours_map_id,
		ours_close,
		ours_ncpus,
	};

	register_netdev(&lo);
	return run_sequences(&be);
}
