// SPDX-License-Identifier: GPL-2.0
/*
 * Callbacks: bpf_loop with a static callback, whose address the loader
 * relocates (ld_imm64 with BPF_PSEUDO_FUNC), summing the first bytes of
 * the frame into a context on the stack. Linux verifies a callback only
 * with BTF func_info ("missing btf func_info"); the loader passes the
 * object's BTF and func_info, so Linux accepts it, and so does bpfkern.
 * The callback reads ctx fields through its argument (c->xdp->data): the
 * load path converts those reads from the verifier's per-insn record, as
 * Linux's convert_ctx_accesses does. Tiers 55 and 56 compare the results.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct loop_ctx {
	struct xdp_md *xdp;
	__u32 sum;
};

static int add_byte(__u32 i, void *arg)
{
	struct loop_ctx *c = arg;
	unsigned char *data = (void *)(long)c->xdp->data;
	unsigned char *end = (void *)(long)c->xdp->data_end;

	if (i >= 16 || data + i + 1 > end)
		return 1;
	c->sum += data[i];
	return 0;
}

SEC("xdp")
int xdp_loop(struct xdp_md *ctx)
{
	struct loop_ctx c = { .xdp = ctx };

	bpf_loop(16, add_byte, &c, 0);
	return c.sum & 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
