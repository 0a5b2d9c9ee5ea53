/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The default firewall's interface (progs/firewall.bpf.c): the layout of its
 * maps' keys and values, shared by the program, by the tools and tests that
 * fill its deny lists and read its counters, and by anyone writing
 * `map update` lines for the console. Types are the uapi's (__u32, __u64)
 * so that the BPF program and user space include the same file.
 *
 * Maps (BTF-defined, names as bpftool and the console show them):
 *   deny_v4      LPM_TRIE   struct fw_lpm_v4 -> __u64 hits    IPv4 source prefixes to drop
 *   deny_v6      LPM_TRIE   struct fw_lpm_v6 -> __u64 hits    IPv6 source prefixes to drop
 *   proto_stats  PERCPU_ARRAY __u32 (enum fw_proto) -> struct fw_counter
 *   action_stats PERCPU_ARRAY __u32 (enum fw_action) -> struct fw_counter
 *   fw_config    ARRAY      __u32 0 -> struct fw_config        rate limiting knob
 *   rate_state   LRU_HASH   struct fw_source -> struct fw_bucket  one token bucket per source
 */
#ifndef PROGS_FIREWALL_H
#define PROGS_FIREWALL_H

#include <linux/bpf.h> /* the __u8 .. __u64 of the includer's uapi */

#define FW_DENY_MAX 16384 /* prefixes per family */
#define FW_RATE_SOURCES 1024 /* sources tracked for rate limiting (LRU) */

/* An LPM key: prefixlen significant bits of addr (network byte order). */
struct fw_lpm_v4 {
	__u32 prefixlen;
	__u8 addr[4];
};

struct fw_lpm_v6 {
	__u32 prefixlen;
	__u8 addr[16];
};

/* What a frame carried: the index of its proto_stats entry. */
enum fw_proto {
	FW_PROTO_NON_IP, /* neither ARP nor IPv4 nor IPv6 */
	FW_PROTO_ARP,
	FW_PROTO_V4_TCP,
	FW_PROTO_V4_UDP,
	FW_PROTO_V4_ICMP,
	FW_PROTO_V4_OTHER,
	FW_PROTO_V6_TCP,
	FW_PROTO_V6_UDP,
	FW_PROTO_V6_ICMP,
	FW_PROTO_V6_OTHER,
	FW_PROTO_MAX,
};

/* What the firewall decided and why: the index of its action_stats entry. */
enum fw_action {
	FW_ACT_PASS, /* XDP_PASS */
	FW_ACT_DENY_V4, /* XDP_DROP: source in deny_v4 */
	FW_ACT_DENY_V6, /* XDP_DROP: source in deny_v6 */
	FW_ACT_RATE, /* XDP_DROP: the source's token bucket was empty */
	FW_ACT_MALFORMED, /* XDP_DROP: truncated or invalid VLAN/IPv4/IPv6 header */
	FW_ACT_MAX,
};

/* One counter of proto_stats or action_stats (per CPU: user space sums them). */
struct fw_counter {
	__u64 packets;
	__u64 bytes;
};

/*
 * fw_config[0]. rate_pps == 0 turns rate limiting off (the default).
 * Otherwise every source address may send rate_pps frames a second with
 * bursts of rate_burst (0 means rate_pps); a second without frames fills
 * its bucket. Frames over the limit are dropped as FW_ACT_RATE.
 */
struct fw_config {
	__u32 rate_pps;
	__u32 rate_burst;
};

/* A rate_state key: a source address, IPv4 in the first 4 bytes of addr. */
struct fw_source {
	__u32 family; /* 4 or 6 */
	__u8 addr[16];
};

/* A token bucket: credit in nano-tokens (1e9 = one frame), refilled at rate_pps per second. */
struct fw_bucket {
	__u64 last_ns;
	__u64 credit;
};

#endif
