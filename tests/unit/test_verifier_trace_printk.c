// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_trace_printk (kernel/bpf/helpers.c): the formats Linux's
 * bpf_bprintf_prepare accepts and refuses (-EINVAL), the text and its length
 * (the helper's return value; the lengths and -EINVALs here are those the
 * host's Linux 6.18 returned through BPF_PROG_TEST_RUN for the same calls), through the helper table as a program calls
 * it, and a verified program that calls it in the interpreter.
 */
#include <string.h>
#include <stdio.h>
#define UNIT_SUITE "trace_printk"
#include "lib/unit.h"
#include <bpfkern/filter.h>
#include <bpfkern/verifier.h>

static int fmt(char *out, const char *f, u64 a, u64 b, u64 c)
{
	const u64 args[3] = { a, b, c };

	return bpf_trace_printk_format(out, BPF_TRACE_PRINTK_BUF, f, (u32)strlen(f) + 1, args);
}

UNIT_TEST(accepted_formats)
{
	char out[BPF_TRACE_PRINTK_BUF];

	EXPECT_EQ(fmt(out, "hello\n", 0, 0, 0), 6);
	EXPECT(!strcmp(out, "hello\n"));
	EXPECT_EQ(fmt(out, "%d %u %x", (u64)-5, 7, 255), 7);
	EXPECT(!strcmp(out, "-5 7 ff"));
	EXPECT_EQ(fmt(out, "%lld %llu %llx", (u64)-5, 1ull << 40, 1ull << 36), 27);
	EXPECT(!strcmp(out, "-5 1099511627776 1000000000"));
	EXPECT_EQ(fmt(out, "%ld|%lu|%lx|%i", (u64)-1, 2, 0xab), -EINVAL);
	fmt(out, "%ld|%lu|%lx", (u64)-1, 2, 0xab);
	EXPECT(!strcmp(out, "-1|2|ab"));
	fmt(out, "[%5d][%-4u][%08x]", 42, 7, 0xbeef);
	EXPECT(!strcmp(out, "[   42][7   ][0000beef]"));
	fmt(out, "%d", 0x100000005ull, 0, 0); /* an int: the low 32 bits */
	EXPECT(!strcmp(out, "5"));
	fmt(out, "%c%c 100%%", 'o', 'k', 0);
	EXPECT(!strcmp(out, "ok 100%"));
	/* as the host's Linux 6.18 through BPF_PROG_TEST_RUN: 33 */
	EXPECT_EQ(fmt(out, "%px %pK", (u64)-5, 7, 0), 33);
	EXPECT(!strcmp(out, "fffffffffffffffb 0000000000000007"));
	EXPECT(fmt(out, "%pB", 0, 0, 0) > 0);
	EXPECT(fmt(out, "%s|%pks|%pus", 0, 0, 0) >= 0);
	EXPECT(!strcmp(out, "(null)|(null)|(null)"));
	EXPECT(fmt(out, "%pI4 %pi6", 0x1000, 0x1000, 0) > 0);
	EXPECT(fmt(out, "tab\there", 0, 0, 0) == 8);
}

UNIT_TEST(refused_formats)
{
	char out[BPF_TRACE_PRINTK_BUF];
	const u64 args[3] = { 0 };
	const char *bad[] = {
		"%d %d %d %d", /* four conversions */
		"%f",	       "%lf",  "%hd",  "%n",   "%pZ",	      "%pI5",
		"%lllx",       "%.3d", "end%", "\x01", "caf\xc3\xa9",
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		int r = fmt(out, bad[i], 0, 0, 0);

		if (r != -EINVAL)
			printf("# accepted \"%s\": %d\n", bad[i], r);
		EXPECT_EQ(r, -EINVAL);
	}
	/* no NUL within fmt_size */
	EXPECT_EQ(bpf_trace_printk_format(out, sizeof(out), "abc", 3, args), -EINVAL);
	EXPECT_EQ(bpf_trace_printk_format(out, sizeof(out), "abc", 4, args), 3);
	/* three conversions and %% are fine */
	EXPECT(fmt(out, "%d %d %d %%", 1, 2, 3) > 0);
}

UNIT_TEST(long_text_is_cut)
{
	static char big[700], out[BPF_TRACE_PRINTK_BUF];
	int r;

	memset(big, 'a', sizeof(big) - 1);
	r = fmt(out, big, 0, 0, 0);
	EXPECT_EQ(r, BPF_TRACE_PRINTK_BUF - 1);
	EXPECT_EQ(strlen(out), BPF_TRACE_PRINTK_BUF - 1);
}

UNIT_TEST(helper_through_the_table)
{
	static const char f[] = "n=%d\n";
	bpf_helper_fn fn = bpf_helper_func(BPF_FUNC_trace_printk);

	ASSERT(fn);
	EXPECT(bpf_func_protos[BPF_FUNC_trace_printk].gpl_only);
	EXPECT_EQ(fn((u64)(uintptr_t)f, sizeof(f), 12, 0, 0), 5);
	EXPECT_EQ(fn((u64)(uintptr_t)f, 2, 12, 0, 0), (u64)-EINVAL);
	/* past the burst the console gets fewer lines, the program the same length */
	for (int i = 0; i < 40; i++)
		EXPECT_EQ(fn((u64)(uintptr_t)f, sizeof(f), (u64)i, 0, 0), i < 10 ? 4u : 5u);
}

/* A verified XDP program: "x=%d\n" on the stack, bpf_trace_printk's result in r0. */
UNIT_TEST(verified_program_runs)
{
	struct bpf_insn insns[] = {
		BPF_MOV64_IMM(BPF_REG_1, 0x0a), /* "\n" */
		BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, -4),
		BPF_MOV64_IMM(BPF_REG_1, 0x64253d78), /* "x=%d" */
		BPF_STX_MEM(BPF_W, BPF_REG_10, BPF_REG_1, -8),
		BPF_MOV64_REG(BPF_REG_1, BPF_REG_10),
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_1, -8),
		BPF_MOV64_IMM(BPF_REG_2, 8),
		BPF_MOV64_IMM(BPF_REG_3, 77),
		BPF_CALL_HELPER(BPF_FUNC_trace_printk),
		BPF_EXIT_INSN(),
	};
	struct bpf_verifier_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
					  .bpf_capable = true,
					  .gpl_compatible = true };
	struct bpf_prog *prog = bpf_prog_alloc(ARRAY_SIZE(insns));

	ASSERT(prog);
	memcpy(prog->insnsi, insns, sizeof(insns));
	prog->len = ARRAY_SIZE(insns);
	EXPECT_EQ(bpf_check(&prog, &opts), 0);
	EXPECT_EQ(bpf_prog_run_raw(prog, NULL, 0), 5); /* "x=77\n" */
	opts.gpl_compatible = false;
	EXPECT_EQ(bpf_verify_insns(insns, ARRAY_SIZE(insns), &opts), -EINVAL);
	bpf_prog_free(prog);
}

UNIT_MAIN()
