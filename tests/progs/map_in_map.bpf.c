// SPDX-License-Identifier: GPL-2.0
/*
 * Maps of maps declared with __array(values, ...): the inner map's
 * template, and slot 0 initialised to inner_a through .rel.maps.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
};

struct inner inner_a SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a },
};

SEC("xdp")
int xdp_mim(struct xdp_md *ctx)
{
	__u32 zero = 0, *v;
	void *in = bpf_map_lookup_elem(&outer, &zero);

	if (!in)
		return XDP_ABORTED;
	v = bpf_map_lookup_elem(in, &zero);
	return v && *v ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
