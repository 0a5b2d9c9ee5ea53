// SPDX-License-Identifier: GPL-2.0
/* The legacy `maps` section: struct bpf_map_def records (libbpf-dev 1.x no longer declares it). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") legacy_arr = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = 2,
};

struct bpf_map_def SEC("maps") legacy_hash = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 16,
};

SEC("xdp")
int xdp_legacy(struct xdp_md *ctx)
{
	__u32 k = ctx->data_end - ctx->data > 60 ? 1 : 0, *v;
	__u64 len = ctx->data_end - ctx->data;

	v = bpf_map_lookup_elem(&legacy_arr, &k);
	if (v)
		*v += 1;
	bpf_map_update_elem(&legacy_hash, &k, &len, BPF_ANY);
	return k ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
__u32 _version SEC("version") = 0x060100;
