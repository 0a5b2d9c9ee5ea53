// SPDX-License-Identifier: GPL-2.0
/*
 * Maps of maps (Linux: kernel/bpf/map_in_map.c and the fd parts of
 * arraymap.c and hashtab.c): BPF_MAP_TYPE_ARRAY_OF_MAPS and
 * BPF_MAP_TYPE_HASH_OF_MAPS, whose values are other maps.
 *
 * At creation, attr->inner_map_fd names an example map; a copy of its
 * header (type, sizes, flags, ops), the "meta" or template, is kept in
 * map->inner_map_meta. The verifier checks programs against the template,
 * so every map stored later must match it (ops->map_meta_equal: same type,
 * key and value sizes and flags; arrays also the same max_entries unless
 * the template has BPF_F_INNER_MAP). Maps of maps do not nest.
 *
 * The outer map stores struct bpf_map pointers and holds one reference on
 * each: the array in struct bpf_array's ptrs, the hash in the 8 bytes
 * hashtab.c keeps for a 4-byte value (values round up to 8), through
 * htab_map_ops itself. From the syscall, values are map fds (write) and map
 * ids (read): the syscall resolves the fd and calls
 * bpf_fd_{array,htab}_map_update_elem. A program's lookup returns the inner
 * map itself, which it passes on to the map helpers.
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/unaligned.h>

static struct bpf_array *to_array(const struct bpf_map *map)
{
	return container_of(map, struct bpf_array, map);
}

bool bpf_map_meta_equal(const struct bpf_map *meta0, const struct bpf_map *meta1)
{
	return meta0->map_type == meta1->map_type && meta0->key_size == meta1->key_size &&
	       meta0->value_size == meta1->value_size && meta0->map_flags == meta1->map_flags;
}

/* Drops a reference the outer map held; the last one frees the inner map. */
static void bpf_inner_map_put_default(struct bpf_map *map)
{
	if (--map->refcnt == 0)
		map->ops->map_free(map);
}

/* The file layer (kernel/bpf/syscall.c) may point this at its bpf_map_put. */
void (*bpf_inner_map_put)(struct bpf_map *map) = bpf_inner_map_put_default;

/*
 * The template of inner_map: -EINVAL if inner_map is itself a map of maps,
 * -ENOTSUPP if its type cannot be an inner map, -ENOMEM.
 */
struct bpf_map *bpf_map_meta_alloc(struct bpf_map *inner_map)
{
	struct bpf_map *meta;

	if (inner_map->inner_map_meta)
		return ERR_PTR(-EINVAL);
	if (!inner_map->ops->map_meta_equal)
		return ERR_PTR(-ENOTSUPP);
	/*
	 * Room for an array's geometry, as Linux: the verifier inlines lookups
	 * in ARRAY inner maps from the template (array_map_gen_lookup).
	 */
	meta = kzalloc(sizeof(struct bpf_array), GFP_KERNEL);
	if (!meta)
		return ERR_PTR(-ENOMEM);
	if (inner_map->map_type == BPF_MAP_TYPE_ARRAY) {
		((struct bpf_array *)meta)->elem_size = ((struct bpf_array *)inner_map)->elem_size;
		((struct bpf_array *)meta)->index_mask =
			((struct bpf_array *)inner_map)->index_mask;
	}
	meta->ops = inner_map->ops;
	meta->map_type = inner_map->map_type;
	meta->key_size = inner_map->key_size;
	meta->value_size = inner_map->value_size;
	meta->map_flags = inner_map->map_flags;
	meta->max_entries = inner_map->max_entries;
	return meta;
}

/*
 * Linux's fd_array_map_alloc_check for maps of maps: 4-byte values (fds),
 * no program-side access flags, no mmap, then ARRAY's checks.
 */
static int array_of_map_alloc_check(const union bpf_attr *attr)
{
	if (attr->value_size != sizeof(u32))
		return -EINVAL;
	if (attr->map_flags &
	    (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG | BPF_F_MMAPABLE | BPF_F_INNER_MAP))
		return -EINVAL;
	return array_map_alloc_check(attr);
}

/*
 * Creates the outer array with inner as the template (the syscall resolved
 * attr->inner_map_fd to it; NULL: -EBADF as for a bad fd).
 */
static struct bpf_map *array_of_map_alloc_with(const union bpf_attr *attr, struct bpf_map *inner)
{
	struct bpf_map *meta, *map;
	int err = array_of_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	if (!inner)
		return ERR_PTR(-EBADF);
	meta = bpf_map_meta_alloc(inner);
	if (IS_ERR(meta))
		return meta;
	/* ARRAY's allocator: value_size 4 rounds up to 8, one pointer per slot */
	map = array_map_ops.map_alloc(attr);
	if (IS_ERR(map)) {
		kfree(meta);
		return map;
	}
	map->ops = &array_of_maps_map_ops;
	map->inner_map_meta = meta;
	return map;
}

/* Through the ops table the inner map fd cannot be resolved: the syscall calls the above. */
static struct bpf_map *array_of_map_alloc(const union bpf_attr *attr)
{
	return array_of_map_alloc_with(attr, NULL);
}

static struct bpf_map *htab_of_map_alloc_with(const union bpf_attr *attr, struct bpf_map *inner);

struct bpf_map *bpf_map_of_maps_alloc(const union bpf_attr *attr, struct bpf_map *inner)
{
	if (attr->map_type == BPF_MAP_TYPE_HASH_OF_MAPS)
		return htab_of_map_alloc_with(attr, inner);
	return array_of_map_alloc_with(attr, inner);
}

static void array_of_map_free(struct bpf_map *map)
{
	struct bpf_array *array = to_array(map);
	u32 i;

	for (i = 0; i < map->max_entries; i++)
		if (array->ptrs[i])
			bpf_inner_map_put(array->ptrs[i]);
	kfree(map->inner_map_meta);
	kvfree(array);
}

/* A program's lookup: the inner map at key, or NULL. */
static void *array_of_map_lookup_elem(struct bpf_map *map, const void *key)
{
	u32 index = get_unaligned_u32(key);

	if (index >= map->max_entries)
		return NULL;
	return READ_ONCE(to_array(map)->ptrs[index]);
}

int bpf_fd_array_map_update_elem(struct bpf_map *map, const void *key, struct bpf_map *inner,
				 u64 flags)
{
	u32 index = get_unaligned_u32(key);
	struct bpf_map *old;

	if (flags != BPF_ANY)
		return -EINVAL;
	if (index >= map->max_entries)
		return -E2BIG;
	if (!map->inner_map_meta->ops->map_meta_equal(map->inner_map_meta, inner))
		return -EINVAL;
	inner->refcnt++;
	old = to_array(map)->ptrs[index];
	WRITE_ONCE(to_array(map)->ptrs[index], inner);
	if (old)
		bpf_inner_map_put(old);
	return 0;
}

int bpf_fd_array_map_lookup_elem(struct bpf_map *map, const void *key, u32 *value)
{
	struct bpf_map *inner = array_of_map_lookup_elem(map, key);

	if (!inner)
		return -ENOENT;
	*value = inner->id;
	return 0;
}

/* Values are fds: programs cannot store maps, and the syscall uses the function above. */
static long array_of_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				     u64 flags)
{
	return -EINVAL;
}

static long array_of_map_delete_elem(struct bpf_map *map, const void *key)
{
	u32 index = get_unaligned_u32(key);
	struct bpf_map *old;

	if (index >= map->max_entries)
		return -E2BIG;
	old = to_array(map)->ptrs[index];
	if (!old)
		return -ENOENT;
	WRITE_ONCE(to_array(map)->ptrs[index], NULL);
	bpf_inner_map_put(old);
	return 0;
}

static u64 array_of_map_mem_usage(const struct bpf_map *map)
{
	return sizeof(struct bpf_array) + sizeof(struct bpf_map) +
	       sizeof(void *) * ((u64)to_array(map)->index_mask + 1);
}

const struct bpf_map_ops array_of_maps_map_ops = {
	.map_alloc_check = array_of_map_alloc_check,
	.map_alloc = array_of_map_alloc,
	.map_free = array_of_map_free,
	.map_get_next_key = array_map_get_next_key,
	.map_lookup_elem = array_of_map_lookup_elem,
	.map_update_elem = array_of_map_update_elem,
	.map_delete_elem = array_of_map_delete_elem,
	.map_mem_usage = array_of_map_mem_usage,
};

/*
 * HASH_OF_MAPS. hashtab.c stores each 4-byte value in 8 bytes; the inner
 * map's pointer lives there. Updates go through htab_map_ops (flags, -E2BIG
 * and iteration are the hash table's) and then store the full pointer.
 */
static struct bpf_map *htab_of_map_slot_map(struct bpf_map *map, const void *key)
{
	struct bpf_map **slot = htab_map_ops.map_lookup_elem(map, key);

	return slot ? *slot : NULL;
}

/* Linux's fd_htab_map_alloc_check: 4-byte values (fds), then HASH's checks. */
static int htab_of_map_alloc_check(const union bpf_attr *attr)
{
	if (attr->value_size != sizeof(u32))
		return -EINVAL;
	return htab_map_ops.map_alloc_check ? htab_map_ops.map_alloc_check(attr) : 0;
}

static struct bpf_map *htab_of_map_alloc_with(const union bpf_attr *attr, struct bpf_map *inner)
{
	struct bpf_map *meta, *map;
	int err = htab_of_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	if (!inner)
		return ERR_PTR(-EBADF);
	meta = bpf_map_meta_alloc(inner);
	if (IS_ERR(meta))
		return meta;
	map = htab_map_ops.map_alloc(attr);
	if (IS_ERR(map)) {
		kfree(meta);
		return map;
	}
	map->ops = &htab_of_maps_map_ops;
	map->inner_map_meta = meta;
	return map;
}

static struct bpf_map *htab_of_map_alloc(const union bpf_attr *attr)
{
	return htab_of_map_alloc_with(attr, NULL);
}

/* Drops every inner map (walking the keys), then the table and the template. */
static void htab_of_map_free(struct bpf_map *map)
{
	void *key = kmalloc(map->key_size, GFP_KERNEL), *next = kmalloc(map->key_size, GFP_KERNEL);
	bool first = true;

	BUG_ON(!key || !next); /* a few bytes at teardown */
	while (!htab_map_ops.map_get_next_key(map, first ? NULL : key, next)) {
		bpf_inner_map_put(htab_of_map_slot_map(map, next));
		__builtin_memcpy(key, next, map->key_size);
		first = false;
	}
	kfree(key);
	kfree(next);
	kfree(map->inner_map_meta);
	htab_map_ops.map_free(map);
}

int bpf_fd_htab_map_update_elem(struct bpf_map *map, const void *key, struct bpf_map *inner,
				u64 flags)
{
	struct bpf_map *old = htab_of_map_slot_map(map, key), **slot;
	u32 low = 0;
	long err;

	if (!map->inner_map_meta->ops->map_meta_equal(map->inner_map_meta, inner))
		return -EINVAL;
	err = htab_map_ops.map_update_elem(map, key, &low, flags);
	if (err)
		return (int)err;
	slot = htab_map_ops.map_lookup_elem(map, key);
	inner->refcnt++;
	WRITE_ONCE(*slot, inner);
	if (old)
		bpf_inner_map_put(old);
	return 0;
}

int bpf_fd_htab_map_lookup_elem(struct bpf_map *map, const void *key, u32 *value)
{
	struct bpf_map *inner = htab_of_map_slot_map(map, key);

	if (!inner)
		return -ENOENT;
	*value = inner->id;
	return 0;
}

/* A program's lookup: the inner map at key, or NULL. */
static void *htab_of_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return htab_of_map_slot_map(map, key);
}

static long htab_of_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_map *old = htab_of_map_slot_map(map, key);
	long err = htab_map_ops.map_delete_elem(map, key);

	if (!err && old)
		bpf_inner_map_put(old);
	return err;
}

static int htab_of_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	return htab_map_ops.map_get_next_key(map, key, next_key);
}

const struct bpf_map_ops htab_of_maps_map_ops = {
	.map_alloc_check = htab_of_map_alloc_check,
	.map_alloc = htab_of_map_alloc,
	.map_free = htab_of_map_free,
	.map_get_next_key = htab_of_map_get_next_key,
	.map_lookup_elem = htab_of_map_lookup_elem,
	.map_update_elem = array_of_map_update_elem,
	.map_delete_elem = htab_of_map_delete_elem,
};
