// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the map family that are not a map type's own (Linux keeps
 * them in kernel/bpf/helpers.c and net/core/filter.c): push/pop/peek for
 * QUEUE and STACK, bpf_redirect_map's lookup side for the devmaps, and
 * bpf_spin_lock/bpf_spin_unlock with the value copies that respect the lock
 * (BPF_F_LOCK). The ring buffer's helpers are in ringbuf.c. kernel/bpf/helpers.c lists
 * all of them in bpf_func_protos[].
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/helpers.h>

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

/*
 * Spin locks in map values. struct bpf_spin_lock is one u32: 0 free, 1
 * held. Taking it swaps in 1 until the old value was 0, spinning on plain
 * reads meanwhile (test-and-test-and-set), with acquire order; releasing
 * stores 0 with release order. Interrupts stay off on this CPU while a lock
 * is held, so an XDP program in an interrupt never spins on a lock its own
 * CPU holds (Linux's __bpf_spin_lock_irqsave); the interrupt state before
 * the lock waits in bpf_spin_irqsave_flags, one per CPU, as a program holds
 * at most one lock.
 */
static unsigned long bpf_spin_irqsave_flags[NR_CPUS];

static void __bpf_spin_lock(u32 *lock)
{
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(lock, __ATOMIC_RELAXED))
			;
}

static void __bpf_spin_unlock(u32 *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static void __bpf_spin_lock_irqsave(u32 *lock)
{
	unsigned long flags = arch_local_irq_save();

	__bpf_spin_lock(lock);
	bpf_spin_irqsave_flags[smp_processor_id()] = flags;
}

static void __bpf_spin_unlock_irqrestore(u32 *lock)
{
	unsigned long flags = bpf_spin_irqsave_flags[smp_processor_id()];

	__bpf_spin_unlock(lock);
	arch_local_irq_restore(flags);
}

u64 bpf_spin_lock(u64 lock, u64 r2, u64 r3, u64 r4, u64 r5)
{
	__bpf_spin_lock_irqsave((u32 *)(uintptr_t)lock);
	return 0;
}

u64 bpf_spin_unlock(u64 lock, u64 r2, u64 r3, u64 r4, u64 r5)
{
	__bpf_spin_unlock_irqrestore((u32 *)(uintptr_t)lock);
	return 0;
}

void copy_map_value(const struct bpf_map *map, void *dst, const void *src)
{
	u32 off = (u32)map->spin_lock_off, end = off + sizeof(u32);

	if (map->spin_lock_off < 0) {
		__builtin_memcpy(dst, src, map->value_size);
		return;
	}
	__builtin_memcpy(dst, src, off);
	__builtin_memcpy((u8 *)dst + end, (const u8 *)src + end, map->value_size - end);
}

void copy_map_value_locked(const struct bpf_map *map, void *dst, const void *src, bool lock_src)
{
	u8 *value = lock_src ? (u8 *)(uintptr_t)src : dst;
	u32 *lock = (u32 *)(value + map->spin_lock_off);

	__bpf_spin_lock_irqsave(lock);
	copy_map_value(map, dst, src);
	__bpf_spin_unlock_irqrestore(lock);
}

void check_and_init_map_value(const struct bpf_map *map, void *dst)
{
	if (map->spin_lock_off >= 0)
		__builtin_memset((u8 *)dst + map->spin_lock_off, 0, sizeof(u32));
}
