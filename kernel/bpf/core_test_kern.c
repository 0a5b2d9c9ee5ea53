// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of the BPF runtime (test=bpf): the portable core that the
 * host unit tests cover, now built with the kernel's flags and allocators.
 * Each program runs in the interpreter and, when the kernel's JIT compiles
 * it, in the JIT too; both must give the expected r0.
 */
#include <string.h>
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>
#include <bpfkern/ktest.h>
#include <bpfkern/load.h>
#include <bpfkern/xdp.h>

static struct bpf_map *test_map;

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd == 0 ? test_map : NULL;
}

/* Loads insns as type for the interpreter (jit false) or the JIT; NULL if it does not load. */
static struct bpf_prog *load(const struct bpf_insn *insns, u32 cnt, enum bpf_prog_type type,
			     bool jit)
{
	char log[128];
	struct bpf_load_opts opts = { .prog_type = type,
				      .map_from_fd = map_from_fd,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	int err;

	if (!prog)
		return NULL;
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->type = type;
	prog->jit_requested = jit;
	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		printk("bpf test: load failed: %s\n", log);
		bpf_prog_free(prog);
		return NULL;
	}
	return bpf_prog_select_runtime(prog, &err);
}

/* r0 of a raw program in both runtimes; checks they agree and equal want. */
static void expect_r0(struct ktest_ctx *t, const struct bpf_insn *insns, u32 cnt, u64 want)
{
	int jit;

	for (jit = 0; jit < 2; jit++) {
		struct bpf_prog *prog = load(insns, cnt, BPF_PROG_TYPE_UNSPEC, jit);

		KTEST_ASSERT(prog);
		if (!jit || prog->jited)
			KTEST_EXPECT(bpf_prog_run_raw(prog, NULL, 0) == want);
		bpf_prog_free(prog);
	}
}

#define EXPECT_R0(want, ...)                                  \
	do {                                                  \
		const struct bpf_insn p_[] = { __VA_ARGS__ }; \
		expect_r0(t, p_, ARRAY_SIZE(p_), want);       \
	} while (0)

KTEST(bpf, alu_edges)
{
	/* x / 0 = 0, x % 0 = x */
	EXPECT_R0(0, BPF_MOV64_IMM(0, 7), BPF_MOV64_IMM(1, 0), BPF_ALU64_REG(BPF_DIV, 0, 1),
		  BPF_EXIT_INSN());
	EXPECT_R0(7, BPF_MOV64_IMM(0, 7), BPF_MOV64_IMM(1, 0), BPF_ALU64_REG(BPF_MOD, 0, 1),
		  BPF_EXIT_INSN());
	/* INT_MIN sdiv -1 = INT_MIN */
	EXPECT_R0(0x8000000000000000ull, BPF_LD_IMM64(0, 0x8000000000000000ull),
		  BPF_MOV64_IMM(1, -1), BPF_RAW_INSN(BPF_ALU64 | BPF_DIV | BPF_X, 0, 1, 1, 0),
		  BPF_EXIT_INSN());
	/* shift counts are masked */
	EXPECT_R0(2, BPF_MOV64_IMM(0, 1), BPF_MOV64_IMM(1, 65), BPF_ALU64_REG(BPF_LSH, 0, 1),
		  BPF_EXIT_INSN());
	/* 32-bit results are zero-extended */
	EXPECT_R0(0, BPF_MOV64_IMM(0, -1), BPF_ALU32_IMM(BPF_ADD, 0, 1), BPF_EXIT_INSN());
	EXPECT_R0(0x8877, BPF_LD_IMM64(0, 0x1122334455667788ull),
		  BPF_RAW_INSN(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 16), BPF_EXIT_INSN());
}

KTEST(bpf, stack_and_atomics)
{
	EXPECT_R0(15, BPF_ST_MEM(BPF_DW, 10, -8, 10), BPF_MOV64_IMM(1, 5),
		  BPF_RAW_INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 1, -8, BPF_ADD),
		  BPF_LDX_MEM(BPF_DW, 0, 10, -8), BPF_EXIT_INSN());
	EXPECT_R0(10, BPF_ST_MEM(BPF_DW, 10, -8, 10), BPF_MOV64_IMM(0, 10), BPF_MOV64_IMM(1, 3),
		  BPF_RAW_INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 1, -8, BPF_CMPXCHG),
		  BPF_EXIT_INSN());
}

KTEST(bpf, call_frames)
{
	/* the callee's stack is its own; r6 survives the call */
	EXPECT_R0(1000 + 11 + 5, BPF_ST_MEM(BPF_DW, 10, -8, 11), BPF_MOV64_IMM(6, 5),
		  BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 4),
		  BPF_LDX_MEM(BPF_DW, 1, 10, -8), BPF_ALU64_REG(BPF_ADD, 0, 1),
		  BPF_ALU64_REG(BPF_ADD, 0, 6), BPF_EXIT_INSN(),
		  /* callee */
		  BPF_ST_MEM(BPF_DW, 10, -8, 1000), BPF_MOV64_IMM(6, 77),
		  BPF_LDX_MEM(BPF_DW, 0, 10, -8), BPF_EXIT_INSN());
}

KTEST(bpf, array_map_helpers)
{
	union bpf_attr attr = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 2
	};
	u32 key = 1;

	test_map = array_map_ops.map_alloc(&attr);
	KTEST_ASSERT(!IS_ERR(test_map));
	*(u64 *)test_map->ops->map_lookup_elem(test_map, &key) = 1234;
	EXPECT_R0(1234, BPF_ST_MEM(BPF_W, 10, -4, 1), BPF_LD_IMM64_RAW(1, BPF_PSEUDO_MAP_FD, 0),
		  BPF_MOV64_REG(2, 10), BPF_ALU64_IMM(BPF_ADD, 2, -4),
		  BPF_CALL_HELPER(BPF_FUNC_map_lookup_elem), BPF_JMP_IMM(BPF_JEQ, 0, 0, 1),
		  BPF_LDX_MEM(BPF_DW, 0, 0, 0), BPF_EXIT_INSN());
	test_map->ops->map_free(test_map);
	test_map = NULL;
}

KTEST(bpf, xdp_ctx)
{
	/* len = data_end - data after adjust_head(-4) */
	static const struct bpf_insn insns[] = {
		BPF_MOV64_REG(6, 1),
		BPF_MOV64_IMM(2, -4),
		BPF_CALL_HELPER(BPF_FUNC_xdp_adjust_head),
		BPF_LDX_MEM(BPF_W, 2, 6, offsetof(struct xdp_md, data)),
		BPF_LDX_MEM(BPF_W, 3, 6, offsetof(struct xdp_md, data_end)),
		BPF_ALU64_REG(BPF_SUB, 3, 2),
		BPF_LDX_MEM(BPF_W, 0, 6, offsetof(struct xdp_md, ingress_ifindex)),
		BPF_ALU64_IMM(BPF_LSH, 0, 16),
		BPF_ALU64_REG(BPF_OR, 0, 3),
		BPF_EXIT_INSN(),
	};
	static u8 frame[4096];
	struct net_device lo = { .ifindex = 1 };
	struct xdp_rxq_info rxq = { .dev = &lo };
	struct xdp_buff xdp;
	int jit;

	for (jit = 0; jit < 2; jit++) {
		struct bpf_prog *prog = load(insns, ARRAY_SIZE(insns), BPF_PROG_TYPE_XDP, jit);

		KTEST_ASSERT(prog);
		xdp_prepare_buff(&xdp, frame, sizeof(frame), XDP_PACKET_HEADROOM, 60, &rxq);
		if (!jit || prog->jited)
			KTEST_EXPECT(bpf_prog_run(prog, &xdp) == (1 << 16 | 64));
		bpf_prog_free(prog);
	}
}
