/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the map family of docs/maps.md offers beyond struct bpf_map_ops: the
 * syscall paths of per-CPU maps, the ring buffer's consumer side and page
 * layout, the devmap lookup of bpf_redirect_map, and maps of maps. The ops
 * tables themselves are declared in <bpfkern/bpf.h>.
 */
#ifndef BPFKERN_BPF_MAPS_H
#define BPFKERN_BPF_MAPS_H

#include <bpfkern/bpf.h>
#include <bpfkern/percpu.h>

#define BPF_F_ACCESS_MASK (BPF_F_RDONLY | BPF_F_RDONLY_PROG | BPF_F_WRONLY | BPF_F_WRONLY_PROG)

/* Linux's bpf_map_flags_access_ok: not both read-only and write-only, on either side. */
static inline bool bpf_map_flags_access_ok(u32 flags)
{
	return (flags & (BPF_F_RDONLY | BPF_F_WRONLY)) != (BPF_F_RDONLY | BPF_F_WRONLY) &&
	       (flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG)) !=
		       (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG);
}

/*
 * Bytes of the value buffer a syscall passes for a per-CPU map: one value
 * rounded up to 8 bytes for every possible CPU (Linux's bpf_map_value_size).
 */
u32 bpf_map_value_size(const struct bpf_map *map);

/*
 * kernel/bpf/map_syscall.c, for kernel/bpf/syscall.c: the value of key as
 * BPF_MAP_LOOKUP_ELEM returns it (value holds bpf_map_value_size bytes) and
 * BPF_MAP_UPDATE_ELEM's store. For maps of maps the caller resolves the
 * value's map fd to inner (NULL: -EBADF); other types ignore inner.
 * 0 or a negative errno (-ENOENT, -ENOTSUPP, the type's update errors).
 */
int bpf_map_copy_value(struct bpf_map *map, const void *key, void *value, u64 flags);
int bpf_map_update_value(struct bpf_map *map, const void *key, const void *value, u64 flags,
			 struct bpf_map *inner);

/* kernel/bpf/percpu_array.c: BPF_MAP_LOOKUP_ELEM / BPF_MAP_UPDATE_ELEM of PERCPU_ARRAY. */
int bpf_percpu_array_copy(struct bpf_map *map, const void *key, void *value);
int bpf_percpu_array_update(struct bpf_map *map, const void *key, const void *value, u64 flags);

/*
 * kernel/bpf/hashtab.c: BPF_MAP_LOOKUP_ELEM of PERCPU_HASH, LRU_HASH and
 * LRU_PERCPU_HASH (bpf_map_value_size bytes, no LRU reference marked), and
 * BPF_MAP_UPDATE_ELEM of the per-CPU ones (every CPU's copy).
 */
int bpf_htab_copy_value(struct bpf_map *map, const void *key, void *value);
int bpf_percpu_hash_update(struct bpf_map *map, const void *key, const void *value, u64 flags);

/*
 * kernel/bpf/ringbuf.c. The memory is, in page order: one page of
 * bookkeeping, the consumer page (consumer_pos, user-writable), the producer
 * page (producer_pos), then the data pages. User space maps the consumer
 * page, then the producer page and the data pages twice in a row (so records
 * that wrap read contiguously): ringbuf_map_mmap_page(map, i) is the kernel
 * address of page i of that view, NULL past its end.
 */
void *ringbuf_map_mmap_page(struct bpf_map *map, u64 pgoff);
u64 ringbuf_map_mmap_pages(const struct bpf_map *map); /* 2 + 2 * data pages */
/* The program side: the helpers, with Linux's names and semantics (bpf_helper_fn). */
u64 bpf_ringbuf_reserve(u64 map, u64 size, u64 flags, u64 r4, u64 r5);
u64 bpf_ringbuf_submit(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5);
u64 bpf_ringbuf_discard(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5);
u64 bpf_ringbuf_output(u64 map, u64 data, u64 size, u64 flags, u64 r5);
u64 bpf_ringbuf_query(u64 map, u64 flags, u64 r3, u64 r4, u64 r5);
/*
 * The kernel's own consumer (libbpf's ring_buffer__consume, for tests and
 * in-kernel readers): calls fn(ctx, data, len) for each submitted record in
 * order, skips discarded ones, stops at a busy one or when fn returns
 * non-zero, and advances consumer_pos. Returns the records passed to fn.
 */
int bpf_ringbuf_consume(struct bpf_map *map, int (*fn)(void *ctx, void *data, u32 len), void *ctx);
/* How many wakeups the ring buffer has signalled (a waiter would have been woken). */
u64 bpf_ringbuf_wakeups(const struct bpf_map *map);

/*
 * kernel/bpf/devmap.c: the lookup side of bpf_redirect_map for DEVMAP and
 * DEVMAP_HASH: the net_device at key, or NULL.
 */
struct net_device;
struct net_device *__dev_map_lookup_elem(struct bpf_map *map, u32 key);

/*
 * Where bpf_redirect/bpf_redirect_map left a packet: the per-CPU state the
 * XDP run loop reads after a program returned XDP_REDIRECT (Linux's struct
 * bpf_redirect_info, reduced).
 */
struct bpf_redirect_info {
	u32 flags;
	u32 tgt_index; /* key in map, or the ifindex of bpf_redirect */
	void *tgt_value; /* struct net_device * of a devmap target */
	struct bpf_map *map; /* NULL after bpf_redirect */
	enum bpf_map_type map_type;
};
struct bpf_redirect_info *bpf_net_ctx_get_ri(void);

/*
 * kernel/bpf/map_in_map.c: ARRAY_OF_MAPS and HASH_OF_MAPS
 * (htab_of_maps_map_ops is declared here, not in bpf.h's list). The syscall
 * resolves the inner map fd of a create or update and calls
 * bpf_map_of_maps_alloc / bpf_fd_*_map_update_elem with the map; the outer
 * map takes a reference (refcnt++) and drops it through bpf_inner_map_put,
 * which syscall.c points at its bpf_map_put (default: free at zero).
 */
extern const struct bpf_map_ops htab_of_maps_map_ops;
struct bpf_map *bpf_map_meta_alloc(struct bpf_map *inner_map);
/* BPF_MAP_CREATE of ARRAY_OF_MAPS or HASH_OF_MAPS with attr->inner_map_fd resolved to inner. */
struct bpf_map *bpf_map_of_maps_alloc(const union bpf_attr *attr, struct bpf_map *inner);
/* Stores inner at key (flags BPF_ANY): 0, -EINVAL (flags, template mismatch), -E2BIG. */
int bpf_fd_array_map_update_elem(struct bpf_map *map, const void *key, struct bpf_map *inner,
				 u64 flags);
/* BPF_MAP_LOOKUP_ELEM: *value = the inner map's id, or -ENOENT. */
int bpf_fd_array_map_lookup_elem(struct bpf_map *map, const void *key, u32 *value);
/* HASH_OF_MAPS: the same, with the hash table's flags (BPF_NOEXIST...) and limits. */
int bpf_fd_htab_map_update_elem(struct bpf_map *map, const void *key, struct bpf_map *inner,
				u64 flags);
int bpf_fd_htab_map_lookup_elem(struct bpf_map *map, const void *key, u32 *value);
extern void (*bpf_inner_map_put)(struct bpf_map *map);

/*
 * kernel/bpf/map_helpers.c: the helpers of QUEUE/STACK and bpf_redirect_map,
 * listed in kernel/bpf/helpers.c's bpf_func_protos[] with the ringbuf ones.
 */
u64 bpf_map_push_elem(u64 map, u64 value, u64 flags, u64 r4, u64 r5);
u64 bpf_map_pop_elem(u64 map, u64 value, u64 r3, u64 r4, u64 r5);
u64 bpf_map_peek_elem(u64 map, u64 value, u64 r3, u64 r4, u64 r5);
u64 bpf_redirect_map(u64 map, u64 key, u64 flags, u64 r4, u64 r5);

/*
 * Values with a struct bpf_spin_lock (map->spin_lock_off >= 0; kernel/bpf/
 * map_helpers.c, Linux's names): copy_map_value copies all of a value but
 * the lock word; copy_map_value_locked does so holding the lock of src
 * (lock_src) or of dst, as BPF_F_LOCK asks; check_and_init_map_value zeroes
 * the lock word (a new element, or a value going to user space). Without a
 * lock they copy or do nothing.
 */
void copy_map_value(const struct bpf_map *map, void *dst, const void *src);
void copy_map_value_locked(const struct bpf_map *map, void *dst, const void *src, bool lock_src);
void check_and_init_map_value(const struct bpf_map *map, void *dst);

#endif
