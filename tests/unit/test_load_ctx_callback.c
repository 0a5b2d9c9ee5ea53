// SPDX-License-Identifier: GPL-2.0
/*
 * ctx reads converted from the verifier's types (kernel/bpf/load.c
 * convert_verified_ctx_accesses, Linux's convert_ctx_accesses): an XDP
 * program hands its ctx to a bpf_loop callback inside a struct on its
 * stack, and the callback reads xdp_md->data / data_end through it. The
 * verifier records those two loads as ctx accesses (verifier_mem.c
 * save_aux_ptr_type), the load path rewrites them to struct xdp_buff loads,
 * and the program gives Linux's result in the interpreter and the JIT. An
 * insn reached once through ctx and once through the stack is refused, as
 * Linux does ("same insn cannot be used with different pointers").
 */
#include <string.h>
#include <stdio.h>
#define UNIT_SUITE "load_ctx_callback"
#include "lib/unit.h"
#include "../verifier/vbtf.h"
#include <bpfkern/btf.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>
#include <bpfkern/verifier.h>
#include <bpfkern/xdp.h>

#define CB_START 11 /* the callback's first insn */
#define CB_DATA 12 /* its "r4 = c->xdp->data" */
#define CB_DATA_END 13

/*
 * struct { struct xdp_md *xdp; u64 sum; } c at r10 - 16; bpf_loop(4, cb, &c, 0);
 * cb(i, c): if (data + 2 > data_end) return 1; c->sum += data[1] + i; return 0.
 * Returns c.sum: 4 * data[1] + 6 for a frame of 2 bytes or more, else 0.
 */
static const struct bpf_insn loop_prog[] = {
	BPF_STX_MEM(BPF_DW, BPF_REG_10, BPF_REG_1, -16),
	BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0),
	BPF_MOV64_IMM(BPF_REG_1, 4),
	BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, CB_START - 3 - 1),
	BPF_MOV64_REG(BPF_REG_3, BPF_REG_10),
	BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, -16),
	BPF_MOV64_IMM(BPF_REG_4, 0),
	BPF_CALL_HELPER(BPF_FUNC_loop),
	BPF_LDX_MEM(BPF_DW, BPF_REG_0, BPF_REG_10, -8),
	BPF_EXIT_INSN(),
	/* 11: the callback */
	BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_2, 0), /* c->xdp: PTR_TO_CTX from the stack */
	BPF_LDX_MEM(BPF_W, BPF_REG_4, BPF_REG_3, 0), /* ->data */
	BPF_LDX_MEM(BPF_W, BPF_REG_5, BPF_REG_3, 4), /* ->data_end */
	BPF_MOV64_REG(BPF_REG_0, BPF_REG_4),
	BPF_ALU64_IMM(BPF_ADD, BPF_REG_0, 2),
	BPF_JMP_REG(BPF_JGT, BPF_REG_0, BPF_REG_5, 7),
	BPF_LDX_MEM(BPF_B, BPF_REG_0, BPF_REG_4, 1),
	BPF_ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_1),
	BPF_LDX_MEM(BPF_DW, BPF_REG_5, BPF_REG_2, 8),
	BPF_ALU64_REG(BPF_ADD, BPF_REG_5, BPF_REG_0),
	BPF_STX_MEM(BPF_DW, BPF_REG_2, BPF_REG_5, 8),
	BPF_MOV64_IMM(BPF_REG_0, 0),
	BPF_EXIT_INSN(),
	BPF_MOV64_IMM(BPF_REG_0, 1),
	BPF_EXIT_INSN(),
};

static char vlog[4096];

/*
 * insns verified as XDP with a BTF giving each subprogram a static FUNC (as
 * clang -g does), then the load path (verified), then jited or not. NULL
 * when refused: *err says why, vlog holds the verifier's log.
 */
static struct bpf_prog *load(const struct bpf_insn *insns, u32 cnt, bool jit, int *err)
{
	struct bpf_load_opts lopts = { .prog_type = BPF_PROG_TYPE_XDP, .verified = true };
	struct bpf_verifier_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
					  .bpf_capable = true,
					  .gpl_compatible = true,
					  .log_level = 1,
					  .log_buf = vlog,
					  .log_size = sizeof(vlog) };
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	struct vbtf vb;
	struct btf *btf;
	char why[128];
	u32 true_size;

	*err = -ENOMEM;
	if (!prog)
		return NULL;
	*err = -EINVAL;
	if (vbtf_build(insns, cnt, "global static", &vb, why, sizeof(why)))
		goto fail;
	btf = btf_parse(vb.blob, vb.size, 0, NULL, 0, &true_size);
	if (IS_ERR(btf))
		goto fail;
	opts.btf = btf;
	opts.func_info = (const struct bpf_func_info *)vb.fi;
	opts.func_info_cnt = vb.nfi;
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->type = BPF_PROG_TYPE_XDP;
	prog->jit_requested = jit;
	*err = bpf_check(&prog, &opts);
	btf_free(btf);
	if (!*err)
		*err = bpf_prog_prepare(prog, &lopts);
	if (*err)
		goto fail;
	prog = bpf_prog_select_runtime(prog, err);
	if (jit && !prog->jited) {
		printf("# the JIT declined the program\n");
		*err = -ENOTSUPP;
		goto fail;
	}
	return prog;
fail:
	bpf_prog_free(prog);
	return NULL;
}

/* prog's r0 on a frame of len bytes whose byte 1 is b1. */
static u64 run_on_frame(const struct bpf_prog *prog, u32 len, u8 b1)
{
	static u8 frame[256 + 64];
	struct xdp_buff xdp;

	memset(frame, 0, sizeof(frame));
	frame[256 + 1] = b1;
	memset(&xdp, 0, sizeof(xdp));
	xdp.data_hard_start = frame;
	xdp.data = frame + 256;
	xdp.data_meta = xdp.data;
	xdp.data_end = frame + 256 + len;
	xdp.frame_sz = sizeof(frame);
	return bpf_prog_run(prog, &xdp);
}

/* The callback's two ctx reads became xdp_buff pointer loads, in both runtimes alike. */
static void check_loop(bool jit)
{
	int err;
	struct bpf_prog *prog = load(loop_prog, ARRAY_SIZE(loop_prog), jit, &err);

	if (!prog)
		printf("# load: %d\n%s", err, vlog);
	ASSERT(prog);
	EXPECT_EQ(prog->len, ARRAY_SIZE(loop_prog)); /* data and data_end: one insn each */
	EXPECT_EQ(prog->insnsi[CB_DATA].code, BPF_LDX | BPF_DW | BPF_MEM);
	EXPECT_EQ(prog->insnsi[CB_DATA].off, offsetof(struct xdp_buff, data));
	EXPECT_EQ(prog->insnsi[CB_DATA_END].code, BPF_LDX | BPF_DW | BPF_MEM);
	EXPECT_EQ(prog->insnsi[CB_DATA_END].off, offsetof(struct xdp_buff, data_end));
	/* the stack loads around them are left alone */
	EXPECT_EQ(prog->insnsi[CB_START].code, BPF_LDX | BPF_DW | BPF_MEM);
	EXPECT_EQ(prog->insnsi[CB_START].off, 0);
	EXPECT_EQ(run_on_frame(prog, 64, 10), 4 * 10 + 0 + 1 + 2 + 3);
	EXPECT_EQ(run_on_frame(prog, 2, 200), 4 * 200 + 6);
	EXPECT_EQ(run_on_frame(prog, 1, 200), 0); /* too short: the callback stops at once */
	bpf_prog_free(prog);
}

UNIT_TEST(callback_reads_ctx_interpreter)
{
	check_loop(false);
}

UNIT_TEST(callback_reads_ctx_jit)
{
	check_loop(true);
}

/*
 * One subprogram reads *(u32 *)(r1 + 0), called once with ctx and once with
 * a stack pointer: no single rewrite fits both, and Linux refuses it.
 */
UNIT_TEST(same_insn_ctx_and_stack_refused)
{
	static const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 6),
		BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0),
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, -8),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),
		BPF_MOV64_IMM(BPF_REG_0, 2),
		BPF_EXIT_INSN(),
		/* 8: the subprogram */
		BPF_LDX_MEM(BPF_W, BPF_REG_0, BPF_REG_1, 0),
		BPF_EXIT_INSN(),
	};
	int err;
	struct bpf_prog *prog = load(insns, ARRAY_SIZE(insns), false, &err);

	EXPECT(!prog);
	EXPECT_EQ(err, -EINVAL);
	EXPECT(strstr(vlog, "same insn cannot be used with different pointers") != NULL);
	bpf_prog_free(prog);
}

/* The same subprogram called twice with ctx is one ctx access: accepted, converted. */
UNIT_TEST(same_insn_ctx_twice_accepted)
{
	static const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_6, BPF_REG_1),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 6),
		BPF_MOV64_REG(BPF_REG_7, BPF_REG_0),
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_6),
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3),
		BPF_ALU64_REG(BPF_SUB, BPF_REG_0, BPF_REG_7),
		BPF_MOV64_IMM(BPF_REG_0, 2),
		BPF_EXIT_INSN(),
		/* 8: the subprogram: r0 = data_end (a pointer, so only its conversion is checked) */
		BPF_LDX_MEM(BPF_W, BPF_REG_0, BPF_REG_1, 4),
		BPF_MOV64_IMM(BPF_REG_0, 0),
		BPF_EXIT_INSN(),
	};
	int err;
	struct bpf_prog *prog = load(insns, ARRAY_SIZE(insns), false, &err);

	if (!prog)
		printf("# load: %d\n%s", err, vlog);
	ASSERT(prog);
	EXPECT_EQ(prog->insnsi[8].code, BPF_LDX | BPF_DW | BPF_MEM);
	EXPECT_EQ(prog->insnsi[8].off, offsetof(struct xdp_buff, data_end));
	EXPECT_EQ(run_on_frame(prog, 64, 0), 2);
	bpf_prog_free(prog);
}

UNIT_MAIN()
