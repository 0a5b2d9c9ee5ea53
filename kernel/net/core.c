// SPDX-License-Identifier: GPL-2.0
/*
 * The packet path (include/bpfkern/net.h): ports, the page pool, and the
 * XDP receive path. A driver hands each received frame to
 * netif_receive_xdp(); the frame becomes a struct xdp_buff over its page,
 * the port's program runs (JIT'd when the JIT is on), and the verdict is
 * carried out at once: DROP and ABORTED recycle the page, TX queues it on
 * the same port, PASS on the bridge peer, REDIRECT on the port that
 * bpf_redirect_map chose. Transmit queues are kicked once per poll by
 * xdp_do_flush(). Nothing here allocates per frame. docs/net.md.
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/arch.h>
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/net.h>
#include <bpfkern/page_alloc.h>

#define PAGE_POOL_MAX 2048
#define ABORTED_LOG_INTERVAL_NS 1000000000ULL

static struct net_port *ports[NET_MAX_PORTS];
static unsigned int nr_ports;

/* Ports with frames queued since the last xdp_do_flush (Linux: the per-CPU flush list). */
static struct net_port *flush_list;

static void *pool_pages[PAGE_POOL_MAX];
static unsigned int pool_free; /* pool_pages[0 .. pool_free) are free */
static unsigned int pool_total;

int page_pool_grow(unsigned int nr)
{
	if (nr > PAGE_POOL_MAX - pool_total)
		return -ENOSPC;
	for (unsigned int i = 0; i < nr; i++) {
		void *page = alloc_pages(0);

		if (!page)
			return -ENOMEM;
		pool_total++;
		page_pool_put(page);
	}
	return 0;
}

void *page_pool_get(void)
{
	return pool_free ? pool_pages[--pool_free] : NULL;
}

void page_pool_put(void *page)
{
	if (pool_free == pool_total) /* more pages back than handed out */
		panic("page_pool: put of %p into a full pool", page);
	pool_pages[pool_free++] = page;
}

unsigned int page_pool_free_count(void)
{
	return pool_free;
}

unsigned int page_pool_size(void)
{
	return pool_total;
}

int net_port_register(struct net_port *port)
{
	int err;

	if (nr_ports == NET_MAX_PORTS)
		return -ENOSPC;
	port->dev.ifindex = nr_ports + 1;
	snprintf(port->dev.name, sizeof(port->dev.name), "eth%u", nr_ports);
	port->rxq.dev = &port->dev;
	err = register_netdev(&port->dev);
	if (err)
		return err;
	ports[nr_ports++] = port;
	return 0;
}

struct net_port *net_port_at(unsigned int i)
{
	return i < nr_ports ? ports[i] : NULL;
}

unsigned int net_nr_ports(void)
{
	return nr_ports;
}

struct net_port *net_port_get_by_index(u32 ifindex)
{
	for (unsigned int i = 0; i < nr_ports; i++)
		if (ports[i]->dev.ifindex == ifindex)
			return ports[i];
	return NULL;
}

struct bpf_prog *dev_xdp_attach(struct net_device *dev, struct bpf_prog *prog)
{
	struct net_port *port = net_port_of(dev);
	struct bpf_prog *old = port->xdp_prog;

	WRITE_ONCE(port->xdp_prog, prog);
	return old;
}

/* The port behind dev if dev is one of ours (a devmap may hold any net_device). */
static struct net_port *port_of_dev(struct net_device *dev)
{
	for (unsigned int i = 0; dev && i < nr_ports; i++)
		if (&ports[i]->dev == dev)
			return ports[i];
	return NULL;
}

/* Queue the frame out of port; the page is recycled when that fails. */
static void xdp_xmit(struct net_port *port, void *page, struct xdp_buff *xdp)
{
	u32 len = (u32)((u8 *)xdp->data_end - (u8 *)xdp->data);

	if (port->ops->xmit(port, page, xdp->data, len)) {
		port->stats.tx_dropped++;
		page_pool_put(page);
		return;
	}
	port->stats.tx_packets++;
	if (!port->flush_pending) {
		port->flush_pending = true;
		port->flush_next = flush_list;
		flush_list = port;
	}
}

/* Where XDP_REDIRECT sends the frame: the devmap entry or ifindex the helper left. */
static struct net_port *xdp_redirect_target(void)
{
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();
	struct net_device *dev = ri->tgt_value;

	if (ri->map_type != BPF_MAP_TYPE_DEVMAP && ri->map_type != BPF_MAP_TYPE_DEVMAP_HASH)
		dev = dev_get_by_index(ri->tgt_index);
	memset(ri, 0, sizeof(*ri));
	return port_of_dev(dev);
}

/* XDP_ABORTED or an unknown action ret: a program error, logged at most once a second. */
static void xdp_aborted(struct net_port *port, u64 ret)
{
	static u64 last_log_ns;
	u64 now = ktime_get_ns();

	if (!last_log_ns || now - last_log_ns >= ABORTED_LOG_INTERVAL_NS) {
		last_log_ns = now;
		printk("%s: XDP program aborted (returned %lu), %lu so far\n", port->dev.name,
		       (unsigned long)ret, (unsigned long)port->stats.xdp[XDP_ABORTED]);
	}
}

/* Runt or oversize: dropped before any program sees it. */
static bool frame_len_bad(u32 len)
{
	return len < ETH_HLEN || len > NET_MAX_FRAME_LEN;
}

/* Run the port's program, counting the run and its time while BPF_ENABLE_STATS holds. */
static u64 xdp_run_prog(struct bpf_prog *prog, struct xdp_buff *xdp)
{
	u64 t0, ret;

	if (!bpf_prog_stats_enabled())
		return bpf_prog_run(prog, xdp);
	t0 = ktime_get_ns();
	ret = bpf_prog_run(prog, xdp);
	bpf_prog_stats_add(prog, 1, ktime_get_ns() - t0);
	return ret;
}

/*
 * Carry out verdict ret of a program that ran on frame xdp (in page),
 * received on port; counts[] (the port's receive or live-run counters)
 * gets the action. The page is transmitted, forwarded or recycled.
 */
static void xdp_do_verdict(struct net_port *port, void *page, struct xdp_buff *xdp, u64 ret,
			   u64 *counts)
{
	struct net_port *out;
	/* An unknown action counts as aborted (Linux: bpf_warn_invalid_xdp_action). */
	u32 act = ret <= XDP_REDIRECT ? (u32)ret : XDP_ABORTED;

	counts[act]++;
	switch (act) {
	case XDP_TX:
		xdp_xmit(port, page, xdp);
		return;
	case XDP_PASS:
		switch (net_stack_rx(port, xdp)) {
		case NET_STACK_REPLY:
			port->stats.local_replies++;
			xdp_xmit(port, page, xdp);
			return;
		case NET_STACK_CONSUMED:
			out = NULL;
			break;
		default:
			out = port->peer;
			break;
		}
		if (!out)
			port->stats.pass_local++;
		break;
	case XDP_REDIRECT:
		out = xdp_redirect_target();
		if (!out)
			port->stats.redirect_errors++;
		break;
	case XDP_DROP:
		out = NULL;
		break;
	default:
		xdp_aborted(port, ret);
		out = NULL;
		break;
	}
	if (out)
		xdp_xmit(out, page, xdp);
	else
		page_pool_put(page);
}

void netif_receive_xdp(struct net_port *port, void *page, u32 len)
{
	struct bpf_prog *prog = READ_ONCE(port->xdp_prog);
	struct xdp_buff xdp;
	u64 ret = XDP_PASS;

	port->stats.rx_packets++;
	port->stats.rx_bytes += len;
	if (frame_len_bad(len)) {
		port->stats.rx_errors++;
		page_pool_put(page);
		return;
	}
	xdp_prepare_buff(&xdp, page, PAGE_SIZE, XDP_PACKET_HEADROOM, len, &port->rxq);
	if (prog)
		ret = xdp_run_prog(prog, &xdp);
	xdp_do_verdict(port, page, &xdp, ret, port->stats.xdp);
}

void xdp_do_flush(void)
{
	while (flush_list) {
		struct net_port *port = flush_list;

		flush_list = port->flush_next;
		port->flush_pending = false;
		port->ops->flush(port);
	}
}

/*
 * Make room for want more live frames: every port able to queue want and
 * the pool holding want pages. A live test run sends faster than the
 * device drains, so when room is short the queued frames are flushed and
 * finished transmissions taken back until it comes (at most LIVE_WAIT_NS;
 * after that a full ring drops, counted in tx_dropped).
 */
#define LIVE_WAIT_NS 200000000ULL
#define LIVE_ROOM_CHUNK 64 /* frames between checks: at most a ring's worth */
static void live_make_room(u32 want)
{
	u64 deadline = 0;

	for (;;) {
		bool room = page_pool_free_count() >= want;

		for (unsigned int i = 0; i < nr_ports; i++)
			if (ports[i]->ops->reclaim && ports[i]->ops->reclaim(ports[i]) < want)
				room = false;
		if (room && page_pool_free_count() >= want)
			return;
		if (!deadline) {
			xdp_do_flush();
			deadline = ktime_get_ns() + LIVE_WAIT_NS;
		} else if (ktime_get_ns() > deadline) {
			return;
		}
	}
}

/* One live frame: a pool page with data copied in, run, its verdict carried out. */
static void xdp_live_frame(struct bpf_prog *prog, struct net_port *port, const u8 *data,
			   u32 meta_len, u32 len)
{
	u8 *page = page_pool_get();
	struct xdp_buff xdp;

	if (!page) {
		port->stats.live_errors++;
		return;
	}
	memcpy(page + XDP_PACKET_HEADROOM - meta_len, data, meta_len + len);
	xdp_prepare_buff(&xdp, page, PAGE_SIZE, XDP_PACKET_HEADROOM, len, &port->rxq);
	xdp.data_meta = (u8 *)xdp.data - meta_len;
	xdp_do_verdict(port, page, &xdp, xdp_run_prog(prog, &xdp), port->stats.live);
}

int xdp_test_run_live(struct bpf_prog *prog, struct net_port *port, const u8 *data, u32 meta_len,
		      u32 len, u32 repeat, u32 batch_size, u64 *ns)
{
	u64 t0 = ktime_get_ns();
	bool irqs_were_on = !irqs_disabled();

	local_irq_disable(); /* the receive path shares the pool and the queues */
	for (u32 done = 0, n; done < repeat; done += n) {
		n = repeat - done < batch_size ? repeat - done : batch_size;
		for (u32 i = 0; i < n; i++) {
			if (i % LIVE_ROOM_CHUNK == 0)
				live_make_room(n - i < LIVE_ROOM_CHUNK ? n - i : LIVE_ROOM_CHUNK);
			xdp_live_frame(prog, port, data, meta_len, len);
		}
		xdp_do_flush();
	}
	*ns = ktime_get_ns() - t0;
	if (irqs_were_on)
		local_irq_enable();
	return 0;
}

static u64 live_total(const struct net_port_stats *s)
{
	u64 n = s->live_errors;

	for (unsigned int act = 0; act <= XDP_REDIRECT; act++)
		n += s->live[act];
	return n;
}

void net_print_stats(void)
{
	for (unsigned int i = 0; i < nr_ports; i++) {
		const struct net_port_stats *s = &ports[i]->stats;

		printk("net: %s rx %lu bytes %lu errors %lu aborted %lu drop %lu pass %lu tx %lu "
		       "redirect %lu redirect_errors %lu pass_local %lu local_replies %lu out %lu "
		       "tx_dropped %lu "
		       "irqs %lu polls %lu live %lu live_tx %lu live_errors %lu\n",
		       ports[i]->dev.name, (unsigned long)s->rx_packets, (unsigned long)s->rx_bytes,
		       (unsigned long)s->rx_errors, (unsigned long)s->xdp[XDP_ABORTED],
		       (unsigned long)s->xdp[XDP_DROP], (unsigned long)s->xdp[XDP_PASS],
		       (unsigned long)s->xdp[XDP_TX], (unsigned long)s->xdp[XDP_REDIRECT],
		       (unsigned long)s->redirect_errors, (unsigned long)s->pass_local,
		       (unsigned long)s->local_replies, (unsigned long)s->tx_packets,
		       (unsigned long)s->tx_dropped, (unsigned long)s->irqs,
		       (unsigned long)s->polls, (unsigned long)live_total(s),
		       (unsigned long)s->live[XDP_TX], (unsigned long)s->live_errors);
	}
	printk("net: page pool %u free of %u\n", pool_free, pool_total);
}
