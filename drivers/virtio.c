// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio 1.0 PCI transport and split virtqueues (include/bpfkern/virtio.h).
 *
 * The device describes where its register blocks live with vendor-specific
 * PCI capabilities (cfg_type 1 common, 2 notify, 3 ISR, 4 device), each
 * naming a BAR, an offset and a length. The split ring is three areas
 * shared with the device: the descriptor table, the available ring (driver
 * to device) and the used ring (device to driver). With
 * VIRTIO_RING_F_EVENT_IDX each side publishes the index at which it wants
 * to be told next (used_event at the end of the available ring,
 * avail_event at the end of the used ring), which is how interrupts and
 * kicks are suppressed while the other side is busy anyway.
 *
 * x86 is TSO: stores are seen in order, so publishing needs only a compiler
 * barrier; the event-index checks need a full fence (a store then a load).
 */
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/pci.h>
#include <bpfkern/virtio.h>

/* struct virtio_pci_cap fields (offsets in configuration space). */
#define VIRTIO_PCI_CAP_CFG_TYPE 3
#define VIRTIO_PCI_CAP_BAR 4
#define VIRTIO_PCI_CAP_OFFSET 8
#define VIRTIO_PCI_CAP_LENGTH 12
#define VIRTIO_PCI_NOTIFY_CAP_MULT 16

#define VIRTIO_PCI_CAP_COMMON_CFG 1
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2
#define VIRTIO_PCI_CAP_ISR_CFG 3
#define VIRTIO_PCI_CAP_DEVICE_CFG 4

/* struct virtio_pci_common_cfg offsets. */
#define VIRTIO_PCI_COMMON_DFSELECT 0
#define VIRTIO_PCI_COMMON_DF 4
#define VIRTIO_PCI_COMMON_GFSELECT 8
#define VIRTIO_PCI_COMMON_GF 12
#define VIRTIO_PCI_COMMON_MSIX 16
#define VIRTIO_PCI_COMMON_NUMQ 18
#define VIRTIO_PCI_COMMON_STATUS 20
#define VIRTIO_PCI_COMMON_Q_SELECT 22
#define VIRTIO_PCI_COMMON_Q_SIZE 24
#define VIRTIO_PCI_COMMON_Q_MSIX 26
#define VIRTIO_PCI_COMMON_Q_ENABLE 28
#define VIRTIO_PCI_COMMON_Q_NOFF 30
#define VIRTIO_PCI_COMMON_Q_DESCLO 32
#define VIRTIO_PCI_COMMON_Q_AVAILLO 40
#define VIRTIO_PCI_COMMON_Q_USEDLO 48
#define VIRTIO_MSI_NO_VECTOR 0xffff

#define vmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/*
 * The two handshakes with the device (a kick, and the re-arm of
 * interrupts) are each a store followed by a load, on both sides: we
 * publish an index and then read whether the device wants to hear of it;
 * the device publishes its own and then reads ours. Each side needs a full
 * barrier between its store and its load, or both can read the other's
 * old value and each wait for the other for good. vmb() is that barrier
 * on hardware and under KVM. Under QEMU's TCG with one virtual CPU it is
 * not: QEMU drops a guest's fences when no other virtual CPU can observe
 * the order, yet the device model runs in another host thread (the I/O
 * thread), and our store can still sit in the host CPU's store buffer
 * when our load runs. Measured: a receive ring full of frames, used_event
 * equal to last_used_idx, no interrupt raised, and the port stopped for
 * good (tier 60 and make bench saw it as 0.2 s stalls). A read of a device
 * register is ordered after every store before it (uncached, and under
 * TCG it goes through the emulator's lock, whose acquisition is a full
 * barrier on the host). A driver calls this once before it sleeps on
 * interrupts, after re-arming them, and then looks again
 * (virtqueue_more_used, virtqueue_notify_pending). Kicks in between do
 * without: under TCG it costs the emulator's lock, which the I/O thread
 * holds for as long as it sends a burst (one per kick cut live XDP_TX
 * frames fifteen-fold), and their decisions are made so that a stale
 * read only puts a kick off to the next decision.
 */
void virtio_sync_device(struct virtio_device *vdev)
{
	(void)virtio_get_status(vdev);
}

static inline void cw8(struct virtio_device *v, unsigned int off, u8 x)
{
	*(volatile u8 *)(v->common + off) = x;
}
static inline void cw16(struct virtio_device *v, unsigned int off, u16 x)
{
	*(volatile u16 *)(v->common + off) = x;
}
static inline void cw32(struct virtio_device *v, unsigned int off, u32 x)
{
	*(volatile u32 *)(v->common + off) = x;
}
static inline void cw64(struct virtio_device *v, unsigned int off, u64 x)
{
	cw32(v, off, (u32)x);
	cw32(v, off + 4, (u32)(x >> 32));
}
static inline u8 cr8(struct virtio_device *v, unsigned int off)
{
	return *(volatile u8 *)(v->common + off);
}
static inline u16 cr16(struct virtio_device *v, unsigned int off)
{
	return *(volatile u16 *)(v->common + off);
}
static inline u32 cr32(struct virtio_device *v, unsigned int off)
{
	return *(volatile u32 *)(v->common + off);
}

/* Map the region a virtio capability at pos describes; NULL if it cannot be. */
static volatile u8 *virtio_map_cap(struct pci_dev *pci, u8 pos)
{
	u8 bar = pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_BAR);
	u32 off = pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_OFFSET);
	u32 len = pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_LENGTH);

	return pci_iomap_range(pci, bar, off, len ? len : 1);
}

int virtio_pci_probe(struct virtio_device *vdev, struct pci_dev *pci)
{
	u8 pos;

	*vdev = (struct virtio_device){ .pci = pci };
	for (pos = pci_find_capability(pci, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(pci, pos, PCI_CAP_ID_VNDR)) {
		u8 type = pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_CFG_TYPE);
		volatile u8 **slot = type == VIRTIO_PCI_CAP_COMMON_CFG	 ? &vdev->common
				     : type == VIRTIO_PCI_CAP_NOTIFY_CFG ? &vdev->notify_base
				     : type == VIRTIO_PCI_CAP_ISR_CFG	 ? &vdev->isr
				     : type == VIRTIO_PCI_CAP_DEVICE_CFG ? &vdev->device
									 : NULL;

		if (!slot || *slot)
			continue; /* unknown type, or a second one: the first is preferred */
		*slot = virtio_map_cap(pci, pos);
		if (!*slot)
			return -ENOMEM;
		if (type == VIRTIO_PCI_CAP_NOTIFY_CFG)
			vdev->notify_off_multiplier =
				pci_read_config_dword(pci, pos + VIRTIO_PCI_NOTIFY_CAP_MULT);
	}
	if (!vdev->common || !vdev->notify_base || !vdev->isr)
		return -ENODEV;
	pci_set_master(pci);
	virtio_reset_device(vdev);
	cw8(vdev, VIRTIO_PCI_COMMON_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	cw8(vdev, VIRTIO_PCI_COMMON_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	return 0;
}

void virtio_reset_device(struct virtio_device *vdev)
{
	cw8(vdev, VIRTIO_PCI_COMMON_STATUS, 0);
	/* The reset is complete when the device reads back 0. */
	for (unsigned int spins = 0; cr8(vdev, VIRTIO_PCI_COMMON_STATUS) && spins < 1000000;
	     spins++)
		;
}

u8 virtio_get_status(struct virtio_device *vdev)
{
	return cr8(vdev, VIRTIO_PCI_COMMON_STATUS);
}

int virtio_negotiate_features(struct virtio_device *vdev, u64 wanted)
{
	u64 offered;
	u8 status;

	cw32(vdev, VIRTIO_PCI_COMMON_DFSELECT, 0);
	offered = cr32(vdev, VIRTIO_PCI_COMMON_DF);
	cw32(vdev, VIRTIO_PCI_COMMON_DFSELECT, 1);
	offered |= (u64)cr32(vdev, VIRTIO_PCI_COMMON_DF) << 32;
	vdev->features = offered & (wanted | 1ULL << VIRTIO_F_VERSION_1);
	if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1))
		return -ENODEV;
	cw32(vdev, VIRTIO_PCI_COMMON_GFSELECT, 0);
	cw32(vdev, VIRTIO_PCI_COMMON_GF, (u32)vdev->features);
	cw32(vdev, VIRTIO_PCI_COMMON_GFSELECT, 1);
	cw32(vdev, VIRTIO_PCI_COMMON_GF, (u32)(vdev->features >> 32));
	status = cr8(vdev, VIRTIO_PCI_COMMON_STATUS);
	cw8(vdev, VIRTIO_PCI_COMMON_STATUS, status | VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(cr8(vdev, VIRTIO_PCI_COMMON_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		cw8(vdev, VIRTIO_PCI_COMMON_STATUS, status | VIRTIO_CONFIG_S_FAILED);
		return -EIO;
	}
	return 0;
}

int virtqueue_setup(struct virtio_device *vdev, struct virtqueue *vq, u16 index, u16 max_num)
{
	u16 size, num;

	cw16(vdev, VIRTIO_PCI_COMMON_Q_SELECT, index);
	size = cr16(vdev, VIRTIO_PCI_COMMON_Q_SIZE);
	if (!size || index >= cr16(vdev, VIRTIO_PCI_COMMON_NUMQ))
		return -ENOENT;
	for (num = 1; num * 2 <= size && num * 2 <= max_num && num * 2 <= VIRTQUEUE_MAX_SIZE;)
		num *= 2;
	cw16(vdev, VIRTIO_PCI_COMMON_Q_MSIX, vdev->msix ? 0 : VIRTIO_MSI_NO_VECTOR);
	if (vdev->msix && cr16(vdev, VIRTIO_PCI_COMMON_Q_MSIX) != 0)
		return -EBUSY; /* the device could not take the vector */
	*vq = (struct virtqueue){ .vdev = vdev, .index = index, .num = num, .num_free = num };
	vq->event_idx = virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX);
	vq->desc = get_zeroed_page();
	vq->avail = get_zeroed_page();
	vq->used = get_zeroed_page();
	if (!vq->desc || !vq->avail || !vq->used) {
		free_page(vq->desc);
		free_page(vq->avail);
		free_page(vq->used);
		return -ENOMEM;
	}
	for (u16 i = 0; i < num; i++)
		vq->desc[i].next = i + 1;
	vq->notify = (volatile u16 *)(vdev->notify_base + cr16(vdev, VIRTIO_PCI_COMMON_Q_NOFF) *
								  vdev->notify_off_multiplier);
	cw16(vdev, VIRTIO_PCI_COMMON_Q_SIZE, num);
	cw64(vdev, VIRTIO_PCI_COMMON_Q_DESCLO, __pa(vq->desc));
	cw64(vdev, VIRTIO_PCI_COMMON_Q_AVAILLO, __pa(vq->avail));
	cw64(vdev, VIRTIO_PCI_COMMON_Q_USEDLO, __pa(vq->used));
	cw16(vdev, VIRTIO_PCI_COMMON_Q_ENABLE, 1);
	return 0;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	cw8(vdev, VIRTIO_PCI_COMMON_STATUS,
	    cr8(vdev, VIRTIO_PCI_COMMON_STATUS) | VIRTIO_CONFIG_S_DRIVER_OK);
}

void virtio_use_msix(struct virtio_device *vdev)
{
	vdev->msix = true;
	cw16(vdev, VIRTIO_PCI_COMMON_MSIX, VIRTIO_MSI_NO_VECTOR);
}

u8 virtio_isr_ack(struct virtio_device *vdev)
{
	return *vdev->isr;
}

u8 virtio_cread8(struct virtio_device *vdev, unsigned int off)
{
	return vdev->device ? vdev->device[off] : 0;
}

/* The event-index fields: used_event follows avail->ring, avail_event used->ring. */
static inline volatile u16 *vring_used_event(struct virtqueue *vq)
{
	return &vq->avail->ring[vq->num];
}

static inline volatile u16 *vring_avail_event(struct virtqueue *vq)
{
	return (volatile u16 *)&vq->used->ring[vq->num];
}

/* True when moving from old to new_idx passes event (virtio 1.0, 2.4.7.2). */
static inline bool vring_need_event(u16 event, u16 new_idx, u16 old)
{
	return (u16)(new_idx - event - 1) < (u16)(new_idx - old);
}

int virtqueue_add_buf(struct virtqueue *vq, void *buf, u32 len, bool in, void *token)
{
	u16 head = vq->free_head;
	struct vring_desc *d;

	if (!vq->num_free)
		return -ENOSPC;
	d = &vq->desc[head];
	vq->free_head = d->next;
	vq->num_free--;
	d->addr = __pa(buf);
	d->len = len;
	d->flags = in ? VRING_DESC_F_WRITE : 0;
	vq->data[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	vq->avail_idx++;
	return 0;
}

void virtqueue_notify(struct virtqueue *vq)
{
	*vq->notify = vq->index;
	vq->notified_idx = vq->kicked_idx;
	vq->notifies++;
}

/*
 * Notify the device of what is published (up to kicked_idx) if it asked.
 * The event index asks for a kick when avail_event lies in [old,
 * kicked_idx). Here old is where our last notification left the index,
 * not our last decision: a decision that read a stale avail_event (see
 * virtio_sync_device) is put right by the next one instead of being lost
 * for good. Past half the index space that window would wrap: notify,
 * which starts it again.
 */
bool virtqueue_notify_pending(struct virtqueue *vq)
{
	u16 new_idx = vq->kicked_idx, old = vq->notified_idx;
	bool notify;

	if (new_idx == old)
		return false;
	if (vq->event_idx)
		notify = (u16)(new_idx - old) >= 0x8000 ||
			 vring_need_event(READ_ONCE(*vring_avail_event(vq)), new_idx, old);
	else
		notify = !(READ_ONCE(vq->used->flags) & 1 /* VRING_USED_F_NO_NOTIFY */);
	if (notify)
		virtqueue_notify(vq);
	return notify;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	if (vq->avail_idx == vq->kicked_idx)
		return false;
	barrier(); /* descriptors and ring entries before the index */
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->kicked_idx = vq->avail_idx;
	vmb(); /* the index out before reading whether the device wants a kick */
	return virtqueue_notify_pending(vq);
}

bool virtqueue_more_used(const struct virtqueue *vq)
{
	return READ_ONCE(vq->used->idx) != vq->last_used_idx;
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_used_elem *e;
	void *token;
	u32 id;

	if (!virtqueue_more_used(vq))
		return NULL;
	barrier(); /* the entry after the index that published it */
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = e->id;
	if (id >= vq->num) {
		printk("virtio: queue %u: device used bad descriptor %u\n", vq->index, id);
		vq->last_used_idx++;
		return NULL;
	}
	*len = e->len;
	token = vq->data[id];
	vq->data[id] = NULL;
	vq->desc[id].next = vq->free_head;
	vq->free_head = (u16)id;
	vq->num_free++;
	vq->last_used_idx++;
	if (vq->event_idx && !vq->cb_disabled)
		WRITE_ONCE(*vring_used_event(vq), vq->last_used_idx);
	return token;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	vq->cb_disabled = true;
	if (vq->event_idx) /* an event index far behind: no interrupt for 2^15 entries */
		WRITE_ONCE(*vring_used_event(vq), (u16)(vq->last_used_idx - 0x8000));
	else
		vq->avail->flags |= VRING_AVAIL_F_NO_INTERRUPT;
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	vq->cb_disabled = false;
	if (vq->event_idx)
		WRITE_ONCE(*vring_used_event(vq), vq->last_used_idx);
	else
		vq->avail->flags &= ~VRING_AVAIL_F_NO_INTERRUPT;
	vmb(); /* the request out before checking for entries that beat it */
	return !virtqueue_more_used(vq);
}
