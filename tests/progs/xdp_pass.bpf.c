// SPDX-License-Identifier: GPL-2.0
/* The smallest object: one XDP program, no maps, no relocations. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";

/* SEC("?xdp"): libbpf's optional program, loaded only when autoload is set. */
SEC("?xdp")
int xdp_optional(struct xdp_md *ctx)
{
	return XDP_DROP;
}
