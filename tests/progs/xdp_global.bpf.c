// SPDX-License-Identifier: GPL-2.0
/*
 * Global data through variables and strings: a lookup table in .rodata, a
 * string literal in .rodata.str1.1, a custom .data.stats section, a pinned
 * map (LIBBPF_PIN_BY_NAME), and subprograms calling subprograms.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, long);
	__uint(max_entries, 1);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned_hits SEC(".maps");

static const unsigned char verdicts[4] = { XDP_PASS, XDP_DROP, XDP_TX, XDP_PASS };
__u64 stats[2] SEC(".data.stats") = { 5, 6 };

static __attribute__((noinline)) int pick(unsigned int len)
{
	return verdicts[len & 3];
}

static __attribute__((noinline)) int pick_twice(unsigned int len)
{
	const char *tag = "bpfkern";
	int zero = 0;
	long *hits = bpf_map_lookup_elem(&pinned_hits, &zero);

	if (hits)
		*hits += tag[len & 7];
	return pick(len) + pick(len + 1) * 0;
}

SEC("xdp")
int xdp_global(struct xdp_md *ctx)
{
	unsigned int len = ctx->data_end - ctx->data;

	stats[len & 1]++;
	return pick_twice(len);
}

char LICENSE[] SEC("license") = "GPL";
