// SPDX-License-Identifier: GPL-2.0
/*
 * A firewall as users write one: an LPM trie of blocked IPv4 prefixes, a
 * ring buffer of drop events, a per-CPU counter array, a tail call through
 * a program array (empty here: the call falls through) and an xdp.frags
 * program. The map definitions use every BTF form: __type, __uint sizes,
 * map_flags.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct lpm_v4 {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct lpm_v4);
	__type(value, __u32);
	__uint(max_entries, 128);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} blocked SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} verdicts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 4);
} jumps SEC(".maps");

struct drop_event {
	__u32 saddr;
	__u32 len;
};

static __attribute__((noinline)) int tally(__u32 verdict)
{
	__u64 *n = bpf_map_lookup_elem(&verdicts, &verdict);

	if (n)
		*n += 1;
	return verdict == 0 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int xdp_firewall(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct lpm_v4 key = { .prefixlen = 32 };
	struct drop_event *ev;

	bpf_tail_call(ctx, &jumps, 0);
	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return tally(1);
	key.addr = ip->saddr;
	if (!bpf_map_lookup_elem(&blocked, &key))
		return tally(1);
	ev = bpf_ringbuf_reserve(&events, sizeof(*ev), 0);
	if (ev) {
		ev->saddr = ip->saddr;
		ev->len = end - data;
		bpf_ringbuf_submit(ev, 0);
	}
	return tally(0);
}

SEC("xdp.frags")
int xdp_frags_pass(struct xdp_md *ctx)
{
	return tally(1);
}

char LICENSE[] SEC("license") = "GPL";
