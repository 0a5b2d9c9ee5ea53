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

/*
 * Live frames (BPF_F_TEST_XDP_LIVE_FRAMES), as Linux's xdp_test_run_batch.
 * A live frame's page starts with struct xdp_page_head; the frame proper
 * (data_hard_start) follows it, XDP_PACKET_HEADROOM before the packet.
 * The head names the live run that last initialised the page: a page the
 * run takes for the first time gets the metadata and packet copied in
 * (Linux: xdp_test_run_init_page, called when its page pool hands out a
 * fresh page); a page the run has had before (recycled after a DROP or a
 * finished transmission) only gets data_meta, data and data_end set back
 * (Linux: reset_ctx), so whatever the program wrote into the bytes stays.
 * Pages enter the pool with live_run 0, and the receive path never writes
 * the first XDP_FRAME_SIZE bytes of a page, so only live runs set it.
 */
struct xdp_page_head {
	u64 live_run;
};
/* Where a live frame's packet starts in its page. */
#define LIVE_DATA_OFFSET (XDP_PAGE_HEAD_SIZE + XDP_PACKET_HEADROOM)

static void *pool_pages[PAGE_POOL_MAX];
static unsigned int pool_free; /* pool_pages[0 .. pool_free) are free */
static unsigned int pool_total;
/*
 * Pages a live run added to the pool (live_pool_reserve) and not yet given
 * back to the page allocator; while pool_give_back holds, page_pool_put
 * frees such pages instead of keeping them.
 */
static unsigned int pool_borrowed;
static bool pool_give_back;

int page_pool_grow(unsigned int nr)
{
	if (nr > PAGE_POOL_MAX - pool_total)
		return -ENOSPC;
	for (unsigned int i = 0; i < nr; i++) {
		void *page = alloc_pages(0);

		if (!page)
			return -ENOMEM;
		/*
		 * Zeroed, which also makes live_run 0 (never a live frame). Under
		 * QEMU's TCG, a page some code once ran from (boot code, a freed
		 * program) sends every store into it down the emulator's slow path
		 * until the code bytes themselves are overwritten: a frame's stores
		 * (a MAC swap, the virtio header) cost ten times more there.
		 */
		memset(page, 0, PAGE_SIZE);
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
	if (unlikely(pool_give_back)) {
		free_page(page);
		pool_total--;
		pool_give_back = --pool_borrowed != 0;
		return;
	}
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
 * Verdict ret of a program that ran on frame xdp, received on port:
 * counts[] (the port's receive or live-run counters) gets the action, and
 * the result is the port the frame leaves by (TX: port; PASS: the local
 * stack's reply out of port, or the bridge peer; REDIRECT: the target),
 * or NULL when its page is to be recycled.
 */
static struct net_port *xdp_do_verdict(struct net_port *port, struct xdp_buff *xdp, u64 ret,
				       u64 *counts)
{
	/* An unknown action counts as aborted (Linux: bpf_warn_invalid_xdp_action). */
	u32 act = ret <= XDP_REDIRECT ? (u32)ret : XDP_ABORTED;
	struct net_port *out = NULL;

	counts[act]++;
	switch (act) {
	case XDP_DROP:
		return NULL;
	case XDP_TX:
		return port;
	case XDP_PASS:
		switch (net_stack_rx(port, xdp)) {
		case NET_STACK_REPLY:
			port->stats.local_replies++;
			return port;
		case NET_STACK_CONSUMED:
			break;
		default:
			out = port->peer;
			break;
		}
		if (!out)
			port->stats.pass_local++;
		return out;
	case XDP_REDIRECT:
		out = xdp_redirect_target();
		if (!out)
			port->stats.redirect_errors++;
		return out;
	default:
		xdp_aborted(port, ret);
		return NULL;
	}
}

void netif_receive_xdp(struct net_port *port, void *page, u32 len)
{
	struct bpf_prog *prog = READ_ONCE(port->xdp_prog);
	struct net_port *out;
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
	out = xdp_do_verdict(port, &xdp, ret, port->stats.xdp);
	if (out)
		xdp_xmit(out, page, &xdp);
	else
		page_pool_put(page);
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

/* Frames bound for one port in the current live batch (Linux: a devmap bulk queue). */
struct xdp_bulk_queue {
	u32 count;
	struct xdp_tx_frame q[TEST_XDP_MAX_BATCH];
};

/* One live test run. */
struct live_run {
	struct bpf_prog *prog;
	struct net_port *port; /* the port the frames arrive on */
	const u8 *data; /* meta_len bytes of metadata, then len of packet */
	u32 meta_len, len;
	u64 id; /* what xdp_page_head.live_run holds for pages this run initialised */
	u64 counts[XDP_REDIRECT + 1]; /* verdicts of the current batch */
	u32 lost; /* frames of the current batch that found no page */
};

static u64 live_runs; /* live runs so far: the id of the latest */
static struct xdp_bulk_queue live_bq[NET_MAX_PORTS]; /* by registered port */

/*
 * Take page for a frame of run: copy the metadata and packet in if the run
 * has not had the page before (Linux: xdp_test_run_init_page).
 */
static void xdp_live_init_page(struct live_run *run, u8 *page)
{
	struct xdp_page_head *head = (struct xdp_page_head *)page;

	if (head->live_run != run->id) {
		memcpy(page + LIVE_DATA_OFFSET - run->meta_len, run->data,
		       run->meta_len + run->len);
		head->live_run = run->id;
	}
}

/*
 * Queue the frame in page for out's bulk transmit at the end of the batch.
 * Inlined: under TCG every return costs a lookup of the next translated
 * block, and XDP_TX runs this for every frame.
 */
static __always_inline void live_enqueue(struct net_port *out, u8 *page, const struct xdp_buff *xdp)
{
	unsigned int slot = out->dev.ifindex - 1;
	struct xdp_bulk_queue *bq = &live_bq[slot];

	if (slot >= nr_ports || ports[slot] != out || bq->count == TEST_XDP_MAX_BATCH) {
		out->stats.tx_dropped++; /* not a registered port: nothing sends for it */
		page_pool_put(page);
		return;
	}
	bq->q[bq->count++] = (struct xdp_tx_frame){
		.page = page,
		.data = xdp->data,
		.len = (u32)((u8 *)xdp->data_end - (u8 *)xdp->data),
	};
}

/* Frames[0 .. n) to port: its xmit_bulk, or one xmit each. Returns how many it took. */
static u32 dev_xmit_bulk(struct net_port *port, struct xdp_tx_frame *frames, u32 n)
{
	u32 i;

	if (port->ops->xmit_bulk)
		return port->ops->xmit_bulk(port, frames, n);
	for (i = 0; i < n; i++)
		if (port->ops->xmit(port, frames[i].page, frames[i].data, frames[i].len))
			break;
	return i;
}

/*
 * Send every port's bulk queue: one xmit_bulk and one flush per port; the
 * frames its ring has no room for are dropped (tx_dropped) and their pages
 * recycled, as Linux's bq_xmit_all does with what ndo_xdp_xmit left.
 */
static void live_flush(void)
{
	for (unsigned int i = 0; i < nr_ports; i++) {
		struct xdp_bulk_queue *bq = &live_bq[i];
		struct net_port *port = ports[i];
		u32 sent;

		if (!bq->count)
			continue;
		sent = dev_xmit_bulk(port, bq->q, bq->count);
		port->stats.tx_packets += sent;
		port->stats.tx_dropped += bq->count - sent;
		for (u32 j = sent; j < bq->count; j++)
			page_pool_put(bq->q[j].page);
		bq->count = 0;
		if (sent)
			port->ops->flush(port);
	}
}

/*
 * A page for the next live frame when the pool has run dry, which happens
 * only while pages wait in bulk queues or transmit rings: send the queues
 * (what finds no room is dropped and recycled), then take back finished
 * transmissions. NULL when every page is still in a ring.
 */
static u8 *live_page_refill(void)
{
	u8 *page;

	live_flush();
	page = page_pool_get();
	for (unsigned int i = 0; !page && i < nr_ports; i++) {
		if (ports[i]->ops->reclaim)
			ports[i]->ops->reclaim(ports[i]);
		page = page_pool_get();
	}
	return page;
}

/*
 * Run n live frames and carry out their verdicts; queued frames leave at
 * the end. DROP and TX, the verdicts a benchmark repeats millions of
 * times, are carried out right here: under emulation every call, return
 * and jump table costs a lookup of the next translated block, and the
 * program's own call and return are the only two a frame cannot avoid.
 * A dropped frame's page goes straight to the next frame (the pool is
 * last in, first out, so it would hand out that page anyway; Linux's page
 * pool recycles into its allocation cache the same way), and its
 * pointers are set back before every run (Linux: reset_ctx).
 */
static void xdp_live_batch(struct live_run *run, u32 n)
{
	struct net_port *port = run->port, *out;
	struct xdp_buff xdp = { .rxq = &port->rxq, .frame_sz = PAGE_SIZE - XDP_PAGE_HEAD_SIZE };
	u32 dropped = 0, transmitted = 0, meta_len = run->meta_len, len = run->len;
	u8 *page = NULL; /* the page of the last frame if it was dropped */
	/* bpf_prog_run(run->prog, &xdp) with the program's entry and insns loaded once */
	u64 (*bpf_func)(const void *ctx, const struct bpf_insn *insn) = run->prog->bpf_func;
	const struct bpf_insn *insnsi = run->prog->insnsi;
	u64 ret;

	for (u32 i = 0; i < n; i++) {
		if (!page) {
			page = pool_free ? pool_pages[--pool_free] : live_page_refill();
			if (unlikely(!page)) {
				run->lost++;
				continue;
			}
			xdp_live_init_page(run, page);
		}
		xdp.data_hard_start = page + XDP_PAGE_HEAD_SIZE;
		xdp.data = page + LIVE_DATA_OFFSET;
		xdp.data_meta = (u8 *)xdp.data - meta_len;
		xdp.data_end = (u8 *)xdp.data + len;
		ret = bpf_func(&xdp, insnsi);
		if (likely(ret == XDP_DROP)) {
			dropped++;
			continue; /* page serves the next frame */
		}
		if (ret == XDP_TX) {
			transmitted++;
			live_enqueue(port, page, &xdp);
		} else {
			out = xdp_do_verdict(port, &xdp, ret, run->counts);
			if (out)
				live_enqueue(out, page, &xdp);
			else
				page_pool_put(page);
		}
		page = NULL;
	}
	if (page)
		page_pool_put(page);
	run->counts[XDP_DROP] += dropped;
	run->counts[XDP_TX] += transmitted;
	live_flush();
}

/* Add the batch's counters to the port's (kept apart during the batch). */
static void live_count(struct live_run *run)
{
	struct net_port_stats *s = &run->port->stats;

	for (unsigned int act = 0; act <= XDP_REDIRECT; act++) {
		s->live[act] += run->counts[act];
		run->counts[act] = 0;
	}
	s->live_errors += run->lost;
	run->lost = 0;
}

/*
 * Pages enough for a live run: room in every transmit ring the frames may
 * fill, and two batches (one being built while one waits in the bulk
 * queues). Linux's live runs take theirs from a page pool of their own
 * that falls back on the page allocator, and a full transmit ring drops
 * frames. Without the extra pages a full ring would hold every page the
 * receive rings leave, and each frame would wait for the emulated device
 * to finish sending one (measured: live XDP_TX bound by QEMU at 300,000
 * frames/s, and a fifth of the frames never run for want of a page).
 * The pages are borrowed for the run: live_pool_return gives them back.
 */
static void live_pool_reserve(u32 batch_size)
{
	unsigned int want = 2 * batch_size, before = pool_total;

	pool_give_back = false; /* pages still on their way back serve this run */
	for (unsigned int i = 0; i < nr_ports; i++)
		if (ports[i]->ops->reclaim)
			want += ports[i]->ops->reclaim(ports[i]);
	if (pool_free < want)
		page_pool_grow(min(want - pool_free, PAGE_POOL_MAX - pool_total));
	pool_borrowed += pool_total - before;
}

/*
 * After a live run: free the borrowed pages that are back in the pool, and
 * wait a little (LIVE_RETURN_NS) for the transmit rings to hand back the
 * rest; any still out are freed as they return (page_pool_put).
 */
#define LIVE_RETURN_NS 100000000ULL
static void live_pool_return(void)
{
	u64 deadline = ktime_get_ns() + LIVE_RETURN_NS;

	if (!pool_borrowed)
		return;
	for (; pool_borrowed && pool_free; pool_borrowed--, pool_total--)
		free_page(pool_pages[--pool_free]);
	pool_give_back = pool_borrowed != 0;
	while (pool_give_back && ktime_get_ns() < deadline)
		for (unsigned int i = 0; i < nr_ports; i++)
			if (ports[i]->ops->reclaim)
				ports[i]->ops->reclaim(ports[i]);
}

int xdp_test_run_live(struct bpf_prog *prog, struct net_port *port, const u8 *data, u32 meta_len,
		      u32 len, u32 repeat, u32 batch_size, u64 *ns)
{
	struct live_run run = {
		.prog = prog,
		.port = port,
		.data = data,
		.meta_len = meta_len,
		.len = len,
	};
	u64 t0 = ktime_get_ns();
	bool irqs_were_on = !irqs_disabled();

	local_irq_disable(); /* the receive path shares the pool and the queues */
	live_pool_reserve(batch_size);
	run.id = ++live_runs;
	for (u32 done = 0, n; done < repeat; done += n) {
		n = repeat - done < batch_size ? repeat - done : batch_size;
		xdp_live_batch(&run, n);
		live_count(&run);
	}
	*ns = ktime_get_ns() - t0;
	live_pool_return();
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
		       "irqs %lu polls %lu watchdog %lu tx_timeouts %lu live %lu live_tx %lu live_errors %lu\n",
		       ports[i]->dev.name, (unsigned long)s->rx_packets, (unsigned long)s->rx_bytes,
		       (unsigned long)s->rx_errors, (unsigned long)s->xdp[XDP_ABORTED],
		       (unsigned long)s->xdp[XDP_DROP], (unsigned long)s->xdp[XDP_PASS],
		       (unsigned long)s->xdp[XDP_TX], (unsigned long)s->xdp[XDP_REDIRECT],
		       (unsigned long)s->redirect_errors, (unsigned long)s->pass_local,
		       (unsigned long)s->local_replies, (unsigned long)s->tx_packets,
		       (unsigned long)s->tx_dropped, (unsigned long)s->irqs,
		       (unsigned long)s->polls, (unsigned long)s->watchdog,
		       (unsigned long)s->tx_timeouts, (unsigned long)live_total(s),
		       (unsigned long)s->live[XDP_TX], (unsigned long)s->live_errors);
	}
	printk("net: page pool %u free of %u\n", pool_free, pool_total);
}
