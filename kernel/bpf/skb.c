// SPDX-License-Identifier: GPL-2.0
/*
 * Socket filters' context (Linux: net/core/filter.c, the sk_filter_* and
 * bpf_convert_ctx_access parts): the minimal struct sk_buff, the legacy
 * LD_ABS/LD_IND packet access, and the rewrite of __sk_buff field accesses
 * into struct sk_buff accesses. At run time r1 points at the sk_buff.
 */
#include <bpfkern/filter.h>

/* Linux's ETH_P_* and PACKET_HOST as the test run sets them. */
#define SKB_ETH_HLEN 14
#define PACKET_HOST 0
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3

const u8 *bpf_skb_load_pointer(const struct sk_buff *skb, s32 k, u32 size)
{
	const u8 *start = skb->head, *end = skb->data + skb->len;
	const u8 *ptr;

	if (k >= 0)
		ptr = skb->data + k;
	else if (k >= SKF_NET_OFF)
		ptr = skb->head + skb->network_header + (k - SKF_NET_OFF);
	else if (k >= SKF_LL_OFF)
		ptr = skb->head + skb->mac_header + (k - SKF_LL_OFF);
	else
		return NULL;
	if (k >= 0 ? (u64)k + size > skb->len : ptr < start || ptr + size > end)
		return NULL;
	return ptr;
}

u64 bpf_skb_load_bytes(u64 ctx, u64 offset, u64 to, u64 len, u64 r5)
{
	const struct sk_buff *skb = (const struct sk_buff *)(uintptr_t)ctx;
	u8 *dst = (u8 *)(uintptr_t)to;

	(void)r5;
	/* the verifier bounds len to (0, value range]; offset is any u32 */
	if (offset > 0x7fffffff || (u32)offset + (u64)(u32)len > skb->len) {
		__builtin_memset(dst, 0, (u32)len);
		return (u64)-EFAULT;
	}
	__builtin_memcpy(dst, skb->data + (u32)offset, (u32)len);
	return 0;
}

/*
 * Linux's eth_type_trans for a frame arriving on lo, whose MAC and broadcast
 * address are both all zero: zero is ours, anything with the group bit
 * multicast (ff:ff:ff:ff:ff:ff included), the rest someone else's.
 */
static u8 eth_pkt_type(const u8 *dest)
{
	static const u8 zero[6];

	if (!__builtin_memcmp(dest, zero, 6))
		return PACKET_HOST;
	return (dest[0] & 1) ? PACKET_MULTICAST : PACKET_OTHERHOST;
}

/* The shortest frame Linux's test run takes for an ethertype (it reads the IP header). */
static u32 eth_min_len(u16 proto_be)
{
	switch (proto_be) {
	case 0x0008: /* ETH_P_IP */
		return SKB_ETH_HLEN + 20;
	case 0xdd86: /* ETH_P_IPV6 */
		return SKB_ETH_HLEN + 40;
	default:
		return SKB_ETH_HLEN;
	}
}

int bpf_skb_init_test(struct sk_buff *skb, u8 *pkt, u32 len)
{
	__builtin_memset(skb, 0, sizeof(*skb));
	if (len < SKB_ETH_HLEN)
		return -EINVAL;
	__builtin_memcpy(&skb->protocol, pkt + 12, sizeof(skb->protocol));
	if (len < eth_min_len(skb->protocol))
		return -EINVAL;
	skb->head = pkt;
	skb->mac_header = 0;
	skb->network_header = SKB_ETH_HLEN;
	skb->pkt_type = eth_pkt_type(pkt);
	skb->ifindex = 1; /* lo, as Linux's test run */
	skb->skb_iif = 0; /* Linux reports ingress_ifindex 0 */
	/* eth_type_trans: the link-layer header is pulled off */
	skb->data = pkt + SKB_ETH_HLEN;
	skb->len = len - SKB_ETH_HLEN;
	skb->data_end = skb->data + skb->len;
	return 0;
}

/* Where a __sk_buff field lives in struct sk_buff, and how wide it is there. */
struct skb_field {
	u16 sk_off;
	u8 size; /* BPF_B, BPF_H, BPF_W or BPF_DW */
	bool ok;
};

#define SKB_FIELD(f, sz) ((struct skb_field){ offsetof(struct sk_buff, f), sz, true })

/* The sk_buff field behind the __sk_buff field at off (a 4-byte aligned offset). */
static struct skb_field skb_field_of(int off)
{
	if (off >= (int)offsetof(struct __sk_buff, cb[0]) &&
	    off < (int)offsetof(struct __sk_buff, cb[5]))
		return (struct skb_field){ offsetof(struct sk_buff, cb) + off -
						   offsetof(struct __sk_buff, cb[0]),
					   BPF_W, true };
	switch (off) {
	case offsetof(struct __sk_buff, len):
		return SKB_FIELD(len, BPF_W);
	case offsetof(struct __sk_buff, pkt_type):
		return SKB_FIELD(pkt_type, BPF_B);
	case offsetof(struct __sk_buff, mark):
		return SKB_FIELD(mark, BPF_W);
	case offsetof(struct __sk_buff, queue_mapping):
		return SKB_FIELD(queue_mapping, BPF_H);
	case offsetof(struct __sk_buff, protocol):
		return SKB_FIELD(protocol, BPF_H);
	case offsetof(struct __sk_buff, vlan_tci):
		return SKB_FIELD(vlan_tci, BPF_H);
	case offsetof(struct __sk_buff, vlan_proto):
		return SKB_FIELD(vlan_proto, BPF_H);
	case offsetof(struct __sk_buff, priority):
		return SKB_FIELD(priority, BPF_W);
	case offsetof(struct __sk_buff, ingress_ifindex):
		return SKB_FIELD(skb_iif, BPF_W);
	case offsetof(struct __sk_buff, ifindex):
		return SKB_FIELD(ifindex, BPF_W);
	case offsetof(struct __sk_buff, hash):
		return SKB_FIELD(hash, BPF_W);
	case offsetof(struct __sk_buff, data):
		return SKB_FIELD(data, BPF_DW);
	case offsetof(struct __sk_buff, data_end):
		return SKB_FIELD(data_end, BPF_DW);
	}
	return (struct skb_field){ 0, 0, false };
}

/*
 * Linux's sk_filter_is_valid_access for the fields bpfkern has: aligned
 * 4-byte reads of the common fields (not data/data_end: socket filters use
 * LD_ABS or bpf_skb_load_bytes), and writes only to cb[].
 */
static bool sk_filter_is_valid_access(int off, int size, enum bpf_access_type type)
{
	if (off < 0 || off >= (int)sizeof(struct __sk_buff) || size != sizeof(u32) || off % size)
		return false;
	if (off == offsetof(struct __sk_buff, data) || off == offsetof(struct __sk_buff, data_end))
		return false;
	if (type == BPF_WRITE)
		return off >= (int)offsetof(struct __sk_buff, cb[0]) &&
		       off < (int)offsetof(struct __sk_buff, cb[5]);
	return skb_field_of(off).ok;
}

/* One __sk_buff access into the same access of the sk_buff field, at its width. */
static u32 sk_filter_convert_ctx_access(enum bpf_access_type type, const struct bpf_insn *si,
					struct bpf_insn *insn_buf)
{
	struct skb_field f = skb_field_of(si->off);

	if (!f.ok)
		return 0;
	insn_buf[0] = *si;
	insn_buf[0].code = BPF_CLASS(si->code) | BPF_MEM | (type == BPF_READ ? f.size : BPF_W);
	insn_buf[0].off = f.sk_off;
	return 1;
}

const struct bpf_verifier_ops sk_filter_verifier_ops = {
	.is_valid_access = sk_filter_is_valid_access,
	.convert_ctx_access = sk_filter_convert_ctx_access,
};
