// SPDX-License-Identifier: GPL-2.0
/*
 * Array maps (Linux: kernel/bpf/arraymap.c): BPF_MAP_TYPE_ARRAY, whose
 * elements are preallocated values indexed by a u32 key, and
 * BPF_MAP_TYPE_PROG_ARRAY, whose elements are program pointers that tail
 * calls jump to. Elements live inline after struct bpf_array, each rounded
 * up to 8 bytes; index_mask (the next power of two minus one) bounds every
 * index, and that many elements are allocated, as Linux does against
 * speculative out-of-bounds reads.
 *
 * A BPF_F_MMAPABLE array starts its values on a page boundary, as Linux
 * does, so that user space can mmap(2) them (kernel/mmap.c): the header
 * sits at the end of the page in front, whose first word keeps the address
 * the allocator returned.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/filter.h>
#include <bpfkern/mm.h>
#include <bpfkern/unaligned.h>

#define ARRAY_CREATE_FLAG_MASK                                                                \
	(BPF_F_NUMA_NODE | BPF_F_MMAPABLE | BPF_F_RDONLY | BPF_F_WRONLY | BPF_F_RDONLY_PROG | \
	 BPF_F_WRONLY_PROG | BPF_F_INNER_MAP)
/* Largest value Linux's arrays accept (KMALLOC_MAX_SIZE on x86-64). */
#define ARRAY_VALUE_SIZE_MAX (1u << 22)

static inline struct bpf_array *to_array(const struct bpf_map *map)
{
	return container_of(map, struct bpf_array, map);
}

/* Linux's array_map_alloc_check: the attribute checks, before anything is allocated. */
int array_map_alloc_check(const union bpf_attr *attr)
{
	if (attr->max_entries == 0 || attr->key_size != 4 || attr->value_size == 0 ||
	    attr->map_flags & ~ARRAY_CREATE_FLAG_MASK)
		return -EINVAL;
	/* only plain arrays are mmap-able or inner-map templates */
	if (attr->map_type != BPF_MAP_TYPE_ARRAY &&
	    attr->map_flags & (BPF_F_MMAPABLE | BPF_F_INNER_MAP))
		return -EINVAL;
	if (attr->value_size > ARRAY_VALUE_SIZE_MAX)
		return -E2BIG;
	return 0;
}

/* The mask that bounds an index below max_entries rounded up to a power of two. */
static u32 array_index_mask(u32 max_entries)
{
	u64 mask = 1;

	while (mask < max_entries)
		mask <<= 1;
	return (u32)(mask - 1);
}

/*
 * The values of a BPF_F_MMAPABLE array on a page boundary: allocates a page
 * for the header, the values rounded up to pages, and a page of slack (a
 * host allocation may not be page-aligned). NULL on exhaustion.
 */
static struct bpf_array *array_alloc_mmapable(u64 values_size)
{
	void *base = kvzalloc(PAGE_SIZE + ALIGN(values_size, PAGE_SIZE) + PAGE_SIZE, GFP_KERNEL);
	uintptr_t page;

	if (!base)
		return NULL;
	page = ALIGN((uintptr_t)base, PAGE_SIZE);
	*(void **)page = base;
	return (struct bpf_array *)(page + PAGE_SIZE - offsetof(struct bpf_array, value));
}

static void array_free_mem(struct bpf_array *array)
{
	if (array->map.map_flags & BPF_F_MMAPABLE)
		kvfree(*(void **)((uintptr_t)array & ~(uintptr_t)(PAGE_SIZE - 1)));
	else
		kvfree(array);
}

static struct bpf_map *array_alloc(const union bpf_attr *attr, const struct bpf_map_ops *ops)
{
	u32 elem_size = ALIGN(attr->value_size, 8);
	u32 index_mask = array_index_mask(attr->max_entries);
	u64 values_size = (u64)elem_size * ((u64)index_mask + 1);
	u64 size = sizeof(struct bpf_array) + values_size;
	struct bpf_array *array;

	BUILD_BUG_ON(offsetof(struct bpf_array, value) > PAGE_SIZE - sizeof(void *));
	if (size > (1ull << 32))
		return ERR_PTR(-E2BIG);
	if (attr->map_flags & BPF_F_MMAPABLE)
		array = array_alloc_mmapable(values_size);
	else
		array = kvzalloc(size, GFP_KERNEL);
	if (!array)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&array->map, attr);
	array->map.ops = ops;
	array->elem_size = elem_size;
	array->index_mask = index_mask;
	return &array->map;
}

static struct bpf_map *array_map_alloc(const union bpf_attr *attr)
{
	int err = array_map_alloc_check(attr);

	return err ? ERR_PTR(err) : array_alloc(attr, &array_map_ops);
}

static void array_map_free(struct bpf_map *map)
{
	array_free_mem(to_array(map));
}

static void *array_map_lookup_elem(struct bpf_map *map, const void *key)
{
	struct bpf_array *array = to_array(map);
	u32 index = get_unaligned_u32(key);

	if (unlikely(index >= map->max_entries))
		return NULL;
	return array->value + (u64)array->elem_size * (index & array->index_mask);
}

static long array_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				  u64 flags)
{
	u32 index = get_unaligned_u32(key);
	void *dst;

	if (unlikely((flags & ~BPF_F_LOCK) > BPF_EXIST))
		return -EINVAL;
	if (unlikely(index >= map->max_entries))
		return -E2BIG;
	if (unlikely(flags & BPF_NOEXIST))
		return -EEXIST; /* every element always exists */
	if (unlikely((flags & BPF_F_LOCK) && map->spin_lock_off < 0))
		return -EINVAL;
	dst = array_map_lookup_elem(map, key);
	if (flags & BPF_F_LOCK)
		copy_map_value_locked(map, dst, value, false);
	else
		copy_map_value(map, dst, value); /* the value's lock word stays */
	return 0;
}

static long array_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -EINVAL;
}

/* Linux's array_map_get_next_key: the index after key; a missing or bad key starts at 0. */
int array_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	u32 index = key ? get_unaligned_u32(key) : (u32)-1;

	if (index >= map->max_entries) {
		put_unaligned_u32(0, next_key);
		return 0;
	}
	if (index == map->max_entries - 1)
		return -ENOENT;
	put_unaligned_u32(index + 1, next_key);
	return 0;
}

/* BPF_PSEUDO_MAP_VALUE: the address of byte off of element 0 of a one-element array. */
static int array_map_direct_value_addr(const struct bpf_map *map, u64 *imm, u32 off)
{
	if (map->max_entries != 1)
		return -ENOTSUPP;
	if (off >= map->value_size)
		return -EPERM;
	*imm = (u64)(uintptr_t)to_array(map)->value + off;
	return 0;
}

/*
 * Linux's array_map_meta_equal: an ARRAY may stand in for a map-of-maps
 * template of the same shape; max_entries must match too (the JIT inlines
 * the bounds check) unless the template has BPF_F_INNER_MAP.
 */
static bool array_map_meta_equal(const struct bpf_map *meta0, const struct bpf_map *meta1)
{
	if (!bpf_map_meta_equal(meta0, meta1))
		return false;
	return meta0->map_flags & BPF_F_INNER_MAP ? true : meta0->max_entries == meta1->max_entries;
}

/*
 * Linux's array_map_mmap: only a BPF_F_MMAPABLE array, and only pages that
 * hold values (max_entries * elem_size rounded up to a page); writable
 * mappings are the generic code's business (frozen, BPF_F_RDONLY_PROG).
 */
static int array_map_mmap(struct bpf_map *map, u64 pgoff, u64 nr_pages, bool write)
{
	u64 size = ALIGN((u64)map->max_entries * to_array(map)->elem_size, PAGE_SIZE);

	if (!(map->map_flags & BPF_F_MMAPABLE))
		return -EINVAL;
	if (pgoff > size / PAGE_SIZE || nr_pages > size / PAGE_SIZE - pgoff)
		return -EINVAL;
	return 0;
}

static void *array_map_mmap_page(struct bpf_map *map, u64 pgoff)
{
	return to_array(map)->value + pgoff * PAGE_SIZE;
}

/*
 * Linux's array_map_gen_lookup: map_lookup_elem(r1 = map, r2 = &index) as
 * straight-line code. r0 = index; past max_entries r0 = 0, else the index
 * is masked with index_mask (no speculative read beyond the allocation) and
 * scaled to its value's address. Not for a template of maps of maps
 * (BPF_F_INNER_MAP: the inner arrays may differ in size).
 */
static int array_map_gen_lookup(struct bpf_map *map, struct bpf_insn *insn_buf)
{
	struct bpf_array *array = to_array(map);
	struct bpf_insn *insn = insn_buf;
	u32 elem_size = array->elem_size;

	if (map->map_flags & BPF_F_INNER_MAP)
		return -EOPNOTSUPP;
	*insn++ = BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, offsetof(struct bpf_array, value));
	*insn++ = BPF_LDX_MEM(BPF_W, BPF_REG_0, BPF_REG_2, 0);
	*insn++ = BPF_JMP_IMM(BPF_JGE, BPF_REG_0, (s32)map->max_entries, 4);
	*insn++ = BPF_ALU32_IMM(BPF_AND, BPF_REG_0, (s32)array->index_mask);
	if (!(elem_size & (elem_size - 1)))
		*insn++ = BPF_ALU64_IMM(BPF_LSH, BPF_REG_0, __builtin_ctz(elem_size));
	else
		*insn++ = BPF_ALU64_IMM(BPF_MUL, BPF_REG_0, (s32)elem_size);
	*insn++ = BPF_ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_1);
	*insn++ = BPF_JMP_A(1);
	*insn++ = BPF_MOV64_IMM(BPF_REG_0, 0);
	return (int)(insn - insn_buf);
}

/*
 * bpf_for_each_map_elem over ARRAY and PERCPU_ARRAY (Linux's
 * bpf_for_each_array_elem): every index in order, with the value the
 * program's lookup gives (this CPU's copy for PERCPU_ARRAY). Returns the
 * number of callback calls, or -EINVAL for flags.
 */
long array_map_for_each_callback(struct bpf_map *map, bpf_callback_t callback_fn,
				 void *callback_ctx, u64 flags)
{
	u32 i, key;

	if (flags)
		return -EINVAL;
	for (i = 0; i < map->max_entries; i++) {
		void *value;

		key = i;
		value = map->ops->map_lookup_elem(map, &key);
		if (bpf_callback_call(callback_fn, (u64)(uintptr_t)map, (u64)(uintptr_t)&key,
				      (u64)(uintptr_t)value, (u64)(uintptr_t)callback_ctx, 0))
			return i + 1;
	}
	return i;
}

const struct bpf_map_ops array_map_ops = {
	.map_meta_equal = array_map_meta_equal,
	.map_alloc = array_map_alloc,
	.map_free = array_map_free,
	.map_get_next_key = array_map_get_next_key,
	.map_lookup_elem = array_map_lookup_elem,
	.map_update_elem = array_map_update_elem,
	.map_delete_elem = array_map_delete_elem,
	.map_direct_value_addr = array_map_direct_value_addr,
	.map_mmap = array_map_mmap,
	.map_mmap_page = array_map_mmap_page,
	.map_gen_lookup = array_map_gen_lookup,
	.map_for_each_callback = array_map_for_each_callback,
};

/* Linux's fd_array_map_alloc_check: values are 4-byte program fds. */
static struct bpf_map *prog_array_map_alloc(const union bpf_attr *attr)
{
	int err;

	if (attr->value_size != sizeof(u32))
		return ERR_PTR(-EINVAL);
	err = array_map_alloc_check(attr);
	if (err)
		return ERR_PTR(err);
	/* one pointer per slot: elem_size is 8 either way */
	return array_alloc(attr, &prog_array_map_ops);
}

/* Programs cannot read a program array; tail calls read it directly. */
static void *prog_array_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return NULL;
}

/* Updates through the map ops would carry fds: the syscall layer uses bpf_prog_array_set(). */
static long prog_array_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				       u64 flags)
{
	return -EOPNOTSUPP;
}

static long prog_array_map_delete_elem(struct bpf_map *map, const void *key)
{
	u32 index = get_unaligned_u32(key);

	if (index >= map->max_entries)
		return -E2BIG;
	if (!to_array(map)->ptrs[index])
		return -ENOENT;
	WRITE_ONCE(to_array(map)->ptrs[index], NULL);
	return 0;
}

const struct bpf_map_ops prog_array_map_ops = {
	.map_alloc = prog_array_map_alloc,
	.map_free = array_map_free,
	.map_get_next_key = array_map_get_next_key,
	.map_lookup_elem = prog_array_map_lookup_elem,
	.map_update_elem = prog_array_map_update_elem,
	.map_delete_elem = prog_array_map_delete_elem,
};

int bpf_prog_array_set(struct bpf_map *map, u32 index, struct bpf_prog *prog)
{
	if (map->map_type != BPF_MAP_TYPE_PROG_ARRAY)
		return -EINVAL;
	if (index >= map->max_entries)
		return -E2BIG;
	WRITE_ONCE(to_array(map)->ptrs[index], prog);
	return 0;
}
