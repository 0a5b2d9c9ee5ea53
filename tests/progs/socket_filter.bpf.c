// SPDX-License-Identifier: GPL-2.0
/*
 * A socket filter object: packet loads through bpf_skb_load_bytes, a hash
 * map of per-protocol byte counts, and a .rodata.str string table walked
 * byte by byte.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u16);
	__type(value, __u64);
	__uint(max_entries, 16);
} by_proto SEC(".maps");

const char keep_mark[] = "KEEP";

SEC("socket")
int sock_filter(struct __sk_buff *skb)
{
	__u16 proto = 0;
	__u64 len = skb->len, *v;
	char first[4];
	int i;

	if (bpf_skb_load_bytes(skb, 12, &proto, sizeof(proto)))
		return 0;
	v = bpf_map_lookup_elem(&by_proto, &proto);
	if (v)
		*v += len;
	else
		bpf_map_update_elem(&by_proto, &proto, &len, BPF_ANY);
	if (bpf_skb_load_bytes(skb, 0, first, sizeof(first)))
		return 0;
	for (i = 0; i < 4; i++)
		if (first[i] != keep_mark[i])
			return skb->len;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
