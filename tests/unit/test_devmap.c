// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/devmap.c, kernel/net/dev.c and bpf_redirect_map:
 * creation checks, DEVMAP and DEVMAP_HASH update/lookup/delete semantics as
 * Linux's, DEVMAP_HASH iteration order, the redirect helper's verdicts and
 * redirect info, entries dropped when their device unregisters, and 10,000
 * create/destroy cycles.
 */
#include <string.h>
#include <bpfkern/netdev.h>
#define UNIT_SUITE "devmap"
#include "lib/unit.h"
#include "lib/map_util.h"

static struct net_device eth1 = { .ifindex = 11, .name = "eth1" };
static struct net_device eth2 = { .ifindex = 12, .name = "eth2" };

/* Registers the two test devices once (tests run in one process). */
static void devices_up(void)
{
	if (!dev_get_by_index(11))
		register_netdev(&eth1);
	if (!dev_get_by_index(12))
		register_netdev(&eth2);
}

UNIT_TEST(netdev_table)
{
	struct net_device zero = { .ifindex = 0 }, dup = { .ifindex = 11 };

	devices_up();
	EXPECT(dev_get_by_index(11) == &eth1);
	EXPECT(dev_get_by_index(13) == NULL);
	EXPECT(dev_get_by_index(0) == NULL);
	EXPECT_EQ(register_netdev(&zero), -EINVAL);
	EXPECT_EQ(register_netdev(&dup), -EEXIST);
}

UNIT_TEST(create_checks)
{
	const struct bpf_map_ops *o = &dev_map_ops;

	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 4, 8, 0), 0);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 8, 8, 0), 0);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 6, 8, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 8, 4, 8, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 4, 0, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 4, 8, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 4, 8, BPF_F_RDONLY_PROG), -EINVAL);
	EXPECT_EQ(map_create_err(o, BPF_MAP_TYPE_DEVMAP, 4, 4, 8, BPF_F_RDONLY), 0);
	EXPECT_EQ(map_create_err(&dev_map_hash_ops, BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 5, 0), 0);
}

UNIT_TEST(devmap_semantics)
{
	struct bpf_map *map = map_create(&dev_map_ops, BPF_MAP_TYPE_DEVMAP, 4, 8, 4, 0);
	struct bpf_devmap_val v = { .ifindex = 11 }, *got;
	u32 k = 1, past = 4, next;

	devices_up();
	ASSERT(!IS_ERR(map));
	EXPECT(map->ops->map_lookup_elem(map, &k) == NULL);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_ANY), 0);
	got = map->ops->map_lookup_elem(map, &k);
	EXPECT(got && got->ifindex == 11 && got->bpf_prog.id == 0);
	EXPECT(__dev_map_lookup_elem(map, k) == &eth1);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_update_elem(map, &past, &v, BPF_ANY), -E2BIG);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, 3), -EINVAL);
	v.ifindex = 99;
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_ANY), -EINVAL);
	v.ifindex = 12;
	v.bpf_prog.fd = 3; /* programs on devmap entries need program fds: refused */
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_ANY), -EINVAL);
	EXPECT(__dev_map_lookup_elem(map, k) == &eth1); /* unchanged */
	v.bpf_prog.fd = 0;
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_EXIST), 0);
	EXPECT(__dev_map_lookup_elem(map, k) == &eth2);
	v.ifindex = 0; /* ifindex 0 empties the slot */
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &v, BPF_ANY), 0);
	EXPECT(map->ops->map_lookup_elem(map, &k) == NULL);
	EXPECT_EQ(map->ops->map_delete_elem(map, &k), 0); /* empty slot: still 0 */
	EXPECT_EQ(map->ops->map_delete_elem(map, &past), -EINVAL);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT_EQ(next, 0);
	map->ops->map_free(map);
}

UNIT_TEST(devmap_hash_semantics_and_order)
{
	struct bpf_map *map = map_create(&dev_map_hash_ops, BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 3, 0);
	u32 ifindex = 11, zero = 0, k, next, missing = 1000;
	const u32 keys[] = { 1, 5, 2 }, order[] = { 5, 1, 2 };

	devices_up();
	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), -ENOENT);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(map->ops->map_update_elem(map, &keys[i], &ifindex, BPF_NOEXIST), 0);
	k = 9;
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &ifindex, BPF_ANY), -E2BIG);
	EXPECT_EQ(map->ops->map_update_elem(map, &keys[0], &ifindex, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_update_elem(map, &keys[0], &zero, BPF_ANY), -EINVAL);
	/* 4 buckets: 1 and 5 share bucket 1, newest first; then bucket 2 */
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT_EQ(next, order[0]);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(map->ops->map_get_next_key(map, &order[i], &next), 0);
		EXPECT_EQ(next, order[i + 1]);
	}
	EXPECT_EQ(map->ops->map_get_next_key(map, &order[2], &next), -ENOENT);
	EXPECT_EQ(map->ops->map_get_next_key(map, &missing, &next), 0);
	EXPECT_EQ(next, order[0]);
	/* replacing 1 moves it to the front of its bucket */
	ifindex = 12;
	EXPECT_EQ(map->ops->map_update_elem(map, &keys[0], &ifindex, BPF_EXIST), 0);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT_EQ(next, 1);
	EXPECT(__dev_map_lookup_elem(map, 1) == &eth2);
	EXPECT_EQ(map->ops->map_delete_elem(map, &keys[1]), 0);
	EXPECT_EQ(map->ops->map_delete_elem(map, &keys[1]), -ENOENT);
	EXPECT(map->ops->map_lookup_elem(map, &keys[1]) == NULL);
	map->ops->map_free(map);
}

UNIT_TEST(redirect_map)
{
	struct bpf_map *map = map_create(&dev_map_ops, BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0);
	struct bpf_redirect_info *ri = bpf_net_ctx_get_ri();
	u32 k = 2, ifindex = 12;

	devices_up();
	ASSERT(!IS_ERR(map));
	EXPECT(bpf_helper_func(BPF_FUNC_redirect_map) == bpf_redirect_map);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &ifindex, BPF_ANY), 0);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 2, 0, 0, 0), XDP_REDIRECT);
	EXPECT(ri->tgt_value == &eth2);
	EXPECT_EQ(ri->tgt_index, 2);
	EXPECT_EQ(ri->map_type, BPF_MAP_TYPE_DEVMAP);
	EXPECT(ri->map == NULL);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 3, 0, 0, 0), XDP_ABORTED);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 3, XDP_PASS, 0, 0), XDP_PASS);
	EXPECT_EQ(ri->map_type, BPF_MAP_TYPE_UNSPEC);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 100, XDP_DROP, 0, 0), XDP_DROP);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 2, 1u << 5, 0, 0), XDP_ABORTED);
	EXPECT_EQ(bpf_redirect_map(ptr_arg(map), 3, BPF_F_BROADCAST, 0, 0), XDP_REDIRECT);
	EXPECT(ri->map == map);
	EXPECT_EQ(ri->flags, BPF_F_BROADCAST);
	map->ops->map_free(map);
}

UNIT_TEST(unregister_drops_entries)
{
	struct net_device eth9 = { .ifindex = 19, .name = "eth9" };
	struct bpf_map *a = map_create(&dev_map_ops, BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0);
	struct bpf_map *h = map_create(&dev_map_hash_ops, BPF_MAP_TYPE_DEVMAP_HASH, 4, 4, 4, 0);
	u32 k = 1, k2 = 2, ifindex = 19, other = 11, next;

	devices_up();
	ASSERT(!IS_ERR(a) && !IS_ERR(h));
	EXPECT_EQ(register_netdev(&eth9), 0);
	EXPECT_EQ(a->ops->map_update_elem(a, &k, &ifindex, BPF_ANY), 0);
	EXPECT_EQ(h->ops->map_update_elem(h, &k, &ifindex, BPF_ANY), 0);
	EXPECT_EQ(h->ops->map_update_elem(h, &k2, &other, BPF_ANY), 0);
	unregister_netdev(&eth9);
	EXPECT(dev_get_by_index(19) == NULL);
	EXPECT(a->ops->map_lookup_elem(a, &k) == NULL);
	EXPECT(h->ops->map_lookup_elem(h, &k) == NULL);
	EXPECT_EQ(h->ops->map_get_next_key(h, NULL, &next), 0);
	EXPECT_EQ(next, 2);
	EXPECT_EQ(h->ops->map_update_elem(h, &k, &other, BPF_ANY), 0); /* room again */
	a->ops->map_free(a);
	h->ops->map_free(h);
}

UNIT_TEST(create_destroy_10000)
{
	devices_up();
	for (int i = 0; i < 10000; i++) {
		bool hash = i & 1;
		struct bpf_map *map = map_create(
			hash ? &dev_map_hash_ops : &dev_map_ops,
			hash ? BPF_MAP_TYPE_DEVMAP_HASH : BPF_MAP_TYPE_DEVMAP, 4, 4, 8, 0);
		u32 k = (u32)i % 8, ifindex = 11;

		ASSERT(!IS_ERR(map));
		map->ops->map_update_elem(map, &k, &ifindex, BPF_ANY);
		map->ops->map_free(map);
	}
}

UNIT_MAIN()
