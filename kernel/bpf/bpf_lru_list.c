// SPDX-License-Identifier: GPL-2.0
/*
 * LRU lists for LRU_HASH maps (Linux: kernel/bpf/bpf_lru_list.c), with
 * Linux's eviction behaviour; the contract is in <bpfkern/bpf_lru_list.h>.
 * "Head" is the front of a list (newest), "tail" its back (oldest): nodes
 * are added at the head and scans start at the tail. One CPU runs
 * programs (NR_CPUS 1), so there is no locking yet; the per-CPU structure
 * is kept so that SMP only needs the locks.
 */
#include <bpfkern/bpf_lru_list.h>
#include <bpfkern/kernel.h>

/* Nodes moved to a local free list at a time (most), and nodes one scan visits. */
#define LOCAL_FREE_TARGET 128
#define LOCAL_NR_SCANS LOCAL_FREE_TARGET
/* Nodes a per-CPU LRU frees when its free list runs dry. */
#define PERCPU_FREE_TARGET 4
#define PERCPU_NR_SCANS PERCPU_FREE_TARGET

#define IS_LOCAL_LIST_TYPE(t) ((t) >= BPF_LOCAL_LIST_T_OFFSET)

static struct bpf_lru_node *to_node(struct list_head *pos)
{
	return list_entry(pos, struct bpf_lru_node, list);
}

static struct list_head *local_free_list(struct bpf_lru_locallist *loc_l)
{
	return &loc_l->lists[BPF_LRU_LOCAL_LIST_T_FREE - BPF_LOCAL_LIST_T_OFFSET];
}

static struct list_head *local_pending_list(struct bpf_lru_locallist *loc_l)
{
	return &loc_l->lists[BPF_LRU_LOCAL_LIST_T_PENDING - BPF_LOCAL_LIST_T_OFFSET];
}

static void bpf_lru_list_count_inc(struct bpf_lru_list *l, enum bpf_lru_list_type type)
{
	if (type < NR_BPF_LRU_LIST_COUNT)
		l->counts[type]++;
}

static void bpf_lru_list_count_dec(struct bpf_lru_list *l, enum bpf_lru_list_type type)
{
	if (type < NR_BPF_LRU_LIST_COUNT)
		l->counts[type]--;
}

/* Keeps the inactive rotation cursor valid when node leaves its place. */
static void lru_cursor_skip(struct bpf_lru_list *l, struct bpf_lru_node *node)
{
	if (&node->list == l->next_inactive_rotation)
		l->next_inactive_rotation = l->next_inactive_rotation->prev;
}

/* Moves a node of l's lists to free_list (global or a CPU's local one) as tgt_free_type. */
static void __bpf_lru_node_move_to_free(struct bpf_lru_list *l, struct bpf_lru_node *node,
					struct list_head *free_list,
					enum bpf_lru_list_type tgt_free_type)
{
	BUG_ON(IS_LOCAL_LIST_TYPE(node->type));
	lru_cursor_skip(l, node);
	bpf_lru_list_count_dec(l, node->type);
	node->type = tgt_free_type;
	list_move(&node->list, free_list);
}

/* Moves a node from a local list into l's list tgt_type, unreferenced. */
static void __bpf_lru_node_move_in(struct bpf_lru_list *l, struct bpf_lru_node *node,
				   enum bpf_lru_list_type tgt_type)
{
	BUG_ON(!IS_LOCAL_LIST_TYPE(node->type) || IS_LOCAL_LIST_TYPE(tgt_type));
	bpf_lru_list_count_inc(l, tgt_type);
	node->type = tgt_type;
	node->ref = 0;
	list_move(&node->list, &l->lists[tgt_type]);
}

/* Moves a node between (or to the head of one of) l's own lists, unreferenced. */
static void __bpf_lru_node_move(struct bpf_lru_list *l, struct bpf_lru_node *node,
				enum bpf_lru_list_type tgt_type)
{
	BUG_ON(IS_LOCAL_LIST_TYPE(node->type) || IS_LOCAL_LIST_TYPE(tgt_type));
	if (node->type != tgt_type) {
		bpf_lru_list_count_dec(l, node->type);
		bpf_lru_list_count_inc(l, tgt_type);
		node->type = tgt_type;
	}
	node->ref = 0;
	lru_cursor_skip(l, node);
	list_move(&node->list, &l->lists[tgt_type]);
}

/*
 * Scans the active list from its tail (at most nr_scans nodes, each once):
 * referenced nodes go back to the head of active, the others to inactive.
 */
static void __bpf_lru_list_rotate_active(struct bpf_lru *lru, struct bpf_lru_list *l)
{
	struct list_head *active = &l->lists[BPF_LRU_LIST_T_ACTIVE];
	struct list_head *first = active->next, *pos = active->prev, *prev;
	unsigned int i = 0;

	for (; pos != active; pos = prev) {
		struct bpf_lru_node *node = to_node(pos);

		prev = pos->prev;
		__bpf_lru_node_move(l, node,
				    node->ref ? BPF_LRU_LIST_T_ACTIVE : BPF_LRU_LIST_T_INACTIVE);
		if (++i == lru->nr_scans || pos == first)
			break;
	}
}

/*
 * Scans the inactive list backwards from the rotation cursor, wrapping
 * round, for at most nr_scans nodes: referenced nodes move to active;
 * the others stay for the next shrink. The cursor remembers where to go on.
 */
static void __bpf_lru_list_rotate_inactive(struct bpf_lru *lru, struct bpf_lru_list *l)
{
	struct list_head *inactive = &l->lists[BPF_LRU_LIST_T_INACTIVE];
	struct list_head *cur, *next = NULL, *last;
	unsigned int i = 0;

	if (list_empty(inactive))
		return;
	last = l->next_inactive_rotation->next;
	if (last == inactive)
		last = last->next;
	cur = l->next_inactive_rotation;
	while (i < lru->nr_scans) {
		if (cur == inactive) {
			cur = cur->prev;
			continue;
		}
		next = cur->prev;
		if (to_node(cur)->ref)
			__bpf_lru_node_move(l, to_node(cur), BPF_LRU_LIST_T_ACTIVE);
		if (cur == last)
			break;
		cur = next;
		i++;
	}
	l->next_inactive_rotation = next;
}

/* Rotates active when inactive has become the smaller list, and always inactive. */
static void __bpf_lru_list_rotate(struct bpf_lru *lru, struct bpf_lru_list *l)
{
	if (l->counts[BPF_LRU_LIST_T_INACTIVE] < l->counts[BPF_LRU_LIST_T_ACTIVE])
		__bpf_lru_list_rotate_active(lru, l);
	__bpf_lru_list_rotate_inactive(lru, l);
}

/*
 * From the inactive tail (at most nr_scans nodes), evicts unreferenced
 * nodes the hash table lets go, up to tgt_nshrink, into free_list;
 * referenced ones move to active. Returns how many were evicted.
 */
static unsigned int __bpf_lru_list_shrink_inactive(struct bpf_lru *lru, struct bpf_lru_list *l,
						   unsigned int tgt_nshrink,
						   struct list_head *free_list,
						   enum bpf_lru_list_type tgt_free_type)
{
	struct list_head *inactive = &l->lists[BPF_LRU_LIST_T_INACTIVE], *pos, *prev;
	unsigned int nshrinked = 0, i = 0;

	for (pos = inactive->prev; pos != inactive; pos = prev) {
		struct bpf_lru_node *node = to_node(pos);

		prev = pos->prev;
		if (node->ref) {
			__bpf_lru_node_move(l, node, BPF_LRU_LIST_T_ACTIVE);
		} else if (lru->del_from_htab(lru->del_arg, node)) {
			__bpf_lru_node_move_to_free(l, node, free_list, tgt_free_type);
			if (++nshrinked == tgt_nshrink)
				break;
		}
		if (++i == lru->nr_scans)
			break;
	}
	return nshrinked;
}

/*
 * Evicts up to tgt_nshrink unreferenced inactive nodes; if none, forces
 * out the oldest deletable node of inactive (or, if empty, of active)
 * ignoring the reference bit. Returns the number evicted.
 */
static unsigned int __bpf_lru_list_shrink(struct bpf_lru *lru, struct bpf_lru_list *l,
					  unsigned int tgt_nshrink, struct list_head *free_list,
					  enum bpf_lru_list_type tgt_free_type)
{
	struct list_head *force, *pos, *prev;
	unsigned int nshrinked;

	nshrinked = __bpf_lru_list_shrink_inactive(lru, l, tgt_nshrink, free_list, tgt_free_type);
	if (nshrinked)
		return nshrinked;
	force = &l->lists[BPF_LRU_LIST_T_INACTIVE];
	if (list_empty(force))
		force = &l->lists[BPF_LRU_LIST_T_ACTIVE];
	for (pos = force->prev; pos != force; pos = prev) {
		prev = pos->prev;
		if (lru->del_from_htab(lru->del_arg, to_node(pos))) {
			__bpf_lru_node_move_to_free(l, to_node(pos), free_list, tgt_free_type);
			return 1;
		}
	}
	return 0;
}

/* Moves a CPU's pending nodes (oldest first) into the shared lists, by reference bit. */
static void __local_list_flush(struct bpf_lru_list *l, struct bpf_lru_locallist *loc_l)
{
	struct list_head *pending = local_pending_list(loc_l);

	while (!list_empty(pending)) {
		struct bpf_lru_node *node = to_node(pending->prev);

		__bpf_lru_node_move_in(l, node,
				       node->ref ? BPF_LRU_LIST_T_ACTIVE : BPF_LRU_LIST_T_INACTIVE);
	}
}

/*
 * Refills a CPU's local free list: flush its pending nodes, rotate, take up
 * to target_free global free nodes, and evict for the rest.
 */
static void bpf_lru_list_pop_free_to_local(struct bpf_lru *lru, struct bpf_lru_locallist *loc_l)
{
	struct bpf_lru_list *l = &lru->common_lru.lru_list;
	struct list_head *free = &l->lists[BPF_LRU_LIST_T_FREE];
	unsigned int nfree = 0;

	__local_list_flush(l, loc_l);
	__bpf_lru_list_rotate(lru, l);
	while (!list_empty(free) && nfree < lru->target_free) {
		__bpf_lru_node_move_to_free(l, to_node(free->next), local_free_list(loc_l),
					    BPF_LRU_LOCAL_LIST_T_FREE);
		nfree++;
	}
	if (nfree < lru->target_free)
		__bpf_lru_list_shrink(lru, l, lru->target_free - nfree, local_free_list(loc_l),
				      BPF_LRU_LOCAL_LIST_T_FREE);
}

/* Gives node to an element with hash: it waits on the CPU's pending list, unreferenced. */
static void __local_list_add_pending(struct bpf_lru *lru, struct bpf_lru_locallist *loc_l,
				     unsigned int cpu, struct bpf_lru_node *node, u32 hash)
{
	*(u32 *)((char *)node + lru->hash_offset) = hash;
	node->cpu = (u16)cpu;
	node->type = BPF_LRU_LOCAL_LIST_T_PENDING;
	node->ref = 0;
	list_add(&node->list, local_pending_list(loc_l));
}

static struct bpf_lru_node *__local_list_pop_free(struct bpf_lru_locallist *loc_l)
{
	struct list_head *free = local_free_list(loc_l);
	struct bpf_lru_node *node;

	if (list_empty(free))
		return NULL;
	node = to_node(free->next);
	list_del(&node->list);
	return node;
}

/* Evicts the oldest pending node the table lets go, unreferenced ones first. */
static struct bpf_lru_node *__local_list_pop_pending(struct bpf_lru *lru,
						     struct bpf_lru_locallist *loc_l)
{
	struct list_head *pending = local_pending_list(loc_l), *pos;
	int force;

	for (force = 0; force < 2; force++) {
		for (pos = pending->prev; pos != pending; pos = pos->prev) {
			struct bpf_lru_node *node = to_node(pos);

			if ((!node->ref || force) && lru->del_from_htab(lru->del_arg, node)) {
				list_del(&node->list);
				return node;
			}
		}
	}
	return NULL;
}

/*
 * Common LRU: this CPU's local free list, refilled from the shared lists
 * when empty; failing that, steal a free or pending node from the CPUs'
 * local lists round-robin.
 */
static struct bpf_lru_node *bpf_common_lru_pop_free(struct bpf_lru *lru, u32 hash)
{
	unsigned int cpu = smp_processor_id(), steal, first_steal;
	struct bpf_lru_locallist *loc_l = &lru->common_lru.local_list[cpu];
	struct bpf_lru_node *node = __local_list_pop_free(loc_l);

	if (!node) {
		bpf_lru_list_pop_free_to_local(lru, loc_l);
		node = __local_list_pop_free(loc_l);
	}
	if (!node) {
		first_steal = loc_l->next_steal;
		steal = first_steal;
		do {
			struct bpf_lru_locallist *steal_loc_l = &lru->common_lru.local_list[steal];

			node = __local_list_pop_free(steal_loc_l);
			if (!node)
				node = __local_list_pop_pending(lru, steal_loc_l);
			steal = (steal + 1) % num_possible_cpus();
		} while (!node && steal != first_steal);
		loc_l->next_steal = (u16)steal;
	}
	if (node)
		__local_list_add_pending(lru, loc_l, cpu, node, hash);
	return node;
}

/* Per-CPU LRU: rotate, evict up to PERCPU_FREE_TARGET if no node is free, take one. */
static struct bpf_lru_node *bpf_percpu_lru_pop_free(struct bpf_lru *lru, u32 hash)
{
	struct bpf_lru_list *l = &lru->percpu_lru[smp_processor_id()];
	struct list_head *free = &l->lists[BPF_LRU_LIST_T_FREE];
	struct bpf_lru_node *node;

	__bpf_lru_list_rotate(lru, l);
	if (list_empty(free))
		__bpf_lru_list_shrink(lru, l, PERCPU_FREE_TARGET, free, BPF_LRU_LIST_T_FREE);
	if (list_empty(free))
		return NULL;
	node = to_node(free->next);
	*(u32 *)((char *)node + lru->hash_offset) = hash;
	node->ref = 0;
	__bpf_lru_node_move(l, node, BPF_LRU_LIST_T_INACTIVE);
	return node;
}

struct bpf_lru_node *bpf_lru_pop_free(struct bpf_lru *lru, u32 hash)
{
	return lru->percpu ? bpf_percpu_lru_pop_free(lru, hash)
			   : bpf_common_lru_pop_free(lru, hash);
}

void bpf_lru_push_free(struct bpf_lru *lru, struct bpf_lru_node *node)
{
	if (node->type == BPF_LRU_LIST_T_FREE || node->type == BPF_LRU_LOCAL_LIST_T_FREE) {
		printk("bpf_lru: node %p freed twice\n", (void *)node);
		return;
	}
	if (lru->percpu) {
		__bpf_lru_node_move(&lru->percpu_lru[node->cpu], node, BPF_LRU_LIST_T_FREE);
	} else if (node->type == BPF_LRU_LOCAL_LIST_T_PENDING) {
		node->type = BPF_LRU_LOCAL_LIST_T_FREE;
		node->ref = 0;
		list_move(&node->list, local_free_list(&lru->common_lru.local_list[node->cpu]));
	} else {
		__bpf_lru_node_move(&lru->common_lru.lru_list, node, BPF_LRU_LIST_T_FREE);
	}
}

/* Common LRU: every node on the shared free list; target_free from the per-CPU share. */
static void bpf_common_lru_populate(struct bpf_lru *lru, char *buf, u32 node_offset, u32 elem_size,
				    u32 nr_elems)
{
	struct bpf_lru_list *l = &lru->common_lru.lru_list;
	u32 i, target = nr_elems / num_possible_cpus() / 2;

	for (i = 0; i < nr_elems; i++, buf += elem_size) {
		struct bpf_lru_node *node = (struct bpf_lru_node *)(buf + node_offset);

		node->type = BPF_LRU_LIST_T_FREE;
		node->ref = 0;
		list_add(&node->list, &l->lists[BPF_LRU_LIST_T_FREE]);
	}
	lru->target_free = target < 1 ? 1 : min(target, (u32)LOCAL_FREE_TARGET);
}

/* Per-CPU LRU: consecutive runs of nr_elems / CPUs nodes per CPU, the remainder to the last. */
static void bpf_percpu_lru_populate(struct bpf_lru *lru, char *buf, u32 node_offset, u32 elem_size,
				    u32 nr_elems)
{
	u32 i, pcpu_entries = nr_elems / num_possible_cpus();

	if (!pcpu_entries)
		pcpu_entries = 1;
	for (i = 0; i < nr_elems; i++, buf += elem_size) {
		struct bpf_lru_node *node = (struct bpf_lru_node *)(buf + node_offset);
		unsigned int cpu = min(i / pcpu_entries, num_possible_cpus() - 1);

		node->cpu = (u16)cpu;
		node->type = BPF_LRU_LIST_T_FREE;
		node->ref = 0;
		list_add(&node->list, &lru->percpu_lru[cpu].lists[BPF_LRU_LIST_T_FREE]);
	}
}

void bpf_lru_populate(struct bpf_lru *lru, void *buf, u32 node_offset, u32 elem_size, u32 nr_elems)
{
	if (lru->percpu)
		bpf_percpu_lru_populate(lru, buf, node_offset, elem_size, nr_elems);
	else
		bpf_common_lru_populate(lru, buf, node_offset, elem_size, nr_elems);
}

static void bpf_lru_list_init(struct bpf_lru_list *l)
{
	unsigned int i;

	for (i = 0; i < NR_BPF_LRU_LIST_T; i++)
		INIT_LIST_HEAD(&l->lists[i]);
	for (i = 0; i < NR_BPF_LRU_LIST_COUNT; i++)
		l->counts[i] = 0;
	l->next_inactive_rotation = &l->lists[BPF_LRU_LIST_T_INACTIVE];
}

int bpf_lru_init(struct bpf_lru *lru, bool percpu, u32 hash_offset,
		 del_from_htab_func del_from_htab, void *del_arg)
{
	unsigned int cpu, i;

	lru->percpu = percpu;
	if (percpu) {
		for_each_possible_cpu(cpu) bpf_lru_list_init(&lru->percpu_lru[cpu]);
		lru->nr_scans = PERCPU_NR_SCANS;
	} else {
		for_each_possible_cpu(cpu)
		{
			struct bpf_lru_locallist *loc_l = &lru->common_lru.local_list[cpu];

			for (i = 0; i < NR_BPF_LRU_LOCAL_LIST_T; i++)
				INIT_LIST_HEAD(&loc_l->lists[i]);
			loc_l->next_steal = (u16)cpu;
		}
		bpf_lru_list_init(&lru->common_lru.lru_list);
		lru->nr_scans = LOCAL_NR_SCANS;
	}
	lru->del_from_htab = del_from_htab;
	lru->del_arg = del_arg;
	lru->hash_offset = hash_offset;
	lru->target_free = LOCAL_FREE_TARGET;
	return 0;
}

void bpf_lru_destroy(struct bpf_lru *lru)
{
	/* the lists live in struct bpf_lru and the nodes in the caller's elements */
}
