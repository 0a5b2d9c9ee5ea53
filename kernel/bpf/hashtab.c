// SPDX-License-Identifier: GPL-2.0
/*
 * Hash maps (Linux: kernel/bpf/hashtab.c), BPF_MAP_TYPE_HASH. The table has
 * a power-of-two number of buckets (max_entries rounded up), each a singly
 * linked list of elements; an element holds its hash, its key (rounded up to
 * 8 bytes) and then its value, so a lookup returns a pointer into it.
 *
 * By default every element is preallocated at map creation (one array and a
 * free list), so updates from BPF programs never allocate; with
 * BPF_F_NO_PREALLOC each element is kmalloc'ed on insert and freed on delete.
 * Either way at most max_entries elements exist: one more is -E2BIG.
 * Replacing an existing key's value copies it in place.
 *
 * The hash is a seeded 64-bit multiply-xorshift over 8-byte words (bpfkern's
 * own, in the spirit of Jenkins' jhash), random per map unless
 * BPF_F_ZERO_SEED asks for a fixed one.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/uaccess.h>
#include <string.h>

#define HTAB_CREATE_FLAG_MASK                                                                      \
	(BPF_F_NO_PREALLOC | BPF_F_NO_COMMON_LRU | BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY | \
	 BPF_F_ZERO_SEED | BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)
/* Linux's KMALLOC_MAX_SIZE on x86-64 (4 MiB). */
#define HTAB_KMALLOC_MAX_SIZE (1ul << 22)

struct htab_elem {
	struct htab_elem *next; /* in the bucket, or in the free list */
	u32 hash;
	u32 __pad;
	char key[] __aligned(8); /* key_size rounded up to 8, then the value */
};

struct bpf_htab {
	struct bpf_map map;
	struct htab_elem **buckets;
	u32 n_buckets; /* a power of two */
	u32 count; /* elements in the table */
	u32 elem_size;
	u32 hashrnd;
	void *elems; /* BPF_F_NO_PREALLOC unset: the preallocated elements */
	struct htab_elem *free_list;
};

static inline struct bpf_htab *to_htab(const struct bpf_map *map)
{
	return container_of(map, struct bpf_htab, map);
}

static inline bool htab_is_prealloc(const struct bpf_htab *htab)
{
	return !(htab->map.map_flags & BPF_F_NO_PREALLOC);
}

static inline void *htab_elem_value(const struct bpf_htab *htab, struct htab_elem *l)
{
	return l->key + ALIGN(htab->map.key_size, 8);
}

static inline u64 htab_mix(u64 h)
{
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ull;
	h ^= h >> 27;
	h *= 0x81dadef4bc2dd44dull;
	h ^= h >> 33;
	return h;
}

/* A 32-bit hash of key[0 .. len) under seed; every input bit affects every output bit. */
static u32 htab_hash(const void *key, u32 len, u32 seed)
{
	const u8 *p = key;
	u64 h = seed ^ ((u64)len << 32), w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = htab_mix(h ^ w) + 0x9e3779b97f4a7c15ull;
		p += 8;
		len -= 8;
	}
	if (len) {
		w = 0;
		memcpy(&w, p, len);
		h = htab_mix(h ^ w ^ 0x0100000000000000ull);
	}
	return (u32)(htab_mix(h) >> 16);
}

/* Linux's htab_map_alloc_check: the attribute checks, before anything is allocated. */
static int htab_map_alloc_check(const union bpf_attr *attr)
{
	if (attr->map_flags & ~HTAB_CREATE_FLAG_MASK)
		return -EINVAL;
	if (attr->max_entries == 0 || attr->key_size == 0 || attr->value_size == 0)
		return -EINVAL;
	if ((u64)attr->key_size + attr->value_size >=
	    HTAB_KMALLOC_MAX_SIZE - sizeof(struct htab_elem))
		return -E2BIG;
	if (attr->max_entries > (1u << 31))
		return -E2BIG;
	return 0;
}

/* Preallocates max_entries elements onto the free list: 0 or -ENOMEM. */
static int prealloc_init(struct bpf_htab *htab)
{
	u32 i;

	htab->elems = kvzalloc((u64)htab->elem_size * htab->map.max_entries, GFP_KERNEL);
	if (!htab->elems)
		return -ENOMEM;
	for (i = htab->map.max_entries; i-- > 0;) {
		struct htab_elem *l = (void *)((char *)htab->elems + (u64)i * htab->elem_size);

		l->next = htab->free_list;
		htab->free_list = l;
	}
	return 0;
}

static struct bpf_map *htab_map_alloc(const union bpf_attr *attr)
{
	struct bpf_htab *htab;
	u32 n = 1;
	int err = htab_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	while (n < attr->max_entries)
		n <<= 1;
	htab = kzalloc(sizeof(*htab), GFP_KERNEL);
	if (!htab)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&htab->map, attr);
	htab->n_buckets = n;
	htab->elem_size =
		sizeof(struct htab_elem) + ALIGN(attr->key_size, 8) + ALIGN(attr->value_size, 8);
	htab->hashrnd = (attr->map_flags & BPF_F_ZERO_SEED) ? 0 : get_random_u32();
	htab->buckets = kvzalloc((u64)n * sizeof(*htab->buckets), GFP_KERNEL);
	if (!htab->buckets) {
		err = -ENOMEM;
		goto free_htab;
	}
	if (htab_is_prealloc(htab)) {
		err = prealloc_init(htab);
		if (err)
			goto free_buckets;
	}
	return &htab->map;

free_buckets:
	kvfree(htab->buckets);
free_htab:
	kfree(htab);
	return ERR_PTR(err);
}

static void htab_elem_free(struct bpf_htab *htab, struct htab_elem *l)
{
	if (htab_is_prealloc(htab)) {
		l->next = htab->free_list;
		htab->free_list = l;
	} else {
		kfree(l);
	}
	htab->count--;
}

static void htab_map_free(struct bpf_map *map)
{
	struct bpf_htab *htab = to_htab(map);
	u32 i;

	if (!htab_is_prealloc(htab)) {
		for (i = 0; i < htab->n_buckets; i++) {
			while (htab->buckets[i]) {
				struct htab_elem *l = htab->buckets[i];

				htab->buckets[i] = l->next;
				kfree(l);
			}
		}
	}
	kvfree(htab->elems);
	kvfree(htab->buckets);
	kfree(htab);
}

static inline struct htab_elem **htab_bucket(const struct bpf_htab *htab, u32 hash)
{
	return &htab->buckets[hash & (htab->n_buckets - 1)];
}

/* The link that points at key's element (or at the NULL ending its bucket). */
static struct htab_elem **htab_find(const struct bpf_htab *htab, const void *key, u32 hash)
{
	struct htab_elem **pl = htab_bucket(htab, hash);

	for (; *pl; pl = &(*pl)->next)
		if ((*pl)->hash == hash && !memcmp((*pl)->key, key, htab->map.key_size))
			break;
	return pl;
}

static void *htab_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = *htab_find(htab, key, htab_hash(key, map->key_size, htab->hashrnd));

	return l ? htab_elem_value(htab, l) : NULL;
}

/* A fresh element for the table, or NULL when max_entries are in use (-E2BIG) or -ENOMEM. */
static struct htab_elem *htab_elem_alloc(struct bpf_htab *htab, long *err)
{
	struct htab_elem *l;

	*err = -E2BIG;
	if (htab->count >= htab->map.max_entries)
		return NULL;
	if (htab_is_prealloc(htab)) {
		l = htab->free_list;
		htab->free_list = l->next;
	} else {
		l = kzalloc(htab->elem_size, GFP_KERNEL);
		*err = -ENOMEM;
		if (!l)
			return NULL;
	}
	htab->count++;
	return l;
}

static long htab_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_hash(key, map->key_size, htab->hashrnd);
	struct htab_elem **pl, *l;
	long err;

	if ((flags & ~(u64)BPF_F_LOCK) > BPF_EXIST || (flags & BPF_F_LOCK))
		return -EINVAL;
	pl = htab_find(htab, key, hash);
	if (*pl && flags == BPF_NOEXIST)
		return -EEXIST;
	if (!*pl && flags == BPF_EXIST)
		return -ENOENT;
	if (*pl) {
		memcpy(htab_elem_value(htab, *pl), value, map->value_size);
		return 0;
	}
	l = htab_elem_alloc(htab, &err);
	if (!l)
		return err;
	l->hash = hash;
	memcpy(l->key, key, map->key_size);
	memcpy(htab_elem_value(htab, l), value, map->value_size);
	l->next = *htab_bucket(htab, hash);
	*htab_bucket(htab, hash) = l;
	return 0;
}

static long htab_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem **pl = htab_find(htab, key, htab_hash(key, map->key_size, htab->hashrnd));
	struct htab_elem *l = *pl;

	if (!l)
		return -ENOENT;
	*pl = l->next;
	htab_elem_free(htab, l);
	return 0;
}

/* The first element in buckets [from, n_buckets), or NULL. */
static struct htab_elem *htab_first_from(const struct bpf_htab *htab, u32 from)
{
	for (; from < htab->n_buckets; from++)
		if (htab->buckets[from])
			return htab->buckets[from];
	return NULL;
}

/*
 * Linux's order: the element after key in its bucket, else the first of the
 * following buckets; a NULL or absent key starts from the first element.
 */
static int htab_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = NULL, *next;
	u32 hash = 0;

	if (key) {
		hash = htab_hash(key, map->key_size, htab->hashrnd);
		l = *htab_find(htab, key, hash);
	}
	if (l)
		next = l->next ? l->next
			       : htab_first_from(htab, (hash & (htab->n_buckets - 1)) + 1);
	else
		next = htab_first_from(htab, 0);
	if (!next)
		return -ENOENT;
	memcpy(next_key, next->key, map->key_size);
	return 0;
}

/* Elements in bucket b. */
static u32 htab_bucket_cnt(const struct bpf_htab *htab, u32 b)
{
	const struct htab_elem *l;
	u32 n = 0;

	for (l = htab->buckets[b]; l; l = l->next)
		n++;
	return n;
}

/*
 * Copies bucket b's keys and values to the user's arrays at element total,
 * deleting them after when do_delete: 0 or -EFAULT.
 */
static int htab_bucket_to_user(struct bpf_htab *htab, u32 b, const union bpf_attr *attr, u32 total,
			       bool do_delete)
{
	u8 __user *ukeys = (u8 __user *)(unsigned long)attr->batch.keys;
	u8 __user *uvalues = (u8 __user *)(unsigned long)attr->batch.values;
	u32 ks = htab->map.key_size, vs = htab->map.value_size;
	struct htab_elem *l;

	for (l = htab->buckets[b]; l; l = l->next, total++)
		if (copy_to_user(ukeys + (u64)total * ks, l->key, ks) ||
		    copy_to_user(uvalues + (u64)total * vs, htab_elem_value(htab, l), vs))
			return -EFAULT;
	while (do_delete && htab->buckets[b]) {
		l = htab->buckets[b];
		htab->buckets[b] = l->next;
		htab_elem_free(htab, l);
	}
	return 0;
}

/*
 * Linux's __htab_map_lookup_and_delete_batch: the batch cursor is a bucket
 * index; whole buckets are copied while they fit in count (-ENOSPC if not
 * even the first does), -ENOENT once the last bucket is done. count and
 * out_batch are written back in every case but -EFAULT.
 */
static int htab_lookup_batch_common(struct bpf_map *map, const union bpf_attr *attr,
				    union bpf_attr __user *uattr, bool do_delete)
{
	void __user *ubatch = (void __user *)(unsigned long)attr->batch.in_batch;
	struct bpf_htab *htab = to_htab(map);
	u32 max_count = attr->batch.count, batch = 0, total = 0, zero = 0, cnt;
	int ret = 0;

	if (attr->batch.elem_flags & ~(u64)BPF_F_LOCK || attr->batch.elem_flags & BPF_F_LOCK)
		return -EINVAL; /* BPF_F_LOCK needs a bpf_spin_lock in the value */
	if (attr->batch.flags)
		return -EINVAL;
	if (!max_count)
		return 0;
	if (copy_to_user(&uattr->batch.count, &zero, sizeof(zero)))
		return -EFAULT;
	if (ubatch && copy_from_user(&batch, ubatch, sizeof(batch)))
		return -EFAULT;
	if (batch >= htab->n_buckets)
		return -ENOENT;
	for (;;) {
		cnt = htab_bucket_cnt(htab, batch);
		if (cnt > max_count - total) {
			ret = total ? 0 : -ENOSPC;
			break;
		}
		if (htab_bucket_to_user(htab, batch, attr, total, do_delete))
			return -EFAULT;
		total += cnt;
		if (++batch >= htab->n_buckets) {
			ret = -ENOENT;
			break;
		}
	}
	if (copy_to_user((void __user *)(unsigned long)attr->batch.out_batch, &batch,
			 sizeof(batch)) ||
	    copy_to_user(&uattr->batch.count, &total, sizeof(total)))
		return -EFAULT;
	return ret;
}

static int htab_map_lookup_batch(struct bpf_map *map, const union bpf_attr *attr,
				 union bpf_attr *uattr)
{
	return htab_lookup_batch_common(map, attr, uattr, false);
}

static int htab_map_lookup_and_delete_batch(struct bpf_map *map, const union bpf_attr *attr,
					    union bpf_attr *uattr)
{
	return htab_lookup_batch_common(map, attr, uattr, true);
}

const struct bpf_map_ops htab_map_ops = {
	.map_alloc = htab_map_alloc,
	.map_free = htab_map_free,
	.map_get_next_key = htab_map_get_next_key,
	.map_lookup_elem = htab_map_lookup_elem,
	.map_update_elem = htab_map_update_elem,
	.map_delete_elem = htab_map_delete_elem,
	.map_lookup_batch = htab_map_lookup_batch,
	.map_lookup_and_delete_batch = htab_map_lookup_and_delete_batch,
};
