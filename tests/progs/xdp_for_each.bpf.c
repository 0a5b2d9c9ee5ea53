// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_for_each_map_elem over an array and a hash: each frame adds its
 * length to counts[len % 8] and counts frames per len % 13 in seen (a
 * missing key inserted); then callbacks walk both maps, summing values and
 * counting elements, and a third walk stops the array early (its callback
 * returns 1 at key 2, the third element). The results land in global data (.bss),
 * which tier 55 reads back: the hash is walked in an order of its own, so
 * only order-free sums are taken from it. Linux verifies callbacks with
 * BTF func_info, which the loader passes.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map; /* only pointed to: the map a callback walks */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 8);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} seen SEC(".maps");

struct walk {
	__u64 sum;
	__u64 elems;
	__u64 keys; /* the sum of the keys visited */
};

__u64 array_sum, array_elems, hash_sum, hash_elems, hash_keys, early_visits, early_ret;

static long add_elem(struct bpf_map *map, __u32 *key, __u64 *val, struct walk *w)
{
	w->sum += *val;
	w->elems++;
	w->keys += *key;
	return 0;
}

static long stop_at_third(struct bpf_map *map, __u32 *key, __u64 *val, struct walk *w)
{
	w->elems++;
	return *key == 2; /* a count compared here would make the verifier walk every round */
}

SEC("xdp")
int xdp_for_each(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data, k = len % 8;
	struct walk a = {}, h = {}, e = {};
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&counts, &k);
	if (v)
		*v += len;
	k = len % 13;
	v = bpf_map_lookup_elem(&seen, &k);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&seen, &k, &one, BPF_NOEXIST);
	bpf_for_each_map_elem(&counts, add_elem, &a, 0);
	bpf_for_each_map_elem(&seen, add_elem, &h, 0);
	early_ret = bpf_for_each_map_elem(&counts, stop_at_third, &e, 0);
	array_sum = a.sum;
	array_elems = a.elems;
	hash_sum = h.sum;
	hash_elems = h.elems;
	hash_keys = h.keys;
	early_visits = e.elems;
	return a.sum & 1 ? XDP_DROP : XDP_PASS; /* no count here: the walks would not converge */
}

char LICENSE[] SEC("license") = "GPL";
