// SPDX-License-Identifier: GPL-2.0
/*
 * A BTF map definition with a field libbpf does not know: refused at open
 * ("unknown field"), accepted with bpf_object_open_opts.relaxed_maps.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
	__uint(colour, 3);
} odd SEC(".maps");

SEC("xdp")
int xdp_odd(struct xdp_md *ctx)
{
	__u32 zero = 0, *v = bpf_map_lookup_elem(&odd, &zero);

	return v ? XDP_PASS : XDP_ABORTED;
}

char LICENSE[] SEC("license") = "GPL";
