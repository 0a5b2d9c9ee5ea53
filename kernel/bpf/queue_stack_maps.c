// SPDX-License-Identifier: GPL-2.0
/*
 * QUEUE and STACK maps (Linux: kernel/bpf/queue_stack_maps.c): a bounded
 * FIFO or LIFO of values without keys (key_size 0). Both are one circular
 * array of max_entries + 1 slots (one slot stays empty so that head == tail
 * means empty): push writes at head; a queue pops at tail (oldest), a stack
 * at head - 1 (newest). Pushing onto a full map fails with -E2BIG unless
 * flags is BPF_EXIST, which drops the oldest element to make room.
 * Programs use bpf_map_push/pop/peek_elem; the syscall maps UPDATE_ELEM to
 * push, LOOKUP_ELEM to peek and LOOKUP_AND_DELETE_ELEM to pop.
 */
#include <bpfkern/bpf_maps.h>

#define QUEUE_STACK_CREATE_FLAG_MASK (BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK)
/* Linux's KMALLOC_MAX_SIZE on x86-64: the largest value a queue accepts. */
#define QUEUE_STACK_VALUE_SIZE_MAX (1u << 22)

struct bpf_queue_stack {
	struct bpf_map map;
	u32 head, tail;
	u32 size; /* max_entries + 1 */
	char elements[] __aligned(8);
};

static struct bpf_queue_stack *to_qs(const struct bpf_map *map)
{
	return container_of(map, struct bpf_queue_stack, map);
}

static bool qs_is_empty(const struct bpf_queue_stack *qs)
{
	return qs->head == qs->tail;
}

static bool qs_is_full(const struct bpf_queue_stack *qs)
{
	u32 next = qs->head + 1 == qs->size ? 0 : qs->head + 1;

	return next == qs->tail;
}

static void *qs_slot(struct bpf_queue_stack *qs, u32 index)
{
	return qs->elements + (u64)index * qs->map.value_size;
}

/* Linux's queue_stack_map_alloc_check: -EINVAL for bad attributes, -E2BIG for huge values. */
static int queue_stack_map_alloc_check(const union bpf_attr *attr)
{
	if (attr->max_entries == 0 || attr->key_size != 0 || attr->value_size == 0 ||
	    attr->map_flags & ~QUEUE_STACK_CREATE_FLAG_MASK ||
	    !bpf_map_flags_access_ok(attr->map_flags))
		return -EINVAL;
	if (attr->value_size > QUEUE_STACK_VALUE_SIZE_MAX)
		return -E2BIG;
	return 0;
}

static struct bpf_map *queue_stack_map_alloc(const union bpf_attr *attr)
{
	u64 size = (u64)attr->max_entries + 1;
	struct bpf_queue_stack *qs;
	int err = queue_stack_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	if (size * attr->value_size > (1ull << 32))
		return ERR_PTR(-ENOMEM); /* what Linux's failing allocation answers */
	qs = kvzalloc(sizeof(*qs) + size * attr->value_size, GFP_KERNEL);
	if (!qs)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&qs->map, attr);
	qs->size = (u32)size;
	qs->map.ops = attr->map_type == BPF_MAP_TYPE_STACK ? &stack_map_ops : &queue_map_ops;
	return &qs->map;
}

static void queue_stack_map_free(struct bpf_map *map)
{
	kvfree(to_qs(map));
}

/* Copies the queue's oldest value to value; removes it when delete. -ENOENT when empty. */
static long __queue_map_get(struct bpf_map *map, void *value, bool delete)
{
	struct bpf_queue_stack *qs = to_qs(map);

	if (qs_is_empty(qs)) {
		__builtin_memset(value, 0, map->value_size);
		return -ENOENT;
	}
	__builtin_memcpy(value, qs_slot(qs, qs->tail), map->value_size);
	if (delete &&++qs->tail >= qs->size)
		qs->tail = 0;
	return 0;
}

/* Copies the stack's newest value to value; removes it when delete. -ENOENT when empty. */
static long __stack_map_get(struct bpf_map *map, void *value, bool delete)
{
	struct bpf_queue_stack *qs = to_qs(map);
	u32 index;

	if (qs_is_empty(qs)) {
		__builtin_memset(value, 0, map->value_size);
		return -ENOENT;
	}
	index = qs->head == 0 ? qs->size - 1 : qs->head - 1;
	__builtin_memcpy(value, qs_slot(qs, index), map->value_size);
	if (delete)
		qs->head = index;
	return 0;
}

static long queue_map_peek_elem(struct bpf_map *map, void *value)
{
	return __queue_map_get(map, value, false);
}

static long queue_map_pop_elem(struct bpf_map *map, void *value)
{
	return __queue_map_get(map, value, true);
}

static long stack_map_peek_elem(struct bpf_map *map, void *value)
{
	return __stack_map_get(map, value, false);
}

static long stack_map_pop_elem(struct bpf_map *map, void *value)
{
	return __stack_map_get(map, value, true);
}

/*
 * Linux's queue_stack_map_push_elem, shared by both: flags BPF_ANY or
 * BPF_EXIST (-EINVAL otherwise); a full map gives -E2BIG, or with BPF_EXIST
 * loses its oldest element.
 */
static long queue_stack_map_push_elem(struct bpf_map *map, const void *value, u64 flags)
{
	struct bpf_queue_stack *qs = to_qs(map);

	if (flags & BPF_NOEXIST || flags > BPF_EXIST)
		return -EINVAL;
	if (qs_is_full(qs)) {
		if (!(flags & BPF_EXIST))
			return -E2BIG;
		if (++qs->tail >= qs->size)
			qs->tail = 0;
	}
	__builtin_memcpy(qs_slot(qs, qs->head), value, map->value_size);
	if (++qs->head >= qs->size)
		qs->head = 0;
	return 0;
}

/* Keyed access does not exist for these maps: lookups find nothing, the rest is -EINVAL. */
static void *queue_stack_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return NULL;
}

static long queue_stack_map_update_elem(struct bpf_map *map, const void *key, const void *value,
					u64 flags)
{
	return -EINVAL;
}

static long queue_stack_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -EINVAL;
}

static int queue_stack_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	return -EINVAL;
}

static u64 queue_stack_map_mem_usage(const struct bpf_map *map)
{
	return sizeof(struct bpf_queue_stack) + (u64)to_qs(map)->size * map->value_size;
}

const struct bpf_map_ops queue_map_ops = {
	.map_alloc_check = queue_stack_map_alloc_check,
	.map_alloc = queue_stack_map_alloc,
	.map_free = queue_stack_map_free,
	.map_lookup_elem = queue_stack_map_lookup_elem,
	.map_update_elem = queue_stack_map_update_elem,
	.map_delete_elem = queue_stack_map_delete_elem,
	.map_get_next_key = queue_stack_map_get_next_key,
	.map_push_elem = queue_stack_map_push_elem,
	.map_pop_elem = queue_map_pop_elem,
	.map_peek_elem = queue_map_peek_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = queue_stack_map_mem_usage,
};

const struct bpf_map_ops stack_map_ops = {
	.map_alloc_check = queue_stack_map_alloc_check,
	.map_alloc = queue_stack_map_alloc,
	.map_free = queue_stack_map_free,
	.map_lookup_elem = queue_stack_map_lookup_elem,
	.map_update_elem = queue_stack_map_update_elem,
	.map_delete_elem = queue_stack_map_delete_elem,
	.map_get_next_key = queue_stack_map_get_next_key,
	.map_push_elem = queue_stack_map_push_elem,
	.map_pop_elem = stack_map_pop_elem,
	.map_peek_elem = stack_map_peek_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = queue_stack_map_mem_usage,
};
