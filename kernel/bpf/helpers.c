// SPDX-License-Identifier: GPL-2.0
/*
 * The helper table and the basic helpers (Linux: kernel/bpf/helpers.c).
 *
 * A helper is called with the program's r1-r5 and returns r0. The table is
 * indexed by enum bpf_func_id: the interpreter calls bpf_helper_table[imm],
 * the JIT emits a direct call to the entry. Helpers of other subsystems
 * (XDP's, the socket filter's) are defined in their files and listed here.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/xdp.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/filter.h>

/* The map argument of a map helper is the struct bpf_map pointer the load path put in the lddw. */
static inline struct bpf_map *helper_map(u64 r)
{
	return (struct bpf_map *)(uintptr_t)r;
}

/* void *bpf_map_lookup_elem(map, key): the value's address or NULL. */
static u64 bpf_map_lookup_elem(u64 map, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)(uintptr_t)m->ops->map_lookup_elem(m, (const void *)(uintptr_t)key);
}

/* long bpf_map_update_elem(map, key, value, flags): 0 or a negative errno. */
static u64 bpf_map_update_elem(u64 map, u64 key, u64 value, u64 flags, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_update_elem(m, (const void *)(uintptr_t)key,
					    (const void *)(uintptr_t)value, flags);
}

/* long bpf_map_delete_elem(map, key): 0 or a negative errno. */
static u64 bpf_map_delete_elem(u64 map, u64 key, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_delete_elem(m, (const void *)(uintptr_t)key);
}

static u64 bpf_ktime_get_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

static u64 bpf_get_prandom_u32(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return get_random_u32();
}

/* One CPU runs BPF programs in this kernel (and in the host tools). */
static u64 bpf_get_smp_processor_id(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return 0;
}

/*
 * bpf_tail_call is not here: the load path turns the call into the
 * BPF_TAIL_CALL opcode, which the interpreter and the JIT implement.
 * The table is writable so that test tools can install their own helpers.
 */
bpf_helper_fn bpf_helper_table[__BPF_FUNC_MAX_ID] = {
	[BPF_FUNC_map_lookup_elem] = bpf_map_lookup_elem,
	[BPF_FUNC_map_update_elem] = bpf_map_update_elem,
	[BPF_FUNC_map_delete_elem] = bpf_map_delete_elem,
	[BPF_FUNC_ktime_get_ns] = bpf_ktime_get_ns,
	[BPF_FUNC_get_prandom_u32] = bpf_get_prandom_u32,
	[BPF_FUNC_get_smp_processor_id] = bpf_get_smp_processor_id,
	[BPF_FUNC_xdp_adjust_head] = bpf_xdp_adjust_head,
	[BPF_FUNC_xdp_adjust_meta] = bpf_xdp_adjust_meta,
	[BPF_FUNC_xdp_adjust_tail] = bpf_xdp_adjust_tail,
	/* the map family's (kernel/bpf/map_helpers.c, ringbuf.c) */
	[BPF_FUNC_map_push_elem] = bpf_map_push_elem,
	[BPF_FUNC_map_pop_elem] = bpf_map_pop_elem,
	[BPF_FUNC_map_peek_elem] = bpf_map_peek_elem,
	[BPF_FUNC_redirect_map] = bpf_redirect_map,
	[BPF_FUNC_ringbuf_output] = bpf_ringbuf_output,
	[BPF_FUNC_ringbuf_reserve] = bpf_ringbuf_reserve,
	[BPF_FUNC_ringbuf_submit] = bpf_ringbuf_submit,
	[BPF_FUNC_ringbuf_discard] = bpf_ringbuf_discard,
	[BPF_FUNC_ringbuf_query] = bpf_ringbuf_query,
	[BPF_FUNC_skb_load_bytes] = bpf_skb_load_bytes,
};
