/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XDP: the buffer an XDP program runs on (Linux: include/net/xdp.h) and the
 * XDP helpers. A program sees struct xdp_md (include/uapi/linux/bpf.h); the
 * load path rewrites its field reads into reads of struct xdp_buff
 * (kernel/bpf/xdp.c, as Linux's xdp_convert_ctx_access).
 */
#ifndef BPFKERN_XDP_H
#define BPFKERN_XDP_H

#include <bpfkern/bpf.h>

/* Bytes kept free in front of every XDP packet (Linux: XDP_PACKET_HEADROOM). */
#define XDP_PACKET_HEADROOM 256
/* Room a struct xdp_frame takes at the start of the headroom on Linux/x86-64. */
#define XDP_FRAME_SIZE 40
/* Tailroom Linux keeps for struct skb_shared_info: SKB_DATA_ALIGN(sizeof(...)) on x86-64. */
#define XDP_SKB_SHARED_INFO_SIZE 320
/*
 * Most metadata bytes in front of the packet (xdp_metalen_invalid): the
 * range of skb_shared_info's u8 meta_len in Linux 6.18 (it was 32 before);
 * tests/diff found adjust_meta(-36) succeeding on the host's Linux.
 */
#define XDP_META_MAX 255
#define ETH_HLEN 14

/*
 * The device view XDP needs: which interface a packet came in on. kernel/net
 * embeds or extends it; the ctx conversion reads only ifindex.
 */
struct net_device {
	u32 ifindex;
	char name[16];
};

struct xdp_rxq_info {
	struct net_device *dev;
	u32 queue_index;
};

struct xdp_txq_info {
	struct net_device *dev;
};

/*
 * One packet as an XDP program sees it: data_hard_start .. data_meta ..
 * data .. data_end within a frame of frame_sz bytes that starts at
 * data_hard_start. Helpers move data, data_meta and data_end.
 */
struct xdp_buff {
	void *data;
	void *data_end;
	void *data_meta;
	void *data_hard_start;
	struct xdp_rxq_info *rxq;
	struct xdp_txq_info *txq;
	u32 frame_sz;
	u32 flags;
};

/* Sets up xdp over a frame: headroom bytes before the packet of len bytes, meta empty. */
void xdp_prepare_buff(struct xdp_buff *xdp, u8 *hard_start, u32 frame_sz, u32 headroom, u32 len,
		      struct xdp_rxq_info *rxq);

/* XDP helpers (helper ids BPF_FUNC_xdp_adjust_head / _meta / _tail). */
u64 bpf_xdp_adjust_head(u64 xdp, u64 offset, u64 r3, u64 r4, u64 r5);
u64 bpf_xdp_adjust_meta(u64 xdp, u64 offset, u64 r3, u64 r4, u64 r5);
u64 bpf_xdp_adjust_tail(u64 xdp, u64 offset, u64 r3, u64 r4, u64 r5);

#endif
