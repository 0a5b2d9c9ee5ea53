// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's inline map lookups (verifier.c: inline_map_lookups, Linux's
 * map_gen_lookup fixup): after bpf_check() a program that will be JIT'd has
 * each bpf_map_lookup_elem call on an ARRAY replaced by the array's
 * straight-line lookup (arraymap.c: array_map_gen_lookup); the xlated dump is
 * printed ("# " lines) and checked, and the patched program gives the
 * values the call gave, in the interpreter and the JIT. Not inlined: a call
 * site that sees two maps (poisoned), a HASH map (no map_gen_lookup), a
 * program not meant for the JIT.
 */
#include <string.h>
#include <stdio.h>
#define UNIT_SUITE "verifier_inline"
#include "lib/unit.h"
#include "lib/map_util.h"
#include <bpfkern/disasm.h>
#include <bpfkern/filter.h>
#include <bpfkern/verifier.h>

static struct bpf_map *maps[2];

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd >= 0 && fd < 2 ? maps[fd] : NULL;
}

/* r0 = key's u64 value of map fd 0, or 99 when the lookup gives NULL. */
#define LOOKUP_PROG(key)                                                                        \
	{                                                                                       \
		BPF_ST_MEM(BPF_W, BPF_REG_10, -4, (key)), BPF_MOV64_REG(BPF_REG_2, BPF_REG_10), \
			BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),                                  \
			BPF_LD_IMM64_RAW(BPF_REG_1, BPF_PSEUDO_MAP_FD, 0),                      \
			BPF_CALL_HELPER(BPF_FUNC_map_lookup_elem),                              \
			BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2),                                  \
			BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_0, 0), BPF_EXIT_INSN(),          \
			BPF_MOV64_IMM(BPF_REG_0, 99), BPF_EXIT_INSN(),                          \
	}

/* A program of insns, checked by bpf_check() with jit_requested as given; NULL if rejected. */
static struct bpf_prog *check_prog(const struct bpf_insn *insns, u32 cnt, bool jit)
{
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	struct bpf_verifier_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
					  .bpf_capable = true,
					  .gpl_compatible = true,
					  .map_from_fd = map_from_fd };
	int err;

	if (!prog)
		return NULL;
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->type = BPF_PROG_TYPE_XDP;
	prog->jit_requested = jit;
	err = bpf_check(&prog, &opts);
	if (err) {
		printf("# bpf_check: %d\n", err);
		bpf_prog_free(prog);
		return NULL;
	}
	return prog;
}

static bool has_lookup_call(const struct bpf_prog *prog)
{
	for (u32 i = 0; i < prog->len; i++)
		if (prog->insnsi[i].code == (BPF_JMP | BPF_CALL) &&
		    prog->insnsi[i].imm == BPF_FUNC_map_lookup_elem)
			return true;
	return false;
}

static void dump_xlated(const struct bpf_prog *prog)
{
	char line[BPF_DISASM_LINE_MAX];
	u32 i = 0;

	while (i < prog->len) {
		const struct bpf_insn *insn = &prog->insnsi[i];
		int n = 2;

		if (insn->code == (BPF_LD | BPF_IMM | BPF_DW)) /* a map's address now */
			printf("#   %2u: r%u = map %#llx ll\n", i, insn->dst_reg,
			       (unsigned long long)((u32)insn[0].imm | (u64)(u32)insn[1].imm
									       << 32));
		else if ((n = bpf_disasm_insn(insn, prog->len - i, line, sizeof(line))) > 0)
			printf("#   %2u: %s\n", i, line);
		i += n > 0 ? (u32)n : 1;
	}
}

static struct bpf_map *array_with_values(void)
{
	struct bpf_map *map = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 8, 5, 0);

	for (u32 k = 0; !IS_ERR(map) && k < 5; k++) {
		u64 v = 1000 + k;

		map->ops->map_update_elem(map, &k, &v, BPF_ANY);
	}
	return map;
}

/* The result of the lookup program for key, inlined, in the interpreter and the JIT. */
static void check_key(u32 key, u64 want, bool dump)
{
	struct bpf_insn insns[] = LOOKUP_PROG(key);
	struct bpf_prog *prog = check_prog(insns, ARRAY_SIZE(insns), true);
	u64 mem = 0;
	int err;

	ASSERT(prog);
	EXPECT(!has_lookup_call(prog));
	EXPECT(prog->len > ARRAY_SIZE(insns));
	if (dump)
		dump_xlated(prog);
	EXPECT_EQ(bpf_prog_run_raw(prog, &mem, 0), want);
	prog = bpf_prog_select_runtime(prog, &err);
	EXPECT_EQ(err, 0);
	EXPECT_EQ(bpf_prog_run_raw(prog, &mem, 0), want);
	bpf_prog_free(prog);
}

UNIT_TEST(array_lookup_inlined)
{
	maps[0] = array_with_values();
	ASSERT(!IS_ERR(maps[0]));
	check_key(0, 1000, true);
	check_key(4, 1004, false);
	check_key(5, 99, false); /* past max_entries: NULL */
	check_key(0xffffffff, 99, false);
	maps[0]->ops->map_free(maps[0]);
}

UNIT_TEST(array_lookup_sequence)
{
	struct bpf_insn insns[] = LOOKUP_PROG(1);
	struct bpf_prog *prog;

	maps[0] = array_with_values();
	ASSERT(!IS_ERR(maps[0]));
	prog = check_prog(insns, ARRAY_SIZE(insns), true);
	ASSERT(prog);
	/* the call at 5 became: r1 += value offset; r0 = *(u32 *)(r2 +0); if r0 >= 5 ... */
	EXPECT_EQ(prog->insnsi[5].code, BPF_ALU64 | BPF_ADD | BPF_K);
	EXPECT_EQ(prog->insnsi[5].dst_reg, BPF_REG_1);
	EXPECT_EQ(prog->insnsi[6].code, BPF_LDX | BPF_MEM | BPF_W);
	EXPECT_EQ(prog->insnsi[7].code, BPF_JMP | BPF_JGE | BPF_K);
	EXPECT_EQ(prog->insnsi[7].imm, 5);
	/* the null check after it still reaches the "return 99" path */
	EXPECT_EQ(bpf_prog_run_raw(prog, &(u64){ 0 }, 0), 1001);
	bpf_prog_free(prog);
	maps[0]->ops->map_free(maps[0]);
}

UNIT_TEST(not_inlined)
{
	struct bpf_insn insns[] = LOOKUP_PROG(1);
	/* two maps reach the same call: r1 is map 0 or map 1 depending on r0 */
	struct bpf_insn two[] = {
		BPF_CALL_HELPER(BPF_FUNC_get_prandom_u32),
		BPF_ST_MEM(BPF_W, BPF_REG_10, -4, 1),
		BPF_MOV64_REG(BPF_REG_2, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_2, -4),
		BPF_LD_IMM64_RAW(BPF_REG_1, BPF_PSEUDO_MAP_FD, 0),
		BPF_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2),
		BPF_LD_IMM64_RAW(BPF_REG_1, BPF_PSEUDO_MAP_FD, 1),
		BPF_CALL_HELPER(BPF_FUNC_map_lookup_elem),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	struct bpf_prog *prog;

	maps[0] = array_with_values();
	maps[1] = array_with_values();
	ASSERT(!IS_ERR(maps[0]) && !IS_ERR(maps[1]));
	prog = check_prog(two, ARRAY_SIZE(two), true);
	ASSERT(prog);
	EXPECT(has_lookup_call(prog));
	bpf_prog_free(prog);
	prog = check_prog(insns, ARRAY_SIZE(insns), false); /* the interpreter only */
	ASSERT(prog);
	EXPECT(has_lookup_call(prog));
	bpf_prog_free(prog);
	maps[1]->ops->map_free(maps[1]);
	maps[0]->ops->map_free(maps[0]);
	maps[0] = map_create(&htab_map_ops, BPF_MAP_TYPE_HASH, 4, 8, 5, 0);
	ASSERT(!IS_ERR(maps[0]));
	maps[0]->ops = &htab_map_ops;
	prog = check_prog(insns, ARRAY_SIZE(insns), true);
	ASSERT(prog);
	EXPECT(has_lookup_call(prog));
	bpf_prog_free(prog);
	maps[0]->ops->map_free(maps[0]);
}

UNIT_MAIN()
