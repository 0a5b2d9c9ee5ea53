// SPDX-License-Identifier: GPL-2.0
/*
 * Tail calls through a program array whose slots the object initialises
 * (__array(values, int(void *)) and .rel.maps): loading the whole object
 * fills slot 1 with xdp_target; loading xdp_entry alone leaves it empty.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int xdp_target(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} jumps SEC(".maps") = {
	.values = { [1] = (void *)&xdp_target },
};

SEC("xdp")
int xdp_target(struct xdp_md *ctx)
{
	return XDP_TX;
}

SEC("xdp")
int xdp_entry(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jumps, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
