/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LRU machinery of LRU_HASH and LRU_PERCPU_HASH (Linux:
 * kernel/bpf/bpf_lru_list.{c,h}), kernel/bpf/bpf_lru_list.c.
 *
 * The hash table preallocates its elements, each embedding a struct
 * bpf_lru_node, and hands them all to bpf_lru_populate(). An update takes a
 * node with bpf_lru_pop_free(); when no free node is left, the LRU evicts:
 * it asks the hash table to unlink an old element through del_from_htab
 * and reuses its node. A lookup marks its element referenced with
 * bpf_lru_node_set_ref(), which is all the bookkeeping a hit costs.
 * A delete returns the node with bpf_lru_push_free().
 *
 * Lists, as Linux: active, inactive and free. Nodes enter inactive (or
 * active when referenced); rotation moves unreferenced active nodes to
 * inactive and referenced inactive nodes to active, clearing the bit (a
 * second chance); eviction takes unreferenced nodes from the inactive
 * tail, and if all are referenced, the oldest node regardless.
 * Common LRU (default): one set of lists shared by all CPUs, plus per-CPU
 * "local" free and pending lists that batch target_free nodes at a time.
 * BPF_F_NO_COMMON_LRU: each CPU has its own lists and its share of nodes.
 */
#ifndef BPFKERN_BPF_LRU_LIST_H
#define BPFKERN_BPF_LRU_LIST_H

#include <bpfkern/list.h>
#include <bpfkern/percpu.h>

enum bpf_lru_list_type {
	BPF_LRU_LIST_T_ACTIVE,
	BPF_LRU_LIST_T_INACTIVE,
	BPF_LRU_LIST_T_FREE,
	BPF_LRU_LOCAL_LIST_T_FREE,
	BPF_LRU_LOCAL_LIST_T_PENDING,
};

#define NR_BPF_LRU_LIST_T (BPF_LRU_LIST_T_FREE + 1)
#define NR_BPF_LRU_LIST_COUNT (BPF_LRU_LIST_T_INACTIVE + 1)
#define NR_BPF_LRU_LOCAL_LIST_T 2
#define BPF_LOCAL_LIST_T_OFFSET BPF_LRU_LOCAL_LIST_T_FREE

/* Embedded in every element the LRU manages. */
struct bpf_lru_node {
	struct list_head list;
	u16 cpu;
	u8 type; /* enum bpf_lru_list_type: which list holds the node */
	u8 ref; /* set by a lookup, cleared when the LRU moves the node */
};

struct bpf_lru_list {
	struct list_head lists[NR_BPF_LRU_LIST_T];
	unsigned int counts[NR_BPF_LRU_LIST_COUNT]; /* active and inactive only */
	struct list_head *next_inactive_rotation; /* where the next inactive scan starts */
};

struct bpf_lru_locallist {
	struct list_head lists[NR_BPF_LRU_LOCAL_LIST_T]; /* free, pending */
	u16 next_steal; /* the CPU to steal from next */
};

struct bpf_common_lru {
	struct bpf_lru_list lru_list;
	struct bpf_lru_locallist local_list[NR_CPUS];
};

/*
 * Unlinks the element owning node from the hash table if it is still
 * there and nobody else is removing it; true if the node may be reused.
 */
typedef bool (*del_from_htab_func)(void *arg, struct bpf_lru_node *node);

struct bpf_lru {
	union {
		struct bpf_common_lru common_lru;
		struct bpf_lru_list percpu_lru[NR_CPUS];
	};
	del_from_htab_func del_from_htab;
	void *del_arg;
	unsigned int hash_offset; /* where a node's owner keeps its u32 hash, from the node */
	unsigned int target_free; /* nodes moved to a local free list at a time */
	unsigned int nr_scans; /* most nodes one rotation or shrink looks at */
	bool percpu;
};

/* A lookup hit: mark node referenced (one store, and only when not yet marked). */
static inline void bpf_lru_node_set_ref(struct bpf_lru_node *node)
{
	if (!READ_ONCE(node->ref))
		WRITE_ONCE(node->ref, 1);
}

/*
 * Sets up an empty LRU; percpu for BPF_F_NO_COMMON_LRU. pop_free stores the
 * caller's hash at hash_offset bytes from the node. Returns 0 (an int for
 * when per-CPU lists get allocated).
 */
int bpf_lru_init(struct bpf_lru *lru, bool percpu, u32 hash_offset,
		 del_from_htab_func del_from_htab, void *delete_arg);
/*
 * Puts nr_elems elements of elem_size bytes from buf on the free lists;
 * each has its bpf_lru_node at node_offset. Per-CPU LRUs split them evenly.
 */
void bpf_lru_populate(struct bpf_lru *lru, void *buf, u32 node_offset, u32 elem_size, u32 nr_elems);
void bpf_lru_destroy(struct bpf_lru *lru);
/*
 * A free node for an element with this hash, evicting if needed; NULL only
 * when every node is in use and none can be deleted from the table.
 */
struct bpf_lru_node *bpf_lru_pop_free(struct bpf_lru *lru, u32 hash);
/* Gives back the node of a deleted (or never inserted) element. */
void bpf_lru_push_free(struct bpf_lru *lru, struct bpf_lru_node *node);

#endif
