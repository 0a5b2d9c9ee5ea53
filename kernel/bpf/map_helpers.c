// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the map family that are not a map type's own (Linux keeps
 * them in kernel/bpf/helpers.c and net/core/filter.c): push/pop/peek for
 * QUEUE and STACK, and bpf_redirect_map's lookup side for the devmaps.
 * The ring buffer's helpers are in ringbuf.c. kernel/bpf/helpers.c lists
 * all of them in bpf_func_protos[].
 */
#include <bpfkern/bpf_maps.h>

static struct bpf_map *helper_map(u64 r)
{
	return (struct bpf_map *)(uintptr_t)r;
}

/* long bpf_map_push_elem(map, value, flags): 0, -EINVAL, or -E2BIG when full. */
u64 bpf_map_push_elem(u64 map, u64 value, u64 flags, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_push_elem(m, (const void *)(uintptr_t)value, flags);
}

/* long bpf_map_pop_elem(map, value): 0, or -ENOENT (value zeroed) when empty. */
u64 bpf_map_pop_elem(u64 map, u64 value, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_pop_elem(m, (void *)(uintptr_t)value);
}

/* long bpf_map_peek_elem(map, value): as pop, without removing. */
u64 bpf_map_peek_elem(u64 map, u64 value, u64 r3, u64 r4, u64 r5)
{
	struct bpf_map *m = helper_map(map);

	return (u64)m->ops->map_peek_elem(m, (void *)(uintptr_t)value);
}

/* One CPU: one redirect state (Linux keeps one per CPU in bpf_net_context). */
static struct bpf_redirect_info redirect_info[NR_CPUS];

struct bpf_redirect_info *bpf_net_ctx_get_ri(void)
{
	return &redirect_info[smp_processor_id()];
}

/*
 * long bpf_redirect_map(map, key, flags), Linux's __bpf_xdp_redirect_map for
 * the devmaps: XDP_REDIRECT with the target in bpf_net_ctx_get_ri(), or,
 * when key holds no device, the action in flags' low two bits. Unknown
 * flags: XDP_ABORTED. BPF_F_BROADCAST redirects to the whole map.
 */
u64 bpf_redirect_map(u64 map, u64 key, u64 flags, u64 r4, u64 r5)
{
	const u64 action_mask = XDP_ABORTED | XDP_DROP | XDP_PASS | XDP_TX;
	const u64 flag_mask = BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS;
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();
	struct bpf_map *m = helper_map(map);

	if (unlikely(flags & ~(action_mask | flag_mask)))
		return XDP_ABORTED;
	if (m->map_type != BPF_MAP_TYPE_DEVMAP && m->map_type != BPF_MAP_TYPE_DEVMAP_HASH)
		return XDP_ABORTED; /* the verifier admits no other map here */
	ri->tgt_value = __dev_map_lookup_elem(m, (u32)key);
	if (unlikely(!ri->tgt_value) && !(flags & BPF_F_BROADCAST)) {
		ri->map_type = BPF_MAP_TYPE_UNSPEC;
		ri->map = NULL;
		return flags & action_mask;
	}
	ri->tgt_index = (u32)key;
	ri->map_type = m->map_type;
	ri->map = (flags & BPF_F_BROADCAST) ? m : NULL;
	ri->flags = (flags & BPF_F_BROADCAST) ? (u32)flags : 0;
	return XDP_REDIRECT;
}
