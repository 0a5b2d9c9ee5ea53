// SPDX-License-Identifier: GPL-2.0
/*
 * The appliance's default XDP program: a stateless firewall with optional
 * per-source rate limiting. Every frame is parsed (Ethernet, up to two
 * VLAN tags, IPv4 with its IHL checked, IPv6), counted by protocol, and
 * dropped if its source address falls in a prefix of the IPv4 or IPv6 deny
 * list (LPM tries), if its source exceeds the configured rate, or if its
 * IP header is truncated or invalid; everything else is XDP_PASS (on the
 * appliance: forwarded to the other port). Each decision is counted by
 * reason. The map layouts are in progs/firewall.h; the same object loads on
 * Linux (ip link set dev X xdp obj firewall.bpf.o sec xdp) and on bpfkern.
 *
 * Built with clang -target bpf -O2 -g against Debian's libbpf-dev headers.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "firewall.h"

#define NSEC_PER_SEC 1000000000ULL
#define VLAN_MAX_DEPTH 2

/* 802.1Q / 802.1ad tag after the MAC addresses (linux/if_vlan.h is kernel-only). */
struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct fw_lpm_v4);
	__type(value, __u64);
	__uint(max_entries, FW_DENY_MAX);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} deny_v4 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct fw_lpm_v6);
	__type(value, __u64);
	__uint(max_entries, FW_DENY_MAX);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} deny_v6 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct fw_counter);
	__uint(max_entries, FW_PROTO_MAX);
} proto_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct fw_counter);
	__uint(max_entries, FW_ACT_MAX);
} action_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct fw_config);
	__uint(max_entries, 1);
} fw_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct fw_source);
	__type(value, struct fw_bucket);
	__uint(max_entries, FW_RATE_SOURCES);
} rate_state SEC(".maps");

/* Add one frame of len bytes to entry idx of a counter array. */
static __always_inline void count(void *map, __u32 idx, __u64 len)
{
	struct fw_counter *c = bpf_map_lookup_elem(map, &idx);

	if (c) {
		c->packets++;
		c->bytes += len;
	}
}

/*
 * Take one frame's token from src's bucket under cfg's rate. True when the
 * frame may pass. A new source starts with a full bucket.
 */
static __always_inline int rate_allow(const struct fw_config *cfg, struct fw_source *src)
{
	__u64 burst = cfg->rate_burst ? cfg->rate_burst : cfg->rate_pps;
	__u64 full = burst * NSEC_PER_SEC, now = bpf_ktime_get_ns(), elapsed;
	struct fw_bucket *b = bpf_map_lookup_elem(&rate_state, src);
	struct fw_bucket fresh;

	if (!b) {
		fresh.last_ns = now;
		fresh.credit = full - NSEC_PER_SEC;
		bpf_map_update_elem(&rate_state, src, &fresh, BPF_ANY);
		return 1;
	}
	elapsed = now - b->last_ns;
	b->last_ns = now;
	if (elapsed >= NSEC_PER_SEC) /* a second idle: full again (and no overflow below) */
		b->credit = full;
	else
		b->credit += elapsed * cfg->rate_pps;
	if (b->credit > full)
		b->credit = full;
	if (b->credit < NSEC_PER_SEC)
		return 0;
	b->credit -= NSEC_PER_SEC;
	return 1;
}

/* The verdict for an IPv4 packet at l3 (fills *proto). FW_ACT_*. */
static __always_inline int fw_ipv4(void *l3, void *data_end, __u32 *proto,
				   const struct fw_config *cfg)
{
	struct iphdr *iph = l3;
	struct fw_lpm_v4 key;
	struct fw_source src = { .family = 4 };
	__u64 *hits;

	if ((void *)(iph + 1) > data_end)
		return FW_ACT_MALFORMED;
	if (iph->version != 4 || iph->ihl < 5 || (void *)iph + iph->ihl * 4 > data_end)
		return FW_ACT_MALFORMED;
	*proto = iph->protocol == IPPROTO_TCP	 ? FW_PROTO_V4_TCP
		 : iph->protocol == IPPROTO_UDP	 ? FW_PROTO_V4_UDP
		 : iph->protocol == IPPROTO_ICMP ? FW_PROTO_V4_ICMP
						 : FW_PROTO_V4_OTHER;
	key.prefixlen = 32;
	__builtin_memcpy(key.addr, &iph->saddr, 4);
	hits = bpf_map_lookup_elem(&deny_v4, &key);
	if (hits) {
		__sync_fetch_and_add(hits, 1);
		return FW_ACT_DENY_V4;
	}
	if (cfg && cfg->rate_pps) {
		__builtin_memcpy(src.addr, &iph->saddr, 4);
		if (!rate_allow(cfg, &src))
			return FW_ACT_RATE;
	}
	return FW_ACT_PASS;
}

/* The verdict for an IPv6 packet at l3 (fills *proto). FW_ACT_*. */
static __always_inline int fw_ipv6(void *l3, void *data_end, __u32 *proto,
				   const struct fw_config *cfg)
{
	struct ipv6hdr *ip6h = l3;
	struct fw_lpm_v6 key;
	struct fw_source src = { .family = 6 };
	__u64 *hits;

	if ((void *)(ip6h + 1) > data_end || ip6h->version != 6)
		return FW_ACT_MALFORMED;
	*proto = ip6h->nexthdr == IPPROTO_TCP	   ? FW_PROTO_V6_TCP
		 : ip6h->nexthdr == IPPROTO_UDP	   ? FW_PROTO_V6_UDP
		 : ip6h->nexthdr == IPPROTO_ICMPV6 ? FW_PROTO_V6_ICMP
						   : FW_PROTO_V6_OTHER;
	key.prefixlen = 128;
	__builtin_memcpy(key.addr, &ip6h->saddr, 16);
	hits = bpf_map_lookup_elem(&deny_v6, &key);
	if (hits) {
		__sync_fetch_and_add(hits, 1);
		return FW_ACT_DENY_V6;
	}
	if (cfg && cfg->rate_pps) {
		__builtin_memcpy(src.addr, &ip6h->saddr, 16);
		if (!rate_allow(cfg, &src))
			return FW_ACT_RATE;
	}
	return FW_ACT_PASS;
}

SEC("xdp")
int xdp_firewall(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	__u64 len = data_end - data;
	struct ethhdr *eth = data;
	__u32 zero = 0, proto = FW_PROTO_NON_IP;
	const struct fw_config *cfg = bpf_map_lookup_elem(&fw_config, &zero);
	void *l3 = eth + 1;
	__u16 h_proto;
	int act = FW_ACT_PASS, i;

	if (l3 > data_end) {
		act = FW_ACT_MALFORMED;
		goto out;
	}
	h_proto = eth->h_proto;
#pragma unroll
	for (i = 0; i < VLAN_MAX_DEPTH; i++) {
		struct vlan_hdr *vh = l3;

		if (h_proto != bpf_htons(ETH_P_8021Q) && h_proto != bpf_htons(ETH_P_8021AD))
			break;
		if ((void *)(vh + 1) > data_end) {
			act = FW_ACT_MALFORMED;
			goto out;
		}
		h_proto = vh->h_vlan_encapsulated_proto;
		l3 = vh + 1;
	}
	if (h_proto == bpf_htons(ETH_P_IP))
		act = fw_ipv4(l3, data_end, &proto, cfg);
	else if (h_proto == bpf_htons(ETH_P_IPV6))
		act = fw_ipv6(l3, data_end, &proto, cfg);
	else if (h_proto == bpf_htons(ETH_P_ARP))
		proto = FW_PROTO_ARP;
out:
	count(&proto_stats, proto, len);
	count(&action_stats, act, len);
	return act == FW_ACT_PASS ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
