// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/helpers.c's clock, checksum and redirect
 * helpers, called through bpf_func_protos[] as programs call them:
 * bpf_ktime_get_boot_ns, bpf_ktime_get_coarse_ns and bpf_jiffies64 never go
 * backwards; bpf_csum_diff pushes, pulls and diffs as Linux (the push value
 * of Linux's csum_diff selftest), -EINVAL for sizes not a multiple of 4;
 * bpf_redirect leaves the ifindex for the XDP run loop.
 */
#include <string.h>
#include <bpfkern/xdp.h>
#define UNIT_SUITE "helpers"
#include "lib/unit.h"
#include "lib/map_util.h"

static u64 call(int id, u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	return bpf_helper_func(id)(r1, r2, r3, r4, r5);
}

static u16 fold16(u32 csum)
{
	csum = (csum & 0xffff) + (csum >> 16);
	return (u16)((csum & 0xffff) + (csum >> 16));
}

UNIT_TEST(clocks_monotonic)
{
	static const int ids[] = { BPF_FUNC_ktime_get_boot_ns, BPF_FUNC_ktime_get_coarse_ns,
				   BPF_FUNC_jiffies64 };

	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		u64 a, b;

		ASSERT(bpf_helper_func(ids[i]));
		a = call(ids[i], 0, 0, 0, 0, 0);
		b = call(ids[i], 0, 0, 0, 0, 0);
		EXPECT(b >= a);
	}
	EXPECT(call(BPF_FUNC_ktime_get_boot_ns, 0, 0, 0, 0, 0) > 0);
}

UNIT_TEST(csum_diff)
{
	u64 buf[2] = { 0xdeadbeefdeadbeefull, 0xbeefdeadbeefdeadull },
	    other = 0x0102030405060708ull;
	u64 push, diff, pull;

	ASSERT(bpf_helper_func(BPF_FUNC_csum_diff));
	push = call(BPF_FUNC_csum_diff, 0, 0, ptr_arg(buf), 8, 0);
	EXPECT_EQ(push, 0xbd5b7ddfull);
	EXPECT_EQ(fold16((u32)push), 0x3b3b); /* Linux's selftest value */
	/* the same data in and out: ones' complement zero */
	diff = call(BPF_FUNC_csum_diff, ptr_arg(buf), 16, ptr_arg(buf), 16, 0);
	EXPECT_EQ(fold16((u32)diff), 0xffff);
	/* pushing then pulling the same data gives the seed back (mod ones' complement) */
	push = call(BPF_FUNC_csum_diff, 0, 0, ptr_arg(&other), 8, 0x1234);
	pull = call(BPF_FUNC_csum_diff, ptr_arg(&other), 8, 0, 0, push);
	EXPECT_EQ(fold16((u32)pull), 0x1234);
	EXPECT_EQ(call(BPF_FUNC_csum_diff, 0, 0, 0, 0, 77), 77);
	EXPECT_EQ((s64)call(BPF_FUNC_csum_diff, ptr_arg(buf), 6, 0, 0, 0), -EINVAL);
	EXPECT_EQ((s64)call(BPF_FUNC_csum_diff, 0, 0, ptr_arg(buf), 3, 0), -EINVAL);
}

UNIT_TEST(redirect)
{
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();

	ASSERT(bpf_helper_func(BPF_FUNC_redirect));
	EXPECT_EQ(call(BPF_FUNC_redirect, 7, 1, 0, 0, 0), XDP_ABORTED);
	EXPECT_EQ(call(BPF_FUNC_redirect, 7, 0, 0, 0, 0), XDP_REDIRECT);
	EXPECT_EQ(ri->tgt_index, 7);
	EXPECT(ri->map == NULL);
	EXPECT_EQ(ri->map_type, BPF_MAP_TYPE_UNSPEC);
	memset(ri, 0, sizeof(*ri));
}

UNIT_MAIN()
