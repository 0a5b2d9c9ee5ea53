/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bpf_for_each_map_elem test program shared by the in-guest callback tests
 * (kernel/bpf/bpf_iter_test_kern.c) and their comparison with the host's
 * Linux (tests/unit/test_core_callback_linux.c), so both run the same
 * instructions. Uses the insn macros of <bpfkern/filter.h>.
 */
#ifndef BPFKERN_BPF_ITER_PROGS_H
#define BPFKERN_BPF_ITER_PROGS_H

/*
 * bpf_for_each_map_elem(map fd 0, cb, ctx): cb adds each u64 value to ctx[0],
 * counts its calls in ctx[1] and stops after key stop: r0 = result * 10^6 +
 * calls * 1000 + sum.
 */
#define FOR_EACH_PROG(stop)                                                                   \
	BPF_ST_MEM(BPF_DW, BPF_REG_10, -16, 0), BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0),        \
		BPF_LD_IMM64_RAW(BPF_REG_1, BPF_PSEUDO_MAP_FD, 0),                            \
		BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, 12),                             \
		BPF_MOV64_REG(BPF_REG_3, BPF_REG_10), BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, -16), \
		BPF_MOV64_IMM(BPF_REG_4, 0), BPF_CALL_HELPER(BPF_FUNC_for_each_map_elem),     \
		BPF_ALU64_IMM(BPF_MUL, BPF_REG_0, 1000000),                                   \
		BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, -8),                               \
		BPF_ALU64_IMM(BPF_MUL, BPF_REG_1, 1000),                                      \
		BPF_ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_1),                                 \
		BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, -16),                              \
		BPF_ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_1), BPF_EXIT_INSN(),                \
		/* cb */ BPF_LDX_MEM(BPF_W, BPF_REG_8, BPF_REG_2, 0),                         \
		BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_3, 0),                                 \
		BPF_LDX_MEM(BPF_DW, BPF_REG_5, BPF_REG_4, 0),                                 \
		BPF_ALU64_REG(BPF_ADD, BPF_REG_5, BPF_REG_0),                                 \
		BPF_STX_MEM(BPF_DW, BPF_REG_4, BPF_REG_5, 0),                                 \
		BPF_LDX_MEM(BPF_DW, BPF_REG_5, BPF_REG_4, 8),                                 \
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_5, 1),                                         \
		BPF_STX_MEM(BPF_DW, BPF_REG_4, BPF_REG_5, 8), BPF_MOV64_IMM(BPF_REG_0, 0),    \
		BPF_JMP_IMM(BPF_JNE, BPF_REG_8, stop, 1), BPF_MOV64_IMM(BPF_REG_0, 1),        \
		BPF_EXIT_INSN()

#endif /* BPFKERN_BPF_ITER_PROGS_H */
