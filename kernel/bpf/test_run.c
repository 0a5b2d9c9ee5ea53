// SPDX-License-Identifier: GPL-2.0
/*
 * BPF_PROG_TEST_RUN (Linux: net/bpf/test_run.c) for XDP and socket-filter
 * programs: the program runs repeat times (at least once) on a kernel copy
 * of data_in, and the call reports the last retval, the mean ns per run
 * (duration), the packet as the program left it (data_out, truncated with
 * -ENOSPC to data_size_out when that is non-zero) and, for XDP, the
 * context (ctx_out as struct xdp_md).
 *
 * Buffers have Linux's geometry: an XDP frame is one 4 KiB page with 256
 * bytes of headroom (minus any metadata) and 320 of tailroom, so at most
 * 3520 bytes of packet; a socket filter's skb has 64 bytes of headroom, so
 * at most 3712. The device a test packet arrives on is lo (ifindex 1, one
 * rx queue), as in Linux's test runs. With BPF_F_TEST_XDP_LIVE_FRAMES the
 * frames are real: page-pool frames on a port of kernel/net, each verdict
 * carried out (XDP_TX leaves by the wire).
 */
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/filter.h>
#include <bpfkern/net.h>
#include <bpfkern/xdp.h>
#include <string.h>

#define TEST_PAGE_SIZE 4096
#define NET_SKB_PAD 64
#define SKB_SHINFO_SIZE XDP_SKB_SHARED_INFO_SIZE
#define U32_MAX 0xffffffffu
/* Live frames (BPF_F_TEST_XDP_LIVE_FRAMES): Linux's default and largest batch. */
#define NAPI_POLL_WEIGHT 64

static struct net_device loopback_dev = { .ifindex = 1, .name = "lo" };
static struct xdp_rxq_info loopback_rxq = { .dev = &loopback_dev, .queue_index = 0 };

static inline void __user *u64_to_uptr(u64 v)
{
	return (void __user *)(unsigned long)v;
}

/*
 * Linux's bpf_test_init: a zeroed buffer of headroom + size + tailroom with
 * user_size bytes of data_in after the headroom. ERR_PTR(-EINVAL) for a
 * packet shorter than an Ethernet header or longer than a page allows,
 * -ENOMEM, -EFAULT.
 */
static u8 *bpf_test_init(const union bpf_attr *kattr, u32 user_size, u32 size, u32 headroom,
			 u32 tailroom)
{
	u8 *data;

	if (user_size < ETH_HLEN || user_size > TEST_PAGE_SIZE - headroom - tailroom)
		return ERR_PTR(-EINVAL);
	data = kzalloc(headroom + size + tailroom, GFP_KERNEL);
	if (!data)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(data + headroom, u64_to_uptr(kattr->test.data_in), user_size)) {
		kfree(data);
		return ERR_PTR(-EFAULT);
	}
	return data;
}

/*
 * Linux's bpf_ctx_init: the user's context (ctx_in, at most max_size bytes
 * read, anything longer must be zero) in a zeroed kernel copy; NULL when the
 * user passed neither ctx_in nor ctx_out. ERR_PTR -E2BIG, -EFAULT, -ENOMEM.
 */
static void *bpf_ctx_init(const union bpf_attr *kattr, u32 max_size)
{
	u32 size = kattr->test.ctx_size_in;
	void *data;
	int err;

	if (!kattr->test.ctx_in && !kattr->test.ctx_out)
		return NULL;
	data = kzalloc(max_size, GFP_KERNEL);
	if (!data)
		return ERR_PTR(-ENOMEM);
	if (kattr->test.ctx_in) {
		err = bpf_check_uarg_tail_zero(USER_BPFPTR(u64_to_uptr(kattr->test.ctx_in)),
					       max_size, size);
		if (!err && copy_from_user(data, u64_to_uptr(kattr->test.ctx_in),
					   size < max_size ? size : max_size))
			err = -EFAULT;
		if (err) {
			kfree(data);
			return ERR_PTR(err);
		}
	}
	return data;
}

/* Runs prog repeat times (0 counts as 1) on ctx: *retval the last r0, *duration mean ns. */
static void bpf_test_run(struct bpf_prog *prog, void *ctx, u32 repeat, u32 *retval, u32 *duration)
{
	u64 t0, ns;
	u32 i;

	if (!repeat)
		repeat = 1;
	t0 = ktime_get_ns();
	for (i = 0; i < repeat; i++)
		*retval = (u32)bpf_prog_run(prog, ctx);
	ns = ktime_get_ns() - t0;
	bpf_prog_stats_add(prog, repeat, ns);
	ns /= repeat;
	*duration = ns > U32_MAX ? U32_MAX : (u32)ns;
}

/*
 * Linux's bpf_test_finish: data[0 .. size) to data_out (cut to a non-zero
 * data_size_out, then -ENOSPC), and data_size_out, retval, duration back
 * into the user's attr. 0, -ENOSPC or -EFAULT.
 */
static int bpf_test_finish(const union bpf_attr *kattr, union bpf_attr __user *uattr,
			   const void *data, u32 size, u32 retval, u32 duration)
{
	u32 copy_size = size;
	int err = 0;

	if (kattr->test.data_size_out && copy_size > kattr->test.data_size_out) {
		copy_size = kattr->test.data_size_out;
		err = -ENOSPC;
	}
	if (kattr->test.data_out &&
	    copy_to_user(u64_to_uptr(kattr->test.data_out), data, copy_size))
		return -EFAULT;
	if (copy_to_user(&uattr->test.data_size_out, &size, sizeof(size)) ||
	    copy_to_user(&uattr->test.retval, &retval, sizeof(retval)) ||
	    copy_to_user(&uattr->test.duration, &duration, sizeof(duration)))
		return -EFAULT;
	return err;
}

/* Linux's bpf_ctx_finish: the context back to ctx_out (cut to ctx_size_out: -ENOSPC). */
static int bpf_ctx_finish(const union bpf_attr *kattr, union bpf_attr __user *uattr,
			  const void *data, u32 size)
{
	u32 copy_size = size;
	int err = 0;

	if (!data || !kattr->test.ctx_out)
		return 0;
	if (copy_size > kattr->test.ctx_size_out) {
		copy_size = kattr->test.ctx_size_out;
		err = -ENOSPC;
	}
	if (copy_to_user(u64_to_uptr(kattr->test.ctx_out), data, copy_size) ||
	    copy_to_user(&uattr->test.ctx_size_out, &size, sizeof(size)))
		return -EFAULT;
	return err;
}

/*
 * Linux's xdp_convert_md_to_buff: the user's xdp_md picks the metadata and
 * the receiving queue. -EINVAL for an egress ifindex or a queue without a
 * device, -ENODEV for a device other than lo, -EINVAL for a queue lo lacks.
 * Live frames (*live_port set) may name any port (0: ifindex 1, where
 * Linux would take lo) and run on its only queue.
 */
static int xdp_convert_md_to_buff(const struct xdp_md *md, struct xdp_buff *xdp,
				  struct net_port **live_port)
{
	u32 ifindex = md ? md->ingress_ifindex : 0;

	if (md && md->egress_ifindex)
		return -EINVAL;
	if (md && !md->ingress_ifindex && md->rx_queue_index)
		return -EINVAL;
	if (live_port) {
		*live_port = net_port_get_by_index(ifindex ? ifindex : loopback_dev.ifindex);
		if (!*live_port)
			return -ENODEV;
	} else if (ifindex && ifindex != loopback_dev.ifindex) {
		return -ENODEV;
	}
	if (!md)
		return 0;
	if (md->rx_queue_index)
		return -EINVAL; /* lo, and every port, has one queue */
	xdp->data = (u8 *)xdp->data_meta + md->data;
	return 0;
}

/* Validates the user's xdp_md against the packet: 0 or -EINVAL (Linux's rules). */
static int xdp_md_check(const struct xdp_md *md, const union bpf_attr *kattr, bool live)
{
	if (!md)
		return 0;
	/* No user data before the metadata; data within the packet. */
	if (md->data_meta || md->data_end > kattr->test.data_size_in || md->data > md->data_end)
		return -EINVAL;
	if (md->data > XDP_META_MAX || (md->data & 3))
		return -EINVAL; /* Linux's xdp_metalen_invalid */
	if (live && (kattr->test.data_out || kattr->test.ctx_out))
		return -EINVAL; /* Linux checks this only when a context is given */
	return 0;
}

/*
 * BPF_F_TEST_XDP_LIVE_FRAMES: repeat runs on page-pool frames of the port,
 * each verdict carried out (kernel/net/core.c, xdp_test_run_live). As on
 * Linux, a page gets the frame in xdp (the kernel copy of data_in) copied
 * in once per test run, when the run first takes it; when the run takes
 * it again only its pointers are reset, so a program that writes into the
 * packet sees its own writes on a recycled page. retval stays 0, as on
 * Linux; *duration is the mean ns per frame.
 */
static int bpf_test_run_xdp_live(struct bpf_prog *prog, struct xdp_buff *xdp, struct net_port *port,
				 u32 repeat, u32 batch_size, u32 *duration)
{
	u32 meta_len = (u32)((u8 *)xdp->data - (u8 *)xdp->data_meta);
	u32 len = (u32)((u8 *)xdp->data_end - (u8 *)xdp->data);
	u64 ns;
	int err;

	if (!repeat)
		repeat = 1;
	err = xdp_test_run_live(prog, port, xdp->data_meta, meta_len, len, repeat, batch_size, &ns);
	if (err)
		return err;
	bpf_prog_stats_add(prog, repeat, ns);
	ns /= repeat;
	*duration = ns > U32_MAX ? U32_MAX : (u32)ns;
	return 0;
}

int bpf_prog_test_run_xdp(struct bpf_prog *prog, const union bpf_attr *kattr,
			  union bpf_attr __user *uattr)
{
	u32 headroom = XDP_PACKET_HEADROOM, max_linear, linear = kattr->test.data_size_in;
	bool live = kattr->test.flags & BPF_F_TEST_XDP_LIVE_FRAMES;
	u32 retval = 0, duration = 0, batch_size = kattr->test.batch_size;
	struct net_port *port = NULL;
	struct xdp_md *md;
	struct xdp_buff xdp;
	u8 *data;
	int ret;

	if (kattr->test.flags & ~BPF_F_TEST_XDP_LIVE_FRAMES)
		return -EINVAL;
	if (live) {
		if (!batch_size)
			batch_size = NAPI_POLL_WEIGHT;
		else if (batch_size > TEST_XDP_MAX_BATCH)
			return -E2BIG;
		headroom += XDP_PAGE_HEAD_SIZE; /* live frames: less room for the packet */
	} else if (batch_size) {
		return -EINVAL;
	}
	md = bpf_ctx_init(kattr, sizeof(*md));
	if (IS_ERR(md))
		return (int)PTR_ERR(md);
	ret = xdp_md_check(md, kattr, live);
	if (ret)
		goto free_ctx;
	if (md) {
		headroom -= md->data; /* the metadata comes out of the headroom */
		linear = md->data_end;
	}
	max_linear = TEST_PAGE_SIZE - headroom - SKB_SHINFO_SIZE;
	linear = linear < max_linear ? linear : max_linear;
	ret = -EINVAL; /* longer than one buffer: needs frags (never live) */
	if (kattr->test.data_size_in > linear)
		goto free_ctx;
	data = bpf_test_init(kattr, linear, max_linear, headroom, SKB_SHINFO_SIZE);
	ret = (int)PTR_ERR(data);
	if (IS_ERR(data))
		goto free_ctx;
	xdp_prepare_buff(&xdp, data, TEST_PAGE_SIZE, headroom, linear, &loopback_rxq);
	ret = xdp_convert_md_to_buff(md, &xdp, live ? &port : NULL);
	if (ret)
		goto free_data;
	if (live)
		ret = bpf_test_run_xdp_live(prog, &xdp, port, kattr->test.repeat, batch_size,
					    &duration);
	else
		bpf_test_run(prog, &xdp, kattr->test.repeat, &retval, &duration);
	if (ret)
		goto free_data;
	if (md) {
		md->data = (u32)((u8 *)xdp.data - (u8 *)xdp.data_meta);
		md->data_end = (u32)((u8 *)xdp.data_end - (u8 *)xdp.data_meta);
	}
	ret = bpf_test_finish(kattr, uattr, xdp.data_meta,
			      (u32)((u8 *)xdp.data_end - (u8 *)xdp.data_meta), retval, duration);
	if (!ret)
		ret = bpf_ctx_finish(kattr, uattr, md, sizeof(*md));
free_data:
	kfree(data);
free_ctx:
	kfree(md);
	return ret;
}

#define offsetofend(T, m) (offsetof(T, m) + sizeof(((T *)0)->m))
#define GSO_LEGACY_MAX_SIZE 65536u
#define GSO_MAX_SEGS 65535u

/* Whether bytes [from, to) of ctx are zero. */
static bool range_is_zero(const void *ctx, size_t from, size_t to)
{
	const u8 *p = ctx;

	for (; from < to; from++)
		if (p[from])
			return false;
	return true;
}

/*
 * Linux's convert___skb_to_skb: only mark, priority, ingress_ifindex,
 * ifindex, cb, tstamp, wire_len, gso_segs, gso_size and hwtstamp may be
 * set (-EINVAL otherwise); wire_len, when set, lies between the packet's
 * length (past the Ethernet header) and 64 KiB. bpfkern's sk_buff keeps mark, priority, the ingress
 * ifindex and cb; the other allowed fields are checked and come back as
 * the test passed them.
 */
static int convert___skb_to_skb(struct sk_buff *skb, const struct __sk_buff *ctx)
{
	typedef struct __sk_buff S;

	if (!ctx)
		return 0;
	if (!range_is_zero(ctx, 0, offsetof(S, mark)) ||
	    !range_is_zero(ctx, offsetofend(S, mark), offsetof(S, priority)) ||
	    !range_is_zero(ctx, offsetofend(S, ifindex), offsetof(S, cb)) ||
	    !range_is_zero(ctx, offsetofend(S, cb), offsetof(S, tstamp)) ||
	    !range_is_zero(ctx, offsetofend(S, gso_segs), offsetof(S, gso_size)) ||
	    !range_is_zero(ctx, offsetofend(S, gso_size), offsetof(S, hwtstamp)) ||
	    !range_is_zero(ctx, offsetofend(S, hwtstamp), sizeof(S)))
		return -EINVAL;
	if (ctx->wire_len && (ctx->wire_len < skb->len || ctx->wire_len > GSO_LEGACY_MAX_SIZE))
		return -EINVAL;
	if (ctx->gso_segs > GSO_MAX_SEGS)
		return -EINVAL;
	skb->mark = ctx->mark;
	skb->priority = ctx->priority;
	skb->skb_iif = ctx->ingress_ifindex;
	memcpy(skb->cb, ctx->cb, sizeof(skb->cb));
	return 0;
}

/* Linux's convert_skb_to___skb: what the program may have changed, back into ctx. */
static void convert_skb_to___skb(const struct sk_buff *skb, struct __sk_buff *ctx)
{
	if (!ctx)
		return;
	ctx->mark = skb->mark;
	ctx->priority = skb->priority;
	ctx->ingress_ifindex = skb->skb_iif;
	ctx->ifindex = skb->ifindex;
	memcpy(ctx->cb, skb->cb, sizeof(ctx->cb));
	if (!ctx->wire_len)
		ctx->wire_len = skb->len; /* past the Ethernet header, as Linux's pkt_len */
}

int bpf_prog_test_run_skb(struct bpf_prog *prog, const union bpf_attr *kattr,
			  union bpf_attr __user *uattr)
{
	u32 size = kattr->test.data_size_in, retval = 0, duration = 0;
	struct __sk_buff *ctx;
	struct sk_buff skb;
	u8 *data;
	int ret;

	if ((kattr->test.flags & ~BPF_F_TEST_SKB_CHECKSUM_COMPLETE) || kattr->test.cpu ||
	    kattr->test.batch_size)
		return -EINVAL;
	if (size < ETH_HLEN)
		return -EINVAL;
	data = bpf_test_init(kattr, size, size, NET_SKB_PAD, SKB_SHINFO_SIZE);
	if (IS_ERR(data))
		return (int)PTR_ERR(data);
	ctx = bpf_ctx_init(kattr, sizeof(*ctx));
	ret = (int)PTR_ERR(ctx);
	if (IS_ERR(ctx))
		goto free_data;
	ret = -ENODEV; /* the only device is lo, ifindex 1 */
	if (ctx && ctx->ifindex > 1)
		goto free_ctx;
	ret = bpf_skb_init_test(&skb, data + NET_SKB_PAD, size);
	ret = ret ?: convert___skb_to_skb(&skb, ctx);
	if (ret)
		goto free_ctx;
	bpf_test_run(prog, &skb, kattr->test.repeat, &retval, &duration);
	/* Linux pushes the Ethernet header back, zeroed, before copying out. */
	memset(data + NET_SKB_PAD, 0, ETH_HLEN);
	convert_skb_to___skb(&skb, ctx);
	ret = bpf_test_finish(kattr, uattr, data + NET_SKB_PAD, size, retval, duration);
	if (!ret)
		ret = bpf_ctx_finish(kattr, uattr, ctx, sizeof(*ctx));
free_ctx:
	kfree(ctx);
free_data:
	kfree(data);
	return ret;
}
