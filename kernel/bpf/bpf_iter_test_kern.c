// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of callbacks (test=bpf_iter): bpf_loop and
 * bpf_for_each_map_elem (kernel/bpf/bpf_iter.c) calling back into programs
 * through bpf_callback_call (kernel/bpf/core.c), each program run in the
 * interpreter and in the kernel's JIT with the kernel's stacks and
 * allocators. The host's tests/unit/test_core_callback.c covers more cases.
 */
#include <string.h>
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>
#include <bpfkern/ktest.h>
#include <bpfkern/load.h>
#include "kernel/bpf/bpf_iter_progs.h"

static struct bpf_map *iter_map;

static struct bpf_map *iter_map_from_fd(void *ctx, int fd)
{
	(void)ctx;
	return fd == 0 ? iter_map : NULL;
}

/* Until the helper table points at them, the tests install the helpers themselves. */
static void install_helpers(void)
{
	if (!bpf_func_protos[BPF_FUNC_loop].func)
		bpf_func_protos[BPF_FUNC_loop].func = bpf_loop;
	if (!bpf_func_protos[BPF_FUNC_for_each_map_elem].func)
		bpf_func_protos[BPF_FUNC_for_each_map_elem].func = bpf_for_each_map_elem;
}

/* r0 of insns run in the interpreter (jit false) or the JIT; ~0 if it does not load. */
static u64 iter_run(const struct bpf_insn *insns, u32 cnt, bool jit)
{
	struct bpf_load_opts opts = { .map_from_fd = iter_map_from_fd };
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	u64 r0 = ~0ull;
	int err;

	if (!prog)
		return r0;
	install_helpers();
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->jit_requested = jit;
	if (!bpf_prog_prepare(prog, &opts)) {
		prog = bpf_prog_select_runtime(prog, &err);
		if (prog->jited == jit)
			r0 = bpf_prog_run_raw(prog, NULL, 0);
	}
	bpf_prog_free(prog);
	return r0;
}

#define EXPECT_BOTH(want, ...)                                                    \
	do {                                                                      \
		const struct bpf_insn p_[] = { __VA_ARGS__ };                     \
		KTEST_EXPECT(iter_run(p_, ARRAY_SIZE(p_), false) == (u64)(want)); \
		KTEST_EXPECT(iter_run(p_, ARRAY_SIZE(p_), true) == (u64)(want));  \
	} while (0)

/*
 * bpf_loop(nr, cb, &counter on the stack, flags), cb counting its calls
 * through ctx and stopping after i == stop: r0 = result << 32 | count.
 */
#define LOOP_PROG(nr, flags, stop)                                                           \
	BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0), BPF_MOV64_IMM(BPF_REG_1, nr),                 \
		BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, 9),                             \
		BPF_MOV64_REG(BPF_REG_3, BPF_REG_10), BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, -8), \
		BPF_MOV64_IMM(BPF_REG_4, flags), BPF_CALL_HELPER(BPF_FUNC_loop),             \
		BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, -8),                              \
		BPF_ALU64_IMM(BPF_LSH, BPF_REG_0, 32),                                       \
		BPF_ALU64_REG(BPF_OR, BPF_REG_0, BPF_REG_1), BPF_EXIT_INSN(),                \
		/* cb */ BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_2, 0),                       \
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 1),                                        \
		BPF_STX_MEM(BPF_DW, BPF_REG_2, BPF_REG_3, 0), BPF_MOV64_IMM(BPF_REG_0, 0),   \
		BPF_JMP_IMM(BPF_JNE, BPF_REG_1, stop, 1), BPF_MOV64_IMM(BPF_REG_0, 1),       \
		BPF_EXIT_INSN()

#define LOOP_RESULT(ret, count) ((u64)(s64)(ret) << 32 | (count))

KTEST(bpf_iter, loop)
{
	EXPECT_BOTH(LOOP_RESULT(100, 100), LOOP_PROG(100, 0, -1));
	EXPECT_BOTH(LOOP_RESULT(5, 5), LOOP_PROG(10, 0, 4)); /* early stop */
	EXPECT_BOTH(LOOP_RESULT(0, 0), LOOP_PROG(0, 0, -1));
	EXPECT_BOTH(LOOP_RESULT(-E2BIG, 0), LOOP_PROG(BPF_MAX_LOOPS + 1, 0, -1));
	EXPECT_BOTH(LOOP_RESULT(-EINVAL, 0), LOOP_PROG(10, 2, -1));
}

/* bpf_loop(3, outer) with outer running bpf_loop(4, inner) on the same counter. */
KTEST(bpf_iter, nested_loop)
{
	EXPECT_BOTH(LOOP_RESULT(3, 12), BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0),
		    BPF_MOV64_IMM(BPF_REG_1, 3), BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, 9),
		    BPF_MOV64_REG(BPF_REG_3, BPF_REG_10), BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, -8),
		    BPF_MOV64_IMM(BPF_REG_4, 0), BPF_CALL_HELPER(BPF_FUNC_loop),
		    BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, -8),
		    BPF_ALU64_IMM(BPF_LSH, BPF_REG_0, 32),
		    BPF_ALU64_REG(BPF_OR, BPF_REG_0, BPF_REG_1), BPF_EXIT_INSN(),
		    /* outer */ BPF_MOV64_IMM(BPF_REG_1, 4), BPF_MOV64_REG(BPF_REG_3, BPF_REG_2),
		    BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, 5), BPF_MOV64_IMM(BPF_REG_4, 0),
		    BPF_CALL_HELPER(BPF_FUNC_loop), BPF_MOV64_IMM(BPF_REG_0, 0), BPF_EXIT_INSN(),
		    /* inner */ BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_2, 0),
		    BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 1),
		    BPF_STX_MEM(BPF_DW, BPF_REG_2, BPF_REG_3, 0), BPF_MOV64_IMM(BPF_REG_0, 0),
		    BPF_EXIT_INSN());
}

#define FOR_EACH_RESULT(ret, calls, sum) ((u64)(ret)*1000000 + (calls)*1000 + (sum))

/* A map of type with keys 0..5 (value 10 * key + 1), key 3 then deleted. */
static struct bpf_map *iter_make_map(const struct bpf_map_ops *ops, enum bpf_map_type type)
{
	union bpf_attr attr;
	struct bpf_map *map;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 8;
	map = ops->map_alloc(&attr);
	if (IS_ERR_OR_NULL(map))
		return NULL;
	map->ops = ops;
	for (u32 key = 0; key < 6; key++) {
		u64 value = 10 * key + 1;

		map->ops->map_update_elem(map, &key, &value, BPF_ANY);
	}
	map->ops->map_delete_elem(map, &(u32){ 3 });
	return map;
}

KTEST(bpf_iter, for_each_array)
{
	iter_map = iter_make_map(&array_map_ops, BPF_MAP_TYPE_ARRAY);
	KTEST_ASSERT(iter_map);
	EXPECT_BOTH(FOR_EACH_RESULT(8, 8, 156), FOR_EACH_PROG(-1));
	EXPECT_BOTH(FOR_EACH_RESULT(5, 5, 105), FOR_EACH_PROG(4)); /* early stop: keys 0..4 */
	iter_map->ops->map_free(iter_map);
	iter_map = NULL;
}

/* Key 3 is gone: five calls; stopping at key 4 stops where the walk met it. */
KTEST(bpf_iter, for_each_hash)
{
	static const struct bpf_map_ops *const ops[] = { &htab_map_ops, &htab_percpu_map_ops,
							 &htab_lru_map_ops,
							 &htab_lru_percpu_map_ops };
	static const enum bpf_map_type types[] = { BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_HASH,
						   BPF_MAP_TYPE_LRU_HASH,
						   BPF_MAP_TYPE_LRU_PERCPU_HASH };

	for (u32 i = 0; i < ARRAY_SIZE(ops); i++) {
		for (int jit = 0; jit < 2; jit++) {
			const struct bpf_insn all[] = { FOR_EACH_PROG(-1) };
			const struct bpf_insn stop[] = { FOR_EACH_PROG(4) };
			u64 r0;

			iter_map = iter_make_map(ops[i], types[i]);
			KTEST_ASSERT(iter_map);
			KTEST_EXPECT(iter_run(all, ARRAY_SIZE(all), jit) ==
				     FOR_EACH_RESULT(5, 5, 125));
			r0 = iter_run(stop, ARRAY_SIZE(stop), jit);
			KTEST_EXPECT(r0 / 1000000 == r0 / 1000 % 1000 && r0 % 1000 >= 41);
			iter_map->ops->map_free(iter_map);
			iter_map = NULL;
		}
	}
}
