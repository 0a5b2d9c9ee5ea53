// SPDX-License-Identifier: GPL-2.0
/*
 * Two programs: one the verifier accepts, one it rejects (a packet read with
 * no data_end check), and one in a section bpfkern refuses (kprobe).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_ok(struct xdp_md *ctx)
{
	return XDP_TX;
}

SEC("xdp")
int xdp_unchecked(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;

	return p[12] == 0x08 ? XDP_PASS : XDP_DROP;
}

SEC("kprobe/do_nothing")
int kprobe_prog(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
