// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_spin_lock in map values (BTF maps: the value's struct bpf_spin_lock
 * is found through its BTF type): every frame is counted under the lock of
 * stats[0] (an array) and of its ethertype's entry in by_proto (a hash, the
 * entry inserted when missing). User space reads the values back with the
 * lock word as 0 (tier 55 reads the array).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

struct counter {
	struct bpf_spin_lock lock;
	__u32 frames;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct counter);
	__uint(max_entries, 2);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct counter);
	__uint(max_entries, 8);
} by_proto SEC(".maps");

/* Adds one frame of len bytes to c under its lock. */
static __always_inline void count(struct counter *c, __u64 len)
{
	bpf_spin_lock(&c->lock);
	c->frames++;
	c->bytes += len;
	bpf_spin_unlock(&c->lock);
}

SEC("xdp")
int xdp_spin_lock(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct counter fresh = {}, *c;
	__u32 zero = 0, proto;

	c = bpf_map_lookup_elem(&stats, &zero);
	if (c)
		count(c, end - data);
	if ((void *)(eth + 1) > end)
		return XDP_DROP;
	proto = eth->h_proto & 7;
	c = bpf_map_lookup_elem(&by_proto, &proto);
	if (!c) {
		bpf_map_update_elem(&by_proto, &proto, &fresh, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&by_proto, &proto);
	}
	if (c)
		count(c, end - data);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
