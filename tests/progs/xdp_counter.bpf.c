// SPDX-License-Identifier: GPL-2.0
/*
 * BTF-defined maps (array and hash, __type and __uint forms), global data
 * in .data, .rodata and .bss, a subprogram in .text called from two
 * programs, and two programs in one object (xdp and socket).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} pkt_count SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(key_size, sizeof(__u16));
	__uint(value_size, sizeof(__u64));
	__uint(max_entries, 64);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} proto_bytes SEC(".maps");

const volatile __u16 drop_proto = 0x86dd; /* .rodata: IPv6 is dropped */
__u64 total_seen = 7; /* .data */
__u64 short_frames; /* .bss */

/* A real subprogram: global functions in .text are verified on their own. */
static __attribute__((noinline)) int count(__u32 slot, __u64 len)
{
	__u64 *v = bpf_map_lookup_elem(&pkt_count, &slot);

	if (!v)
		return 0;
	__sync_fetch_and_add(v, len);
	return 1;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u64 one = 1, *b;
	__u16 proto;

	total_seen++;
	if ((void *)(eth + 1) > end) {
		short_frames++;
		count(3, 1);
		return XDP_DROP;
	}
	proto = bpf_ntohs(eth->h_proto);
	b = bpf_map_lookup_elem(&proto_bytes, &proto);
	if (b)
		__sync_fetch_and_add(b, 1);
	else
		bpf_map_update_elem(&proto_bytes, &proto, &one, BPF_NOEXIST);
	count(proto == ETH_P_IP ? 0 : 1, end - data);
	return proto == drop_proto ? XDP_DROP : XDP_PASS;
}

SEC("socket")
int sock_count(struct __sk_buff *skb)
{
	count(2, skb->len);
	return skb->len > 100 ? 0 : -1;
}

char LICENSE[] SEC("license") = "GPL";
