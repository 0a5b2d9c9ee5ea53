// SPDX-License-Identifier: GPL-2.0
/*
 * DEVMAP and DEVMAP_HASH (Linux: kernel/bpf/devmap.c): maps from a u32 key
 * to a network device, the targets of bpf_redirect_map in XDP programs.
 * Values are struct bpf_devmap_val (value_size 4: the ifindex alone; 8:
 * ifindex and a program fd, which needs program fds to resolve and is
 * refused with -EINVAL for now, as a bad fd would be).
 *
 * DEVMAP is an array of max_entries slots, each NULL or a struct
 * bpf_dtab_netdev; an update with ifindex 0 empties a slot. DEVMAP_HASH
 * keys are arbitrary u32s in max_entries rounded up to a power of two
 * buckets, each a singly linked list with the newest entry first (that is
 * also get_next_key's order). Entries are allocated by the syscall side;
 * the program side (lookup, redirect) only reads. Every devmap is on a list
 * so that an unregistered device disappears from all of them.
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/list.h>
#include <bpfkern/netdev.h>
#include <bpfkern/unaligned.h>

#define DEV_CREATE_FLAG_MASK (BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY)

struct bpf_dtab_netdev {
	struct net_device *dev;
	struct bpf_dtab_netdev *hnext; /* DEVMAP_HASH bucket chain */
	u32 idx; /* the key */
	struct bpf_devmap_val val; /* what lookups return */
};

struct bpf_dtab {
	struct bpf_map map;
	struct list_head list; /* on dev_map_list */
	u32 items; /* DEVMAP_HASH entries */
	u32 n_buckets; /* DEVMAP_HASH */
	struct bpf_dtab_netdev *slots[]; /* max_entries slots or n_buckets chains */
};

static struct list_head dev_map_list = { &dev_map_list, &dev_map_list };

static struct bpf_dtab *to_dtab(const struct bpf_map *map)
{
	return container_of(map, struct bpf_dtab, map);
}

/* Linux's dev_map_alloc checks: u32 keys, 4- or 8-byte values, known flags; -EINVAL. */
static int dev_map_alloc_check(const union bpf_attr *attr)
{
	u32 valsize = attr->value_size;

	if (attr->max_entries == 0 || attr->key_size != 4 ||
	    (valsize != sizeof(u32) && valsize != sizeof(struct bpf_devmap_val)) ||
	    attr->map_flags & ~DEV_CREATE_FLAG_MASK)
		return -EINVAL;
	if (attr->map_type == BPF_MAP_TYPE_DEVMAP_HASH && attr->max_entries > (1u << 31))
		return -EINVAL; /* no power of two above it fits a u32 */
	return 0;
}

static struct bpf_map *dev_map_alloc(const union bpf_attr *attr)
{
	bool hash = attr->map_type == BPF_MAP_TYPE_DEVMAP_HASH;
	struct bpf_dtab *dtab;
	u32 nr = attr->max_entries;
	int err = dev_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	if (hash)
		while (nr & (nr - 1))
			nr += nr & -nr; /* round up to a power of two */
	dtab = kvzalloc(sizeof(*dtab) + (u64)nr * sizeof(dtab->slots[0]), GFP_KERNEL);
	if (!dtab)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&dtab->map, attr);
	dtab->map.ops = hash ? &dev_map_hash_ops : &dev_map_ops;
	dtab->n_buckets = hash ? nr : 0;
	list_add_tail(&dtab->list, &dev_map_list);
	return &dtab->map;
}

/* The slot count: max_entries for DEVMAP, n_buckets for DEVMAP_HASH. */
static u32 dtab_nr_slots(const struct bpf_dtab *dtab)
{
	return dtab->n_buckets ? dtab->n_buckets : dtab->map.max_entries;
}

static void dev_map_free(struct bpf_map *map)
{
	struct bpf_dtab *dtab = to_dtab(map);
	u32 i;

	list_del(&dtab->list);
	for (i = 0; i < dtab_nr_slots(dtab); i++) {
		while (dtab->slots[i]) {
			struct bpf_dtab_netdev *obj = dtab->slots[i];

			dtab->slots[i] = obj->hnext;
			kfree(obj);
		}
	}
	kvfree(dtab);
}

/* The entry at key, or NULL (Linux's __dev_map_lookup_elem / __dev_map_hash_lookup_elem). */
static struct bpf_dtab_netdev *dtab_lookup(struct bpf_map *map, u32 key)
{
	struct bpf_dtab *dtab = to_dtab(map);
	struct bpf_dtab_netdev *obj;

	if (!dtab->n_buckets)
		return key < map->max_entries ? READ_ONCE(dtab->slots[key]) : NULL;
	for (obj = dtab->slots[key & (dtab->n_buckets - 1)]; obj; obj = obj->hnext)
		if (obj->idx == key)
			return obj;
	return NULL;
}

struct net_device *__dev_map_lookup_elem(struct bpf_map *map, u32 key)
{
	struct bpf_dtab_netdev *obj = dtab_lookup(map, key);

	return obj ? obj->dev : NULL;
}

/* The value (struct bpf_devmap_val, value_size bytes of it) at key, or NULL. */
static void *dev_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_dtab_netdev *obj = dtab_lookup(map, get_unaligned_u32(key));

	return obj ? &obj->val : NULL;
}

/*
 * A new entry for key from a user value: ERR_PTR(-EINVAL) when the ifindex
 * names no device or a program fd is given, -ENOMEM.
 */
static struct bpf_dtab_netdev *dev_map_alloc_node(const struct bpf_devmap_val *val, u32 key)
{
	struct net_device *dev = dev_get_by_index(val->ifindex);
	struct bpf_dtab_netdev *obj;

	if (!dev || val->bpf_prog.fd > 0)
		return ERR_PTR(-EINVAL);
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->dev = dev;
	obj->idx = key;
	obj->val.ifindex = val->ifindex;
	return obj;
}

/* The user's value widened to struct bpf_devmap_val (4-byte values have no program). */
static void dev_map_read_val(const struct bpf_map *map, const void *value,
			     struct bpf_devmap_val *val)
{
	__builtin_memset(val, 0, sizeof(*val));
	__builtin_memcpy(val, value, map->value_size);
}

/* Linux's __dev_map_update_elem: -EINVAL, -E2BIG past the end, -EEXIST for BPF_NOEXIST. */
static long dev_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	struct bpf_dtab *dtab = to_dtab(map);
	struct bpf_dtab_netdev *obj = NULL, *old;
	struct bpf_devmap_val val;
	u32 i = get_unaligned_u32(key);

	if (unlikely(flags > BPF_EXIST))
		return -EINVAL;
	if (unlikely(i >= map->max_entries))
		return -E2BIG;
	if (unlikely(flags == BPF_NOEXIST))
		return -EEXIST;
	dev_map_read_val(map, value, &val);
	if (!val.ifindex) {
		if (val.bpf_prog.fd > 0)
			return -EINVAL; /* a program without a device */
	} else {
		obj = dev_map_alloc_node(&val, i);
		if (IS_ERR(obj))
			return PTR_ERR(obj);
	}
	old = dtab->slots[i];
	WRITE_ONCE(dtab->slots[i], obj);
	kfree(old);
	return 0;
}

/* Unlinks and returns the DEVMAP_HASH entry at key, or NULL. */
static struct bpf_dtab_netdev *dev_map_hash_unlink(struct bpf_dtab *dtab, u32 key)
{
	struct bpf_dtab_netdev **link = &dtab->slots[key & (dtab->n_buckets - 1)], *obj;

	for (; (obj = *link); link = &obj->hnext) {
		if (obj->idx == key) {
			*link = obj->hnext;
			return obj;
		}
	}
	return NULL;
}

/*
 * Linux's __dev_map_hash_update_elem: -EINVAL (flags, ifindex 0 or unknown),
 * -EEXIST for BPF_NOEXIST on a present key, -E2BIG when full. The new entry
 * goes first in its bucket (a replaced one moves there too).
 */
static long dev_map_hash_update_elem(struct bpf_map *map, const void *key, const void *value,
				     u64 flags)
{
	struct bpf_dtab *dtab = to_dtab(map);
	struct bpf_dtab_netdev *obj, *old, **bucket;
	struct bpf_devmap_val val;
	u32 idx = get_unaligned_u32(key);

	dev_map_read_val(map, value, &val);
	if (unlikely(flags > BPF_EXIST || !val.ifindex))
		return -EINVAL;
	old = dtab_lookup(map, idx);
	if (old && (flags & BPF_NOEXIST))
		return -EEXIST;
	obj = dev_map_alloc_node(&val, idx);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	if (old) {
		dev_map_hash_unlink(dtab, idx);
		kfree(old);
	} else if (dtab->items >= map->max_entries) {
		kfree(obj);
		return -E2BIG;
	} else {
		dtab->items++;
	}
	bucket = &dtab->slots[idx & (dtab->n_buckets - 1)];
	obj->hnext = *bucket;
	WRITE_ONCE(*bucket, obj);
	return 0;
}

/* DEVMAP: -EINVAL past the end; emptying an empty slot is not an error (as Linux). */
static long dev_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_dtab *dtab = to_dtab(map);
	u32 k = get_unaligned_u32(key);
	struct bpf_dtab_netdev *old;

	if (k >= map->max_entries)
		return -EINVAL;
	old = dtab->slots[k];
	WRITE_ONCE(dtab->slots[k], NULL);
	kfree(old);
	return 0;
}

static long dev_map_hash_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_dtab *dtab = to_dtab(map);
	struct bpf_dtab_netdev *old = dev_map_hash_unlink(dtab, get_unaligned_u32(key));

	if (!old)
		return -ENOENT;
	dtab->items--;
	kfree(old);
	return 0;
}

/*
 * Linux's dev_map_hash_get_next_key: the entry after key in its bucket,
 * else the first entry of the following non-empty bucket; a missing key
 * starts from bucket 0. -ENOENT at the end.
 */
static int dev_map_hash_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	struct bpf_dtab *dtab = to_dtab(map);
	struct bpf_dtab_netdev *obj = key ? dtab_lookup(map, get_unaligned_u32(key)) : NULL;
	u32 i = 0;

	if (obj) {
		if (obj->hnext) {
			put_unaligned_u32(obj->hnext->idx, next_key);
			return 0;
		}
		i = (obj->idx & (dtab->n_buckets - 1)) + 1;
	}
	for (; i < dtab->n_buckets; i++) {
		if (dtab->slots[i]) {
			put_unaligned_u32(dtab->slots[i]->idx, next_key);
			return 0;
		}
	}
	return -ENOENT;
}

void dev_map_unregister_netdev(struct net_device *dev)
{
	struct list_head *pos;

	for (pos = dev_map_list.next; pos != &dev_map_list; pos = pos->next) {
		struct bpf_dtab *dtab = list_entry(pos, struct bpf_dtab, list);
		u32 i;

		for (i = 0; i < dtab_nr_slots(dtab); i++) {
			struct bpf_dtab_netdev **link = &dtab->slots[i], *obj;

			while ((obj = *link)) {
				if (obj->dev != dev) {
					link = &obj->hnext;
					continue;
				}
				*link = obj->hnext;
				dtab->items -= dtab->n_buckets ? 1 : 0;
				kfree(obj);
			}
		}
	}
}

static u64 dev_map_mem_usage(const struct bpf_map *map)
{
	const struct bpf_dtab *dtab = to_dtab(map);
	u64 used = dtab->n_buckets ? dtab->items : map->max_entries;

	return sizeof(*dtab) + (u64)dtab_nr_slots(dtab) * sizeof(void *) +
	       used * sizeof(struct bpf_dtab_netdev);
}

const struct bpf_map_ops dev_map_ops = {
	.map_alloc_check = dev_map_alloc_check,
	.map_alloc = dev_map_alloc,
	.map_free = dev_map_free,
	.map_get_next_key = array_map_get_next_key,
	.map_lookup_elem = dev_map_lookup_elem,
	.map_update_elem = dev_map_update_elem,
	.map_delete_elem = dev_map_delete_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = dev_map_mem_usage,
};

const struct bpf_map_ops dev_map_hash_ops = {
	.map_alloc_check = dev_map_alloc_check,
	.map_alloc = dev_map_alloc,
	.map_free = dev_map_free,
	.map_get_next_key = dev_map_hash_get_next_key,
	.map_lookup_elem = dev_map_lookup_elem,
	.map_update_elem = dev_map_hash_update_elem,
	.map_delete_elem = dev_map_hash_delete_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = dev_map_mem_usage,
};
