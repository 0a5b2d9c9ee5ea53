// SPDX-License-Identifier: GPL-2.0
/*
 * The host build's net device for BPF_XDP links (kernel/net is kernel-only):
 * one port, ifindex 1 "lo", as Linux's loopback, whose XDP hook only holds
 * the pointer (nothing receives frames on the host).
 */
#include <bpfkern/net.h>

static struct net_port host_lo = { .dev = { .ifindex = 1, .name = "lo" } };

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
