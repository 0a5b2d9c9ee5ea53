/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio 1.0 over PCI, modern transport only (drivers/virtio.c): the
 * device's common, notify, ISR and device-specific configuration found
 * through its vendor capabilities; the status handshake and feature
 * negotiation; split virtqueues with the event index (used_event /
 * avail_event) for notification suppression. Every buffer is one
 * descriptor (no chains): what virtio-net needs with VERSION_1.
 * Names follow Linux's include/linux/virtio*.h.
 */
#ifndef BPFKERN_VIRTIO_H
#define BPFKERN_VIRTIO_H

#include <bpfkern/types.h>

struct pci_dev;

/* Device status bits. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER 2
#define VIRTIO_CONFIG_S_DRIVER_OK 4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40
#define VIRTIO_CONFIG_S_FAILED 0x80

/* Transport feature bits. */
#define VIRTIO_RING_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32

/* Split ring layout (virtio 1.0, 2.6). */
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define VRING_AVAIL_F_NO_INTERRUPT 1

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[]; /* num entries, then used_event */
};

struct vring_used_elem {
	u32 id;
	u32 len;
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[]; /* num entries, then avail_event */
};

/* Most entries a queue gets (each ring part then fits one page). */
#define VIRTQUEUE_MAX_SIZE 256

/* One split virtqueue, driver side. */
struct virtqueue {
	struct virtio_device *vdev;
	u16 index;
	u16 num; /* entries, a power of two */
	u16 num_free;
	u16 free_head; /* free descriptors are chained through desc.next */
	u16 avail_idx; /* our copy of avail->idx */
	u16 last_used_idx; /* next used entry to consume */
	u16 kicked_idx; /* avail_idx at the last notification decision */
	u16 notified_idx; /* avail_idx at the last notification written */
	u64 notifies; /* kicks written to the notify register (each costs the emulator) */
	bool event_idx;
	bool cb_disabled;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	volatile u16 *notify; /* where a write of index notifies the device */
	void *data[VIRTQUEUE_MAX_SIZE]; /* the caller's token per descriptor */
};

/* A virtio device on PCI, as found by virtio_pci_probe. */
struct virtio_device {
	struct pci_dev *pci;
	volatile u8 *common; /* struct virtio_pci_common_cfg */
	volatile u8 *isr;
	volatile u8 *device; /* device-specific configuration */
	volatile u8 *notify_base;
	u32 notify_off_multiplier;
	u64 features; /* negotiated */
	bool msix; /* queues signal MSI-X table entry 0 (virtio_use_msix), not INTx */
};

/*
 * Find the capabilities of a modern virtio PCI function, map them, enable
 * the function (decode, bus master), reset the device and set ACKNOWLEDGE
 * and DRIVER. -ENODEV when a capability is missing (a legacy-only device),
 * -ENOMEM when a mapping fails.
 */
int virtio_pci_probe(struct virtio_device *vdev, struct pci_dev *pci);
/*
 * Accept the device's features that are in wanted; VIRTIO_F_VERSION_1 is
 * required. Sets FEATURES_OK and checks the device kept it: 0, -ENODEV
 * (no VERSION_1) or -EIO (refused).
 */
int virtio_negotiate_features(struct virtio_device *vdev, u64 wanted);
static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return vdev->features & (1ULL << bit);
}
/*
 * Set up queue index with at most max_num entries (pages for its rings),
 * enabled. 0, -ENOENT (no such queue), -ENOMEM, -EBUSY (MSI-X on and the
 * device refused the vector). Before virtio_device_ready.
 */
int virtqueue_setup(struct virtio_device *vdev, struct virtqueue *vq, u16 index, u16 max_num);
/* DRIVER_OK: the device may use the queues now. */
void virtio_device_ready(struct virtio_device *vdev);
/* Write 0 to status: the device stops and forgets the queues. */
void virtio_reset_device(struct virtio_device *vdev);
u8 virtio_get_status(struct virtio_device *vdev);
/*
 * Have every queue set up from now on signal MSI-X table entry 0 (the
 * caller enabled it: pci_msix_enable) and configuration changes signal
 * nothing. The ISR register is then not read: an MSI needs no
 * acknowledgement on the device.
 */
void virtio_use_msix(struct virtio_device *vdev);
/* Read (and so acknowledge) the ISR status: bit 0 a queue, bit 1 a config change. */
u8 virtio_isr_ack(struct virtio_device *vdev);
/* Byte i of the device-specific configuration. */
u8 virtio_cread8(struct virtio_device *vdev, unsigned int off);

/*
 * Expose one buffer [buf, buf+len) (a direct-map address) to the device,
 * device-writable if in; token comes back from virtqueue_get_buf.
 * -ENOSPC when the ring is full. The device sees it after virtqueue_kick.
 */
int virtqueue_add_buf(struct virtqueue *vq, void *buf, u32 len, bool in, void *token);
/*
 * Publish the added buffers and notify the device if it asked for it
 * (avail_event, or no NO_NOTIFY flag without the event index). Returns
 * whether a notification was sent.
 */
bool virtqueue_kick(struct virtqueue *vq);
/* Notify the device of what virtqueue_kick published, whether or not it asked. */
void virtqueue_notify(struct virtqueue *vq);
/*
 * Notify the device if it asked to hear of what virtqueue_kick already
 * published and no notification has told it yet (an earlier decision
 * read a stale avail_event). After virtio_sync_device(), before sleeping.
 * True if it notified.
 */
bool virtqueue_notify_pending(struct virtqueue *vq);
/*
 * Every store the driver made before (indices, event indices) is where
 * the device sees it when this returns, and what it reads next is no
 * older than the call: the barrier for the handshakes, which vmb() is not
 * under QEMU's TCG (drivers/virtio.c). Costly there (the emulator's lock):
 * once before sleeping, not per kick.
 */
void virtio_sync_device(struct virtio_device *vdev);
/* The token of the next buffer the device used (*len: bytes it wrote), or NULL. */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);
/* Whether a used buffer is waiting. */
bool virtqueue_more_used(const struct virtqueue *vq);
/* Ask the device not to interrupt for this queue (best effort). */
void virtqueue_disable_cb(struct virtqueue *vq);
/*
 * Ask for an interrupt at the next used buffer. Returns false if buffers
 * were used meanwhile (the caller must poll again: no interrupt will come
 * for them). True is sure only after virtio_sync_device() and a second
 * look (virtqueue_more_used).
 */
bool virtqueue_enable_cb(struct virtqueue *vq);

#endif
