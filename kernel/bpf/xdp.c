// SPDX-License-Identifier: GPL-2.0
/*
 * XDP programs' context and helpers (Linux: net/core/filter.c, the xdp_*
 * functions, and include/net/xdp.h). A program reads struct xdp_md; every
 * such read becomes one or more loads from struct xdp_buff
 * (xdp_convert_ctx_access), so at run time r1 points at the xdp_buff.
 */
#include <bpfkern/xdp.h>
#include <bpfkern/filter.h>

void xdp_prepare_buff(struct xdp_buff *xdp, u8 *hard_start, u32 frame_sz, u32 headroom, u32 len,
		      struct xdp_rxq_info *rxq)
{
	xdp->data_hard_start = hard_start;
	xdp->data = hard_start + headroom;
	xdp->data_meta = xdp->data;
	xdp->data_end = (u8 *)xdp->data + len;
	xdp->frame_sz = frame_sz;
	xdp->rxq = rxq;
	xdp->txq = NULL;
	xdp->flags = 0;
}

static inline struct xdp_buff *helper_xdp(u64 r)
{
	return (struct xdp_buff *)(uintptr_t)r;
}

/* Where the headroom usable by the packet and its metadata starts. */
static inline u8 *xdp_frame_end(const struct xdp_buff *xdp)
{
	return (u8 *)xdp->data_hard_start + XDP_FRAME_SIZE;
}

/* Where the packet may end at the latest: the frame minus Linux's shared-info tailroom. */
static inline u8 *xdp_data_hard_end(const struct xdp_buff *xdp)
{
	return (u8 *)xdp->data_hard_start + xdp->frame_sz - XDP_SKB_SHARED_INFO_SIZE;
}

/*
 * long bpf_xdp_adjust_head(xdp, delta): moves data by delta (negative grows
 * the packet at the front), carrying the metadata along. -EINVAL if the
 * packet would be shorter than an Ethernet header or eat into the frame
 * header; the buffer is then unchanged.
 */
u64 bpf_xdp_adjust_head(u64 ctx, u64 offset, u64 r3, u64 r4, u64 r5)
{
	struct xdp_buff *xdp = helper_xdp(ctx);
	long delta = (s32)offset;
	u64 metalen = (u8 *)xdp->data - (u8 *)xdp->data_meta;
	u8 *data = (u8 *)xdp->data + delta;

	if (data < xdp_frame_end(xdp) + metalen || data > (u8 *)xdp->data_end - ETH_HLEN)
		return (u64)-EINVAL;
	if (metalen)
		__builtin_memmove((u8 *)xdp->data_meta + delta, xdp->data_meta, metalen);
	xdp->data_meta = (u8 *)xdp->data_meta + delta;
	xdp->data = data;
	return 0;
}

/*
 * long bpf_xdp_adjust_meta(xdp, delta): moves data_meta by delta (negative
 * makes room for metadata). The metadata must stay a multiple of 4 bytes,
 * at most XDP_META_MAX (-EACCES), between the frame header and data (-EINVAL).
 */
u64 bpf_xdp_adjust_meta(u64 ctx, u64 offset, u64 r3, u64 r4, u64 r5)
{
	struct xdp_buff *xdp = helper_xdp(ctx);
	u8 *meta = (u8 *)xdp->data_meta + (s32)offset;
	long metalen = (u8 *)xdp->data - meta;

	if (meta < xdp_frame_end(xdp) || meta > (u8 *)xdp->data)
		return (u64)-EINVAL;
	if ((metalen & 3) || metalen > XDP_META_MAX)
		return (u64)-EACCES;
	xdp->data_meta = meta;
	return 0;
}

/*
 * long bpf_xdp_adjust_tail(xdp, delta): moves data_end by delta. Growing
 * zeroes the new bytes; the packet keeps at least an Ethernet header and
 * ends before Linux's tailroom (-EINVAL otherwise).
 */
u64 bpf_xdp_adjust_tail(u64 ctx, u64 offset, u64 r3, u64 r4, u64 r5)
{
	struct xdp_buff *xdp = helper_xdp(ctx);
	long delta = (s32)offset;
	u8 *data_end = (u8 *)xdp->data_end + delta;

	if (data_end > xdp_data_hard_end(xdp) || data_end < (u8 *)xdp->data + ETH_HLEN)
		return (u64)-EINVAL;
	if (delta > 0)
		__builtin_memset(xdp->data_end, 0, delta);
	xdp->data_end = data_end;
	return 0;
}

/* Linux's xdp_is_valid_access: aligned 4-byte reads of xdp_md; egress_ifindex is devmap-only. */
static bool xdp_is_valid_access(int off, int size, enum bpf_access_type type)
{
	if (type == BPF_WRITE)
		return false;
	if (off < 0 || off >= (int)sizeof(struct xdp_md) || size != sizeof(u32) || off % size)
		return false;
	return off != offsetof(struct xdp_md, egress_ifindex);
}

/* Loads the pointer field FIELD of TYPE at SRC + its offset into DST. */
#define LDX_PTR(TYPE, FIELD, DST, SRC) BPF_LDX_MEM(BPF_DW, DST, SRC, offsetof(TYPE, FIELD))

/* Linux's xdp_convert_ctx_access: one xdp_md read into loads from xdp_buff. */
static u32 xdp_convert_ctx_access(enum bpf_access_type type, const struct bpf_insn *si,
				  struct bpf_insn *insn_buf)
{
	struct bpf_insn *insn = insn_buf;
	u8 dst = si->dst_reg, src = si->src_reg;

	switch (si->off) {
	case offsetof(struct xdp_md, data):
		*insn++ = LDX_PTR(struct xdp_buff, data, dst, src);
		break;
	case offsetof(struct xdp_md, data_end):
		*insn++ = LDX_PTR(struct xdp_buff, data_end, dst, src);
		break;
	case offsetof(struct xdp_md, data_meta):
		*insn++ = LDX_PTR(struct xdp_buff, data_meta, dst, src);
		break;
	case offsetof(struct xdp_md, ingress_ifindex):
		*insn++ = LDX_PTR(struct xdp_buff, rxq, dst, src);
		*insn++ = LDX_PTR(struct xdp_rxq_info, dev, dst, dst);
		*insn++ = BPF_LDX_MEM(BPF_W, dst, dst, offsetof(struct net_device, ifindex));
		break;
	case offsetof(struct xdp_md, rx_queue_index):
		*insn++ = LDX_PTR(struct xdp_buff, rxq, dst, src);
		*insn++ = BPF_LDX_MEM(BPF_W, dst, dst, offsetof(struct xdp_rxq_info, queue_index));
		break;
	case offsetof(struct xdp_md, egress_ifindex):
		*insn++ = LDX_PTR(struct xdp_buff, txq, dst, src);
		*insn++ = LDX_PTR(struct xdp_txq_info, dev, dst, dst);
		*insn++ = BPF_LDX_MEM(BPF_W, dst, dst, offsetof(struct net_device, ifindex));
		break;
	}
	return insn - insn_buf;
}

const struct bpf_verifier_ops xdp_verifier_ops = {
	.is_valid_access = xdp_is_valid_access,
	.convert_ctx_access = xdp_convert_ctx_access,
};
