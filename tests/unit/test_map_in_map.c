// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/map_in_map.c: ARRAY_OF_MAPS (and HASH_OF_MAPS) creation from an
 * inner-map template, the compatibility checks every stored map must pass
 * (type, sizes, flags; arrays also max_entries unless BPF_F_INNER_MAP),
 * the program and syscall views, references held on inner maps, and
 * 10,000 create/destroy cycles (LeakSanitizer catches a lost inner map).
 */
#include <string.h>
#define UNIT_SUITE "map_in_map"
#include "lib/unit.h"
#include "lib/map_util.h"

static struct bpf_map *array(u32 value_size, u32 max_entries, u32 flags)
{
	return map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, value_size, max_entries, flags);
}

static struct bpf_map *outer_of(struct bpf_map *inner, u32 max_entries)
{
	union bpf_attr attr = map_attr(BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, max_entries, 0);

	return bpf_map_of_maps_alloc(&attr, inner);
}

/* Drops the test's own reference, as closing the inner map's fd would. */
static void put(struct bpf_map *map)
{
	bpf_inner_map_put(map);
}

UNIT_TEST(create_checks)
{
	struct bpf_map *tmpl = array(8, 4, 0), *outer, *nested;
	union bpf_attr attr = map_attr(BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 8, 4, 0);

	ASSERT(!IS_ERR(tmpl));
	EXPECT_EQ(PTR_ERR(bpf_map_of_maps_alloc(&attr, tmpl)), -EINVAL); /* values are fds */
	attr.value_size = 4;
	EXPECT_EQ(PTR_ERR(bpf_map_of_maps_alloc(&attr, NULL)), -EBADF);
	attr.map_flags = BPF_F_MMAPABLE;
	EXPECT_EQ(PTR_ERR(bpf_map_of_maps_alloc(&attr, tmpl)), -EINVAL);
	attr.map_flags = 0;
	attr.key_size = 8;
	EXPECT_EQ(PTR_ERR(bpf_map_of_maps_alloc(&attr, tmpl)), -EINVAL);
	EXPECT_EQ(PTR_ERR(array_of_maps_map_ops.map_alloc(&attr)), -EINVAL);
	outer = outer_of(tmpl, 2);
	ASSERT(!IS_ERR(outer));
	EXPECT_EQ(outer->map_type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	EXPECT(outer->inner_map_meta && outer->inner_map_meta->max_entries == 4);
	nested = outer_of(outer, 2); /* maps of maps do not nest */
	EXPECT_EQ(PTR_ERR(nested), -EINVAL);
	outer->ops->map_free(outer);
	put(tmpl);
}

UNIT_TEST(compatibility)
{
	struct bpf_map *tmpl = array(8, 4, 0), *loose_tmpl = array(8, 4, BPF_F_INNER_MAP);
	struct bpf_map *same = array(8, 4, 0), *longer = array(8, 8, 0), *wider = array(16, 4, 0);
	struct bpf_map *loose8 = array(8, 8, BPF_F_INNER_MAP);
	struct bpf_map *pcpu =
		map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 4, 0);
	struct bpf_map *outer, *loose;
	u32 k = 0;

	outer = outer_of(tmpl, 2);
	loose = outer_of(loose_tmpl, 2);
	ASSERT(!IS_ERR(outer) && !IS_ERR(loose));
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, same, BPF_ANY), 0);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, longer, BPF_ANY), -EINVAL);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, wider, BPF_ANY), -EINVAL);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, pcpu, BPF_ANY), -EINVAL);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, loose8, BPF_ANY), -EINVAL); /* flags */
	EXPECT_EQ(bpf_fd_array_map_update_elem(loose, &k, loose8, BPF_ANY), 0);
	EXPECT_EQ(bpf_fd_array_map_update_elem(loose, &k, longer, BPF_ANY), -EINVAL);
	outer->ops->map_free(outer);
	loose->ops->map_free(loose);
	put(tmpl), put(loose_tmpl), put(same), put(longer), put(wider), put(loose8), put(pcpu);
}

UNIT_TEST(lpm_inner_max_entries_may_differ)
{
	struct bpf_map *tmpl =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 4, 16, BPF_F_NO_PREALLOC);
	struct bpf_map *big =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1024, BPF_F_NO_PREALLOC);
	struct bpf_map *outer = outer_of(tmpl, 1);
	u32 k = 0;

	ASSERT(!IS_ERR(outer) && !IS_ERR(big));
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, big, BPF_ANY), 0);
	outer->ops->map_free(outer);
	put(tmpl), put(big);
}

UNIT_TEST(views_and_references)
{
	struct bpf_map *tmpl = array(4, 2, 0), *a = array(4, 2, 0), *b = array(4, 2, 0);
	struct bpf_map *outer = outer_of(tmpl, 3);
	u32 k = 1, past = 3, id = 0;

	ASSERT(!IS_ERR(outer));
	a->id = 41;
	b->id = 42;
	EXPECT(outer->ops->map_lookup_elem(outer, &k) == NULL);
	EXPECT_EQ(bpf_fd_array_map_lookup_elem(outer, &k, &id), -ENOENT);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, a, BPF_NOEXIST), -EINVAL);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &past, a, BPF_ANY), -E2BIG);
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, a, BPF_ANY), 0);
	EXPECT_EQ(a->refcnt, 2);
	EXPECT(outer->ops->map_lookup_elem(outer, &k) == a); /* a program gets the map */
	EXPECT_EQ(bpf_fd_array_map_lookup_elem(outer, &k, &id), 0);
	EXPECT_EQ(id, 41); /* the syscall gets its id */
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, b, BPF_ANY), 0);
	EXPECT_EQ(a->refcnt, 1); /* replaced: reference dropped */
	EXPECT_EQ(outer->ops->map_update_elem(outer, &k, &id, BPF_ANY), -EINVAL);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, &k), 0);
	EXPECT_EQ(b->refcnt, 1);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, &k), -ENOENT);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, &past), -E2BIG);
	/* the outer map keeps the last reference of an inner map alive */
	EXPECT_EQ(bpf_fd_array_map_update_elem(outer, &k, b, BPF_ANY), 0);
	put(b);
	EXPECT(outer->ops->map_lookup_elem(outer, &k) == b);
	outer->ops->map_free(outer); /* frees b too */
	put(a), put(tmpl);
}

UNIT_TEST(syscall_value_paths)
{
	struct bpf_map *tmpl = array(4, 2, 0), *a = array(4, 2, 0);
	struct bpf_map *outer = outer_of(tmpl, 2);
	u32 k = 0, fd = 3, id = 0;

	ASSERT(!IS_ERR(outer));
	a->id = 7;
	EXPECT_EQ(bpf_map_update_value(outer, &k, &fd, BPF_ANY, NULL), -EBADF);
	EXPECT_EQ(bpf_map_update_value(outer, &k, &fd, BPF_ANY, a), 0);
	EXPECT_EQ(bpf_map_copy_value(outer, &k, &id, 0), 0);
	EXPECT_EQ(id, 7);
	outer->ops->map_free(outer);
	put(a), put(tmpl);
}

static struct bpf_map *hash_outer_of(struct bpf_map *inner, u32 max_entries)
{
	union bpf_attr attr = map_attr(BPF_MAP_TYPE_HASH_OF_MAPS, 4, 4, max_entries, 0);

	return bpf_map_of_maps_alloc(&attr, inner);
}

UNIT_TEST(hash_of_maps)
{
	struct bpf_map *tmpl = array(4, 2, 0), *a = array(4, 2, 0), *b = array(4, 2, 0);
	struct bpf_map *bad = array(4, 3, 0), *outer = hash_outer_of(tmpl, 2);
	union bpf_attr attr = map_attr(BPF_MAP_TYPE_HASH_OF_MAPS, 4, 8, 2, 0);
	u32 k1 = 100, k2 = 200, k3 = 300, id = 0, next;

	ASSERT(!IS_ERR(outer));
	EXPECT(outer->ops == &htab_of_maps_map_ops);
	EXPECT_EQ(PTR_ERR(bpf_map_of_maps_alloc(&attr, tmpl)), -EINVAL);
	a->id = 5;
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k1, bad, BPF_ANY), -EINVAL);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k1, a, BPF_EXIST), -ENOENT);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k1, a, BPF_NOEXIST), 0);
	EXPECT_EQ(a->refcnt, 2);
	EXPECT(outer->ops->map_lookup_elem(outer, &k1) == a); /* the full pointer */
	EXPECT_EQ(bpf_map_copy_value(outer, &k1, &id, 0), 0);
	EXPECT_EQ(id, 5);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k1, a, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k2, b, BPF_ANY), 0);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k3, b, BPF_ANY), -E2BIG);
	EXPECT_EQ(bpf_map_update_value(outer, &k1, &id, BPF_ANY, NULL), -EBADF);
	EXPECT_EQ(bpf_fd_htab_map_update_elem(outer, &k1, b, BPF_EXIST), 0);
	EXPECT_EQ(a->refcnt, 1);
	EXPECT_EQ(b->refcnt, 3);
	EXPECT_EQ(outer->ops->map_get_next_key(outer, NULL, &next), 0);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, &k2), 0);
	EXPECT_EQ(b->refcnt, 2);
	EXPECT_EQ(outer->ops->map_delete_elem(outer, &k2), -ENOENT);
	EXPECT_EQ(outer->ops->map_update_elem(outer, &k2, &id, BPF_ANY), -EINVAL);
	put(b); /* the outer map now holds b's last reference */
	outer->ops->map_free(outer);
	put(a), put(bad), put(tmpl);
}

UNIT_TEST(create_destroy_10000)
{
	for (int i = 0; i < 10000; i++) {
		struct bpf_map *tmpl = array(8, 4, 0), *inner = array(8, 4, 0);
		struct bpf_map *outer = outer_of(tmpl, 4);
		u32 k = (u32)i % 4;

		ASSERT(!IS_ERR(outer));
		bpf_fd_array_map_update_elem(outer, &k, inner, BPF_ANY);
		put(inner);
		put(tmpl);
		outer->ops->map_free(outer);
		tmpl = array(8, 4, 0);
		inner = array(8, 4, 0);
		outer = hash_outer_of(tmpl, 4);
		ASSERT(!IS_ERR(outer));
		bpf_fd_htab_map_update_elem(outer, &k, inner, BPF_ANY);
		put(inner);
		put(tmpl);
		outer->ops->map_free(outer);
	}
}

UNIT_MAIN()
