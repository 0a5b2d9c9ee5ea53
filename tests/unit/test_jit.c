// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the x86-64 JIT (arch/x86_64/bpf_jit*.c) and of constant
 * blinding (kernel/bpf/blind.c): the bytes emitted for every instruction
 * class, results against the interpreter on edge and random operands, W^X
 * of the image, jump relaxation at the rel8 boundary, BPF-to-BPF calls, tail
 * calls (limit, bad index, NULL slot) and blinding.
 */
#define UNIT_SUITE "jit"
#include "lib/unit.h"

#include <stdint.h>
#include <sys/mman.h>
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>

#define I(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define EXIT I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LDDW(d, v) \
	I(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0, (s32)(u32)(v)), I(0, 0, 0, 0, (s32)((u64)(v) >> 32))
#define MOV64K(d, v) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, v)
#define MOV64X(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)

#define MAX_PROG 4096

/* A program over insns[0 .. n); jited when jit, else left to the interpreter. */
static struct bpf_prog *make_prog(const struct bpf_insn *insns, u32 n, bool jit, bool blind)
{
	struct bpf_prog *prog = bpf_prog_alloc(n);

	if (!prog)
		return NULL;
	memcpy(prog->insnsi, insns, n * sizeof(*insns));
	prog->blinding_requested = blind;
	if (jit)
		bpf_int_jit_compile(prog);
	return prog;
}

/* Run insns in both runtimes on mem; *jit_ok is false if the JIT declined. */
static void run_both(const struct bpf_insn *insns, u32 n, void *mem, u32 len, u64 *interp, u64 *jit,
		     bool *jit_ok)
{
	struct bpf_prog *pi = make_prog(insns, n, false, false);
	struct bpf_prog *pj = make_prog(insns, n, true, false);

	*jit_ok = pi && pj && pj->jited;
	*interp = pi ? bpf_prog_run_raw(pi, mem, len) : 0;
	*jit = *jit_ok ? bpf_prog_run_raw(pj, mem, len) : 0;
	bpf_prog_free(pi);
	bpf_prog_free(pj);
}

struct enc_case {
	const char *name;
	struct bpf_insn insn[2];
	u8 bytes[24];
	u32 nbytes;
};

#define ENC(nm, in, ...)                                              \
	{                                                             \
		.name = nm, .insn = { in }, .bytes = { __VA_ARGS__ }, \
		.nbytes = sizeof((u8[]){ __VA_ARGS__ })               \
	}

/* Each case is the instruction followed by exit; no r6-r10: fixed prologue. */
static const struct enc_case enc_cases[] = {
	ENC("add64 r0 += r1", I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 1, 0, 0), 0x48, 0x01, 0xf8),
	ENC("add32 w1 += 5", I(BPF_ALU | BPF_ADD | BPF_K, 1, 0, 0, 5), 0x83, 0xc7, 0x05),
	ENC("sub64 r2 -= 1000", I(BPF_ALU64 | BPF_SUB | BPF_K, 2, 0, 0, 1000), 0x48, 0x81, 0xee,
	    0xe8, 0x03, 0x00, 0x00),
	ENC("xor32 w3 ^= w5", I(BPF_ALU | BPF_XOR | BPF_X, 3, 5, 0, 0), 0x44, 0x31, 0xc2),
	ENC("and64 r0 &= 0", I(BPF_ALU64 | BPF_AND | BPF_K, 0, 0, 0, 0), 0x48, 0x83, 0xe0, 0x00),
	ENC("or64 r0 |= 0", I(BPF_ALU64 | BPF_OR | BPF_K, 0, 0, 0, 0), ),
	ENC("add32 w0 += 0", I(BPF_ALU | BPF_ADD | BPF_K, 0, 0, 0, 0), 0x89, 0xc0),
	ENC("mov64 r0 = -1", MOV64K(0, -1), 0x48, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff),
	ENC("mov64 r0 = 0", MOV64K(0, 0), 0x31, 0xc0),
	ENC("mov32 w5 = 7", I(BPF_ALU | BPF_MOV | BPF_K, 5, 0, 0, 7), 0x41, 0xb8, 0x07, 0x00, 0x00,
	    0x00),
	ENC("mov64 r5 = r1", MOV64X(5, 1), 0x49, 0x89, 0xf8),
	ENC("mov32 w1 = w1", I(BPF_ALU | BPF_MOV | BPF_X, 1, 1, 0, 0), 0x89, 0xff),
	ENC("lsh64 r0 <<= r4", I(BPF_ALU64 | BPF_LSH | BPF_X, 0, 4, 0, 0), 0x48, 0xd3, 0xe0),
	ENC("rsh64 r1 >>= 3", I(BPF_ALU64 | BPF_RSH | BPF_K, 1, 0, 0, 3), 0x48, 0xc1, 0xef, 0x03),
	ENC("arsh64 r0 s>>= 1", I(BPF_ALU64 | BPF_ARSH | BPF_K, 0, 0, 0, 1), 0x48, 0xd1, 0xf8),
	ENC("lsh32 w0 <<= 32 (masked to 0)", I(BPF_ALU | BPF_LSH | BPF_K, 0, 0, 0, 32), 0x89, 0xc0),
	ENC("lsh64 r0 <<= r1", I(BPF_ALU64 | BPF_LSH | BPF_X, 0, 1, 0, 0), 0x49, 0x89, 0xcb, 0x48,
	    0x89, 0xf9, 0x48, 0xd3, 0xe0, 0x4c, 0x89, 0xd9),
	ENC("neg64 r0", I(BPF_ALU64 | BPF_NEG, 0, 0, 0, 0), 0x48, 0xf7, 0xd8),
	ENC("mul64 r0 *= 10", I(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, 10), 0x48, 0x6b, 0xc0, 0x0a),
	ENC("mul64 r0 *= r1", I(BPF_ALU64 | BPF_MUL | BPF_X, 0, 1, 0, 0), 0x48, 0x0f, 0xaf, 0xc7),
	ENC("div64 r0 /= 3", I(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, 0, 3), 0x41, 0xbb, 0x03, 0x00,
	    0x00, 0x00, 0x52, 0x31, 0xd2, 0x49, 0xf7, 0xf3, 0x5a),
	ENC("div32 w0 /= 0", I(BPF_ALU | BPF_DIV | BPF_K, 0, 0, 0, 0), 0x31, 0xc0),
	ENC("be32 r0", I(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 32), 0x0f, 0xc8),
	ENC("bswap64 r1", I(BPF_ALU64 | BPF_END, 1, 0, 0, 64), 0x48, 0x0f, 0xcf),
	ENC("le16 r0", I(BPF_ALU | BPF_END | BPF_TO_LE, 0, 0, 0, 16), 0x0f, 0xb7, 0xc0),
	ENC("be16 r0", I(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 16), 0x66, 0xc1, 0xc0, 0x08, 0x0f,
	    0xb7, 0xc0),
	ENC("movsx64 r0 = (s8)r1", I(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 8, 0), 0x48, 0x0f, 0xbe,
	    0xc7),
	ENC("movsx32 w0 = (s8)w2", I(BPF_ALU | BPF_MOV | BPF_X, 0, 2, 8, 0), 0x40, 0x0f, 0xbe,
	    0xc6),
	ENC("movsx64 r0 = (s32)r1", I(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 32, 0), 0x48, 0x63, 0xc7),
	ENC("ldxw", I(BPF_LDX | BPF_MEM | BPF_W, 0, 1, 4, 0), 0x8b, 0x47, 0x04),
	ENC("ldxb disp32", I(BPF_LDX | BPF_MEM | BPF_B, 0, 1, 0x100, 0), 0x0f, 0xb6, 0x87, 0x00,
	    0x01, 0x00, 0x00),
	ENC("ldxdw r5", I(BPF_LDX | BPF_MEM | BPF_DW, 5, 1, -8, 0), 0x4c, 0x8b, 0x47, 0xf8),
	ENC("ldxsw", I(BPF_LDX | BPF_MEMSX | BPF_W, 0, 1, 0, 0), 0x48, 0x63, 0x47, 0x00),
	ENC("ldxsh", I(BPF_LDX | BPF_MEMSX | BPF_H, 0, 1, 2, 0), 0x48, 0x0f, 0xbf, 0x47, 0x02),
	ENC("stw", I(BPF_ST | BPF_MEM | BPF_W, 1, 0, 2, 0x11223344), 0xc7, 0x47, 0x02, 0x44, 0x33,
	    0x22, 0x11),
	ENC("sth", I(BPF_ST | BPF_MEM | BPF_H, 1, 0, 2, 0x1234), 0x66, 0xc7, 0x47, 0x02, 0x34,
	    0x12),
	ENC("stb", I(BPF_ST | BPF_MEM | BPF_B, 1, 0, 2, 0x7f), 0xc6, 0x47, 0x02, 0x7f),
	ENC("stxb sil", I(BPF_STX | BPF_MEM | BPF_B, 1, 2, 0, 0), 0x40, 0x88, 0x77, 0x00),
	ENC("stxdw", I(BPF_STX | BPF_MEM | BPF_DW, 1, 0, 8, 0), 0x48, 0x89, 0x47, 0x08),
	ENC("lock add64", I(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_ADD), 0xf0, 0x48, 0x01,
	    0x77, 0x00),
	ENC("lock fetch add32", I(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_ADD | BPF_FETCH), 0xf0,
	    0x0f, 0xc1, 0x77, 0x00),
	ENC("xchg64", I(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_XCHG), 0x48, 0x87, 0x77, 0x00),
	ENC("cmpxchg64", I(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, BPF_CMPXCHG), 0xf0, 0x48, 0x0f,
	    0xb1, 0x77, 0x00),
	ENC("cmpxchg32 zero-extends r0", I(BPF_STX | BPF_ATOMIC | BPF_W, 1, 2, 0, BPF_CMPXCHG),
	    0xf0, 0x0f, 0xb1, 0x77, 0x00, 0x89, 0xc0),
	ENC("jeq r1, 0", I(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 0, 0), 0x48, 0x85, 0xff, 0x74, 0x00),
	ENC("jgt32 w1, w2", I(BPF_JMP32 | BPF_JGT | BPF_X, 1, 2, 0, 0), 0x39, 0xf7, 0x77, 0x00),
	ENC("jsle r0, -5", I(BPF_JMP | BPF_JSLE | BPF_K, 0, 0, 0, -5), 0x48, 0x83, 0xf8, 0xfb, 0x7e,
	    0x00),
	ENC("jset r1, 0x80", I(BPF_JMP | BPF_JSET | BPF_K, 1, 0, 0, 0x80), 0x48, 0xf7, 0xc7, 0x80,
	    0x00, 0x00, 0x00, 0x75, 0x00),
	ENC("ja +0", I(BPF_JMP | BPF_JA, 0, 0, 0, 0), ),
	ENC("lddw imm64", LDDW(0, 0x1122334455667788ull), 0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44,
	    0x33, 0x22, 0x11),
	ENC("lddw u32", LDDW(0, 0xffffffffull), 0xb8, 0xff, 0xff, 0xff, 0xff),
};

static const u8 plain_prologue[] = { 0x31, 0xc0, 0x55, 0x48, 0x89, 0xe5 };
static const u8 plain_epilogue[] = { 0xc9, 0xc3 };

static void dump_bytes(const char *what, const u8 *p, u32 n)
{
	printf("# %s:", what);
	for (u32 i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* Check the bytes of one encoding case; returns true when they match. */
static bool check_encoding(const struct enc_case *c)
{
	struct bpf_insn insns[3];
	u32 n = c->insn[0].code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1;
	struct bpf_prog *prog;
	const u8 *img;
	bool ok;

	memcpy(insns, c->insn, n * sizeof(insns[0]));
	insns[n] = EXIT;
	prog = make_prog(insns, n + 1, true, false);
	if (!prog || !prog->jited) {
		printf("# %s: not jited\n", c->name);
		bpf_prog_free(prog);
		return false;
	}
	img = (const u8 *)(uintptr_t)prog->bpf_func;
	ok = prog->jited_len == sizeof(plain_prologue) + c->nbytes + sizeof(plain_epilogue) &&
	     !memcmp(img, plain_prologue, sizeof(plain_prologue)) &&
	     !memcmp(img + sizeof(plain_prologue), c->bytes, c->nbytes) &&
	     !memcmp(img + sizeof(plain_prologue) + c->nbytes, plain_epilogue,
		     sizeof(plain_epilogue));
	if (!ok) {
		printf("# %s\n", c->name);
		dump_bytes("expected body", c->bytes, c->nbytes);
		dump_bytes("image", img, prog->jited_len);
	}
	bpf_prog_free(prog);
	return ok;
}

UNIT_TEST(encodings)
{
	for (u32 i = 0; i < ARRAY_SIZE(enc_cases); i++)
		EXPECT(check_encoding(&enc_cases[i]));
}

static const u64 edge_values[] = {
	0,
	1,
	2,
	3,
	31,
	32,
	33,
	63,
	64,
	0x7f,
	0x80,
	0xff,
	0x7fffffff,
	0x80000000,
	0xffffffff,
	0x100000000ull,
	0x7fffffffffffffffull,
	0x8000000000000000ull,
	0xffffffffffffffffull,
	0xfffffffffffffffeull,
	0x123456789abcdef0ull,
	(u64)-7,
	5,
};

static u64 rnd_state = 0x9e3779b97f4a7c15ull;

static u64 rnd64(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/*
 * A program that sets r0-r9 to distinct values, dst = a, src = b, runs op,
 * then folds every register into r0: any difference in the result or any
 * clobbered register shows.
 */
static u32 build_op_prog(struct bpf_insn *p, struct bpf_insn op, u64 a, u64 b)
{
	u32 n = 0;

	for (u8 r = 0; r <= 9; r++) {
		struct bpf_insn l[2] = { LDDW(r, 0x0101010101010101ull * (r + 1) + r) };

		p[n++] = l[0];
		p[n++] = l[1];
	}
	if (BPF_SRC(op.code) == BPF_X) {
		struct bpf_insn l[2] = { LDDW(op.src_reg, b) };

		p[n++] = l[0];
		p[n++] = l[1];
	}
	{
		struct bpf_insn l[2] = { LDDW(op.dst_reg, a) };

		p[n++] = l[0];
		p[n++] = l[1];
	}
	p[n++] = op;
	for (u8 r = 1; r <= 9; r++) {
		p[n++] = I(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, 31);
		p[n++] = I(BPF_ALU64 | BPF_ADD | BPF_X, 0, r, 0, 0);
	}
	p[n++] = EXIT;
	return n;
}

/* Run op on (a, b) in both runtimes; print and return false on a mismatch. */
static bool same_result(struct bpf_insn op, u64 a, u64 b)
{
	struct bpf_insn prog[64];
	u32 n = build_op_prog(prog, op, a, b);
	u64 ri, rj;
	bool ok;

	run_both(prog, n, NULL, 0, &ri, &rj, &ok);
	if (!ok || ri != rj) {
		printf("# op %02x dst r%u src r%u off %d imm %d a %#llx b %#llx: interp %#llx jit %#llx%s\n",
		       op.code, op.dst_reg, op.src_reg, op.off, op.imm, (unsigned long long)a,
		       (unsigned long long)b, (unsigned long long)ri, (unsigned long long)rj,
		       ok ? "" : " (not jited)");
		return false;
	}
	return true;
}

static const u8 alu_ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,  BPF_AND, BPF_LSH,
			      BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH };

/* Register pairs that exercise rax/rdx (div), rcx (shifts), callee-saved and dst == src. */
static const u8 reg_pairs[][2] = { { 1, 2 }, { 0, 3 }, { 3, 0 }, { 4, 1 }, { 1, 4 },
				   { 4, 4 }, { 6, 9 }, { 0, 0 }, { 3, 3 }, { 5, 7 } };

/* Every ALU op, both widths, X and K forms (and sdiv/smod), over edge operands. */
static bool check_alu_class(u8 cls, bool x, s16 off)
{
	bool ok = true;

	for (u32 o = 0; o < ARRAY_SIZE(alu_ops); o++) {
		u8 op = alu_ops[o];

		if ((off && op != BPF_DIV && op != BPF_MOD) || (x && op == BPF_NEG))
			continue;
		for (u32 rp = 0; rp < ARRAY_SIZE(reg_pairs); rp++) {
			for (u32 i = 0; i < ARRAY_SIZE(edge_values); i++) {
				for (u32 j = 0; j < ARRAY_SIZE(edge_values); j++) {
					u64 a = edge_values[i], b = edge_values[j];
					struct bpf_insn in =
						I(cls | op | (x ? BPF_X : BPF_K), reg_pairs[rp][0],
						  x ? reg_pairs[rp][1] : 0, off, x ? 0 : (s32)b);

					ok &= same_result(in, a, b);
				}
				if (!ok)
					return false;
			}
		}
	}
	return ok;
}

UNIT_TEST(alu64_reg_matches_interpreter)
{
	EXPECT(check_alu_class(BPF_ALU64, true, 0));
	EXPECT(check_alu_class(BPF_ALU64, true, 1));
}

UNIT_TEST(alu64_imm_matches_interpreter)
{
	EXPECT(check_alu_class(BPF_ALU64, false, 0));
	EXPECT(check_alu_class(BPF_ALU64, false, 1));
}

UNIT_TEST(alu32_matches_interpreter)
{
	EXPECT(check_alu_class(BPF_ALU, true, 0));
	EXPECT(check_alu_class(BPF_ALU, true, 1));
	EXPECT(check_alu_class(BPF_ALU, false, 0));
	EXPECT(check_alu_class(BPF_ALU, false, 1));
}

UNIT_TEST(alu_random_operands)
{
	bool ok = true;

	for (int k = 0; k < 4000 && ok; k++) {
		u8 cls = k & 1 ? BPF_ALU64 : BPF_ALU, op = alu_ops[rnd64() % ARRAY_SIZE(alu_ops)];
		const u8 *rp = reg_pairs[rnd64() % ARRAY_SIZE(reg_pairs)];
		bool x = op != BPF_NEG && (rnd64() & 1);
		s16 off = (op == BPF_DIV || op == BPF_MOD) ? rnd64() & 1 : 0;
		u64 a = rnd64() >> (rnd64() % 64), b = rnd64() >> (rnd64() % 64);

		ok = same_result(I(cls | op | (x ? BPF_X : BPF_K), rp[0], x ? rp[1] : 0, off,
				   x ? 0 : (s32)b),
				 a, b);
	}
	EXPECT(ok);
}

UNIT_TEST(movsx_and_byteswap_match_interpreter)
{
	static const s16 offs[] = { 8, 16, 32 };
	static const s32 widths[] = { 16, 32, 64 };
	bool ok = true;

	for (u32 i = 0; i < ARRAY_SIZE(edge_values); i++) {
		u64 a = edge_values[i] ^ 0x8081828384858687ull;

		for (u32 k = 0; k < 3; k++) {
			ok &= same_result(I(BPF_ALU64 | BPF_MOV | BPF_X, 0, 2, offs[k], 0), 0, a);
			ok &= same_result(I(BPF_ALU64 | BPF_MOV | BPF_X, 4, 7, offs[k], 0), 0, a);
			if (k < 2)
				ok &= same_result(I(BPF_ALU | BPF_MOV | BPF_X, 9, 1, offs[k], 0), 0,
						  a);
			ok &= same_result(I(BPF_ALU | BPF_END | BPF_TO_BE, 3, 0, 0, widths[k]), a,
					  0);
			ok &= same_result(I(BPF_ALU | BPF_END | BPF_TO_LE, 6, 0, 0, widths[k]), a,
					  0);
			ok &= same_result(I(BPF_ALU64 | BPF_END, 0, 0, 0, widths[k]), a, 0);
		}
	}
	EXPECT(ok);
}

static const u8 jmp_ops[] = { BPF_JEQ,	BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
			      BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };

/* if (r1 op r2/imm) r0 = 1 else r0 = 2, in both runtimes. */
static bool same_branch(u8 cls, u8 op, bool x, u64 a, u64 b)
{
	struct bpf_insn p[] = {
		LDDW(1, a),   LDDW(2, b),
		MOV64K(0, 2), I(cls | op | (x ? BPF_X : BPF_K), 1, x ? 2 : 0, 1, x ? 0 : (s32)b),
		EXIT,	      MOV64K(0, 1),
		EXIT,
	};
	u64 ri, rj;
	bool ok;

	run_both(p, ARRAY_SIZE(p), NULL, 0, &ri, &rj, &ok);
	if (!ok || ri != rj)
		printf("# jmp %02x a %#llx b %#llx: interp %llu jit %llu\n", cls | op,
		       (unsigned long long)a, (unsigned long long)b, (unsigned long long)ri,
		       (unsigned long long)rj);
	return ok && ri == rj;
}

UNIT_TEST(jumps_match_interpreter)
{
	bool ok = true;

	for (u32 o = 0; o < ARRAY_SIZE(jmp_ops); o++)
		for (u32 i = 0; i < ARRAY_SIZE(edge_values); i++)
			for (u32 j = 0; j < ARRAY_SIZE(edge_values); j++)
				for (int v = 0; v < 4; v++)
					ok &= same_branch(v & 1 ? BPF_JMP32 : BPF_JMP, jmp_ops[o],
							  v & 2, edge_values[i], edge_values[j]);
	EXPECT(ok);
}

/* Loads, stores and every atomic over a buffer, results and memory compared. */
UNIT_TEST(memory_and_atomics_match_interpreter)
{
	static const s32 atomics[] = { BPF_ADD,
				       BPF_OR,
				       BPF_AND,
				       BPF_XOR,
				       BPF_ADD | BPF_FETCH,
				       BPF_OR | BPF_FETCH,
				       BPF_AND | BPF_FETCH,
				       BPF_XOR | BPF_FETCH,
				       BPF_XCHG,
				       BPF_CMPXCHG };
	static const u8 regs[][2] = { { 1, 2 }, { 0, 2 }, { 1, 0 }, { 6, 4 } };
	bool ok = true;

	for (u32 k = 0; k < ARRAY_SIZE(atomics); k++) {
		for (u32 r = 0; r < ARRAY_SIZE(regs); r++) {
			for (int w = 0; w < 2; w++) {
				u8 dst = regs[r][0], src = regs[r][1];
				u64 mi[4] = { 0x1122334455667788ull, 0xf0f0f0f0f0f0f0f0ull }, mj[4];
				struct bpf_insn p[] = {
					LDDW(0, 0x1122334455667788ull),
					LDDW(src, 0x0ff00ff0abcdef01ull),
					MOV64X(dst, 1),
					I(BPF_STX | BPF_ATOMIC | (w ? BPF_DW : BPF_W), dst, src, 8,
					  atomics[k]),
					I(BPF_LDX | BPF_MEM | BPF_DW, 3, dst, 8, 0),
					MOV64K(dst, 0), /* the pointer differs between the runs */
					I(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, 31),
					I(BPF_ALU64 | BPF_ADD | BPF_X, 0, src, 0, 0),
					I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 3, 0, 0),
					EXIT,
				};
				struct bpf_prog *pi, *pj;
				u64 ri, rj;
				bool jok;

				if (dst == src || (dst == 0 && atomics[k] == BPF_CMPXCHG))
					continue;
				memcpy(mj, mi, sizeof(mi));
				pi = make_prog(p, ARRAY_SIZE(p), false, false);
				pj = make_prog(p, ARRAY_SIZE(p), true, false);
				ri = bpf_prog_run_raw(pi, mi, sizeof(mi));
				jok = pj->jited;
				rj = jok ? bpf_prog_run_raw(pj, mj, sizeof(mj)) : 0;
				bpf_prog_free(pi);
				bpf_prog_free(pj);
				if (!jok || ri != rj || memcmp(mi, mj, sizeof(mi))) {
					printf("# atomic %#x w%d dst r%u src r%u: %#llx vs %#llx\n",
					       atomics[k], w, dst, src, (unsigned long long)ri,
					       (unsigned long long)rj);
					ok = false;
				}
			}
		}
	}
	EXPECT(ok);
}

/* The permissions of the mapping holding addr in /proc/self/maps ("r-xp"), or "". */
static void mapping_perms(const void *addr, char perms[5])
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	unsigned long lo, hi;

	strcpy(perms, "");
	while (f && fgets(line, sizeof(line), f)) {
		char p[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && (uintptr_t)addr >= lo &&
		    (uintptr_t)addr < hi) {
			strcpy(perms, p);
			break;
		}
	}
	if (f)
		fclose(f);
}

UNIT_TEST(image_is_rx_not_writable_and_slack_is_int3)
{
	struct bpf_insn p[] = { MOV64K(0, 2), EXIT };
	struct bpf_prog *prog = make_prog(p, 2, true, false);
	const u8 *img;
	char perms[5];
	uintptr_t end;

	ASSERT(prog && prog->jited);
	img = (const u8 *)(uintptr_t)prog->bpf_func;
	mapping_perms(img, perms);
	EXPECT(perms[0] == 'r' && perms[1] == '-' && perms[2] == 'x');
	end = ((uintptr_t)img + prog->jited_len + 4095) & ~(uintptr_t)4095;
	for (const u8 *q = img + prog->jited_len; (uintptr_t)q < end; q++)
		if (*q != 0xcc) {
			EXPECT(*q == 0xcc);
			break;
		}
	EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 2);
	bpf_prog_free(prog);
}

/*
 * r0 = 0; ja +k (or a conditional jump); k x "r0 += 1" (4 bytes each); exit.
 * 31 four-byte insns are 124 bytes (rel8); 32 are 128 (rel32).
 */
static void relax_case(u32 k, bool cond, u8 expect_opcode)
{
	struct bpf_insn p[64];
	struct bpf_prog *prog;
	u32 n = 0;
	const u8 *img;

	p[n++] = MOV64K(0, 0);
	p[n++] = cond ? I(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, (s16)k, 0)
		      : I(BPF_JMP | BPF_JA, 0, 0, (s16)k, 0);
	for (u32 i = 0; i < k; i++)
		p[n++] = I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1);
	p[n++] = EXIT;
	prog = make_prog(p, n, true, false);
	ASSERT(prog && prog->jited);
	img = (const u8 *)(uintptr_t)prog->bpf_func + sizeof(plain_prologue) + 2;
	if (cond)
		img += 3; /* test rax, rax */
	EXPECT_EQ(img[0], expect_opcode);
	if (img[0] != expect_opcode)
		dump_bytes("image", (const u8 *)(uintptr_t)prog->bpf_func, prog->jited_len);
	EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 0);
	bpf_prog_free(prog);
}

UNIT_TEST(jump_relaxation_at_rel8_boundary)
{
	relax_case(31, false, 0xeb);
	relax_case(32, false, 0xe9);
	relax_case(31, true, 0x74);
	relax_case(32, true, 0x0f);
}

/*
 * r0 = 0; r1 = 2; loop: k x "r0 += 1"; r1 -= 1; if r1 != 0 goto loop; exit.
 * The backward jne spans 4k + 4 + 3 bytes plus its own 2: k = 29 is -125
 * (rel8), k = 30 is -129 (rel32).
 */
static void relax_back_case(u32 k, bool expect_short)
{
	struct bpf_insn p[64];
	struct bpf_prog *prog;
	const u8 *img;
	u32 n = 0;

	p[n++] = MOV64K(0, 0);
	p[n++] = MOV64K(1, 2);
	for (u32 i = 0; i < k; i++)
		p[n++] = I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1);
	p[n++] = I(BPF_ALU64 | BPF_SUB | BPF_K, 1, 0, 0, 1);
	p[n] = I(BPF_JMP | BPF_JNE | BPF_K, 1, 0, (s16)(-(s32)k - 2), 0);
	n++;
	p[n++] = EXIT;
	prog = make_prog(p, n, true, false);
	ASSERT(prog && prog->jited);
	img = (const u8 *)(uintptr_t)prog->bpf_func + prog->jited_len - sizeof(plain_epilogue);
	if (expect_short)
		EXPECT(img[-2] == 0x75 && img[-1] == (u8)(-(s32)(4 * k + 9)));
	else
		EXPECT(img[-6] == 0x0f && img[-5] == 0x85);
	EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 2 * k);
	bpf_prog_free(prog);
}

UNIT_TEST(backward_jump_relaxation_at_rel8_boundary)
{
	relax_back_case(29, true);
	relax_back_case(30, false);
}

/* A long program with many forward and backward jumps over both sizes. */
UNIT_TEST(relaxation_many_jumps_matches_interpreter)
{
	static struct bpf_insn p[MAX_PROG];
	u32 n = 0;
	u64 ri, rj;
	bool ok;

	p[n++] = MOV64K(0, 0);
	p[n++] = MOV64K(1, 40); /* loop counter */
	while (n < 3000) {
		u32 skip = rnd64() % 60;

		p[n++] = I(BPF_JMP | BPF_JSET | BPF_K, 0, 0, (s16)skip, 1 << (rnd64() % 8));
		for (u32 i = 0; i < skip; i++)
			p[n++] = I(BPF_ALU64 | (i & 1 ? BPF_XOR : BPF_ADD) | BPF_K, 0, 0, 0,
				   (s32)rnd64());
	}
	p[n++] = I(BPF_ALU64 | BPF_SUB | BPF_K, 1, 0, 0, 1);
	p[n] = I(BPF_JMP | BPF_JNE | BPF_K, 1, 0, (s16)(1 - (s32)n), 0);
	n++;
	p[n++] = EXIT;
	run_both(p, n, NULL, 0, &ri, &rj, &ok);
	EXPECT(ok);
	EXPECT_EQ(ri, rj);
}

/* main calls f(5) twice; f keeps a value on its own stack and calls g; r6 survives. */
UNIT_TEST(bpf_to_bpf_calls_match_interpreter)
{
	struct bpf_insn p[] = {
		/* main */
		MOV64K(6, 1000),
		I(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -8, 77),
		MOV64K(1, 5),
		I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 7), /* f at 11 */
		I(BPF_ALU64 | BPF_ADD | BPF_X, 6, 0, 0, 0),
		MOV64K(1, 6),
		I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 4),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 6, 0, 0, 0),
		I(BPF_LDX | BPF_MEM | BPF_DW, 0, 10, -8, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 6, 0, 0),
		EXIT,
		/* f(x): stack slot, r6 clobbered, calls g(x) */
		I(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0),
		MOV64K(6, 3),
		I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 4), /* g at 18 */
		I(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0),
		I(BPF_ALU64 | BPF_MUL | BPF_X, 0, 1, 0, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 6, 0, 0),
		EXIT,
		/* g(x) = x + 100 */
		MOV64X(0, 1),
		I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 100),
		EXIT,
	};
	u64 ri, rj;
	bool ok;

	run_both(p, ARRAY_SIZE(p), NULL, 0, &ri, &rj, &ok);
	EXPECT(ok);
	EXPECT_EQ(ri, rj);
	EXPECT_EQ(rj, 77 + 1000 + (5 * 105 + 3) + (6 * 106 + 3));
}

/* A PROG_ARRAY-shaped struct bpf_array with nslots slots. */
static struct bpf_array *make_prog_array(u32 nslots)
{
	struct bpf_array *a = calloc(1, sizeof(*a) + nslots * sizeof(void *));

	a->map.map_type = BPF_MAP_TYPE_PROG_ARRAY;
	a->map.max_entries = nslots;
	return a;
}

/*
 * *(u64 *)ctx += 1; tail_call(ctx, array, index); return *(u64 *)ctx.
 * index is an lddw constant (its upper half must be ignored).
 */
static u32 build_counting_prog(struct bpf_insn *p, struct bpf_array *a, u64 index)
{
	struct bpf_insn body[] = {
		MOV64X(6, 1),
		I(BPF_LDX | BPF_MEM | BPF_DW, 0, 6, 0, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1),
		I(BPF_STX | BPF_MEM | BPF_DW, 6, 0, 0, 0),
		LDDW(2, (uintptr_t)a),
		LDDW(3, index),
		I(BPF_JMP | BPF_TAIL_CALL, 0, 0, 0, 0),
		I(BPF_LDX | BPF_MEM | BPF_DW, 0, 6, 0, 0),
		EXIT,
	};

	memcpy(p, body, sizeof(body));
	return ARRAY_SIZE(body);
}

/* Run the counting program (slot 0 of a 2-slot array) with index; returns its r0. */
static u64 run_tail_calls(u64 index, bool jit, bool fill_slot0)
{
	struct bpf_array *a = make_prog_array(2);
	struct bpf_insn p[16];
	u32 n = build_counting_prog(p, a, index);
	struct bpf_prog *prog = make_prog(p, n, jit, false);
	u64 count = 0, r;

	if (fill_slot0)
		a->ptrs[0] = prog;
	if (jit && !prog->jited)
		r = ~0ull;
	else
		r = bpf_prog_run_raw(prog, &count, sizeof(count));
	bpf_prog_free(prog);
	free(a);
	return r;
}

UNIT_TEST(tail_call_limit_is_33)
{
	EXPECT_EQ(run_tail_calls(0, true, true), 1 + MAX_TAIL_CALL_CNT);
	EXPECT_EQ(run_tail_calls(0, false, true), 1 + MAX_TAIL_CALL_CNT);
	EXPECT_EQ(run_tail_calls(0x500000000ull, true, true), 1 + MAX_TAIL_CALL_CNT);
}

UNIT_TEST(tail_call_bad_index_and_null_slot_fall_through)
{
	struct bpf_array *a = make_prog_array(1);
	struct bpf_insn p[16];
	u32 n = build_counting_prog(p, a, 0);
	struct bpf_prog *jited = make_prog(p, n, true, false);
	struct bpf_prog *interp = make_prog(p, n, false, false);
	u64 count = 0;

	/* a jited program does not enter an interpreted one: it falls through */
	a->ptrs[0] = interp;
	EXPECT_EQ(bpf_prog_run_raw(jited, &count, sizeof(count)), 1);
	bpf_prog_free(jited);
	bpf_prog_free(interp);
	free(a);

	EXPECT_EQ(run_tail_calls(2, true, true), 1);
	EXPECT_EQ(run_tail_calls(0xffffffffull, true, true), 1);
	EXPECT_EQ(run_tail_calls(1, true, true), 1);
	EXPECT_EQ(run_tail_calls(0, true, false), 1);
}

/* A tail call into a program with another frame size and callee-saved set. */
UNIT_TEST(tail_call_to_other_program)
{
	struct bpf_array *a = make_prog_array(1);
	struct bpf_insn target[] = {
		I(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -16, 40),
		MOV64K(9, 2),
		I(BPF_LDX | BPF_MEM | BPF_DW, 0, 10, -16, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 9, 0, 0),
		EXIT,
	};
	struct bpf_insn caller[] = {
		MOV64K(7, 1), LDDW(2, (uintptr_t)a),
		MOV64K(3, 0), I(BPF_JMP | BPF_TAIL_CALL, 0, 0, 0, 0),
		MOV64K(0, 1), EXIT,
	};
	struct bpf_prog *t = make_prog(target, ARRAY_SIZE(target), true, false);
	struct bpf_prog *c = make_prog(caller, ARRAY_SIZE(caller), true, false);

	ASSERT(t->jited && c->jited);
	a->ptrs[0] = t;
	EXPECT_EQ(bpf_prog_run_raw(c, NULL, 0), 42);
	bpf_prog_free(t);
	bpf_prog_free(c);
	free(a);
}

static bool image_contains(const struct bpf_prog *prog, const void *needle, size_t n)
{
	const u8 *img = (const u8 *)(uintptr_t)prog->bpf_func;

	for (u32 i = 0; i + n <= prog->jited_len; i++)
		if (!memcmp(img + i, needle, n))
			return true;
	return false;
}

UNIT_TEST(blinding_hides_immediates_and_keeps_results)
{
	static const u32 secret = 0x5a17c0de;
	u64 mem[2] = { 0 }, mem2[2] = { 0 };
	struct bpf_insn p[] = {
		MOV64K(0, (s32)secret),
		I(BPF_ALU | BPF_ADD | BPF_K, 0, 0, 0, (s32)secret),
		I(BPF_ALU64 | BPF_XOR | BPF_K, 0, 0, 0, (s32)secret),
		I(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, (s32)secret),
		I(BPF_ST | BPF_MEM | BPF_W, 1, 0, 0, (s32)secret),
		I(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, 0, (s32)secret),
		LDDW(2, 0x5a17c0de5a17c0deull),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 2, 0, 0),
		MOV64K(3, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_K, 3, 0, 0, 0x1000000),
		I(BPF_JMP32 | BPF_JLT | BPF_K, 3, 0, -2, (s32)secret),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 3, 0, 0),
		EXIT,
	};
	struct bpf_prog *plain = make_prog(p, ARRAY_SIZE(p), true, false);
	struct bpf_prog *blind = make_prog(p, ARRAY_SIZE(p), true, true);
	struct bpf_prog *interp = make_prog(p, ARRAY_SIZE(p), false, false);

	ASSERT(plain->jited && blind->jited);
	EXPECT(blind->blinded);
	EXPECT(image_contains(plain, &secret, sizeof(secret)));
	EXPECT(!image_contains(blind, &secret, sizeof(secret)));
	EXPECT_EQ(bpf_prog_run_raw(blind, mem, sizeof(mem)),
		  bpf_prog_run_raw(interp, mem2, sizeof(mem2)));
	EXPECT_EQ(mem[0], mem2[0]);
	bpf_prog_free(plain);
	bpf_prog_free(blind);
	bpf_prog_free(interp);
}

UNIT_TEST(blinding_policy_follows_bpf_jit_harden)
{
	int saved = bpf_jit_harden;

	EXPECT_EQ(bpf_jit_harden, 1);
	EXPECT(bpf_jit_blinding_enabled(false) && !bpf_jit_blinding_enabled(true));
	bpf_jit_harden = 0;
	EXPECT(!bpf_jit_blinding_enabled(false) && !bpf_jit_blinding_enabled(true));
	bpf_jit_harden = 2;
	EXPECT(bpf_jit_blinding_enabled(false) && bpf_jit_blinding_enabled(true));
	bpf_jit_harden = saved;
}

UNIT_TEST(blinding_random_alu_matches_interpreter)
{
	bool ok = true;

	for (int k = 0; k < 300 && ok; k++) {
		struct bpf_insn p[64];
		u8 op = alu_ops[rnd64() % ARRAY_SIZE(alu_ops)];
		struct bpf_insn in = I((k & 1 ? BPF_ALU64 : BPF_ALU) | op | BPF_K, rnd64() % 10, 0,
				       (op == BPF_DIV || op == BPF_MOD) ? rnd64() & 1 : 0,
				       (s32)rnd64());
		u32 n = build_op_prog(p, in, rnd64(), 0);
		struct bpf_prog *b = make_prog(p, n, true, true);
		struct bpf_prog *i = make_prog(p, n, false, false);

		ok = b->jited && bpf_prog_run_raw(b, NULL, 0) == bpf_prog_run_raw(i, NULL, 0);
		bpf_prog_free(b);
		bpf_prog_free(i);
	}
	EXPECT(ok);
}

#define TEST_HELPER_ID 7 /* a slot the tests take over */
static bool helper_stack_aligned;

/* Returns a mix of its five arguments; notes whether the caller aligned rsp. */
static u64 test_helper(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	helper_stack_aligned = (uintptr_t)__builtin_frame_address(0) % 16 == 0;
	return r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5;
}

/* call imm and callx reg: arguments in r1-r5, result in r0, r6-r9 preserved. */
UNIT_TEST(helper_call_and_callx)
{
	bpf_helper_fn saved = bpf_func_protos[TEST_HELPER_ID].func;
	struct bpf_insn p[] = {
		MOV64K(6, 600),
		MOV64K(9, 900),
		MOV64K(1, 1),
		MOV64K(2, 10),
		MOV64K(3, 100),
		MOV64K(4, 1000),
		MOV64K(5, 10000),
		I(BPF_JMP | BPF_CALL, 0, 0, 0, TEST_HELPER_ID),
		MOV64X(7, 0),
		MOV64K(1, 2),
		MOV64K(2, 10),
		MOV64K(3, 100),
		MOV64K(4, 1000),
		MOV64K(5, 10000),
		MOV64K(8, TEST_HELPER_ID),
		I(BPF_JMP | BPF_CALL | BPF_X, 8, 0, 0, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 7, 0, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 6, 0, 0),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 9, 0, 0),
		EXIT,
	};
	struct bpf_prog *prog, *interp;

	bpf_func_protos[TEST_HELPER_ID].func = test_helper;
	prog = make_prog(p, ARRAY_SIZE(p), true, false);
	interp = make_prog(p, ARRAY_SIZE(p), false, false);
	ASSERT(prog->jited);
	helper_stack_aligned = false;
	EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 54321 + 54322 + 600 + 900);
	EXPECT(helper_stack_aligned);
	EXPECT_EQ(bpf_prog_run_raw(interp, NULL, 0), 54321 + 54322 + 600 + 900);
	bpf_prog_free(prog);
	bpf_prog_free(interp);
	bpf_func_protos[TEST_HELPER_ID].func = saved;
}

/* Whether the image has "call rel32" to target, or "movabs r11, target; call r11". */
static bool image_calls(const struct bpf_prog *prog, uintptr_t target, bool near)
{
	const u8 *img = (const u8 *)(uintptr_t)prog->bpf_func;
	u8 movabs[10] = { 0x49, 0xbb };

	memcpy(movabs + 2, &target, 8);
	for (u32 i = 0; i + 5 <= prog->jited_len; i++) {
		s32 rel;

		memcpy(&rel, img + i + 1, 4);
		if (near && img[i] == 0xe8 && (uintptr_t)(img + i + 5) + rel == target)
			return true;
		if (!near && i + 13 <= prog->jited_len && !memcmp(img + i, movabs, 10) &&
		    img[i + 10] == 0x41 && img[i + 11] == 0xff && img[i + 12] == 0xd3)
			return true;
	}
	return false;
}

static bool within_2g(uintptr_t a, uintptr_t b)
{
	return (a > b ? a - b : b - a) < (1ull << 31) - (1ull << 20);
}

/*
 * A helper within reach is called with call rel32; one more than 2 GB away
 * (a trampoline mapped far off) through movabs + call r11.
 */
UNIT_TEST(helper_call_near_and_far_forms)
{
	bpf_helper_fn saved = bpf_func_protos[TEST_HELPER_ID].func;
	struct bpf_insn p[] = { MOV64K(1, 1), MOV64K(2, 2),
				MOV64K(3, 3), MOV64K(4, 4),
				MOV64K(5, 5), I(BPF_JMP | BPF_CALL, 0, 0, 0, TEST_HELPER_ID),
				EXIT };
	uintptr_t helper = (uintptr_t)test_helper, far;
	u8 *tramp = mmap((void *)(helper + (64ull << 30)), 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct bpf_prog *prog;

	ASSERT(tramp != MAP_FAILED);
	tramp[0] = 0x49, tramp[1] = 0xbb; /* movabs r11, test_helper; jmp r11 */
	memcpy(tramp + 2, &helper, 8);
	tramp[10] = 0x41, tramp[11] = 0xff, tramp[12] = 0xe3;
	ASSERT(mprotect(tramp, 4096, PROT_READ | PROT_EXEC) == 0);
	far = (uintptr_t)tramp;
	for (int k = 0; k < 2; k++) {
		uintptr_t target = k ? far : helper;

		bpf_func_protos[TEST_HELPER_ID].func = (bpf_helper_fn)target;
		prog = make_prog(p, ARRAY_SIZE(p), true, false);
		ASSERT(prog->jited);
		/* execmem_host places images near the text: the helper is near, the trampoline not */
		EXPECT(within_2g(target, (uintptr_t)prog->bpf_func) == !k);
		EXPECT(image_calls(prog, target, !k));
		EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 1 + 4 + 9 + 16 + 25);
		bpf_prog_free(prog);
	}
	bpf_func_protos[TEST_HELPER_ID].func = saved;
	munmap(tramp, 4096);
}

/* Images alive at once are all placed within rel32 reach of the helpers. */
UNIT_TEST(live_images_stay_near_the_text)
{
	struct bpf_insn p[] = { MOV64K(0, 1), EXIT };
	struct bpf_prog *progs[16];

	for (u32 i = 0; i < ARRAY_SIZE(progs); i++) {
		progs[i] = make_prog(p, ARRAY_SIZE(p), true, false);
		ASSERT(progs[i]->jited);
		EXPECT(within_2g((uintptr_t)progs[i]->bpf_func, (uintptr_t)test_helper));
	}
	for (u32 i = 0; i < ARRAY_SIZE(progs); i++)
		bpf_prog_free(progs[i]);
}

/* LD_ABS / LD_IND of every size, in and out of the packet, against the interpreter. */
UNIT_TEST(ld_abs_ind_match_interpreter)
{
	static const u8 sizes[] = { BPF_B, BPF_H, BPF_W };
	static const s32 offsets[] = {
		0, 1, 12, 13, 60, 61, 62, 63, 64, -1, SKF_NET_OFF, SKF_NET_OFF + 2, SKF_LL_OFF + 6
	};
	u8 pkt[64];
	bool ok = true;

	for (u32 i = 0; i < sizeof(pkt); i++)
		pkt[i] = (u8)(i * 37 + 11);
	pkt[12] = 0x08, pkt[13] = 0x00;
	for (u32 s = 0; s < ARRAY_SIZE(sizes); s++) {
		for (u32 o = 0; o < ARRAY_SIZE(offsets); o++) {
			for (int ind = 0; ind < 2; ind++) {
				struct bpf_insn p[] = {
					MOV64X(6, 1),
					MOV64K(7, 5),
					MOV64K(2, ind ? offsets[o] - 3 : 0),
					I(BPF_LD | (ind ? BPF_IND : BPF_ABS) | sizes[s], 0, 2, 0,
					  ind ? 3 : offsets[o]),
					I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 7, 0, 0),
					EXIT,
				};
				struct bpf_prog *pj = make_prog(p, ARRAY_SIZE(p), true, false);
				struct bpf_prog *pi = make_prog(p, ARRAY_SIZE(p), false, false);
				struct sk_buff skb;
				u64 ri, rj;

				bpf_skb_init_test(&skb, pkt, sizeof(pkt));
				ri = bpf_prog_run(pi, &skb);
				rj = pj->jited ? bpf_prog_run(pj, &skb) : ~0ull;
				if (ri != rj) {
					printf("# ld size %#x off %d ind %d: %#llx vs %#llx\n",
					       sizes[s], offsets[o], ind, (unsigned long long)ri,
					       (unsigned long long)rj);
					ok = false;
				}
				bpf_prog_free(pi);
				bpf_prog_free(pj);
			}
		}
	}
	EXPECT(ok);
}

/*
 * lddw src=BPF_PSEUDO_FUNC gives the address of the subprogram's callback
 * slot: an 8-aligned word after the code holding an entry callable from C
 * (bpf_callback_call calls it).
 */
UNIT_TEST(subprogram_address_is_callable)
{
	struct bpf_insn p[] = {
		I(BPF_LD | BPF_IMM | BPF_DW, 0, BPF_PSEUDO_FUNC, 0, 3),
		I(0, 0, 0, 0, 0),
		EXIT,
		EXIT, /* never reached: padding */
		MOV64X(0, 1), /* the subprogram: r1 * 3 + r2 */
		I(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, 3),
		I(BPF_ALU64 | BPF_ADD | BPF_X, 0, 2, 0, 0),
		EXIT,
	};
	u64 (*fn)(u64, u64, u64, u64, u64);
	struct bpf_prog *prog;
	u64 addr, code;

	for (int blind = 0; blind < 2; blind++) {
		prog = make_prog(p, ARRAY_SIZE(p), true, blind);
		ASSERT(prog->jited);
		addr = bpf_prog_run_raw(prog, NULL, 0);
		code = (uintptr_t)prog->bpf_func;
		EXPECT(addr >= code + prog->jited_len && addr % 8 == 0);
		fn = *(u64(**)(u64, u64, u64, u64, u64))(uintptr_t)addr;
		EXPECT((uintptr_t)fn > code && (uintptr_t)fn < code + prog->jited_len);
		EXPECT_EQ(fn(7, 100, 0, 0, 0), 121);
		EXPECT_EQ(bpf_callback_call(addr, 7, 100, 0, 0, 0), 121);
		bpf_prog_free(prog);
	}
}

UNIT_TEST(bad_programs_fall_back)
{
	struct bpf_insn jump_out[] = { I(BPF_JMP | BPF_JA, 0, 0, 5, 0), EXIT };
	struct bpf_insn half_lddw[] = { EXIT, I(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 1) };
	struct bpf_insn bad_call[] = { I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 10), EXIT };
	struct bpf_insn bad_helper[] = { I(BPF_JMP | BPF_CALL, 0, 0, 0, -1), EXIT };
	struct bpf_insn bad_reg[] = { MOV64K(12, 0), EXIT };
	struct bpf_insn *cases[] = { jump_out, half_lddw, bad_call, bad_helper, bad_reg };

	for (u32 i = 0; i < ARRAY_SIZE(cases); i++) {
		struct bpf_prog *prog = make_prog(cases[i], 2, true, false);

		EXPECT(prog && !prog->jited);
		bpf_prog_free(prog);
	}
}

/*
 * Random instruction soup (any opcode byte, registers up to AX, wild offsets
 * and immediates) must be compiled or refused cleanly, never crash the JIT
 * or the blinder. The programs are not run: only the verifier makes them safe.
 */
UNIT_TEST(random_programs_compile_or_fail_cleanly)
{
	static struct bpf_insn p[300];
	u32 jited = 0;

	for (int k = 0; k < 3000; k++) {
		u32 n = 1 + rnd64() % (k % 10 ? 40 : ARRAY_SIZE(p));
		struct bpf_prog *prog;

		for (u32 i = 0; i < n; i++) {
			u64 r = rnd64();
			u8 code = (u8)r;

			while (!(k & 2) && !bpf_opcode_in_insntable(code))
				code = (u8)rnd64(); /* mostly defined opcodes */
			p[i] = I(code, (r >> 8) % 12, (r >> 12) % 12,
				 (r >> 19) & 3 ? 0 : (s16)((r >> 16) % 8) - 3,
				 (r >> 40) & 1 ? (s32)((r >> 24) % 64) - 32 : (s32)(r >> 24));
		}
		p[n - 1] = EXIT;
		prog = make_prog(p, n, true, k & 1);
		ASSERT(prog);
		jited += prog->jited;
		bpf_prog_free(prog);
	}
	printf("# %u of 3000 random programs jited\n", jited);
	EXPECT(jited > 0);
}

UNIT_MAIN()
