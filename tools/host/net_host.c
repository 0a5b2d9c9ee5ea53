// SPDX-License-Identifier: GPL-2.0
/*
 * The host build's net device for BPF_XDP links (kernel/net is kernel-only):
 * one port, ifindex 1 "lo", as Linux's loopback, whose XDP hook only holds
 * the pointer (nothing receives frames on the host).
 */
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/net.h>

static struct net_port host_lo = { .dev = { .ifindex = 1, .name = "lo" },
				   .rxq = { .dev = &host_lo.dev } };

struct net_port *net_port_get_by_index(u32 ifindex)
{
	return ifindex == host_lo.dev.ifindex ? &host_lo : NULL;
}

struct bpf_prog *dev_xdp_attach(struct net_device *dev, struct bpf_prog *prog)
{
	struct net_port *port = net_port_of(dev);
	struct bpf_prog *old = port->xdp_prog;

	port->xdp_prog = prog;
	return old;
}

/*
 * Live test frames on the stand-in port: each run gets a fresh copy of the
 * frame and its verdict is counted, but the host has no wire, so every
 * frame is then dropped (kernel/net/core.c carries verdicts out).
 */
int xdp_test_run_live(struct bpf_prog *prog, struct net_port *port, const u8 *data, u32 meta_len,
		      u32 len, u32 repeat, u32 batch_size, u64 *ns)
{
	u8 *page = kzalloc(PAGE_SIZE, GFP_KERNEL);
	u64 t0 = ktime_get_ns(), ret;
	struct xdp_buff xdp;

	if (!page)
		return -ENOMEM;
	for (u32 i = 0; i < repeat; i++) {
		memcpy(page + XDP_PACKET_HEADROOM - meta_len, data, meta_len + len);
		xdp_prepare_buff(&xdp, page, PAGE_SIZE, XDP_PACKET_HEADROOM, len, &port->rxq);
		xdp.data_meta = (u8 *)xdp.data - meta_len;
		ret = bpf_prog_run(prog, &xdp);
		port->stats.live[ret <= XDP_REDIRECT ? ret : XDP_ABORTED]++;
	}
	*ns = ktime_get_ns() - t0;
	kfree(page);
	return 0;
}
