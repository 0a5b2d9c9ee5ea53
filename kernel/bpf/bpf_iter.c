// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers that call back into the program (Linux: bpf_loop in
 * kernel/bpf/bpf_iter.c, bpf_for_each_map_elem in kernel/bpf/task_iter.c).
 * Each takes a callback, the value an lddw BPF_PSEUDO_FUNC produced, and
 * calls it through bpf_callback_call() (kernel/bpf/core.c), which works for
 * JIT'd and interpreted programs alike; the walk over a map's elements is
 * the map type's own map_for_each_callback.
 */
#include <bpfkern/bpf.h>

/*
 * bpf_loop(nr_loops, callback_fn, callback_ctx, flags): callback_fn(i,
 * callback_ctx) for i = 0, 1, ... nr_loops - 1, stopping after a call that
 * returns non-zero (Linux: 0 continue, 1 stop). Returns the number of calls
 * made, -EINVAL for non-zero flags, -E2BIG for more than BPF_MAX_LOOPS.
 */
u64 bpf_loop(u64 nr_loops, u64 callback_fn, u64 callback_ctx, u64 flags, u64 unused)
{
	u32 i, n = (u32)nr_loops; /* the verifier's ARG_ANYTHING: a u32 in Linux */

	(void)unused;
	if (flags)
		return (u64)(s64)-EINVAL;
	if (n > BPF_MAX_LOOPS)
		return (u64)(s64)-E2BIG;
	for (i = 0; i < n; i++)
		if (bpf_callback_call(callback_fn, i, callback_ctx, 0, 0, 0))
			return i + 1;
	return i;
}

/*
 * bpf_for_each_map_elem(map, callback_fn, callback_ctx, flags): the map
 * type walks its elements (map_for_each_callback). A type without a walk
 * is refused by the verifier; -EINVAL here should one get through.
 */
u64 bpf_for_each_map_elem(u64 map, u64 callback_fn, u64 callback_ctx, u64 flags, u64 unused)
{
	struct bpf_map *m = (struct bpf_map *)(uintptr_t)map;

	(void)unused;
	if (!m->ops->map_for_each_callback)
		return (u64)(s64)-EINVAL;
	return (u64)m->ops->map_for_each_callback(m, callback_fn, (void *)(uintptr_t)callback_ctx,
						  flags);
}
