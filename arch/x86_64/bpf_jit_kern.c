// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of the x86-64 JIT (test=jit): the JIT inside the kernel,
 * with the kernel's executable memory (arch/x86_64/execmem.c) and helpers
 * within rel32 reach, run under QEMU's TCG. The host unit tests
 * (tests/unit/test_jit.c) cover the encodings in depth; these check that
 * the same code works in its real home: images are RX and never W+X, helper
 * calls are direct, and results equal the interpreter's on edge operands.
 *
 * The Makefile globs arch/x86_64/bpf_jit*.c into host builds too, where
 * this file compiles to nothing.
 */
#ifdef __BPFKERN_KERNEL__
#include <string.h>
#include <bpfkern/bpf.h>
#include <bpfkern/ktest.h>
#include <bpfkern/paging.h>

#define I(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define EXIT I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* The program insns[0 .. n), jited when jit (which may fail: check prog->jited). */
static struct bpf_prog *ktest_prog(const struct bpf_insn *insns, u32 n, bool jit)
{
	struct bpf_prog *prog = bpf_prog_alloc(n);

	if (!prog)
		return NULL;
	memcpy(prog->insnsi, insns, n * sizeof(*insns));
	if (jit)
		bpf_int_jit_compile(prog);
	return prog;
}

/* Run insns jited and interpreted; true when the JIT compiled it and both agree. */
static bool jit_agrees(const struct bpf_insn *insns, u32 n, u64 *result)
{
	struct bpf_prog *pj = ktest_prog(insns, n, true);
	struct bpf_prog *pi = ktest_prog(insns, n, false);
	bool ok = pj && pi && pj->jited;

	if (ok) {
		*result = bpf_prog_run_raw(pj, NULL, 0);
		ok = *result == bpf_prog_run_raw(pi, NULL, 0);
	}
	bpf_prog_free(pj);
	bpf_prog_free(pi);
	return ok;
}

static void put_lddw(struct bpf_insn *p, u32 *n, u8 reg, u64 v)
{
	p[(*n)++] = I(BPF_LD | BPF_IMM | BPF_DW, reg, 0, 0, (s32)(u32)v);
	p[(*n)++] = I(0, 0, 0, 0, (s32)(v >> 32));
}

static const u64 kedge[] = { 0,
			     1,
			     31,
			     32,
			     63,
			     64,
			     0x7fffffff,
			     0x80000000ull,
			     0xffffffffull,
			     0x8000000000000000ull,
			     ~0ull,
			     0x123456789abcdef0ull };

/*
 * One program per (class, op, form, registers) that applies op to every
 * pair of edge values and folds each result into r9: a single compile
 * covers 144 operand pairs.
 */
static u32 build_edge_prog(struct bpf_insn *p, u8 code, u8 dst, u8 src, s16 off)
{
	u32 n = 0;

	p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_K, 9, 0, 0, 0);
	for (u32 i = 0; i < ARRAY_SIZE(kedge); i++) {
		for (u32 j = 0; j < ARRAY_SIZE(kedge); j++) {
			bool x = BPF_SRC(code) == BPF_X;

			if (x)
				put_lddw(p, &n, src, kedge[j]);
			put_lddw(p, &n, dst, kedge[i]);
			p[n++] = I(code, dst, x ? src : 0, off, x ? 0 : (s32)kedge[j]);
			p[n++] = I(BPF_ALU64 | BPF_MUL | BPF_K, 9, 0, 0, 31);
			p[n++] = I(BPF_ALU64 | BPF_ADD | BPF_X, 9, dst, 0, 0);
		}
	}
	p[n++] = I(BPF_ALU64 | BPF_MOV | BPF_X, 0, 9, 0, 0);
	p[n++] = EXIT;
	return n;
}

KTEST(jit, alu_edges_match_interpreter)
{
	static const u8 ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,	BPF_AND, BPF_LSH,
				  BPF_RSH, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_NEG };
	static const u8 regs[][2] = { { 1, 2 }, { 4, 1 }, { 0, 3 }, { 3, 4 } };
	u32 cap = 1 + ARRAY_SIZE(kedge) * ARRAY_SIZE(kedge) * 7 + 2;
	struct bpf_insn *p = kvmalloc(cap * sizeof(*p), GFP_KERNEL);
	u64 r;

	KTEST_ASSERT(p);
	for (u32 o = 0; o < ARRAY_SIZE(ops); o++) {
		for (u32 v = 0; v < 8; v++) {
			u8 cls = v & 1 ? BPF_ALU64 : BPF_ALU, x = v & 2 ? BPF_X : BPF_K;
			s16 off = (v & 4) ? 1 : 0;

			if ((off && ops[o] != BPF_DIV && ops[o] != BPF_MOD) ||
			    (ops[o] == BPF_NEG && x))
				continue;
			for (u32 k = 0; k < ARRAY_SIZE(regs); k++) {
				u32 n = build_edge_prog(p, cls | ops[o] | x, regs[k][0], regs[k][1],
							off);

				if (!jit_agrees(p, n, &r)) {
					printk("# jit: op %#x off %d r%u r%u differs\n",
					       cls | ops[o] | x, off, regs[k][0], regs[k][1]);
					KTEST_EXPECT(false);
				}
			}
		}
	}
	kvfree(p);
}

/* A subprogram calls a helper directly (call rel32) and the result survives. */
KTEST(jit, calls_are_direct_and_correct)
{
	struct bpf_insn p[] = {
		I(BPF_ALU64 | BPF_MOV | BPF_K, 6, 0, 0, 40),
		I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 3),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 6, 0, 0),
		EXIT,
		EXIT, /* unreachable padding before the subprogram at 5 */
		I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_smp_processor_id),
		I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 2),
		EXIT,
	};
	uintptr_t helper = (uintptr_t)bpf_helper_func(BPF_FUNC_get_smp_processor_id);
	struct bpf_prog *prog;
	const u8 *img;
	bool direct = false;
	u64 r;

	KTEST_ASSERT(helper);
	KTEST_EXPECT(jit_agrees(p, ARRAY_SIZE(p), &r));
	KTEST_EXPECT(r == 42);
	prog = ktest_prog(p, ARRAY_SIZE(p), true);
	KTEST_ASSERT(prog && prog->jited);
	img = (const u8 *)(uintptr_t)prog->bpf_func;
	for (u32 i = 0; i + 5 <= prog->jited_len; i++) {
		s32 rel;

		memcpy(&rel, img + i + 1, 4);
		if (img[i] == 0xe8 && (uintptr_t)(img + i + 5) + rel == helper)
			direct = true;
	}
	KTEST_EXPECT(direct);
	bpf_prog_free(prog);
}

/* The image is mapped read+execute, not writable, and no W+X page exists. */
KTEST(jit, image_is_rx)
{
	struct bpf_insn p[] = { I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 7), EXIT };
	struct bpf_prog *prog = ktest_prog(p, ARRAY_SIZE(p), true);
	unsigned int prot = 0;
	phys_addr_t pa;

	KTEST_ASSERT(prog && prog->jited);
	KTEST_EXPECT(page_query((unsigned long)(uintptr_t)prog->bpf_func, &prot, &pa) == 0);
	KTEST_EXPECT(prot & VM_EXEC);
	KTEST_EXPECT(!(prot & VM_WRITE));
	KTEST_EXPECT(paging_count_wx_pages() == 0);
	KTEST_EXPECT(bpf_prog_run_raw(prog, NULL, 0) == 7);
	bpf_prog_free(prog);
}
#endif /* __BPFKERN_KERNEL__ */
