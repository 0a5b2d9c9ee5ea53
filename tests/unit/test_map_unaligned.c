// SPDX-License-Identifier: GPL-2.0
/*
 * Keys at odd addresses (tests/fuzz/objknown): the verifier accepts a map key
 * at any stack offset, as Linux's does, so every map op must read and write
 * keys at any alignment. Each test calls a map type's ops with its key one
 * byte past an aligned address; this binary is built with UBSan
 * (-fno-sanitize-recover), so a misaligned load aborts it.
 */
#include <string.h>
#include <bpfkern/netdev.h>
#define UNIT_SUITE "map_unaligned"
#include "lib/unit.h"
#include "lib/map_util.h"

/* A buffer whose byte 1 is where keys go: aligned to 8, so byte 1 is odd. */
static u8 buf[64] __aligned(8);
static u8 next_buf[64] __aligned(8);

/* A u32 key at an odd address. */
static const void *odd_u32(u32 v)
{
	memcpy(buf + 1, &v, sizeof(v));
	return buf + 1;
}

UNIT_TEST(array_and_percpu_array)
{
	struct bpf_map *a = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0);
	struct bpf_map *p =
		map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 4, 0);
	u64 v = 77, *got;
	u32 next;

	ASSERT(!IS_ERR(a) && !IS_ERR(p));
	EXPECT_EQ(a->ops->map_update_elem(a, odd_u32(2), &v, BPF_ANY), 0);
	got = a->ops->map_lookup_elem(a, odd_u32(2));
	EXPECT(got && *got == 77);
	EXPECT(a->ops->map_lookup_elem(a, odd_u32(4)) == NULL);
	EXPECT_EQ(a->ops->map_get_next_key(a, odd_u32(2), next_buf + 1), 0);
	memcpy(&next, next_buf + 1, sizeof(next));
	EXPECT_EQ(next, 3);
	EXPECT_EQ(p->ops->map_update_elem(p, odd_u32(1), &v, BPF_ANY), 0);
	got = p->ops->map_lookup_elem(p, odd_u32(1));
	EXPECT(got && *got == 77);
	EXPECT_EQ(p->ops->map_update_elem(p, odd_u32(9), &v, BPF_ANY), -E2BIG);
	a->ops->map_free(a);
	p->ops->map_free(p);
}

UNIT_TEST(lpm_trie)
{
	struct bpf_map *t =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 8, 16, BPF_F_NO_PREALLOC);
	const u8 net[4] = { 10, 1, 0, 0 }, host[4] = { 10, 1, 2, 3 };
	u64 v = 24, *got;
	u32 len;

	ASSERT(!IS_ERR(t));
	len = 16;
	memcpy(buf + 1, &len, 4);
	memcpy(buf + 5, net, 4);
	EXPECT_EQ(t->ops->map_update_elem(t, buf + 1, &v, BPF_NOEXIST), 0);
	len = 32;
	memcpy(buf + 1, &len, 4);
	memcpy(buf + 5, host, 4);
	got = t->ops->map_lookup_elem(t, buf + 1);
	EXPECT(got && *got == 24);
	EXPECT_EQ(t->ops->map_get_next_key(t, NULL, next_buf + 1), 0);
	memcpy(&len, next_buf + 1, 4);
	EXPECT_EQ(len, 16);
	EXPECT_EQ(memcmp(next_buf + 5, net, 4), 0);
	EXPECT_EQ(t->ops->map_get_next_key(t, next_buf + 1, next_buf + 1), -ENOENT);
	EXPECT_EQ(t->ops->map_delete_elem(t, buf + 1), -ENOENT);
	len = 16;
	memcpy(buf + 1, &len, 4);
	EXPECT_EQ(t->ops->map_delete_elem(t, buf + 1), 0);
	t->ops->map_free(t);
}

UNIT_TEST(devmap_and_devmap_hash)
{
	static struct net_device eth = { .ifindex = 21, .name = "eth21" };
	struct bpf_map *d = map_create(&dev_map_ops, BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0);
	struct bpf_map *h = map_create(&dev_map_hash_ops, BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 4, 0);
	u32 ifindex = 21, next, *got;

	ASSERT(!IS_ERR(d) && !IS_ERR(h));
	if (!dev_get_by_index(21))
		register_netdev(&eth);
	EXPECT_EQ(d->ops->map_update_elem(d, odd_u32(3), &ifindex, BPF_ANY), 0);
	got = d->ops->map_lookup_elem(d, odd_u32(3));
	EXPECT(got && *got == 21);
	EXPECT_EQ(d->ops->map_delete_elem(d, odd_u32(3)), 0);
	EXPECT_EQ(h->ops->map_update_elem(h, odd_u32(1000), &ifindex, BPF_ANY), 0);
	got = h->ops->map_lookup_elem(h, odd_u32(1000));
	EXPECT(got && *got == 21);
	EXPECT_EQ(h->ops->map_get_next_key(h, NULL, next_buf + 1), 0);
	memcpy(&next, next_buf + 1, 4);
	EXPECT_EQ(next, 1000);
	EXPECT_EQ(h->ops->map_delete_elem(h, odd_u32(1000)), 0);
	d->ops->map_free(d);
	h->ops->map_free(h);
}

UNIT_TEST(array_of_maps)
{
	struct bpf_map *inner = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0);
	union bpf_attr attr = map_attr(BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 2, 0);
	struct bpf_map *outer;
	u32 id;

	ASSERT(!IS_ERR(inner));
	outer = bpf_map_of_maps_alloc(&attr, inner);
	ASSERT(!IS_ERR(outer));
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, odd_u32(1), inner, BPF_ANY), 0);
	EXPECT(outer->ops->map_lookup_elem(outer, odd_u32(1)) == inner);
	EXPECT_EQ(bpf_fd_array_map_lookup_elem(outer, odd_u32(1), &id), 0);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, odd_u32(1)), 0);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, odd_u32(1)), -ENOENT);
	outer->ops->map_free(outer);
	bpf_inner_map_put(inner);
}

UNIT_MAIN()
