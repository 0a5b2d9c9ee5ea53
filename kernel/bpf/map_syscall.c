// SPDX-License-Identifier: GPL-2.0
/*
 * The per-type value paths of BPF_MAP_LOOKUP_ELEM and BPF_MAP_UPDATE_ELEM
 * for the map family of docs/maps.md (Linux keeps bpf_map_copy_value and
 * bpf_map_update_value in kernel/bpf/syscall.c): per-CPU maps move one
 * value per CPU, QUEUE/STACK peek and push, maps of maps read ids and take
 * maps, and a type's error pointer (RINGBUF's -ENOTSUPP) becomes the answer.
 * kernel/bpf/syscall.c calls these after copying the key and value in.
 */
#include <bpfkern/bpf_maps.h>

int bpf_map_copy_value(struct bpf_map *map, const void *key, void *value, u64 flags)
{
	void *ptr;

	switch (map->map_type) {
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		return bpf_percpu_array_copy(map, key, value);
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return bpf_htab_copy_value(map, key, value);
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return (int)map->ops->map_peek_elem(map, value);
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
		return bpf_fd_array_map_lookup_elem(map, key, value);
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		return bpf_fd_htab_map_lookup_elem(map, key, value);
	default:
		break;
	}
	ptr = map->ops->map_lookup_elem(map, key);
	if (IS_ERR(ptr))
		return (int)PTR_ERR(ptr);
	if (!ptr)
		return -ENOENT;
	if (flags & BPF_F_LOCK)
		copy_map_value_locked(map, value, ptr, true);
	else
		copy_map_value(map, value, ptr);
	check_and_init_map_value(map, value); /* the lock is the kernel's: user space reads 0 */
	return 0;
}

int bpf_map_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags,
			 struct bpf_map *inner)
{
	switch (map->map_type) {
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		return bpf_percpu_array_update(map, key, value, flags);
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return bpf_percpu_hash_update(map, key, value, flags);
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return (int)map->ops->map_push_elem(map, value, flags);
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
		if (!inner)
			return -EBADF;
		return bpf_fd_array_map_update_elem(map, key, inner, flags);
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		if (!inner)
			return -EBADF;
		return bpf_fd_htab_map_update_elem(map, key, inner, flags);
	default:
		return (int)map->ops->map_update_elem(map, key, value, flags);
	}
}
