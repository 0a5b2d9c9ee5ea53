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

#ifndef HZ
#define HZ 100 /* the timer tick of include/bpfkern/arch.h */
#endif

/* No suspend exists here, so time since boot is the monotonic clock. */
static u64 bpf_ktime_get_boot_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

/* The coarse clock is the monotonic one: no cheaper clock source exists. */
static u64 bpf_ktime_get_coarse_ns(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns();
}

/* u64 bpf_jiffies64(void): ticks of HZ since boot. */
static u64 bpf_jiffies64(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return ktime_get_ns() / (1000000000ull / HZ);
}

/*
 * The 32-bit ones' complement sum of len bytes (whole 32-bit words, read in
 * memory order as x86's csum_partial does) added to sum, end-around carry.
 */
static u32 csum_words(const void *buf, u32 len, u32 sum)
{
	const u8 *p = buf;
	u64 acc = sum;
	u32 w;

	for (; len >= 4; len -= 4, p += 4) {
		__builtin_memcpy(&w, p, 4);
		acc += w;
	}
	while (acc >> 32)
		acc = (acc & 0xffffffffull) + (acc >> 32);
	return (u32)acc;
}

static u32 csum_add32(u32 a, u32 b)
{
	u32 r = a + b;

	return r + (r < b);
}

/*
 * s64 bpf_csum_diff(from, from_size, to, to_size, seed), as Linux 6.18: the
 * checksum difference of replacing from by to, added to seed (push data:
 * from_size 0; pull data: to_size 0). Sizes must be multiples of 4 (-EINVAL).
 */
static u64 bpf_csum_diff(u64 from, u64 from_size, u64 to, u64 to_size, u64 seed)
{
	const void *f = (const void *)(uintptr_t)from, *t = (const void *)(uintptr_t)to;
	u32 ret = (u32)seed;

	if (((u32)from_size | (u32)to_size) & 3)
		return (u64)(s64)-EINVAL;
	if (from_size && to_size)
		ret = csum_add32(csum_words(t, (u32)to_size, ret),
				 ~csum_words(f, (u32)from_size, 0));
	else if (to_size)
		ret = csum_words(t, (u32)to_size, ret);
	else if (from_size)
		ret = ~csum_words(f, (u32)from_size, ~ret);
	return ret;
}

/*
 * long bpf_redirect(ifindex, flags) for XDP (Linux's bpf_xdp_redirect):
 * XDP_REDIRECT to the device ifindex, left in bpf_net_ctx_get_ri(); any
 * flag is XDP_ABORTED.
 */
static u64 bpf_xdp_redirect(u64 ifindex, u64 flags, u64 r3, u64 r4, u64 r5)
{
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();

	if (unlikely(flags))
		return XDP_ABORTED;
	ri->tgt_index = (u32)ifindex;
	ri->tgt_value = NULL;
	ri->map = NULL;
	ri->map_type = BPF_MAP_TYPE_UNSPEC;
	ri->flags = 0;
	return XDP_REDIRECT;
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
	[BPF_FUNC_ktime_get_boot_ns] = bpf_ktime_get_boot_ns,
	[BPF_FUNC_ktime_get_coarse_ns] = bpf_ktime_get_coarse_ns,
	[BPF_FUNC_jiffies64] = bpf_jiffies64,
	[BPF_FUNC_csum_diff] = bpf_csum_diff,
	[BPF_FUNC_redirect] = bpf_xdp_redirect,
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
