// SPDX-License-Identifier: GPL-2.0
/*
 * Hash maps (Linux: kernel/bpf/hashtab.c): HASH, PERCPU_HASH, LRU_HASH and
 * LRU_PERCPU_HASH. The table has
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
 * PERCPU_HASH and LRU_PERCPU_HASH keep one copy of the value per possible
 * CPU in the element (each rounded up to 8 bytes); programs see their CPU's
 * copy, the syscall moves all copies at once (bpf_htab_copy_value,
 * bpf_percpu_hash_update).
 *
 * LRU_HASH and LRU_PERCPU_HASH are always preallocated and never answer
 * -E2BIG: every element embeds a struct bpf_lru_node and kernel/bpf/
 * bpf_lru_list.c hands out free nodes, evicting old elements through
 * htab_lru_map_delete_node when none is free. A program's lookup marks its
 * element referenced; the syscall's does not. As Linux, an LRU_HASH update
 * takes a new node first (which may evict) and then replaces the old element.
 *
 * The hash is a seeded 64-bit multiply-xorshift over 8-byte words (bpfkern's
 * own, in the spirit of Jenkins' jhash), random per map unless
 * BPF_F_ZERO_SEED asks for a fixed one.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_lru_list.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/uaccess.h>
#include <string.h>

#define HTAB_CREATE_FLAG_MASK                                                                      \
	(BPF_F_NO_PREALLOC | BPF_F_NO_COMMON_LRU | BPF_F_NUMA_NODE | BPF_F_RDONLY | BPF_F_WRONLY | \
	 BPF_F_ZERO_SEED | BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)
/* Linux's PCPU_MIN_UNIT_SIZE: the largest per-CPU value. */
#define HTAB_PCPU_MIN_UNIT_SIZE (32u << 10)
/* Linux's KMALLOC_MAX_SIZE on x86-64 (4 MiB). */
#define HTAB_KMALLOC_MAX_SIZE (1ul << 22)

struct htab_elem {
	struct htab_elem *next; /* in the bucket, or in the free list */
	struct bpf_lru_node lru_node; /* LRU types only */
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
	struct htab_elem *free_list; /* non-LRU preallocated maps */
	struct bpf_lru lru; /* LRU types */
	bool lru_type, percpu;
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

/* CPU cpu's copy of a per-CPU element's value. */
static inline void *htab_elem_pcpu_value(const struct bpf_htab *htab, struct htab_elem *l,
					 unsigned int cpu)
{
	return (char *)htab_elem_value(htab, l) + (u64)cpu * ALIGN(htab->map.value_size, 8);
}

static inline bool htab_type_is_lru(u32 type)
{
	return type == BPF_MAP_TYPE_LRU_HASH || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static inline bool htab_type_is_percpu(u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
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

/*
 * A 32-bit hash of key[0 .. len) under seed; every input bit affects every
 * output bit. Inlined so that the common 4- and 8-byte keys get it unrolled
 * (htab_key_hash).
 */
static inline __attribute__((always_inline)) u32 htab_hash(const void *key, u32 len, u32 seed)
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

/*
 * Linux's htab_map_alloc_check: the attribute checks, before anything is
 * allocated. BPF_F_NO_COMMON_LRU only for LRU types (-EINVAL), LRU types
 * only preallocated (-ENOTSUPP), no NUMA node for per-CPU ones (-EINVAL),
 * per-CPU values at most PCPU_MIN_UNIT_SIZE (-E2BIG).
 */
static int htab_map_alloc_check(const union bpf_attr *attr)
{
	bool lru = htab_type_is_lru(attr->map_type), percpu = htab_type_is_percpu(attr->map_type);
	bool percpu_lru = attr->map_flags & BPF_F_NO_COMMON_LRU;
	bool prealloc = !(attr->map_flags & BPF_F_NO_PREALLOC);

	if (attr->map_flags & ~HTAB_CREATE_FLAG_MASK)
		return -EINVAL;
	if (!lru && percpu_lru)
		return -EINVAL;
	if (lru && !prealloc)
		return -ENOTSUPP;
	if ((attr->map_flags & BPF_F_NUMA_NODE) && (percpu || percpu_lru))
		return -EINVAL;
	if (attr->max_entries == 0 || attr->key_size == 0 || attr->value_size == 0)
		return -EINVAL;
	if ((u64)attr->key_size + attr->value_size >=
	    HTAB_KMALLOC_MAX_SIZE - sizeof(struct htab_elem))
		return -E2BIG;
	if (percpu && ALIGN(attr->value_size, 8) > HTAB_PCPU_MIN_UNIT_SIZE)
		return -E2BIG;
	if (attr->max_entries > (1u << 31))
		return -E2BIG;
	return 0;
}

static bool htab_lru_map_delete_node(void *arg, struct bpf_lru_node *node);

/*
 * Preallocates max_entries elements onto the free list, or for LRU types
 * hands them to the LRU: 0 or -ENOMEM.
 */
static int prealloc_init(struct bpf_htab *htab)
{
	u32 i, tgt;

	htab->elems = kvzalloc((u64)htab->elem_size * htab->map.max_entries, GFP_KERNEL);
	if (!htab->elems)
		return -ENOMEM;
	if (htab->lru_type) {
		bpf_lru_init(&htab->lru, htab->map.map_flags & BPF_F_NO_COMMON_LRU,
			     offsetof(struct htab_elem, hash) -
				     offsetof(struct htab_elem, lru_node),
			     htab_lru_map_delete_node, htab);
		/* Linux 6.18: half a CPU's share per local refill, 1..LOCAL_FREE_TARGET */
		tgt = htab->map.max_entries / num_possible_cpus() / 2;
		htab->lru.target_free = min(max(tgt, 1u), htab->lru.target_free);
		bpf_lru_populate(&htab->lru, htab->elems, offsetof(struct htab_elem, lru_node),
				 htab->elem_size, htab->map.max_entries);
		return 0;
	}
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
	htab->lru_type = htab_type_is_lru(attr->map_type);
	if (htab->lru_type)
		htab->map.ops = attr->map_type == BPF_MAP_TYPE_LRU_HASH ? &htab_lru_map_ops
									: &htab_lru_percpu_map_ops;
	else if (attr->map_type == BPF_MAP_TYPE_PERCPU_HASH)
		htab->map.ops = &htab_percpu_map_ops;
	htab->percpu = htab_type_is_percpu(attr->map_type);
	if (attr->map_flags & BPF_F_NO_COMMON_LRU) {
		/* Linux: every CPU's LRU gets an equal share, at least one element. */
		htab->map.max_entries = (htab->map.max_entries + num_possible_cpus() - 1) /
					num_possible_cpus() * num_possible_cpus();
		if (htab->map.max_entries < num_possible_cpus())
			htab->map.max_entries = num_possible_cpus();
	}
	htab->n_buckets = n;
	htab->elem_size = sizeof(struct htab_elem) + ALIGN(attr->key_size, 8) +
			  ALIGN(attr->value_size, 8) * (htab->percpu ? num_possible_cpus() : 1);
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
	if (htab->lru_type)
		bpf_lru_destroy(&htab->lru);
	kvfree(htab->elems);
	kvfree(htab->buckets);
	kfree(htab);
}

static inline struct htab_elem **htab_bucket(const struct bpf_htab *htab, u32 hash)
{
	return &htab->buckets[hash & (htab->n_buckets - 1)];
}

/*
 * The fast paths of the program-side lookup: hashing and comparing 4- and
 * 8-byte keys (most maps: addresses, ports, ids) without a loop or a
 * memcmp call, so that a miss-bound lookup is a short run of independent
 * loads the CPU can overlap with the next lookup's.
 */
static inline u32 htab_key_hash(const struct bpf_htab *htab, const void *key)
{
	u32 size = htab->map.key_size;

	if (size == 4)
		return htab_hash(key, 4, htab->hashrnd);
	if (size == 8)
		return htab_hash(key, 8, htab->hashrnd);
	return htab_hash(key, size, htab->hashrnd);
}

static inline bool htab_key_equal(const struct htab_elem *l, const void *key, u32 size)
{
	u64 a = 0, b = 0;

	if (size != 4 && size != 8)
		return !memcmp(l->key, key, size);
	memcpy(&a, l->key, size);
	memcpy(&b, key, size);
	return a == b;
}

/* The link that points at key's element (or at the NULL ending its bucket). */
static struct htab_elem **htab_find(const struct bpf_htab *htab, const void *key, u32 hash)
{
	struct htab_elem **pl = htab_bucket(htab, hash);

	for (; *pl; pl = &(*pl)->next)
		if ((*pl)->hash == hash && htab_key_equal(*pl, key, htab->map.key_size))
			break;
	return pl;
}

static void *htab_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = *htab_find(htab, key, htab_key_hash(htab, key));

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
	u32 hash = htab_key_hash(htab, key);
	struct htab_elem **pl, *l;
	long err;

	if ((flags & ~(u64)BPF_F_LOCK) > BPF_EXIST)
		return -EINVAL;
	if ((flags & BPF_F_LOCK) && map->spin_lock_off < 0)
		return -EINVAL;
	pl = htab_find(htab, key, hash);
	if (*pl && (flags & ~(u64)BPF_F_LOCK) == BPF_NOEXIST)
		return -EEXIST;
	if (!*pl && (flags & ~(u64)BPF_F_LOCK) == BPF_EXIST)
		return -ENOENT;
	if (*pl && (flags & BPF_F_LOCK)) {
		copy_map_value_locked(map, htab_elem_value(htab, *pl), value, false);
		return 0;
	}
	if (*pl) {
		copy_map_value(map, htab_elem_value(htab, *pl), value); /* the lock word stays */
		return 0;
	}
	l = htab_elem_alloc(htab, &err);
	if (!l)
		return err;
	l->hash = hash;
	memcpy(l->key, key, map->key_size);
	memcpy(htab_elem_value(htab, l), value, map->value_size);
	check_and_init_map_value(map, htab_elem_value(htab, l)); /* a new element's lock is free */
	l->next = *htab_bucket(htab, hash);
	*htab_bucket(htab, hash) = l;
	return 0;
}

static long htab_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem **pl = htab_find(htab, key, htab_key_hash(htab, key));
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
		hash = htab_key_hash(htab, key);
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

/* ------------------------------------------------------------------------
 * PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH
 */

/*
 * Stores value into l: one CPU's copy (this CPU's, the others zeroed when
 * l is new) or, with onallcpus, every CPU's from a bpf_map_value_size blob.
 */
static void pcpu_copy_value(struct bpf_htab *htab, struct htab_elem *l, const void *value,
			    bool onallcpus, bool is_new)
{
	u32 size = ALIGN(htab->map.value_size, 8);
	unsigned int cpu;

	if (onallcpus) {
		for_each_possible_cpu(cpu) memcpy(htab_elem_pcpu_value(htab, l, cpu),
						  (const char *)value + cpu * size, size);
		return;
	}
	if (is_new)
		memset(htab_elem_value(htab, l), 0, (u64)size * num_possible_cpus());
	memcpy(htab_elem_pcpu_value(htab, l, smp_processor_id()), value, htab->map.value_size);
}

/* Linux's check_flags: -EEXIST, -ENOENT or 0 for an update with flags given old. */
static long htab_check_flags(const struct htab_elem *old, u64 flags)
{
	if (old && flags == BPF_NOEXIST)
		return -EEXIST;
	if (!old && flags == BPF_EXIST)
		return -ENOENT;
	return 0;
}

static void htab_link(struct bpf_htab *htab, struct htab_elem *l)
{
	struct htab_elem **head = htab_bucket(htab, l->hash);

	l->next = *head;
	*head = l;
	htab->count++;
}

/* PERCPU_HASH's update, of this CPU's copy or (syscall) of all copies. */
static long __htab_percpu_map_update_elem(struct bpf_map *map, const void *key, const void *value,
					  u64 flags, bool onallcpus)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_key_hash(htab, key);
	struct htab_elem *l;
	long err;

	if (flags > BPF_EXIST)
		return -EINVAL;
	l = *htab_find(htab, key, hash);
	err = htab_check_flags(l, flags);
	if (err)
		return err;
	if (l) {
		pcpu_copy_value(htab, l, value, onallcpus, false);
		return 0;
	}
	l = htab_elem_alloc(htab, &err);
	if (!l)
		return err;
	htab->count--; /* htab_link counts it */
	l->hash = hash;
	memcpy(l->key, key, map->key_size);
	pcpu_copy_value(htab, l, value, onallcpus, true);
	htab_link(htab, l);
	return 0;
}

static long htab_percpu_map_update_elem(struct bpf_map *map, const void *key, const void *value,
					u64 flags)
{
	return __htab_percpu_map_update_elem(map, key, value, flags, false);
}

/* The program's view of a per-CPU element: this CPU's copy. */
static void *htab_percpu_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = *htab_find(htab, key, htab_key_hash(htab, key));

	return l ? htab_elem_pcpu_value(htab, l, smp_processor_id()) : NULL;
}

/*
 * The LRU's eviction callback: unlinks the element owning node if it is in
 * the table; true if it was.
 */
static bool htab_lru_map_delete_node(void *arg, struct bpf_lru_node *node)
{
	struct htab_elem *tgt = container_of(node, struct htab_elem, lru_node);
	struct bpf_htab *htab = arg;
	struct htab_elem **pl;

	for (pl = htab_bucket(htab, tgt->hash); *pl; pl = &(*pl)->next) {
		if (*pl == tgt) {
			*pl = tgt->next;
			htab->count--;
			return true;
		}
	}
	return false;
}

/* A node for key from the LRU (maybe evicting), its key set; NULL if none. */
static struct htab_elem *prealloc_lru_pop(struct bpf_htab *htab, const void *key, u32 hash)
{
	struct bpf_lru_node *node = bpf_lru_pop_free(&htab->lru, hash);
	struct htab_elem *l;

	if (!node)
		return NULL;
	l = container_of(node, struct htab_elem, lru_node);
	l->hash = hash;
	memcpy(l->key, key, htab->map.key_size);
	return l;
}

/* Unlinks l (found at *pl) and gives its node back to the LRU. */
static void htab_lru_unlink_free(struct bpf_htab *htab, struct htab_elem **pl)
{
	struct htab_elem *l = *pl;

	*pl = l->next;
	htab->count--;
	bpf_lru_push_free(&htab->lru, &l->lru_node);
}

/* A program's lookup marks the element referenced (Linux's mark=true). */
static void *htab_lru_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = *htab_find(htab, key, htab_key_hash(htab, key));

	if (!l)
		return NULL;
	bpf_lru_node_set_ref(&l->lru_node);
	return htab->percpu ? htab_elem_pcpu_value(htab, l, smp_processor_id())
			    : htab_elem_value(htab, l);
}

/*
 * LRU_HASH's update, as Linux: a new node first (possibly evicting, even
 * the old element), then the flag checks, then the new element replaces the
 * old one at the head of the bucket. -ENOMEM when no node can be had.
 */
static long htab_lru_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				     u64 flags)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_key_hash(htab, key);
	struct htab_elem **pl, *l_new;
	long err;

	if (flags > BPF_EXIST)
		return -EINVAL;
	l_new = prealloc_lru_pop(htab, key, hash);
	if (!l_new)
		return -ENOMEM;
	memcpy(htab_elem_value(htab, l_new), value, map->value_size);
	pl = htab_find(htab, key, hash);
	err = htab_check_flags(*pl, flags);
	if (err) {
		bpf_lru_push_free(&htab->lru, &l_new->lru_node);
		return err;
	}
	if (*pl)
		htab_lru_unlink_free(htab, pl);
	htab_link(htab, l_new);
	return 0;
}

/*
 * LRU_PERCPU_HASH's update, as Linux: a node is taken first unless flags is
 * BPF_EXIST; an existing element is updated in place and marked referenced,
 * the unused node going back.
 */
static long __htab_lru_percpu_map_update_elem(struct bpf_map *map, const void *key,
					      const void *value, u64 flags, bool onallcpus)
{
	struct bpf_htab *htab = to_htab(map);
	u32 hash = htab_key_hash(htab, key);
	struct htab_elem *l_old, *l_new = NULL;
	long err;

	if (flags > BPF_EXIST)
		return -EINVAL;
	if (flags != BPF_EXIST) {
		l_new = prealloc_lru_pop(htab, key, hash);
		if (!l_new)
			return -ENOMEM;
	}
	l_old = *htab_find(htab, key, hash);
	err = htab_check_flags(l_old, flags);
	if (!err && l_old) {
		bpf_lru_node_set_ref(&l_old->lru_node);
		pcpu_copy_value(htab, l_old, value, onallcpus, false);
	} else if (!err) {
		pcpu_copy_value(htab, l_new, value, onallcpus, true);
		htab_link(htab, l_new);
		l_new = NULL;
	}
	if (l_new)
		bpf_lru_push_free(&htab->lru, &l_new->lru_node);
	return err;
}

static long htab_lru_percpu_map_update_elem(struct bpf_map *map, const void *key, const void *value,
					    u64 flags)
{
	return __htab_lru_percpu_map_update_elem(map, key, value, flags, false);
}

static long htab_lru_map_delete_elem(struct bpf_map *map, const void *key)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem **pl = htab_find(htab, key, htab_key_hash(htab, key));

	if (!*pl)
		return -ENOENT;
	htab_lru_unlink_free(htab, pl);
	return 0;
}

int bpf_htab_copy_value(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l = *htab_find(htab, key, htab_key_hash(htab, key));
	unsigned int cpu;

	if (!l)
		return -ENOENT;
	if (!htab->percpu) {
		memcpy(value, htab_elem_value(htab, l), map->value_size);
		return 0;
	}
	for_each_possible_cpu(cpu)
		memcpy((char *)value + cpu * ALIGN(map->value_size, 8),
		       htab_elem_pcpu_value(htab, l, cpu), ALIGN(map->value_size, 8));
	return 0;
}

int bpf_percpu_hash_update(struct bpf_map *map, const void *key, const void *value, u64 flags)
{
	if (map->map_type == BPF_MAP_TYPE_LRU_PERCPU_HASH)
		return (int)__htab_lru_percpu_map_update_elem(map, key, value, flags, true);
	return (int)__htab_percpu_map_update_elem(map, key, value, flags, true);
}

/* Element pos (0 = the first) of bucket b, or NULL. */
static struct htab_elem *htab_bucket_nth(const struct bpf_htab *htab, u32 b, u32 pos)
{
	struct htab_elem *l = htab->buckets[b];

	while (l && pos--)
		l = l->next;
	return l;
}

/*
 * Where the walk of bucket b goes on after visiting l at pos: past l if it
 * is still in the bucket, else pos again (what followed l moved up).
 */
static u32 htab_bucket_next_pos(const struct bpf_htab *htab, u32 b, const struct htab_elem *l,
				u32 pos)
{
	u32 k = 0;

	for (const struct htab_elem *e = htab->buckets[b]; e; e = e->next, k++)
		if (e == l)
			return k + 1;
	return pos;
}

/*
 * bpf_for_each_map_elem over every type of this file (Linux's
 * bpf_for_each_hash_elem): bucket by bucket, each element's key and value
 * (this CPU's copy for the per-CPU types) to the callback, without marking
 * LRU elements referenced. The callback may delete or add elements: no
 * element pointer is kept across a call, the walk finds its place in the
 * bucket again after each. Returns the number of calls, or -EINVAL for flags.
 */
static long htab_map_for_each_callback(struct bpf_map *map, bpf_callback_t callback_fn,
				       void *callback_ctx, u64 flags)
{
	struct bpf_htab *htab = to_htab(map);
	struct htab_elem *l;
	long num = 0;

	if (flags)
		return -EINVAL;
	for (u32 b = 0; b < htab->n_buckets; b++) {
		u32 pos = 0;

		while ((l = htab_bucket_nth(htab, b, pos))) {
			void *value = htab->percpu
					      ? htab_elem_pcpu_value(htab, l, smp_processor_id())
					      : htab_elem_value(htab, l);

			num++;
			if (bpf_callback_call(callback_fn, (u64)(uintptr_t)map,
					      (u64)(uintptr_t)l->key, (u64)(uintptr_t)value,
					      (u64)(uintptr_t)callback_ctx, 0))
				return num;
			pos = htab_bucket_next_pos(htab, b, l, pos);
		}
	}
	return num;
}

const struct bpf_map_ops htab_percpu_map_ops = {
	.map_alloc = htab_map_alloc,
	.map_free = htab_map_free,
	.map_get_next_key = htab_map_get_next_key,
	.map_lookup_elem = htab_percpu_map_lookup_elem,
	.map_update_elem = htab_percpu_map_update_elem,
	.map_delete_elem = htab_map_delete_elem,
	.map_for_each_callback = htab_map_for_each_callback,
};

const struct bpf_map_ops htab_lru_map_ops = {
	.map_alloc = htab_map_alloc,
	.map_free = htab_map_free,
	.map_get_next_key = htab_map_get_next_key,
	.map_lookup_elem = htab_lru_map_lookup_elem,
	.map_update_elem = htab_lru_map_update_elem,
	.map_delete_elem = htab_lru_map_delete_elem,
	.map_for_each_callback = htab_map_for_each_callback,
};

const struct bpf_map_ops htab_lru_percpu_map_ops = {
	.map_alloc = htab_map_alloc,
	.map_free = htab_map_free,
	.map_get_next_key = htab_map_get_next_key,
	.map_lookup_elem = htab_lru_map_lookup_elem,
	.map_update_elem = htab_lru_percpu_map_update_elem,
	.map_delete_elem = htab_lru_map_delete_elem,
	.map_for_each_callback = htab_map_for_each_callback,
};

const struct bpf_map_ops htab_map_ops = {
	.map_alloc = htab_map_alloc,
	.map_free = htab_map_free,
	.map_get_next_key = htab_map_get_next_key,
	.map_lookup_elem = htab_map_lookup_elem,
	.map_update_elem = htab_map_update_elem,
	.map_delete_elem = htab_map_delete_elem,
	.map_lookup_batch = htab_map_lookup_batch,
	.map_lookup_and_delete_batch = htab_map_lookup_and_delete_batch,
	.map_for_each_callback = htab_map_for_each_callback,
};
