// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of program BTF that the differential tests (tier 25-btf) cannot
 * see: func_info and line_info follow their instructions when the load path
 * patches the program (kernel/bpf/patch.c), and a BTF blob's type records
 * are found and sized as Linux's btf_type_id_size does (kernel/bpf/btf.c).
 */
#define UNIT_SUITE "btf"
#include "lib/unit.h"
#include <bpfkern/btf.h>
#include <bpfkern/patch.h>
#include <bpfkern/kernel.h>

#define MOV(d, i) \
	((struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = (d), .imm = (i) })

/* A program of n movs with a line record on every insn and func records at 0 and n - 1. */
static struct bpf_prog *prog_with_info(u32 n)
{
	struct bpf_prog *prog = bpf_prog_alloc(n);
	u32 i;

	if (!prog)
		return NULL;
	for (i = 0; i < n; i++)
		prog->insnsi[i] = MOV(0, (s32)i);
	prog->aux->linfo = kvzalloc(n * sizeof(struct bpf_line_info), GFP_KERNEL);
	prog->aux->func_info = kvzalloc(2 * sizeof(struct bpf_func_info), GFP_KERNEL);
	if (!prog->aux->linfo || !prog->aux->func_info)
		return prog;
	for (i = 0; i < n; i++)
		prog->aux->linfo[i].insn_off = i;
	prog->aux->nr_linfo = n;
	prog->aux->func_info[1].insn_off = n - 1;
	prog->aux->func_info_cnt = 2;
	return prog;
}

static void free_prog(struct bpf_prog *prog)
{
	kvfree(prog->aux->linfo);
	kvfree(prog->aux->func_info);
	bpf_prog_free(prog);
}

UNIT_TEST(patch_moves_line_and_func_info)
{
	struct bpf_insn three[3] = { MOV(1, 1), MOV(2, 2), MOV(3, 3) };
	struct bpf_prog *prog = prog_with_info(4);

	ASSERT(prog && prog->aux->linfo && prog->aux->func_info);
	ASSERT(bpf_patch_insn_single(prog, 1, three, 3) == 0);
	EXPECT_EQ(prog->len, 6u);
	/* the record at the patched insn stays on its first insn; later ones move by 2 */
	EXPECT_EQ(prog->aux->linfo[0].insn_off, 0u);
	EXPECT_EQ(prog->aux->linfo[1].insn_off, 1u);
	EXPECT_EQ(prog->aux->linfo[2].insn_off, 4u);
	EXPECT_EQ(prog->aux->linfo[3].insn_off, 5u);
	EXPECT_EQ(prog->aux->func_info[0].insn_off, 0u);
	EXPECT_EQ(prog->aux->func_info[1].insn_off, 5u);
	EXPECT_EQ(prog->insnsi[5].imm, 3);
	free_prog(prog);
}

UNIT_TEST(patch_of_one_insn_moves_nothing)
{
	struct bpf_insn one = MOV(7, 7);
	struct bpf_prog *prog = prog_with_info(3);

	ASSERT(prog && prog->aux->linfo && prog->aux->func_info);
	ASSERT(bpf_patch_insn_single(prog, 0, &one, 1) == 0);
	EXPECT_EQ(prog->aux->linfo[2].insn_off, 2u);
	EXPECT_EQ(prog->aux->func_info[1].insn_off, 2u);
	free_prog(prog);
}

UNIT_TEST(patch_at_last_insn_moves_nothing_before)
{
	struct bpf_insn two[2] = { MOV(1, 1), MOV(2, 2) };
	struct bpf_prog *prog = prog_with_info(3);

	ASSERT(prog && prog->aux->linfo && prog->aux->func_info);
	ASSERT(bpf_patch_insn_single(prog, 2, two, 2) == 0);
	EXPECT_EQ(prog->aux->linfo[2].insn_off, 2u);
	EXPECT_EQ(prog->aux->func_info[1].insn_off, 2u);
	EXPECT_EQ(prog->len, 4u);
	free_prog(prog);
}

/* A hand-made blob in kernel memory, parsed through the user-pointer path of the host build. */
static struct btf *parse(const void *blob, u32 size)
{
	u32 true_size;

	return btf_parse(blob, size, 0, NULL, 0, &true_size);
}

UNIT_TEST(type_id_size_through_modifiers_and_arrays)
{
	/* [1] int, [2] const int, [3] typedef, [4] an array of 10 of it, [5] a pointer to that */
	/* clang-format off */
	static const u32 blob[] = {
		0xeB9F | 1 << 16, 24, 0, 76, 76, 4,	/* header */
		1, 1u << 24, 4, 0x01000020,		/* [1] INT "nt" 4 bytes, signed 32 bits */
		0, 10u << 24, 1,			/* [2] CONST -> 1 */
		1, 8u << 24, 2,				/* [3] TYPEDEF "nt" -> 2 */
		0, 3u << 24, 0, 3, 1, 10,		/* [4] ARRAY of 3, index 1, 10 elems */
		0, 2u << 24, 4,				/* [5] PTR -> 4 */
		0x00746e00,				/* strings: "", "nt" */
	};
	/* clang-format on */
	struct btf *btf = parse(blob, sizeof(blob));
	u32 id, size;

	ASSERT(!IS_ERR(btf));
	id = 3;
	EXPECT(btf_type_id_size(btf, &id, &size) != NULL);
	EXPECT_EQ(id, 1u);
	EXPECT_EQ(size, 4u);
	id = 4;
	EXPECT(btf_type_id_size(btf, &id, &size) != NULL);
	EXPECT_EQ(size, 40u);
	id = 5;
	EXPECT(btf_type_id_size(btf, &id, &size) != NULL);
	EXPECT_EQ(size, 8u);
	id = 0;
	EXPECT(btf_type_id_size(btf, &id, &size) == NULL);
	id = 6;
	EXPECT(btf_type_by_id(btf, id) == NULL);
	EXPECT(strcmp(btf_name_by_offset(btf, 1), "nt") == 0);
	EXPECT(strcmp(btf_name_by_offset(btf, 0), "(anon)") == 0);
	btf_free(btf);
}

UNIT_MAIN()
