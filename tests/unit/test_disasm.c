// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the disassembler (kernel/bpf/disasm.c): a table of single
 * instructions of every class with their expected text, the verifier-log
 * forms (prefix, print callback, hooks), buffer limits, every opcode with
 * random fields (never a crash), random valid instructions that must
 * assemble back identically, and the live Linux oracle: random programs
 * loaded into the host kernel with log_level 2, whose "Live regs before
 * insn" listing must match our text line for line (skipped with a reason
 * where bpf() is unavailable).
 */
#define UNIT_SUITE "disasm"
#include "lib/unit.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/disasm.h>
#include <bpfkern/errno.h>

#define I(c, d, s, o, i)                                                            \
	{                                                                           \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) \
	}

static const struct {
	struct bpf_insn insn[2];
	int cnt; /* instructions in insn[]; also what bpf_disasm_insn must consume */
	const char *text;
} cases[] = {
	/* ALU64 and ALU */
	{ { I(0xb7, 0, 0, 0, 1) }, 1, "r0 = 1" },
	{ { I(0xb4, 0, 0, 0, -1) }, 1, "w0 = -1" },
	{ { I(0xbf, 1, 2, 0, 0) }, 1, "r1 = r2" },
	{ { I(0xbc, 1, 2, 0, 0) }, 1, "w1 = w2" },
	{ { I(0x0f, 0, 1, 0, 0) }, 1, "r0 += r1" },
	{ { I(0x07, 2, 0, 0, -8) }, 1, "r2 += -8" },
	{ { I(0x1c, 2, 3, 0, 0) }, 1, "w2 -= w3" },
	{ { I(0x27, 2, 0, 0, 3) }, 1, "r2 *= 3" },
	{ { I(0x37, 2, 0, 0, 3) }, 1, "r2 /= 3" },
	{ { I(0x3f, 4, 3, 1, 0) }, 1, "r4 s/= r3" },
	{ { I(0x97, 4, 0, 1, -7) }, 1, "r4 s%= -7" },
	{ { I(0x9c, 4, 3, 0, 0) }, 1, "w4 %= w3" },
	{ { I(0x47, 1, 0, 0, 1) }, 1, "r1 |= 1" },
	{ { I(0x54, 1, 0, 0, 255) }, 1, "w1 &= 255" },
	{ { I(0x67, 1, 0, 0, 32) }, 1, "r1 <<= 32" },
	{ { I(0x7c, 1, 2, 0, 0) }, 1, "w1 >>= w2" },
	{ { I(0xa7, 1, 0, 0, -2147483647 - 1) }, 1, "r1 ^= -2147483648" },
	{ { I(0xc7, 1, 0, 0, 63) }, 1, "r1 s>>= 63" },
	{ { I(0xcc, 1, 2, 0, 0) }, 1, "w1 s>>= w2" },
	{ { I(0x87, 4, 0, 0, 0) }, 1, "r4 = -r4" },
	{ { I(0x84, 4, 0, 0, 0) }, 1, "w4 = -w4" },
	{ { I(0xdc, 0, 0, 0, 16) }, 1, "r0 = be16 r0" },
	{ { I(0xd4, 3, 0, 0, 64) }, 1, "r3 = le64 r3" },
	{ { I(0xd7, 4, 0, 0, 32) }, 1, "r4 = bswap32 r4" },
	{ { I(0xbf, 0, 1, 8, 0) }, 1, "r0 = (s8)r1" },
	{ { I(0xbc, 4, 3, 16, 0) }, 1, "w4 = (s16)w3" },
	{ { I(0xbf, 0, 1, 32, 0) }, 1, "r0 = (s32)r1" },
	{ { I(0xbf, 1, 2, 1, 1) }, 1, "r1 = addr_space_cast(r2, 0, 1)" },
	{ { I(0xbf, 1, 2, 1, 0x10000) }, 1, "r1 = addr_space_cast(r2, 1, 0)" },
	{ { I(0xbf, 1, 2, -1, 0) }, 1, "r1 = &(void __percpu *)(r2)" },
	{ { I(0xe7, 0, 0, 0, 0) }, 1, "unknown opcode e7" },
	{ { I(0xf4, 0, 0, 0, 0) }, 1, "unknown opcode f4" },
	{ { I(0xdf, 0, 0, 0, 16) }, 1, "unknown opcode df" },
	/* LDX */
	{ { I(0x71, 0, 1, 2, 0) }, 1, "r0 = *(u8 *)(r1 +2)" },
	{ { I(0x69, 0, 1, -2, 0) }, 1, "r0 = *(u16 *)(r1 -2)" },
	{ { I(0x61, 0, 1, 0, 0) }, 1, "r0 = *(u32 *)(r1 +0)" },
	{ { I(0x79, 5, 10, -8, 0) }, 1, "r5 = *(u64 *)(r10 -8)" },
	{ { I(0x91, 5, 10, -8, 0) }, 1, "r5 = *(s8 *)(r10 -8)" },
	{ { I(0x89, 1, 2, 4, 0) }, 1, "r1 = *(s16 *)(r2 +4)" },
	{ { I(0x81, 5, 10, -32768, 0) }, 1, "r5 = *(s32 *)(r10 -32768)" },
	{ { I(0x99, 5, 10, 0, 0) }, 1, "unknown opcode 99" },
	{ { I(0x21, 0, 0, 0, 0) }, 1, "unknown opcode 21" },
	/* ST and STX */
	{ { I(0x62, 10, 0, -16, -3) }, 1, "*(u32 *)(r10 -16) = -3" },
	{ { I(0x7a, 10, 0, -8, 5) }, 1, "*(u64 *)(r10 -8) = 5" },
	{ { I(0x72, 1, 0, 32767, 255) }, 1, "*(u8 *)(r1 +32767) = 255" },
	{ { I(0x6a, 1, 0, 0, 0) }, 1, "*(u16 *)(r1 +0) = 0" },
	{ { I(0x63, 10, 1, -4, 0) }, 1, "*(u32 *)(r10 -4) = r1" },
	{ { I(0x7b, 10, 0, -8, 0) }, 1, "*(u64 *)(r10 -8) = r0" },
	{ { I(0x73, 1, 2, 0, 0) }, 1, "*(u8 *)(r1 +0) = r2" },
	{ { I(0xc2, 0, 0, 0, 0) }, 1, "nospec" },
	{ { I(0x22, 0, 0, 0, 0) }, 1, "unknown opcode 22" },
	/* atomics */
	{ { I(0xdb, 10, 1, -8, 0x00) }, 1, "lock *(u64 *)(r10 -8) += r1" },
	{ { I(0xc3, 10, 1, -16, 0xa0) }, 1, "lock *(u32 *)(r10 -16) ^= r1" },
	{ { I(0xdb, 10, 1, -8, 0x40) }, 1, "lock *(u64 *)(r10 -8) |= r1" },
	{ { I(0xdb, 10, 1, -8, 0x50) }, 1, "lock *(u64 *)(r10 -8) &= r1" },
	{ { I(0xdb, 10, 1, -8, 0x01) }, 1, "r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)" },
	{ { I(0xdb, 10, 1, -8, 0x51) }, 1, "r1 = atomic64_fetch_and((u64 *)(r10 -8), r1)" },
	{ { I(0xc3, 10, 1, -16, 0x41) }, 1, "r1 = atomic_fetch_or((u32 *)(r10 -16), r1)" },
	{ { I(0xc3, 10, 1, -16, 0xa1) }, 1, "r1 = atomic_fetch_xor((u32 *)(r10 -16), r1)" },
	{ { I(0xdb, 10, 1, -8, 0xe1) }, 1, "r1 = atomic64_xchg((u64 *)(r10 -8), r1)" },
	{ { I(0xdb, 10, 1, -8, 0xf1) }, 1, "r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)" },
	{ { I(0xc3, 10, 1, -8, 0xf1) }, 1, "r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)" },
	{ { I(0xdb, 10, 1, -8, 0x100) }, 1, "r10 = load_acquire((u64 *)(r1 -8))" },
	{ { I(0xd3, 10, 1, -8, 0x110) }, 1, "store_release((u8 *)(r10 -8), r1)" },
	{ { I(0xdb, 10, 1, -8, 0x02) }, 1, "unknown opcode db" },
	{ { I(0xd3, 10, 1, -8, 0x00) }, 1, "unknown opcode d3" },
	/* LD */
	{ { I(0x18, 3, 0, 0, (s32)0x9abcdef0), I(0, 0, 0, 0, 0x12345678) },
	  2,
	  "r3 = 0x123456789abcdef0" },
	{ { I(0x18, 3, 0, 0, 0), I(0, 0, 0, 0, 0) }, 2, "r3 = 0x0" },
	{ { I(0x18, 1, 1, 0, 3), I(0, 0, 0, 0, 0) }, 2, "r1 = map[fd:3]" },
	{ { I(0x18, 1, 2, 0, 3), I(0, 0, 0, 0, 16) }, 2, "r1 = map[fd:3][0]+16" },
	{ { I(0x18, 1, 5, 0, 0), I(0, 0, 0, 0, 0) }, 2, "r1 = map[idx:0]" },
	{ { I(0x18, 1, 6, 0, 2), I(0, 0, 0, 0, 8) }, 2, "r1 = map[idx:2][0]+8" },
	{ { I(0x18, 1, 3, 0, 9), I(0, 0, 0, 0, 0) }, 2, "r1 = btf_id[9]" },
	{ { I(0x18, 1, 4, 0, -3), I(0, 0, 0, 0, 0) }, 2, "r1 = subprog[-3]" },
	{ { I(0x18, 1, 7, 0, 0), I(0, 0, 0, 0, 0) }, 1, "unknown opcode 18" },
	{ { I(0x18, 1, 1, 0, 3), I(0, 0, 0, 0, 1) }, 1, "unknown opcode 18" },
	{ { I(0x18, 2, 0, 0, 1) }, 1, "r2 = <lddw missing its second half>" },
	{ { I(0x30, 0, 0, 0, 12) }, 1, "r0 = *(u8 *)skb[12]" },
	{ { I(0x28, 0, 0, 0, -2) }, 1, "r0 = *(u16 *)skb[-2]" },
	{ { I(0x40, 0, 2, 0, 4) }, 1, "r0 = *(u32 *)skb[r2 + 4]" },
	{ { I(0x38, 0, 0, 0, 4) }, 1, "unknown opcode 38" },
	{ { I(0x10, 0, 0, 0, 4) }, 1, "unknown opcode 10" },
	/* JMP and JMP32 */
	{ { I(0x55, 5, 0, 3, 15) }, 1, "if r5 != 0xf goto pc+3" },
	{ { I(0x15, 5, 0, 2, 0) }, 1, "if r5 == 0x0 goto pc+2" },
	{ { I(0x16, 5, 0, 1, -1) }, 1, "if w5 == 0xffffffff goto pc+1" },
	{ { I(0xae, 5, 4, 0, 0) }, 1, "if w5 < w4 goto pc+0" },
	{ { I(0x2e, 1, 2, -5, 0) }, 1, "if w1 > w2 goto pc-5" },
	{ { I(0x3d, 1, 2, 1, 0) }, 1, "if r1 >= r2 goto pc+1" },
	{ { I(0x45, 1, 0, 1, 8) }, 1, "if r1 & 0x8 goto pc+1" },
	{ { I(0x6d, 1, 2, 1, 0) }, 1, "if r1 s> r2 goto pc+1" },
	{ { I(0x76, 1, 0, 1, 0) }, 1, "if w1 s>= 0x0 goto pc+1" },
	{ { I(0xbd, 1, 2, 1, 0) }, 1, "if r1 <= r2 goto pc+1" },
	{ { I(0xc5, 1, 0, 1, -1) }, 1, "if r1 s< 0xffffffff goto pc+1" },
	{ { I(0xde, 1, 2, -32768, 0) }, 1, "if w1 s<= w2 goto pc-32768" },
	{ { I(0x05, 0, 0, 3, 0) }, 1, "goto pc+3" },
	{ { I(0x06, 0, 0, 0, 70000) }, 1, "gotol pc+70000" },
	{ { I(0xe5, 0, 0, 2, 0) }, 1, "may_goto pc+2" },
	{ { I(0x95, 0, 0, 0, 0) }, 1, "exit" },
	{ { I(0x85, 0, 0, 0, 1) }, 1, "call bpf_map_lookup_elem#1" },
	{ { I(0x85, 0, 0, 0, 7) }, 1, "call bpf_get_prandom_u32#7" },
	{ { I(0x85, 0, 0, 0, 211) }, 1, "call bpf_cgrp_storage_delete#211" },
	{ { I(0x85, 0, 0, 0, 5000) }, 1, "call unknown#5000" },
	{ { I(0x85, 0, 0, 0, -1) }, 1, "call unknown#-1" },
	{ { I(0x85, 0, 1, 0, 2) }, 1, "call pc+2" },
	{ { I(0x85, 0, 1, 0, -4) }, 1, "call pc-4" },
	{ { I(0x85, 0, 2, 0, 12) }, 1, "call kernel-function#12" },
	{ { I(0x85, 0, 3, 0, 12) }, 1, "unknown opcode 85" },
	{ { I(0x8d, 2, 0, 0, 0) }, 1, "callx r2" },
	{ { I(0xf5, 0, 0, 0, 0) }, 1, "tail_call" },
	{ { I(0xf6, 0, 0, 0, 0) }, 1, "unknown opcode f6" },
	{ { I(0xfd, 0, 0, 0, 0) }, 1, "unknown opcode fd" },
	{ { I(0x86, 0, 0, 0, 1) }, 1, "unknown opcode 86" },
	{ { I(0x96, 0, 0, 0, 0) }, 1, "unknown opcode 96" },
};

UNIT_TEST(every_class)
{
	char line[BPF_DISASM_LINE_MAX];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t remaining = strstr(cases[i].text, "missing") ? 1 : 2;
		int n = bpf_disasm_insn(cases[i].insn, remaining, line, sizeof(line));

		if (n != cases[i].cnt || strcmp(line, cases[i].text))
			printf("# %02x: expected \"%s\" (%d), got \"%s\" (%d)\n",
			       cases[i].insn[0].code, cases[i].text, cases[i].cnt, line, n);
		EXPECT(n == cases[i].cnt && !strcmp(line, cases[i].text));
	}
}

/* A cb_print that appends to a string. */
struct sink {
	char buf[4096];
	size_t len;
};

static __printf(2, 3) void sink_print(void *priv, const char *fmt, ...)
{
	struct sink *s = priv;
	va_list ap;

	va_start(ap, fmt);
	s->len += vsnprintf(s->buf + s->len, sizeof(s->buf) - s->len, fmt, ap);
	va_end(ap);
}

UNIT_TEST(verifier_log_form)
{
	static const struct bpf_insn prog[] = {
		I(0xb7, 0, 0, 0, 1), I(0x18, 1, 0, 0, 5), I(0, 0, 0, 0, 0),
		I(0x85, 0, 0, 0, 5), I(0x95, 0, 0, 0, 0),
	};
	struct sink s = { .len = 0 };
	struct bpf_insn_cbs cbs = { .cb_print = sink_print, .private_data = &s };
	char line[BPF_DISASM_LINE_MAX];

	bpf_disasm_prog(&cbs, prog, ARRAY_SIZE(prog));
	EXPECT(!strcmp(s.buf, "0: (b7) r0 = 1\n1: (18) r1 = 0x5\n3: (85) call bpf_ktime_get_ns#5\n"
			      "4: (95) exit\n"));
	s.len = 0;
	EXPECT_EQ(print_bpf_insn(&cbs, &prog[1], 4), 2);
	EXPECT(!strcmp(s.buf, "(18) r1 = 0x5\n"));
	EXPECT_EQ(bpf_disasm_insn_cbs(&prog[0], 1, true, NULL, line, sizeof(line)), 1);
	EXPECT(!strcmp(line, "(b7) r0 = 1"));
	bpf_disasm_insn_cbs(&(struct bpf_insn)I(0xff, 0, 0, 0, 0), 1, true, NULL, line,
			    sizeof(line));
	EXPECT(!strcmp(line, "(ff) unknown opcode ff"));
	print_bpf_insn(NULL, &prog[0], 1); /* no sink: nothing happens */
	EXPECT(bpf_helper_name(1) && !strcmp(bpf_helper_name(1), "bpf_map_lookup_elem"));
	EXPECT(!bpf_helper_name(-1) && !bpf_helper_name(__BPF_FUNC_MAX_ID));
}

static const char *test_cb_call(void *priv, const struct bpf_insn *insn)
{
	return insn->src_reg == BPF_PSEUDO_KFUNC_CALL ? "bpf_obj_new_impl" : NULL;
}

static const char *test_cb_imm(void *priv, const struct bpf_insn *insn, u64 full_imm)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "map[id:%llu]", (unsigned long long)full_imm + 100);
	return insn->src_reg == BPF_PSEUDO_MAP_FD ? buf : NULL;
}

UNIT_TEST(hooks)
{
	struct bpf_insn_cbs cbs = { .cb_call = test_cb_call, .cb_imm = test_cb_imm };
	struct bpf_insn map[] = { I(0x18, 1, 1, 0, 3), I(0, 0, 0, 0, 0) };
	struct bpf_insn plain[] = { I(0x18, 1, 0, 0, 3), I(0, 0, 0, 0, 0) };
	char line[BPF_DISASM_LINE_MAX];

	bpf_disasm_insn_cbs(map, 2, false, &cbs, line, sizeof(line));
	EXPECT(!strcmp(line, "r1 = map[id:103]"));
	bpf_disasm_insn_cbs(plain, 2, false, &cbs, line, sizeof(line));
	EXPECT(!strcmp(line, "r1 = 0x3"));
	bpf_disasm_insn_cbs(&(struct bpf_insn)I(0x85, 0, 2, 0, 77), 1, false, &cbs, line,
			    sizeof(line));
	EXPECT(!strcmp(line, "call bpf_obj_new_impl#77"));
	bpf_disasm_insn_cbs(&(struct bpf_insn)I(0x85, 0, 0, 0, 1), 1, false, &cbs, line,
			    sizeof(line));
	EXPECT(!strcmp(line, "call bpf_map_lookup_elem#1"));
}

UNIT_TEST(small_buffers)
{
	struct bpf_insn insn = I(0xdb, 10, 1, -8, 0xf1);
	const char *full = "r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)";
	char line[64];

	for (size_t len = 1; len < sizeof(line); len++) {
		memset(line, 'X', sizeof(line));
		EXPECT_EQ(bpf_disasm_insn(&insn, 1, line, len), 1);
		EXPECT(strlen(line) == min(len - 1, strlen(full)));
		EXPECT(!strncmp(line, full, strlen(line)));
	}
	line[0] = 'X';
	EXPECT_EQ(bpf_disasm_insn(&insn, 1, line, 0), 1);
	EXPECT(line[0] == 'X');
	EXPECT_EQ(bpf_disasm_insn(&insn, 0, line, sizeof(line)), 1);
	EXPECT(!strcmp(line, "unknown opcode db"));
}

static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)rng_state;
}

/* A random 32-bit value, biased to small magnitudes and edge cases. */
static s32 rnd_imm(void)
{
	static const s32 edges[] = { 0, 1, -1, 0x7fffffff, -2147483647 - 1, 16, 32, 64, 255 };

	switch (rnd() % 4) {
	case 0:
		return edges[rnd() % ARRAY_SIZE(edges)];
	case 1:
		return (s32)(rnd() % 100) - 50;
	default:
		return (s32)rnd();
	}
}

UNIT_TEST(any_bits_never_crash)
{
	char line[256], again[256];
	int bad = 0, parsed = 0;

	for (int iter = 0; iter < 200000; iter++) {
		struct bpf_insn insn[2];
		struct bpf_asm_result res;
		u64 w = (u64)rnd() << 32 | rnd();

		memcpy(&insn[0], &w, 8);
		insn[0].code = (u8)iter;
		insn[1] = (struct bpf_insn)I(0, 0, 0, 0, rnd_imm());
		bpf_disasm_insn(insn, 1 + rnd() % 2, line, sizeof(line));
		bad += line[0] == '\0' || strlen(line) >= BPF_DISASM_LINE_MAX;
		/* whatever assembles, disassembles to the same text again */
		if (bpf_asm(line, &res) == 0) {
			parsed++;
			bpf_disasm_insn(res.insns, res.cnt, again, sizeof(again));
			if (strcmp(line, again) && bad++ < 5)
				printf("# \"%s\" reassembles as \"%s\"\n", line, again);
		}
		bpf_asm_result_free(&res);
	}
	printf("# %d of 200000 random words disassembled to assemblable text\n", parsed);
	EXPECT(parsed > 50000);
	EXPECT_EQ(bad, 0);
}

/*
 * A random valid instruction (or lddw pair) into out; returns its length.
 * With for_linux, only what Linux's verifier lists before checking program
 * semantics: no pseudo sources, no calls but helper calls, jumps of +0.
 */
static int gen_insn(struct bpf_insn *out, bool for_linux)
{
	static const u8 alu_ops[] = { BPF_ADD, BPF_SUB, BPF_MUL,  BPF_DIV, BPF_OR,
				      BPF_AND, BPF_LSH, BPF_RSH,  BPF_NEG, BPF_MOD,
				      BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END };
	static const u8 jmp_ops[] = { BPF_JEQ,	BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
				      BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	static const s32 atomics[] = { 0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1 };
	u8 cls = rnd() % 8, dst = rnd() % 11, src = rnd() % 11, sz = (rnd() % 4) << 3;
	s16 off = (s16)(rnd() % 3 ? (s32)(rnd() % 64) - 32 : (s32)rnd());
	u8 op;

	out[1] = (struct bpf_insn)I(0, 0, 0, 0, 0);
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		op = alu_ops[rnd() % ARRAY_SIZE(alu_ops)];
		if (op == BPF_END) {
			u8 be = cls == BPF_ALU && rnd() % 2 ? BPF_TO_BE : BPF_TO_LE;

			out[0] = (struct bpf_insn)I(cls | op | be, dst, 0, 0, 16 << (rnd() % 3));
		} else if (op == BPF_NEG) {
			out[0] = (struct bpf_insn)I(cls | op, dst, 0, 0, 0);
		} else if (rnd() % 2) {
			off = (op == BPF_DIV || op == BPF_MOD) ? rnd() % 2 : 0;
			out[0] = (struct bpf_insn)I(cls | op | BPF_K, dst, 0, off, rnd_imm());
		} else {
			off = (op == BPF_DIV || op == BPF_MOD) ? rnd() % 2 : 0;
			if (op == BPF_MOV && rnd() % 2)
				off = 8 << (rnd() % (cls == BPF_ALU ? 2 : 3));
			if (op == BPF_MOV && cls == BPF_ALU64 && rnd() % 8 == 0)
				off = rnd() % 2 ? 1 : -1; /* addr_space_cast, per-CPU address */
			if (off == 1 && op == BPF_MOV) {
				out[0] = (struct bpf_insn)I(cls | op | BPF_X, dst, src, 1,
							    rnd() % 2 ? 1 : 0x10000);
				return 1;
			}
			out[0] = (struct bpf_insn)I(cls | op | BPF_X, dst, src, off, 0);
		}
		return 1;
	case BPF_LDX:
		if (rnd() % 3 == 0 && sz != BPF_DW)
			out[0] = (struct bpf_insn)I(BPF_LDX | BPF_MEMSX | sz, dst, src, off, 0);
		else
			out[0] = (struct bpf_insn)I(BPF_LDX | BPF_MEM | sz, dst, src, off, 0);
		return 1;
	case BPF_ST:
		out[0] = (struct bpf_insn)I(BPF_ST | BPF_MEM | sz, dst, 0, off, rnd_imm());
		return 1;
	case BPF_STX:
		if (rnd() % 2) {
			out[0] = (struct bpf_insn)I(BPF_STX | BPF_MEM | sz, dst, src, off, 0);
		} else if (rnd() % 4 == 0) {
			out[0] = (struct bpf_insn)I(BPF_STX | BPF_ATOMIC | sz, dst, src, off,
						    rnd() % 2 ? 0x100 : 0x110);
		} else {
			sz = rnd() % 2 ? BPF_W : BPF_DW;
			out[0] = (struct bpf_insn)I(BPF_STX | BPF_ATOMIC | sz, dst, src, off,
						    atomics[rnd() % ARRAY_SIZE(atomics)]);
		}
		return 1;
	case BPF_LD:
		if (rnd() % 3 == 0 && sz != BPF_DW) {
			bool ind = rnd() % 2;

			out[0] = (struct bpf_insn)I(BPF_LD | (ind ? BPF_IND : BPF_ABS) | sz, 0,
						    ind ? src : 0, 0, rnd_imm());
			return 1;
		}
		out[0] = (struct bpf_insn)I(BPF_LD | BPF_IMM | BPF_DW, dst, 0, 0, rnd_imm());
		out[1].imm = rnd_imm();
		if (!for_linux && rnd() % 4 == 0) {
			static const u8 pseudo[] = { 1, 2, 3, 4, 5, 6 };

			out[0].src_reg = pseudo[rnd() % ARRAY_SIZE(pseudo)];
			if (out[0].src_reg != BPF_PSEUDO_MAP_VALUE &&
			    out[0].src_reg != BPF_PSEUDO_MAP_IDX_VALUE)
				out[1].imm = 0;
		}
		return 2;
	default: /* BPF_JMP, BPF_JMP32 */
		switch (rnd() % 8) {
		case 0:
			if (cls == BPF_JMP)
				out[0] = (struct bpf_insn)I(BPF_JMP | BPF_JA, 0, 0,
							    for_linux ? 0 : off, 0);
			else
				out[0] = (struct bpf_insn)I(BPF_JMP32 | BPF_JA, 0, 0, 0,
							    for_linux ? 0 : rnd_imm());
			return 1;
		case 1:
			out[0] = (struct bpf_insn)I(BPF_JMP | BPF_CALL, 0, 0, 0,
						    1 + rnd() % (__BPF_FUNC_MAX_ID - 1));
			if (!for_linux && rnd() % 2) {
				out[0].src_reg = 1 + rnd() % 2;
				out[0].imm = rnd_imm();
			}
			return 1;
		case 2:
			if (!for_linux) {
				out[0] = (struct bpf_insn)(
					rnd() % 2 ? (struct bpf_insn)I(0x8d, dst, 0, 0, 0)
						  : (struct bpf_insn)I(0xe5, 0, 0, off, 0));
				return 1;
			}
			break;
		default:
			break;
		}
		op = jmp_ops[rnd() % ARRAY_SIZE(jmp_ops)];
		if (rnd() % 2)
			out[0] = (struct bpf_insn)I(cls | op | BPF_K, dst, 0, for_linux ? 0 : off,
						    rnd_imm());
		else
			out[0] = (struct bpf_insn)I(cls | op | BPF_X, dst, src, for_linux ? 0 : off,
						    0);
		return 1;
	}
}

UNIT_TEST(random_valid_insns_round_trip)
{
	char line[BPF_DISASM_LINE_MAX];
	int bad = 0;

	for (int iter = 0; iter < 100000; iter++) {
		struct bpf_insn insn[2];
		struct bpf_asm_result res;
		int n = gen_insn(insn, false), got = bpf_disasm_insn(insn, 2, line, sizeof(line));
		bool ok = got == n && bpf_asm(line, &res) == 0 && res.cnt == (size_t)n &&
			  !memcmp(res.insns, insn, n * sizeof(insn[0]));

		if (!ok && bad++ < 5)
			printf("# %02x dst %d src %d off %d imm %d: \"%s\" %s\n", insn[0].code,
			       insn[0].dst_reg, insn[0].src_reg, insn[0].off, insn[0].imm, line,
			       res.err);
		bpf_asm_result_free(&res);
	}
	EXPECT_EQ(bad, 0);
}

/* ---- The Linux oracle ------------------------------------------------------- */

static char linux_log[1 << 22];

/* Loads insns into the host kernel with log_level 2; returns the fd or -errno. */
static int linux_load(u32 type, const struct bpf_insn *insns, size_t cnt)
{
	union linux_load_attr { /* the BPF_PROG_LOAD members of Linux's union bpf_attr */
		struct {
			u32 prog_type, insn_cnt;
			u64 insns, license;
			u32 log_level, log_size;
			u64 log_buf;
		};
		char pad[160];
	} attr;
	long fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.insn_cnt = (u32)cnt;
	attr.insns = (uintptr_t)insns;
	attr.license = (uintptr_t) "GPL";
	attr.log_level = 2;
	attr.log_size = sizeof(linux_log);
	attr.log_buf = (uintptr_t)linux_log;
	linux_log[0] = '\0';
	fd = syscall(__NR_bpf, 5 /* BPF_PROG_LOAD */, &attr, sizeof(attr));
	if (fd < 0)
		return -errno;
	close((int)fd);
	return (int)fd;
}

/*
 * Parses one line of the listing, "  12: .1.3...... (bf) r0 = r5" (or
 * "  1  12: ..." inside a loop), into its
 * index and the "(xx) text" part; false at the first line of another shape.
 */
static bool listing_line(const char *p, unsigned *idx, const char **text, size_t *len)
{
	char *end;

	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	*idx = (unsigned)strtoul(p, &end, 10);
	if (*end == ' ') { /* "  1   3:": a loop (strongly connected component) number first */
		for (p = end; *p == ' '; p++)
			;
		*idx = (unsigned)strtoul(p, &end, 10);
	}
	if (strncmp(end, ": ", 2))
		return false;
	p = end + 2;
	for (int k = 0; k < 10; k++)
		if (p[k] != '.' && !isdigit((unsigned char)p[k]))
			return false;
	if (strncmp(p + 10, " (", 2))
		return false;
	*text = p + 11;
	*len = strcspn(*text, "\n");
	return true;
}

/*
 * Compares Linux's "Live regs before insn:" listing (every instruction of
 * the program) with our text. Returns the number of lines compared, -1 on a
 * mismatch, 0 if the log has no listing (Linux stopped earlier).
 */
static int compare_listing(const struct bpf_insn *insns, size_t cnt)
{
	const char *p = strstr(linux_log, "Live regs before insn:\n"), *text;
	char ours[BPF_DISASM_LINE_MAX];
	int compared = 0;
	unsigned idx;
	size_t len;

	if (!p)
		return 0;
	for (p = strchr(p, '\n') + 1; listing_line(p, &idx, &text, &len); p = text + len + 1) {
		if (idx >= cnt)
			return -1;
		bpf_disasm_insn_cbs(&insns[idx], cnt - idx, true, NULL, ours, sizeof(ours));
		if (strlen(ours) != len || strncmp(ours, text, len)) {
			printf("# insn %u: linux \"%.*s\", ours \"%s\"\n", idx, (int)len, text,
			       ours);
			return -1;
		}
		compared++;
		if (!text[len])
			break;
	}
	return compared;
}

/* Control flow the random programs leave out: subprograms, loops, may_goto, gotol. */
static const char *const oracle_texts[] = {
	"r0 = 0\n"
	"loop: may_goto done\n"
	"r0 += 1\n"
	"if r0 < 10 goto loop\n"
	"if w0 s> 0x5 goto done\n"
	"gotol done\n"
	"done: call sub\n"
	"r1 = r10\n"
	"r1 += -8\n"
	"call bpf_ktime_get_ns\n"
	"exit\n"
	"sub: r0 = 1\n"
	"if r1 != 0x0 goto +1\n"
	"r0 = -r0\n"
	"exit\n",
};

/* Assembles and compares the fixed oracle programs; returns mismatches (-1 if none listed). */
static int linux_oracle_texts(int *lines)
{
	int bad = 0;

	for (size_t i = 0; i < ARRAY_SIZE(oracle_texts); i++) {
		struct bpf_asm_result res;
		int got;

		if (bpf_asm(oracle_texts[i], &res)) {
			printf("# oracle text %zu: %s\n", i, res.err);
			bad++;
			continue;
		}
		linux_load(BPF_PROG_TYPE_XDP, res.insns, res.cnt);
		got = compare_listing(res.insns, res.cnt);
		if (got != (int)res.cnt) {
			printf("# oracle text %zu: %d of %zu instructions matched\n", i, got,
			       res.cnt);
			bad++;
		}
		*lines += got > 0 ? got : 0;
		bpf_asm_result_free(&res);
	}
	return bad;
}

/* Runs the oracle over random programs; prints its own ok/not ok/skip line. */
static int linux_oracle(void)
{
	static const struct bpf_insn trivial[] = { I(0xb7, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) };
	struct bpf_insn prog[130];
	int err = linux_load(BPF_PROG_TYPE_XDP, trivial, 2), listed = 0, lines = 0, bad = 0, iter;

	if (err < 0) {
		printf("skip disasm.linux_oracle # bpf(BPF_PROG_LOAD) failed: %s\n",
		       strerror(-err));
		return 0;
	}
	for (iter = 0; iter < 400 && bad < 3; iter++) {
		size_t n = 0;
		int got;

		while (n < 120)
			n += gen_insn(&prog[n], true);
		prog[n++] = (struct bpf_insn)I(0x95, 0, 0, 0, 0);
		/* socket filters accept the legacy packet loads that XDP refuses */
		linux_load(iter % 2 ? BPF_PROG_TYPE_SOCKET_FILTER : BPF_PROG_TYPE_XDP, prog, n);
		got = compare_listing(prog, n);
		listed += got > 0;
		lines += got > 0 ? got : 0;
		bad += got < 0;
	}
	bad += linux_oracle_texts(&lines);
	printf("# linux listed %d of %d random programs; %d instructions compared\n", listed, iter,
	       lines);
	if (bad || listed < 200) {
		printf("not ok disasm.linux_oracle\n");
		return 1;
	}
	printf("ok disasm.linux_oracle\n");
	return 0;
}

int main(int argc, char **argv)
{
	int failed = unit_run_all(argc, argv);

	if (argc < 2 || !strcmp(argv[1], "linux_oracle"))
		failed |= linux_oracle();
	return failed;
}
