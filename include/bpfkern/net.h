/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet path (kernel/net/core.c): network ports with an attached XDP
 * program, the receive path that runs it on every frame and carries out
 * its verdict, the two-port bridge, per-port counters, and the page pool
 * that every receive buffer comes from. Drivers (drivers/virtio_net.c)
 * fill in a struct net_port and hand it received frames; docs/net.md
 * follows one frame through.
 */
#ifndef BPFKERN_NET_H
#define BPFKERN_NET_H

#include <bpfkern/netdev.h>
#include <bpfkern/xdp.h>

#define ETH_ALEN 6
#define ETH_ZLEN 60 /* shortest frame on the wire without FCS */
#define ETH_DATA_LEN 1500
#define ETH_FRAME_LEN 1514
#define VLAN_HLEN 4
/* Longest frame accepted: a full MTU plus one VLAN tag. */
#define NET_MAX_FRAME_LEN (ETH_FRAME_LEN + VLAN_HLEN)
/* Most ports (NICs) the appliance drives. */
#define NET_MAX_PORTS 4

struct net_port;

/* One frame for a driver's xmit_bulk: len bytes at data, within page (a page-pool page). */
struct xdp_tx_frame {
	void *page;
	void *data;
	u32 len;
};

/* What a driver does for kernel/net. Called with interrupts off. */
struct net_port_ops {
	/*
	 * Queue one frame at data (len bytes) for transmission; data lies in
	 * page, a page-pool page whose ownership passes to the driver (it
	 * page_pool_put()s it when the device is done). Returns 0, or -ENOSPC
	 * when the transmit ring is full (the page then stays the caller's).
	 */
	int (*xmit)(struct net_port *port, void *page, void *data, u32 len);
	/*
	 * Queue frames[0 .. n) in order while the transmit ring has room
	 * (Linux's ndo_xdp_xmit); returns how many, a prefix. Their pages
	 * pass to the driver; the rest stay the caller's, which drops them.
	 * No kick: flush does that. Optional (kernel/net falls back to xmit).
	 */
	u32 (*xmit_bulk)(struct net_port *port, struct xdp_tx_frame *frames, u32 n);
	/* Tell the device about every frame xmit queued since the last flush. */
	void (*flush)(struct net_port *port);
	/*
	 * Take back the pages of finished transmissions; returns how many
	 * frames xmit can queue now. Live test runs call it when the pool is empty.
	 */
	unsigned int (*reclaim)(struct net_port *port);
};

/* Per-port counters (the `net` console command and the tests read them). */
struct net_port_stats {
	u64 rx_packets; /* frames the driver handed in, good or bad */
	u64 rx_bytes;
	u64 rx_errors; /* runts and oversize frames, dropped before XDP */
	u64 xdp[XDP_REDIRECT + 1]; /* verdicts by action: ABORTED DROP PASS TX REDIRECT */
	u64 tx_packets; /* frames queued out of this port */
	u64 tx_dropped; /* frames for this port that found its ring full */
	u64 redirect_errors; /* REDIRECT to no device */
	u64 pass_local; /* PASS for the local stack, or with nowhere to go: dropped */
	u64 local_replies; /* ARP and ICMP echo replies the local stack sent */
	/* Frames of BPF_F_TEST_XDP_LIVE_FRAMES test runs on this port, by verdict (not in rx) */
	u64 live[XDP_REDIRECT + 1];
	u64 live_errors; /* live frames lost: no page free (every one in a transmit ring) */
	u64 irqs;
	u64 polls;
	u64 watchdog; /* receive interrupts the watchdog found lost (it polled) */
	u64 tx_timeouts; /* transmit queues the watchdog found stopped (it kicked) */
};

struct net_port {
	struct net_device dev; /* ifindex and name: what XDP and devmaps see */
	const struct net_port_ops *ops;
	void *priv; /* the driver's */
	u8 mac[ETH_ALEN];
	struct bpf_prog *xdp_prog; /* NULL: every frame is XDP_PASS */
	struct net_port *peer; /* the bridge's other port: where PASS goes */
	struct xdp_rxq_info rxq;
	bool flush_pending; /* xmit queued frames that are not flushed yet */
	struct net_port *flush_next; /* on the flush list while flush_pending */
	struct net_port_stats stats;
};

/* Give the port the next ifindex (1, 2, ...) and register it. 0 or -errno. */
int net_port_register(struct net_port *port);
/* The i-th registered port, or NULL. */
struct net_port *net_port_at(unsigned int i);
unsigned int net_nr_ports(void);
/* The port with this ifindex, or NULL (no such device, or a device that is no port). */
struct net_port *net_port_get_by_index(u32 ifindex);
/* The port behind a registered net_device. */
static inline struct net_port *net_port_of(struct net_device *dev)
{
	return container_of(dev, struct net_port, dev);
}

/*
 * Install prog as port's XDP program (NULL detaches). The swap is one
 * pointer store: a frame runs either the old or the new program. Returns
 * the old program for the caller to release. The internal function behind
 * BPF_LINK_CREATE / PROG_ATTACH with BPF_XDP on an ifindex.
 */
struct bpf_prog *dev_xdp_attach(struct net_device *dev, struct bpf_prog *prog);

/*
 * One received frame: len bytes at page + XDP_PACKET_HEADROOM, in a
 * page-pool page the caller gives up. Runs the port's XDP program and
 * carries out the verdict (the page is recycled, transmitted or
 * forwarded). Call xdp_do_flush() once after a batch.
 */
void netif_receive_xdp(struct net_port *port, void *page, u32 len);
/* Flush every port (registered or not) that frames were queued on since the last flush. */
void xdp_do_flush(void);

/*
 * Live frames keep Linux's struct xdp_page_head (112 bytes on x86-64) in
 * front of the frame: data_hard_start is page + XDP_PAGE_HEAD_SIZE.
 */
#define XDP_PAGE_HEAD_SIZE 112
/* Most frames per live batch (BPF_PROG_TEST_RUN's batch_size), as Linux. */
#define TEST_XDP_MAX_BATCH 256
/*
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES (kernel/bpf/test_run.c):
 * run prog repeat times on page-pool frames holding meta_len bytes of
 * metadata and then len bytes of packet from data, as if received on
 * port's queue 0, in batches of batch_size, and carry out each verdict as
 * the receive path does (TX really goes out of port, REDIRECT to its
 * target, PASS to the bridge peer). As Linux's xdp_test_run_batch: a page
 * gets data's bytes once per run, when the run first takes it; taken again
 * (recycled) only its pointers are reset, the bytes stay as the program
 * left them. Frames for a port go out with one xmit_bulk and one flush per
 * batch; those its ring has no room for are dropped (tx_dropped), never
 * waited for. Counted in port->stats.live, not rx. *ns: the time taken.
 * Returns 0 (the host build's stand-in port drops every frame).
 */
int xdp_test_run_live(struct bpf_prog *prog, struct net_port *port, const u8 *data, u32 meta_len,
		      u32 len, u32 repeat, u32 batch_size, u64 *ns);

/*
 * The page pool: pages for receive buffers, recycled on drop and after
 * transmission, so no frame allocates. page_pool_grow adds nr pages (at
 * probe time); page_pool_get returns NULL when all are in use.
 */
int page_pool_grow(unsigned int nr);
void *page_pool_get(void);
void page_pool_put(void *page);
unsigned int page_pool_free_count(void);
unsigned int page_pool_size(void);

/*
 * Boot: find and bring up the NICs (drivers/virtio_net.c), pair two ports
 * as a bridge, and attach the built-in program the command line's xdp=
 * names (pass, drop, aborted, tx, redirect, demux, encap, trim, meta: see
 * kernel/net/bridge.c; default pass; none attaches nothing). No NIC: a note.
 */
void net_init(void);
/* Probe every virtio-net PCI function; returns how many ports came up. */
int virtio_net_init(void);
/* printk each virtio-net port's queue notifications (kicks), for tests/net. */
void virtio_net_print_stats(void);
/*
 * A fresh copy of a built-in program (kernel/net/bridge.c: "pass", "drop",
 * "aborted", "tx", "demux"), verified and JIT'd; NULL for an unknown name
 * or "redirect" (it needs the bridge's devmap). Free with bpf_prog_free.
 */
struct bpf_prog *net_builtin_prog(const char *name);
/*
 * tests/net: with netwait=N on the command line, halt until N frames came
 * in, print the counters and exit QEMU (pass: every frame accounted for).
 * Returns at once without netwait.
 */
void net_wait_and_exit(void);
/*
 * The local stack (kernel/net/stack.c): a management address (mgmt=A.B.C.D/N,
 * default 10.0.0.2/24 on a single port) that answers ARP and ICMP echo.
 * net_stack_init reads the command line (net_init calls it). net_stack_rx
 * looks at a frame the program passed: NET_STACK_REPLY when it rewrote
 * the frame into a reply to send back out of port, NET_STACK_CONSUMED for
 * a frame to the address that gets no answer (drop it), NET_STACK_NOT_LOCAL
 * for anyone else's frame.
 */
enum net_stack_verdict {
	NET_STACK_NOT_LOCAL,
	NET_STACK_CONSUMED,
	NET_STACK_REPLY,
};
void net_stack_init(void);
enum net_stack_verdict net_stack_rx(struct net_port *port, struct xdp_buff *xdp);

/* printk the counters of every port. */
void net_print_stats(void);

#endif
