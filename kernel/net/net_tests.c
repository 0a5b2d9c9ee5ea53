// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of the XDP receive path (test=net): netif_receive_xdp on
 * two driverless ports whose xmit records what it was given, so every
 * verdict's fate of the page can be checked without a NIC (tests/net does
 * it end to end with QEMU's virtio-net).
 */
#include <string.h>
#include <bpfkern/bpf.h>
#include <bpfkern/ktest.h>
#include <bpfkern/mm.h>
#include <bpfkern/net.h>

struct fake_nic {
	void *page;
	u8 frame[64];
	u32 len;
	unsigned int xmits, flushes;
	bool full;
};

static int fake_xmit(struct net_port *port, void *page, void *data, u32 len)
{
	struct fake_nic *nic = port->priv;

	if (nic->full)
		return -ENOSPC;
	nic->xmits++;
	nic->page = page;
	nic->len = len;
	memcpy(nic->frame, data, len < sizeof(nic->frame) ? len : sizeof(nic->frame));
	page_pool_put(page); /* "transmitted" at once */
	return 0;
}

static void fake_flush(struct net_port *port)
{
	((struct fake_nic *)port->priv)->flushes++;
}

static const struct net_port_ops fake_ops = { .xmit = fake_xmit, .flush = fake_flush };

static struct fake_nic nic_a, nic_b;
static struct net_port port_a, port_b;

/* Two bridged, unregistered ports with prog attached to port_a; a pool page. */
static void setup(struct ktest_ctx *t, const char *prog)
{
	memset(&nic_a, 0, sizeof(nic_a));
	memset(&nic_b, 0, sizeof(nic_b));
	port_a = (struct net_port){ .dev = { .ifindex = 101, .name = "testa" },
				    .ops = &fake_ops,
				    .priv = &nic_a,
				    .peer = &port_b };
	port_b = (struct net_port){ .dev = { .ifindex = 102, .name = "testb" },
				    .ops = &fake_ops,
				    .priv = &nic_b,
				    .peer = &port_a };
	port_a.rxq.dev = &port_a.dev;
	if (page_pool_free_count() == 0)
		KTEST_EXPECT(page_pool_grow(2) == 0);
	port_a.xdp_prog = prog ? net_builtin_prog(prog) : NULL;
	KTEST_EXPECT(!prog || port_a.xdp_prog);
}

static void teardown(void)
{
	bpf_prog_free(dev_xdp_attach(&port_a.dev, NULL));
}

/* Receive a len-byte frame (dst 02:..:02, src 02:..:01, payload byte first) on port_a. */
static void receive(u32 len, u8 first)
{
	u8 *page = page_pool_get();
	u8 *f = page + XDP_PACKET_HEADROOM;

	memset(f, 0, len);
	memcpy(f, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x88\xb5", len < ETH_HLEN ? len : ETH_HLEN);
	if (len > ETH_HLEN)
		f[ETH_HLEN] = first;
	netif_receive_xdp(&port_a, page, len);
	xdp_do_flush();
}

KTEST(net, pass_forwards_to_peer)
{
	unsigned int free = page_pool_free_count();

	setup(t, "pass");
	receive(60, 0);
	KTEST_EXPECT(nic_b.xmits == 1 && nic_b.len == 60 && nic_b.flushes == 1);
	KTEST_EXPECT(nic_a.xmits == 0);
	KTEST_EXPECT(port_a.stats.xdp[XDP_PASS] == 1 && port_b.stats.tx_packets == 1);
	KTEST_EXPECT(page_pool_free_count() >= free);
	teardown();
}

KTEST(net, drop_and_aborted_recycle)
{
	unsigned int free;

	setup(t, "drop");
	free = page_pool_free_count();
	receive(60, 0);
	KTEST_EXPECT(page_pool_free_count() == free);
	KTEST_EXPECT(!nic_a.xmits && !nic_b.xmits && port_a.stats.xdp[XDP_DROP] == 1);
	teardown();
	setup(t, "aborted");
	receive(60, 0);
	KTEST_EXPECT(page_pool_free_count() == free);
	KTEST_EXPECT(port_a.stats.xdp[XDP_ABORTED] == 1 && !nic_b.xmits);
	teardown();
}

KTEST(net, tx_reflects_with_swapped_macs)
{
	setup(t, "tx");
	receive(64, 0);
	KTEST_EXPECT(nic_a.xmits == 1 && nic_a.len == 64 && !nic_b.xmits);
	KTEST_EXPECT(!memcmp(nic_a.frame, "\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x88\xb5", ETH_HLEN));
	KTEST_EXPECT(port_a.stats.xdp[XDP_TX] == 1);
	teardown();
}

KTEST(net, bad_frames_and_actions_counted)
{
	unsigned int free;

	setup(t, "demux");
	free = page_pool_free_count();
	receive(ETH_HLEN - 1, 0); /* runt */
	receive(NET_MAX_FRAME_LEN + 1, 0); /* oversize */
	receive(60, 7); /* an action that does not exist: aborted */
	receive(60, XDP_REDIRECT); /* without bpf_redirect_map: no target */
	KTEST_EXPECT(port_a.stats.rx_packets == 4 && port_a.stats.rx_errors == 2);
	KTEST_EXPECT(port_a.stats.xdp[XDP_ABORTED] == 1 && port_a.stats.xdp[XDP_REDIRECT] == 1);
	KTEST_EXPECT(port_a.stats.redirect_errors == 1);
	KTEST_EXPECT(page_pool_free_count() == free && !nic_a.xmits && !nic_b.xmits);
	nic_b.full = true; /* a full transmit ring drops, the page comes back */
	receive(60, XDP_PASS);
	KTEST_EXPECT(port_b.stats.tx_dropped == 1 && page_pool_free_count() == free);
	teardown();
}

KTEST(net, attach_swaps_programs)
{
	struct bpf_prog *drop = net_builtin_prog("drop");

	setup(t, "pass");
	KTEST_ASSERT(drop);
	KTEST_EXPECT(!net_builtin_prog("no_such_prog") && !net_builtin_prog("redirect"));
	bpf_prog_free(dev_xdp_attach(&port_a.dev, drop));
	KTEST_EXPECT(port_a.xdp_prog == drop);
	receive(60, 0);
	KTEST_EXPECT(port_a.stats.xdp[XDP_DROP] == 1 && !nic_b.xmits);
	teardown();
	KTEST_EXPECT(port_a.xdp_prog == NULL);
}

KTEST(net, port_lookup)
{
	KTEST_EXPECT(net_port_get_by_index(0) == NULL);
	KTEST_EXPECT(net_port_get_by_index(net_nr_ports() + 1) == NULL);
	for (unsigned int i = 0; i < net_nr_ports(); i++)
		KTEST_EXPECT(net_port_get_by_index(net_port_at(i)->dev.ifindex) == net_port_at(i));
}
