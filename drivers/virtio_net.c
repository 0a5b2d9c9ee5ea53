// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-net (virtio 1.0, modern PCI): one receive and one transmit queue
 * per port, interrupts through the PIC (INTx), and a NAPI-like poll loop.
 *
 * Receive buffers are whole page-pool pages. The device writes its 12-byte
 * virtio_net_hdr just before XDP_PACKET_HEADROOM, so the frame itself
 * starts 256 bytes into the page: room for bpf_xdp_adjust_head and
 * metadata in front, and XDP_SKB_SHARED_INFO_SIZE kept free at the end
 * for bpf_xdp_adjust_tail. A frame leaves by the same page: the header
 * is written in front of the data and the page goes on a transmit queue
 * (this port's or another's) without a copy; its completion gives the page
 * back to the pool.
 *
 * Interrupts: the handler acknowledges every port (reading ISR lowers
 * INTx), then polls all of them with receive interrupts suppressed while
 * frames keep coming (adaptive polling, below), re-enables them, and
 * polls again if frames slipped in meanwhile. Transmit completions are reclaimed
 * by polling; their interrupt is wanted only while the pool is empty.
 */
#include <stdlib.h>
#include <string.h>
#include <bpfkern/arch.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/net.h>
#include <bpfkern/pci.h>
#include <bpfkern/virtio.h>

#define VIRTIO_ID_NET_MODERN 0x1041 /* 0x1040 + device type 1 */
#define VIRTIO_NET_F_MAC 5
/*
 * Entries per ring, at most what the device offers (QEMU: 256). The
 * transmit ring takes 256: with 128, a window of 256 XDP_TX frames in
 * flight found it full and lost frames (tx_dropped). The receive ring
 * stays at 128 (netring=N on the command line for another): its pages are
 * the pool's, and the pool must fit in 16 MiB beside live test runs' pages.
 */
#define VIRTNET_RX_RING 128
#define VIRTNET_TX_RING 256
static unsigned int virtnet_ring_max = VIRTNET_RX_RING;
#define NAPI_POLL_WEIGHT 64
#define VIRTNET_RXQ 0
#define VIRTNET_TXQ 1

/* struct virtio_net_hdr_v1: every frame carries it with VERSION_1. */
struct virtio_net_hdr_v1 {
	u8 flags;
	u8 gso_type;
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;
	u16 csum_offset;
	u16 num_buffers;
};
#define VNET_HDR_LEN sizeof(struct virtio_net_hdr_v1)

struct virtnet_info {
	struct net_port port;
	struct virtio_device vdev;
	struct virtqueue rvq;
	struct virtqueue svq;
	unsigned int irq; /* the PIC line when INTx; the vector when MSI-X */
	/* What the watchdog saw at the last tick */
	u16 wd_rx_idx; /* rvq.last_used_idx */
	bool wd_rx_waiting; /* the device had used entries beyond it */
	u16 wd_tx_used; /* the device's svq used index */
	bool wd_tx_waiting; /* published transmit entries were beyond it */
};

static struct virtnet_info virtnets[NET_MAX_PORTS];
static unsigned int nr_virtnets;
static u16 irq_lines_taken;

/* Give the device a receive buffer for every free slot the pool can fill; kick once. */
static void try_fill_recv(struct virtnet_info *vi)
{
	const u32 len = PAGE_SIZE - XDP_PACKET_HEADROOM - XDP_SKB_SHARED_INFO_SIZE + VNET_HDR_LEN;
	u8 *page;

	while (vi->rvq.num_free && (page = page_pool_get())) {
		if (virtqueue_add_buf(&vi->rvq, page + XDP_PACKET_HEADROOM - VNET_HDR_LEN, len,
				      true, page)) {
			page_pool_put(page);
			break;
		}
	}
	virtqueue_kick(&vi->rvq);
}

/* Give every page the device has finished sending back to the pool. */
static void free_old_xmit(struct virtnet_info *vi)
{
	void *page;
	u32 len;

	while ((page = virtqueue_get_buf(&vi->svq, &len)))
		page_pool_put(page);
}

static int virtnet_xdp_xmit(struct net_port *port, void *page, void *data, u32 len)
{
	struct virtnet_info *vi = port->priv;
	u8 *hdr = (u8 *)data - VNET_HDR_LEN;

	if (hdr < (u8 *)page)
		return -EINVAL; /* the program used up the headroom */
	if (!vi->svq.num_free) { /* publish what is queued, take back what is done */
		virtqueue_kick(&vi->svq);
		free_old_xmit(vi);
	}
	*(struct virtio_net_hdr_v1 *)hdr = (struct virtio_net_hdr_v1){ 0 };
	return virtqueue_add_buf(&vi->svq, hdr, len + VNET_HDR_LEN, false, page);
}

/*
 * Linux's virtnet_xdp_xmit for a batch: finished transmissions are taken
 * back, then frames[0 .. n) queued in order while the ring has room (a
 * frame whose program used up the headroom ends the batch too). Returns
 * how many were queued; the rest stay the caller's. No kick.
 */
static u32 virtnet_xdp_xmit_bulk(struct net_port *port, struct xdp_tx_frame *frames, u32 n)
{
	struct virtnet_info *vi = port->priv;
	u32 i;

	free_old_xmit(vi);
	for (i = 0; i < n && vi->svq.num_free; i++) {
		u8 *hdr = (u8 *)frames[i].data - VNET_HDR_LEN;

		if (hdr < (u8 *)frames[i].page)
			break;
		*(struct virtio_net_hdr_v1 *)hdr = (struct virtio_net_hdr_v1){ 0 };
		if (virtqueue_add_buf(&vi->svq, hdr, frames[i].len + VNET_HDR_LEN, false,
				      frames[i].page))
			break;
	}
	return i;
}

static void virtnet_xdp_flush(struct net_port *port)
{
	struct virtnet_info *vi = port->priv;

	virtqueue_kick(&vi->svq);
}

static unsigned int virtnet_reclaim(struct net_port *port)
{
	struct virtnet_info *vi = port->priv;

	free_old_xmit(vi);
	return vi->svq.num_free;
}

static const struct net_port_ops virtnet_ops = {
	.xmit = virtnet_xdp_xmit,
	.xmit_bulk = virtnet_xdp_xmit_bulk,
	.flush = virtnet_xdp_flush,
	.reclaim = virtnet_reclaim,
};

/* Receive up to budget frames into XDP; refill the ring. Returns how many. */
static int virtnet_poll(struct virtnet_info *vi, int budget)
{
	int received = 0;
	u8 *page;
	u32 len;

	vi->port.stats.polls++;
	free_old_xmit(vi);
	while (received < budget && (page = virtqueue_get_buf(&vi->rvq, &len))) {
		received++;
		if (len < VNET_HDR_LEN) {
			vi->port.stats.rx_packets++;
			vi->port.stats.rx_errors++;
			page_pool_put(page);
			continue;
		}
		netif_receive_xdp(&vi->port, page, len - VNET_HDR_LEN);
	}
	try_fill_recv(vi);
	return received;
}

/*
 * Adaptive polling (off by default): once an interrupt has started a
 * poll, keep polling with receive interrupts off for as long as frames
 * keep coming, ending busy_poll_ns after the last one (or after
 * BUSY_POLL_MAX_NS in all, so the timer tick is not held off).
 * netpoll=US on the command line sets the idle bound in microseconds; the
 * default 0 re-arms interrupts as soon as a pass finds less than a budget,
 * as Linux's NAPI does. Polling saves interrupts, but under TCG on a
 * 2-core host the spinning virtual CPU takes the host CPU that QEMU's I/O
 * thread and the traffic need: with the lost wakeups gone (virtio.c,
 * virtio_sync_device) XDP_DROP end to end ran at 194,000-208,000 frames/s
 * with 0 and 146,000-180,000 with 100 (docs/net.md).
 */
#define BUSY_POLL_DEFAULT_NS 0ULL
#define BUSY_POLL_MAX_NS 5000000ULL
static u64 busy_poll_ns = BUSY_POLL_DEFAULT_NS;
static bool use_msix = true; /* nomsix on the command line: INTx through the PIC */

/* One pass over every port: how many frames came in; *full: a port used its whole budget. */
static int virtnet_poll_pass(bool *full)
{
	int work = 0;

	*full = false;
	for (unsigned int i = 0; i < nr_virtnets; i++) {
		int n;

		virtqueue_disable_cb(&virtnets[i].rvq);
		virtqueue_disable_cb(&virtnets[i].svq);
		n = virtnet_poll(&virtnets[i], NAPI_POLL_WEIGHT);
		work += n;
		if (n == NAPI_POLL_WEIGHT)
			*full = true;
	}
	xdp_do_flush();
	return work;
}

/*
 * Re-arm the interrupts of every port for when polling stops: receive
 * always; transmit completions on every port with frames in flight
 * whenever any receive ring has empty slots (the pool ran dry: its pages
 * come back only when the device finishes sending, and the pool is shared,
 * so they may be in another port's ring). False when a queue already has
 * used entries that beat the re-arm (an interrupt for them will not come:
 * poll again).
 *
 * Both halves of that were once wrong, each a way for the ports to stop
 * for good: the transmit re-arm ignored entries already used, and it
 * looked only at the port's own receive ring (a bridge's pages wait in
 * the other port's transmit ring: tier 60's burst stalled so).
 */
static bool virtnet_enable_cbs(void)
{
	bool quiet = true, starving = false;
	unsigned int i;

	for (i = 0; i < nr_virtnets; i++)
		if (virtnets[i].rvq.num_free)
			starving = true;
	for (i = 0; i < nr_virtnets; i++) {
		struct virtnet_info *vi = &virtnets[i];

		if (!virtqueue_enable_cb(&vi->rvq))
			quiet = false;
		if (!starving || vi->svq.num_free == vi->svq.num)
			virtqueue_disable_cb(&vi->svq);
		else if (!virtqueue_enable_cb(&vi->svq))
			quiet = false;
	}
	if (!quiet || !nr_virtnets)
		return quiet;
	/*
	 * About to sleep: once our stores are where the device sees them,
	 * look again (drivers/virtio.c, virtio_sync_device): for entries used
	 * before the device could read the re-arm, and for kicks a stale
	 * avail_event talked us out of.
	 */
	virtio_sync_device(&virtnets[0].vdev);
	for (i = 0; i < nr_virtnets; i++) {
		struct virtnet_info *vi = &virtnets[i];

		virtqueue_notify_pending(&vi->rvq);
		virtqueue_notify_pending(&vi->svq);
		if (virtqueue_more_used(&vi->rvq) ||
		    (!vi->svq.cb_disabled && virtqueue_more_used(&vi->svq)))
			quiet = false;
	}
	return quiet;
}

/*
 * Poll every port while frames come (see busy_poll_ns), then re-arm the
 * interrupts, polling again for entries that beat the re-arm.
 */
static void virtnet_poll_all(void)
{
	u64 start = ktime_get_ns(), last_work = start, now;
	bool again;

	do {
		if (virtnet_poll_pass(&again) || again)
			last_work = ktime_get_ns();
		if (again)
			continue;
		now = busy_poll_ns ? ktime_get_ns() : last_work;
		if (now - last_work < busy_poll_ns && now - start < BUSY_POLL_MAX_NS) {
			again = true; /* traffic is flowing: poll on, interrupts stay off */
			continue;
		}
		again = !virtnet_enable_cbs();
	} while (again);
}

/*
 * The watchdog, on every timer tick (Linux: dev_watchdog, for a transmit
 * queue that stopped moving). A receive ring whose used entries have
 * waited a whole tick without a poll means an interrupt that never came;
 * published transmit entries the device has not taken for a whole tick
 * mean a kick it never saw (or an emulator that fell a tick behind).
 * Either way the port would stay stopped: the watchdog polls (counted in
 * stats.watchdog) or notifies the transmit queue without asking (in
 * stats.tx_timeouts). Neither should ever be needed: the handshakes
 * (drivers/virtio.c, virtio_sync_device) are made not to lose a wakeup,
 * and tests/net checks that stats.watchdog stays 0.
 */
static void virtnet_watchdog(void)
{
	bool stuck = false;

	for (unsigned int i = 0; i < nr_virtnets; i++) {
		struct virtnet_info *vi = &virtnets[i];
		u16 tx_used = READ_ONCE(vi->svq.used->idx);
		bool rx_waiting = virtqueue_more_used(&vi->rvq);
		bool tx_waiting = tx_used != vi->svq.kicked_idx;

		if (rx_waiting && vi->wd_rx_waiting && vi->rvq.last_used_idx == vi->wd_rx_idx) {
			vi->port.stats.watchdog++;
			stuck = true;
		}
		if (tx_waiting && vi->wd_tx_waiting && tx_used == vi->wd_tx_used) {
			virtqueue_notify(&vi->svq);
			vi->port.stats.tx_timeouts++;
		}
		vi->wd_rx_idx = vi->rvq.last_used_idx;
		vi->wd_rx_waiting = rx_waiting;
		vi->wd_tx_used = tx_used;
		vi->wd_tx_waiting = tx_waiting;
	}
	if (stuck)
		virtnet_poll_all();
}

/* MSI-X: nothing to acknowledge on the device (the APIC's EOI follows). */
static void virtnet_msix_interrupt(void *data)
{
	struct virtnet_info *vi = data;

	vi->port.stats.irqs++;
	virtnet_poll_all();
}

static void virtnet_interrupt(unsigned int irq, void *data)
{
	for (unsigned int i = 0; i < nr_virtnets; i++)
		if (virtio_isr_ack(&virtnets[i].vdev))
			virtnets[i].port.stats.irqs++;
	virtnet_poll_all();
}

/* Negotiate, set up both queues, grow the page pool, read the MAC. 0 or -errno. */
static int virtnet_setup(struct virtnet_info *vi, struct pci_dev *pci)
{
	int err;

	err = virtio_pci_probe(&vi->vdev, pci);
	if (!err && pci->msix && use_msix) {
		u64 addr;
		u32 data;
		int vector = arch_msi_alloc(virtnet_msix_interrupt, vi, &addr, &data);

		if (vector >= 0 && !pci_msix_enable(pci, addr, data)) {
			virtio_use_msix(&vi->vdev);
			vi->irq = (unsigned int)vector;
		}
	}
	if (!err)
		err = virtio_negotiate_features(&vi->vdev, 1ULL << VIRTIO_NET_F_MAC |
								   1ULL << VIRTIO_RING_F_EVENT_IDX);
	if (!err)
		err = virtqueue_setup(&vi->vdev, &vi->rvq, VIRTNET_RXQ, virtnet_ring_max);
	if (!err)
		err = virtqueue_setup(&vi->vdev, &vi->svq, VIRTNET_TXQ, VIRTNET_TX_RING);
	/*
	 * Pages: a full receive ring and half a transmit ring per port (2 MiB
	 * for two ports, as much as the appliance can spare in 16 MiB). A
	 * frame sent out of a port holds its page until the device is done;
	 * when the pool runs dry the receive ring waits for those pages, and
	 * the transmit interrupt brings them back (virtnet_enable_cbs).
	 */
	if (!err)
		err = page_pool_grow(vi->rvq.num + vi->svq.num / 2);
	if (err)
		return err;
	for (unsigned int i = 0; i < ETH_ALEN; i++)
		vi->port.mac[i] = virtio_has_feature(&vi->vdev, VIRTIO_NET_F_MAC)
					  ? virtio_cread8(&vi->vdev, i)
					  : (u8)(i == 0	  ? 0x02
						 : i == 5 ? nr_virtnets
							  : 0);
	virtqueue_disable_cb(&vi->svq);
	return 0;
}

/* Bring up one virtio-net function as a port. 0 or -errno (the device is reset then). */
static int virtnet_probe(struct pci_dev *pci)
{
	struct virtnet_info *vi = &virtnets[nr_virtnets];
	int err;

	*vi = (struct virtnet_info){ .irq = pci->irq_line };
	vi->port.ops = &virtnet_ops;
	vi->port.priv = vi;
	err = virtnet_setup(vi, pci);
	if (!err && !vi->vdev.msix && (!pci->irq_pin || pci->irq_line >= NR_IRQS))
		err = -ENODEV; /* neither MSI-X nor a routed INTx line */
	if (!err)
		err = net_port_register(&vi->port);
	if (err) {
		if (vi->vdev.common)
			virtio_reset_device(&vi->vdev);
		return err;
	}
	nr_virtnets++;
	if (!vi->vdev.msix && !(irq_lines_taken & BIT(vi->irq))) {
		err = irq_register(vi->irq, virtnet_interrupt, NULL);
		if (err)
			printk("virtio_net: irq %u: %d\n", vi->irq, err);
		irq_lines_taken |= BIT(vi->irq);
	}
	/*
	 * Buffers and the kick only after DRIVER_OK: QEMU stops reading its
	 * backend while the device cannot receive and resumes on a kick.
	 */
	virtio_device_ready(&vi->vdev);
	try_fill_recv(vi);
	printk("%s: virtio-net %02x:%02x.%d mac %02x:%02x:%02x:%02x:%02x:%02x %s %u rx %u tx %u%s\n",
	       vi->port.dev.name, pci->bus, pci->slot, pci->func, vi->port.mac[0], vi->port.mac[1],
	       vi->port.mac[2], vi->port.mac[3], vi->port.mac[4], vi->port.mac[5],
	       vi->vdev.msix ? "msix vector" : "irq", vi->irq, vi->rvq.num, vi->svq.num,
	       virtio_has_feature(&vi->vdev, VIRTIO_RING_F_EVENT_IDX) ? " event-idx" : "");
	return 0;
}

void virtio_net_print_stats(void)
{
	for (unsigned int i = 0; i < nr_virtnets; i++)
		printk("virtio_net: %s rx_kicks %lu tx_kicks %lu\n", virtnets[i].port.dev.name,
		       (unsigned long)virtnets[i].rvq.notifies,
		       (unsigned long)virtnets[i].svq.notifies);
}

int virtio_net_init(void)
{
	struct pci_dev *pci = NULL;
	bool irqs_were_off = irqs_disabled();
	char arg[16];

	if (cmdline_get("netpoll", arg, sizeof(arg)) >= 0)
		busy_poll_ns = strtoul(arg, NULL, 0) * 1000;
	if (cmdline_get("nomsix", arg, sizeof(arg)) >= 0)
		use_msix = false;
	if (cmdline_get("netring", arg, sizeof(arg)) >= 0)
		virtnet_ring_max = (unsigned int)strtoul(arg, NULL, 0);
	local_irq_disable();
	pci_init();
	while ((pci = pci_get_device(PCI_VENDOR_ID_REDHAT_QUMRANET, VIRTIO_ID_NET_MODERN, pci))) {
		int err;

		if (nr_virtnets == NET_MAX_PORTS) {
			printk("virtio_net: more than %d ports: the rest ignored\n", NET_MAX_PORTS);
			break;
		}
		err = virtnet_probe(pci);
		if (err)
			printk("virtio_net: %02x:%02x.%d: probe failed (%d)\n", pci->bus, pci->slot,
			       pci->func, err);
	}
	if (nr_virtnets && timer_tick_hook_add(virtnet_watchdog))
		printk("virtio_net: no tick hook left: no watchdog\n");
	if (!irqs_were_off)
		local_irq_enable();
	return (int)nr_virtnets;
}
