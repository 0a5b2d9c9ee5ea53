// SPDX-License-Identifier: GPL-2.0
/*
 * ARRAY's inline lookup (arraymap.c: array_map_gen_lookup, Linux's
 * array_map_gen_lookup): the instructions the verifier splices in place of
 * a bpf_map_lookup_elem call are run in the interpreter with r1 = the map
 * and r2 = a key, and must give what the map's own lookup gives (the
 * value's address, or 0 past max_entries), for power-of-two element sizes
 * (a shift) and others (a multiply), and for the masked indexes between
 * max_entries and the allocated power of two.
 */
#include <string.h>
#define UNIT_SUITE "array_gen_lookup"
#include "lib/unit.h"
#include "lib/map_util.h"
#include <bpfkern/filter.h>
#include <bpfkern/mm.h>

#define GEN_MAX 8

/* The generated lookup for key, run raw: the address it computes (0 for none). */
static u64 gen_lookup_run(struct bpf_map *map, u32 key, int *cnt)
{
	struct bpf_prog *prog = bpf_prog_alloc(GEN_MAX + 1);
	u64 r0;

	*cnt = map->ops->map_gen_lookup(map, prog->insnsi);
	if (*cnt <= 0 || *cnt > GEN_MAX) {
		bpf_prog_free(prog);
		return ~0ull;
	}
	prog->insnsi[*cnt] = (struct bpf_insn)BPF_EXIT_INSN();
	prog->len = (u32)*cnt + 1;
	r0 = bpf_prog_run_raw(prog, map, (u64)(uintptr_t)&key);
	bpf_prog_free(prog);
	return r0;
}

/* Every key from 0 to past the index mask, and a few far ones, against map_lookup_elem. */
static void check_all_keys(u32 value_size, u32 max_entries)
{
	struct bpf_map *map =
		map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, value_size, max_entries, 0);
	u32 far[] = { 1000, 0x7fffffff, 0x80000000, 0xffffffff };
	int cnt = 0;

	ASSERT(!IS_ERR(map));
	for (u32 key = 0; key < 2 * max_entries + 2; key++) {
		void *want = map->ops->map_lookup_elem(map, &key);

		EXPECT_EQ(gen_lookup_run(map, key, &cnt), (u64)(uintptr_t)want);
		EXPECT(cnt > 0 && cnt <= GEN_MAX);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(far); i++)
		EXPECT_EQ(gen_lookup_run(map, far[i], &cnt), 0);
	map->ops->map_free(map);
}

UNIT_TEST(power_of_two_elem)
{
	check_all_keys(8, 5);
	check_all_keys(16, 64);
	check_all_keys(4, 1); /* rounded up to 8 */
}

UNIT_TEST(other_elem_sizes)
{
	check_all_keys(24, 7);
	check_all_keys(100, 3);
	check_all_keys(12, 1000);
}

UNIT_TEST(mmapable_layout)
{
	struct bpf_map *map =
		map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 1024, BPF_F_MMAPABLE);
	u32 key = 3;
	int cnt;
	u64 addr;

	ASSERT(!IS_ERR(map));
	addr = gen_lookup_run(map, key, &cnt);
	EXPECT_EQ(addr, (u64)(uintptr_t)map->ops->map_lookup_elem(map, &key));
	/* values start on a page, page pgoff of the mmap view is value page pgoff */
	EXPECT_EQ((u64)(uintptr_t)map->ops->map_mmap_page(map, 0) % PAGE_SIZE, 0);
	EXPECT_EQ((u64)(uintptr_t)map->ops->map_mmap_page(map, 0) + 3 * 8, addr);
	EXPECT_EQ(map->ops->map_mmap(map, 0, 2, true), 0);
	EXPECT_EQ(map->ops->map_mmap(map, 0, 3, false), -EINVAL);
	EXPECT_EQ(map->ops->map_mmap(map, 2, 1, false), -EINVAL);
	map->ops->map_free(map);
	map = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0);
	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_mmap(map, 0, 1, false), -EINVAL);
	map->ops->map_free(map);
}

UNIT_TEST(inner_map_template_not_inlined)
{
	struct bpf_map *map =
		map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, BPF_F_INNER_MAP);
	struct bpf_insn buf[GEN_MAX];

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_gen_lookup(map, buf), -EOPNOTSUPP);
	map->ops->map_free(map);
}

UNIT_TEST(mmapable_only_plain_arrays)
{
	EXPECT_EQ(map_create_err(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 4,
				 BPF_F_MMAPABLE),
		  -EINVAL);
	EXPECT_EQ(map_create_err(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 4, BPF_F_MMAPABLE), 0);
}

UNIT_MAIN()
