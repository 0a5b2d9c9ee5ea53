// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the assembler (lib/bpf/asm.c), with the disassembler as its
 * mirror: every conformance program assembles (bytes checked where the file
 * has a "-- raw" section), disassembly assembles back to the same
 * instructions, a table of single statements in both syntaxes with their
 * encodings, a table of malformed inputs with the exact message and line,
 * and random input that must never crash (run under ASan/UBSan).
 *
 * The conformance suite is found through $BPF_CONFORMANCE_DIR, else
 * ../shared/conformance/tests or /work/shared/conformance/tests.
 */
#define UNIT_SUITE "asm"
#include "lib/unit.h"

#include <dirent.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/disasm.h>
#include <bpfkern/errno.h>

#define I(c, d, s, o, i)                                                            \
	{                                                                           \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) \
	}

/* ---- Conformance files ------------------------------------------------- */

struct conf_file {
	char name[128];
	char *asm_text; /* the "-- asm" section, malloc'd */
	u64 raw[64]; /* the "-- raw" section, if any */
	int nraw;
};

static const char *conformance_dir(void)
{
	static const char *const dirs[] = { "../shared/conformance/tests",
					    "/work/shared/conformance/tests" };
	const char *env = getenv("BPF_CONFORMANCE_DIR");
	DIR *d;

	if (env)
		return env;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		d = opendir(dirs[i]);
		if (d) {
			closedir(d);
			return dirs[i];
		}
	}
	return NULL;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits a .data file into its asm text and raw words. */
static bool read_conf_file(const char *dir, const char *name, struct conf_file *f)
{
	char path[512], line[512], section[32] = "";
	size_t len = 0, cap = 4096;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->nraw = 0;
	f->asm_text = calloc(1, cap);
	fp = fopen(path, "r");
	if (!fp || !f->asm_text) {
		if (fp)
			fclose(fp);
		return false;
	}
	while (fgets(line, sizeof(line), fp)) {
		if (!strncmp(line, "-- ", 3)) {
			sscanf(line + 3, "%31s", section);
			continue;
		}
		if (!strcmp(section, "raw") && f->nraw < 64 && strstr(line, "0x"))
			f->raw[f->nraw++] = strtoull(line, NULL, 16);
		if (strcmp(section, "asm"))
			continue;
		while (len + strlen(line) + 1 > cap)
			f->asm_text = realloc(f->asm_text, cap *= 2);
		strcpy(f->asm_text + len, line);
		len += strlen(line);
	}
	fclose(fp);
	return true;
}

/* Loads every .data file of the suite, sorted by name; returns the count. */
static int load_conformance(struct conf_file **out)
{
	const char *dir = conformance_dir();
	char *names[1024];
	struct dirent *de;
	int n = 0, ok = 0;
	DIR *d;

	*out = NULL;
	if (!dir || !(d = opendir(dir))) {
		printf("# conformance directory not found (set BPF_CONFORMANCE_DIR)\n");
		return 0;
	}
	while ((de = readdir(d)) && n < 1024)
		if (strstr(de->d_name, ".data"))
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	*out = calloc(n ? n : 1, sizeof(**out));
	for (int i = 0; i < n; i++) {
		if (read_conf_file(dir, names[i], &(*out)[ok]))
			ok++;
		free(names[i]);
	}
	return ok;
}

static void free_conformance(struct conf_file *files, int n)
{
	for (int i = 0; i < n; i++)
		free(files[i].asm_text);
	free(files);
}

UNIT_TEST(conformance_assembles)
{
	struct conf_file *files;
	int n = load_conformance(&files), raw_files = 0;

	EXPECT(n >= 313);
	for (int i = 0; i < n; i++) {
		struct bpf_asm_result res;
		int err = bpf_asm(files[i].asm_text, &res);

		if (err) {
			printf("# %s: %s\n", files[i].name, res.err);
			EXPECT(err == 0);
		} else if (files[i].nraw) {
			raw_files++;
			EXPECT_EQ(res.cnt, files[i].nraw);
			for (size_t k = 0; k < res.cnt && k < (size_t)files[i].nraw; k++) {
				u64 word;

				memcpy(&word, &res.insns[k], 8);
				EXPECT_EQ(word, files[i].raw[k]);
			}
		}
		EXPECT(err || res.cnt > 0);
		bpf_asm_result_free(&res);
	}
	EXPECT(raw_files >= 1);
	free_conformance(files, n);
}

/*
 * Disassembles insns (with the "N: (xx) " prefix or without), assembles the
 * text back and checks the instructions are identical.
 */
static bool round_trip(const struct bpf_insn *insns, size_t cnt, bool prefix, const char *what)
{
	size_t cap = cnt * 80 + 1, len = 0;
	char *text = malloc(cap), line[BPF_DISASM_LINE_MAX];
	struct bpf_asm_result res;
	bool ok;

	for (size_t i = 0; i < cnt;) {
		int n = bpf_disasm_insn_cbs(&insns[i], cnt - i, prefix, NULL, line, sizeof(line));

		if (prefix)
			len += snprintf(text + len, cap - len, "%zu: ", i);
		len += snprintf(text + len, cap - len, "%s\n", line);
		i += n;
	}
	ok = bpf_asm(text, &res) == 0 && res.cnt == cnt &&
	     !memcmp(res.insns, insns, cnt * sizeof(*insns));
	if (!ok)
		printf("# round trip of %s failed: %s\n", what,
		       res.err[0] ? res.err : "insns differ");
	bpf_asm_result_free(&res);
	free(text);
	return ok;
}

UNIT_TEST(conformance_round_trip)
{
	struct conf_file *files;
	int n = load_conformance(&files), checked = 0;

	for (int i = 0; i < n; i++) {
		struct bpf_asm_result res;

		if (bpf_asm(files[i].asm_text, &res))
			continue; /* reported by conformance_assembles */
		EXPECT(round_trip(res.insns, res.cnt, false, files[i].name));
		EXPECT(round_trip(res.insns, res.cnt, true, files[i].name));
		checked++;
		bpf_asm_result_free(&res);
	}
	EXPECT(checked >= 313);
	free_conformance(files, n);
}

/* ---- Statements and their encodings ----------------------------------- */

struct asm_case {
	const char *text;
	int cnt;
	struct bpf_insn insn[4];
};

static const struct asm_case ubpf_cases[] = {
	{ "mov %r0, 1", 1, { I(0xb7, 0, 0, 0, 1) } },
	{ "mov32 %r1, -3", 1, { I(0xb4, 1, 0, 0, -3) } },
	{ "add %r1, %r2", 1, { I(0x0f, 1, 2, 0, 0) } },
	{ "add64 %r1, 7", 1, { I(0x07, 1, 0, 0, 7) } },
	{ "sub32 %r3, 0xffffffff", 1, { I(0x14, 3, 0, 0, -1) } },
	{ "mul %r1, 0x10", 1, { I(0x27, 1, 0, 0, 16) } },
	{ "div32 %r1, %r9", 1, { I(0x3c, 1, 9, 0, 0) } },
	{ "sdiv %r1, 3", 1, { I(0x37, 1, 0, 1, 3) } },
	{ "smod32 %r1, %r2", 1, { I(0x9c, 1, 2, 1, 0) } },
	{ "mod %r1, 0b101", 1, { I(0x97, 1, 0, 0, 5) } },
	{ "or %r1, 1", 1, { I(0x47, 1, 0, 0, 1) } },
	{ "and32 %r1, 1", 1, { I(0x54, 1, 0, 0, 1) } },
	{ "lsh %r1, 63", 1, { I(0x67, 1, 0, 0, 63) } },
	{ "rsh32 %r1, %r2", 1, { I(0x7c, 1, 2, 0, 0) } },
	{ "xor %r1, %r1", 1, { I(0xaf, 1, 1, 0, 0) } },
	{ "arsh %r1, 63", 1, { I(0xc7, 1, 0, 0, 63) } },
	{ "neg %r4", 1, { I(0x87, 4, 0, 0, 0) } },
	{ "neg32 %r4", 1, { I(0x84, 4, 0, 0, 0) } },
	{ "be16 %r2", 1, { I(0xdc, 2, 0, 0, 16) } },
	{ "le64 %r2", 1, { I(0xd4, 2, 0, 0, 64) } },
	{ "bswap32 %r3", 1, { I(0xd7, 3, 0, 0, 32) } },
	{ "swap64 %r3", 1, { I(0xd7, 3, 0, 0, 64) } },
	{ "movsx1664 %r0, %r1", 1, { I(0xbf, 0, 1, 16, 0) } },
	{ "movsx832 %r0, %r1", 1, { I(0xbc, 0, 1, 8, 0) } },
	{ "movsx3264 %r0, %r1", 1, { I(0xbf, 0, 1, 32, 0) } },
	{ "ldxb %r0, [%r1+0x2]", 1, { I(0x71, 0, 1, 2, 0) } },
	{ "ldxh %r0, [%r1+2]", 1, { I(0x69, 0, 1, 2, 0) } },
	{ "ldxw %r0, [%r1-4]", 1, { I(0x61, 0, 1, -4, 0) } },
	{ "ldxdw %r0, [%r1]", 1, { I(0x79, 0, 1, 0, 0) } },
	{ "ldxsb %r0, [%r10-1]", 1, { I(0x91, 0, 10, -1, 0) } },
	{ "ldxsh %r0, [%r10-2]", 1, { I(0x89, 0, 10, -2, 0) } },
	{ "ldxsw %r0, [%r10-4]", 1, { I(0x81, 0, 10, -4, 0) } },
	{ "stb [%r10-1], 7", 1, { I(0x72, 10, 0, -1, 7) } },
	{ "sth [%r10-2], 7", 1, { I(0x6a, 10, 0, -2, 7) } },
	{ "stw [%r10-4], 0x80000001", 1, { I(0x62, 10, 0, -4, (s32)0x80000001) } },
	{ "stdw [%r10-8], -1", 1, { I(0x7a, 10, 0, -8, -1) } },
	{ "stxb [%r10-1], %r1", 1, { I(0x73, 10, 1, -1, 0) } },
	{ "stxdw [%r10-8], %r1", 1, { I(0x7b, 10, 1, -8, 0) } },
	{ "lddw %r0, 0x123456789abcdef0",
	  2,
	  { I(0x18, 0, 0, 0, (s32)0x9abcdef0), I(0, 0, 0, 0, 0x12345678) } },
	{ "lddw %r1, -1", 2, { I(0x18, 1, 0, 0, -1), I(0, 0, 0, 0, -1) } },
	{ "jne %r0, 15, +3", 1, { I(0x55, 0, 0, 3, 15) } },
	{ "jeq %r0, %r1, -1", 1, { I(0x1d, 0, 1, -1, 0) } },
	{ "jsgt32 %r1, %r2, -1", 1, { I(0x6e, 1, 2, -1, 0) } },
	{ "jset32 %r1, 0x8, +1", 1, { I(0x46, 1, 0, 1, 8) } },
	{ "jsle %r1, -5, +0", 1, { I(0xd5, 1, 0, 0, -5) } },
	{ "ja +2", 1, { I(0x05, 0, 0, 2, 0) } },
	{ "ja32 -1", 1, { I(0x06, 0, 0, 0, -1) } },
	{ "call 5", 1, { I(0x85, 0, 0, 0, 5) } },
	{ "call local +1", 1, { I(0x85, 0, 1, 0, 1) } },
	{ "call %r2", 1, { I(0x8d, 2, 0, 0, 0) } },
	{ "exit", 1, { I(0x95, 0, 0, 0, 0) } },
	{ "lock add [%r10-8], %r1", 1, { I(0xdb, 10, 1, -8, 0x00) } },
	{ "lock add32 [%r10-4], %r1", 1, { I(0xc3, 10, 1, -4, 0x00) } },
	{ "lock fetch xor32 [%r10-4], %r1", 1, { I(0xc3, 10, 1, -4, 0xa1) } },
	{ "lock fetch and [%r10-8], %r3", 1, { I(0xdb, 10, 3, -8, 0x51) } },
	{ "lock or [%r10-8], %r3", 1, { I(0xdb, 10, 3, -8, 0x40) } },
	{ "lock xchg [%r10-8], %r1", 1, { I(0xdb, 10, 1, -8, 0xe1) } },
	{ "lock cmpxchg32 [%r10-8], %r1", 1, { I(0xc3, 10, 1, -8, 0xf1) } },
	{ "ldabsh 12", 1, { I(0x28, 0, 0, 0, 12) } },
	{ "ldindb %r2, 4", 1, { I(0x50, 0, 2, 0, 4) } },
	/* labels, the default "exit" label, comments */
	{ "ja l\nl: exit", 2, { I(0x05, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) } },
	{ "jeq %r0, 0, exit\nmov %r0, 1\nexit",
	  3,
	  { I(0x15, 0, 0, 1, 0), I(0xb7, 0, 0, 0, 1), I(0x95, 0, 0, 0, 0) } },
	{ "b: mov %r0, 1 # one\n; a comment\n// another\nja b",
	  2,
	  { I(0xb7, 0, 0, 0, 1), I(0x05, 0, 0, -2, 0) } },
	{ "call local f\nexit\nf:\nexit",
	  3,
	  { I(0x85, 0, 1, 0, 1), I(0x95, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) } },
	{ "\tmov\t%r0 ,\t1   \r", 1, { I(0xb7, 0, 0, 0, 1) } },
};

static const struct asm_case log_cases[] = {
	{ "r0 = 1", 1, { I(0xb7, 0, 0, 0, 1) } },
	{ "w0 = -1", 1, { I(0xb4, 0, 0, 0, -1) } },
	{ "r1 = r2", 1, { I(0xbf, 1, 2, 0, 0) } },
	{ "w1 = w2", 1, { I(0xbc, 1, 2, 0, 0) } },
	{ "r0 += r1", 1, { I(0x0f, 0, 1, 0, 0) } },
	{ "r0 -= 3", 1, { I(0x17, 0, 0, 0, 3) } },
	{ "w3 <<= 4", 1, { I(0x64, 3, 0, 0, 4) } },
	{ "r3 >>= r4", 1, { I(0x7f, 3, 4, 0, 0) } },
	{ "r3 s>>= 2", 1, { I(0xc7, 3, 0, 0, 2) } },
	{ "r1 s/= r2", 1, { I(0x3f, 1, 2, 1, 0) } },
	{ "w1 s%= 5", 1, { I(0x94, 1, 0, 1, 5) } },
	{ "r1 /= 5", 1, { I(0x37, 1, 0, 0, 5) } },
	{ "r1 %= r5", 1, { I(0x9f, 1, 5, 0, 0) } },
	{ "w1 *= w5", 1, { I(0x2c, 1, 5, 0, 0) } },
	{ "r1 |= 1", 1, { I(0x47, 1, 0, 0, 1) } },
	{ "r1 &= -2", 1, { I(0x57, 1, 0, 0, -2) } },
	{ "w1 ^= w1", 1, { I(0xac, 1, 1, 0, 0) } },
	{ "r0 = -r0", 1, { I(0x87, 0, 0, 0, 0) } },
	{ "w0 = -w0", 1, { I(0x84, 0, 0, 0, 0) } },
	{ "r0 = be16 r0", 1, { I(0xdc, 0, 0, 0, 16) } },
	{ "r0 = le32 r0", 1, { I(0xd4, 0, 0, 0, 32) } },
	{ "r0 = bswap64 r0", 1, { I(0xd7, 0, 0, 0, 64) } },
	{ "r0 = (s8)r1", 1, { I(0xbf, 0, 1, 8, 0) } },
	{ "w0 = (s16)w1", 1, { I(0xbc, 0, 1, 16, 0) } },
	{ "r0 = (s32)r1", 1, { I(0xbf, 0, 1, 32, 0) } },
	{ "r1 = addr_space_cast(r2, 0, 1)", 1, { I(0xbf, 1, 2, 1, 1) } },
	{ "r1 = &(void __percpu *)(r2)", 1, { I(0xbf, 1, 2, -1, 0) } },
	{ "r0 = *(u8 *)(r1 +2)", 1, { I(0x71, 0, 1, 2, 0) } },
	{ "r1 = *(s16 *)(r2 +4)", 1, { I(0x89, 1, 2, 4, 0) } },
	{ "r1 = *(s32 *)(r2 -4)", 1, { I(0x81, 1, 2, -4, 0) } },
	{ "w0 = *(u32 *)(r1 + 4)", 1, { I(0x61, 0, 1, 4, 0) } },
	{ "r0 = *(u64 *)(r1)", 1, { I(0x79, 0, 1, 0, 0) } },
	{ "*(u32 *)(r10 -4) = r1", 1, { I(0x63, 10, 1, -4, 0) } },
	{ "*(u64 *)(r10 -8) = 5", 1, { I(0x7a, 10, 0, -8, 5) } },
	{ "*(u16 *)(r1 - 2) = -1", 1, { I(0x6a, 1, 0, -2, -1) } },
	{ "*(u8 *)(r1 +0) = w2", 1, { I(0x73, 1, 2, 0, 0) } },
	{ "lock *(u64 *)(r10 -8) += r1", 1, { I(0xdb, 10, 1, -8, 0x00) } },
	{ "lock *(u32 *)(r10 -4) ^= r2", 1, { I(0xc3, 10, 2, -4, 0xa0) } },
	{ "lock *(u64 *)(r10 -8) |= r2", 1, { I(0xdb, 10, 2, -8, 0x40) } },
	{ "lock *(u64 *)(r10 -8) &= r2", 1, { I(0xdb, 10, 2, -8, 0x50) } },
	{ "r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)", 1, { I(0xdb, 10, 1, -8, 0x01) } },
	{ "r2 = atomic_fetch_or((u32 *)(r3 +0), r2)", 1, { I(0xc3, 3, 2, 0, 0x41) } },
	{ "r2 = atomic64_fetch_and((u64 *)(r3 +0), r2)", 1, { I(0xdb, 3, 2, 0, 0x51) } },
	{ "r2 = atomic_fetch_xor((u32 *)(r3 +0), r2)", 1, { I(0xc3, 3, 2, 0, 0xa1) } },
	{ "r1 = atomic64_xchg((u64 *)(r10 -8), r1)", 1, { I(0xdb, 10, 1, -8, 0xe1) } },
	{ "r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r1)", 1, { I(0xdb, 10, 1, -8, 0xf1) } },
	{ "r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)", 1, { I(0xc3, 10, 1, -8, 0xf1) } },
	{ "r0 = cmpxchg_64(r10 - 8, r0, r1)", 1, { I(0xdb, 10, 1, -8, 0xf1) } },
	{ "w1 = xchg32_32(r10 - 4, w1)", 1, { I(0xc3, 10, 1, -4, 0xe1) } },
	{ "r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)", 1, { I(0xdb, 10, 1, -8, 0x01) } },
	{ "0000000000000000 <f>:\n0: (b7) r0 = 1\n1: (05) goto -2 <f>",
	  2,
	  { I(0xb7, 0, 0, 0, 1), I(0x05, 0, 0, -2, 0) } },
	{ "r0 = load_acquire((u64 *)(r1 +0))", 1, { I(0xdb, 0, 1, 0, 0x100) } },
	{ "store_release((u32 *)(r10 -4), r1)", 1, { I(0xc3, 10, 1, -4, 0x110) } },
	{ "r1 = 0x123456789abcdef0",
	  2,
	  { I(0x18, 1, 0, 0, (s32)0x9abcdef0), I(0, 0, 0, 0, 0x12345678) } },
	{ "r1 = 5 ll", 2, { I(0x18, 1, 0, 0, 5), I(0, 0, 0, 0, 0) } },
	{ "r1 = 0x0", 2, { I(0x18, 1, 0, 0, 0), I(0, 0, 0, 0, 0) } },
	{ "r1 = map[fd:3]", 2, { I(0x18, 1, 1, 0, 3), I(0, 0, 0, 0, 0) } },
	{ "r2 = map[fd:4][0]+16", 2, { I(0x18, 2, 2, 0, 4), I(0, 0, 0, 0, 16) } },
	{ "r1 = map[idx:0]", 2, { I(0x18, 1, 5, 0, 0), I(0, 0, 0, 0, 0) } },
	{ "r1 = map[idx:1][0]+8", 2, { I(0x18, 1, 6, 0, 1), I(0, 0, 0, 0, 8) } },
	{ "r1 = btf_id[7]", 2, { I(0x18, 1, 3, 0, 7), I(0, 0, 0, 0, 0) } },
	{ "r1 = subprog[+3]", 2, { I(0x18, 1, 4, 0, 3), I(0, 0, 0, 0, 0) } },
	{ "r0 = *(u8 *)skb[12]", 1, { I(0x30, 0, 0, 0, 12) } },
	{ "r0 = *(u16 *)skb[-2]", 1, { I(0x28, 0, 0, 0, -2) } },
	{ "r0 = *(u32 *)skb[r2 + 4]", 1, { I(0x40, 0, 2, 0, 4) } },
	{ "if r0 != 0xf goto pc+3", 1, { I(0x55, 0, 0, 3, 15) } },
	{ "if w1 > w2 goto pc-5", 1, { I(0x2e, 1, 2, -5, 0) } },
	{ "if r1 s<= -1 goto +2", 1, { I(0xd5, 1, 0, 2, -1) } },
	{ "if w5 == 0xffffffff goto pc+1", 1, { I(0x16, 5, 0, 1, -1) } },
	{ "if r1 & 0x8 goto pc+0", 1, { I(0x45, 1, 0, 0, 8) } },
	{ "if r1 s> r2 goto pc+1", 1, { I(0x6d, 1, 2, 1, 0) } },
	{ "if r1 s>= r2 goto pc+1", 1, { I(0x7d, 1, 2, 1, 0) } },
	{ "if r1 s< r2 goto pc+1", 1, { I(0xcd, 1, 2, 1, 0) } },
	{ "if r1 >= r2 goto pc+1", 1, { I(0x3d, 1, 2, 1, 0) } },
	{ "if r1 < r2 goto pc+1", 1, { I(0xad, 1, 2, 1, 0) } },
	{ "if r1 <= r2 goto pc+1", 1, { I(0xbd, 1, 2, 1, 0) } },
	{ "goto pc+3", 1, { I(0x05, 0, 0, 3, 0) } },
	{ "gotol pc+70000", 1, { I(0x06, 0, 0, 0, 70000) } },
	{ "may_goto pc+2", 1, { I(0xe5, 0, 0, 2, 0) } },
	{ "call bpf_map_lookup_elem#1", 1, { I(0x85, 0, 0, 0, 1) } },
	{ "call bpf_map_lookup_elem", 1, { I(0x85, 0, 0, 0, 1) } },
	{ "call ktime_get_ns", 1, { I(0x85, 0, 0, 0, 5) } },
	{ "call pc+5", 1, { I(0x85, 0, 1, 0, 5) } },
	{ "call pc-1", 1, { I(0x85, 0, 1, 0, -1) } },
	{ "call kernel-function#12", 1, { I(0x85, 0, 2, 0, 12) } },
	{ "call unknown#5000", 1, { I(0x85, 0, 0, 0, 5000) } },
	{ "callx r3", 1, { I(0x8d, 3, 0, 0, 0) } },
	{ "exit", 1, { I(0x95, 0, 0, 0, 0) } },
	{ "nospec", 1, { I(0xc2, 0, 0, 0, 0) } },
	{ "tail_call", 1, { I(0xf5, 0, 0, 0, 0) } },
	/* log and objdump prefixes, state comments, labels */
	{ "0: (b7) r0 = 1", 1, { I(0xb7, 0, 0, 0, 1) } },
	{ "      0: .12345.... (bf) r0 = r5", 1, { I(0xbf, 0, 5, 0, 0) } },
	{ "14: (18) r3 = 0x1", 2, { I(0x18, 3, 0, 0, 1), I(0, 0, 0, 0, 0) } },
	{ "       0:\tb7 00 00 00 01 00 00 00\tr0 = 1", 1, { I(0xb7, 0, 0, 0, 1) } },
	{ "1: (07) r2 += -8                      ; R2=fp-8", 1, { I(0x07, 2, 0, 0, -8) } },
	{ "(85) call bpf_get_prandom_u32#7", 1, { I(0x85, 0, 0, 0, 7) } },
	{ "top: r0 += 1\nif r0 < 10 goto top\nexit",
	  3,
	  { I(0x07, 0, 0, 0, 1), I(0xa5, 0, 0, -2, 10), I(0x95, 0, 0, 0, 0) } },
	{ "call f\nexit\nf: r0 = 0\nexit",
	  4,
	  { I(0x85, 0, 1, 0, 1), I(0x95, 0, 0, 0, 0), I(0xb7, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) } },
	{ "r1 = subprog[f]\nexit\nf: exit",
	  4,
	  { I(0x18, 1, 4, 0, 2), I(0, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) } },
};

static void check_cases(const struct asm_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct bpf_asm_result res;
		int err = bpf_asm(cases[i].text, &res);
		bool ok = !err && res.cnt == (size_t)cases[i].cnt &&
			  !memcmp(res.insns, cases[i].insn, res.cnt * sizeof(struct bpf_insn));

		if (!ok) {
			printf("# \"%s\": %s\n", cases[i].text, err ? res.err : "wrong encoding");
			for (size_t k = 0; !err && k < res.cnt; k++)
				printf("#   got %02x dst %d src %d off %d imm %d\n",
				       res.insns[k].code, res.insns[k].dst_reg,
				       res.insns[k].src_reg, res.insns[k].off, res.insns[k].imm);
		}
		EXPECT(ok);
		bpf_asm_result_free(&res);
	}
}

UNIT_TEST(ubpf_syntax)
{
	check_cases(ubpf_cases, ARRAY_SIZE(ubpf_cases));
}

UNIT_TEST(log_syntax)
{
	check_cases(log_cases, ARRAY_SIZE(log_cases));
}

/*
 * llvm-objdump -d of a clang 14 (-target bpf -O2 -mcpu=v3) XDP program, with
 * its two "<unknown>" lines (LLVM 14 cannot print 32-bit atomics) removed.
 * The raw bytes of each line are the expected encoding of its text.
 */
static const char llvm_objdump[] =
	"\n"
	"y.o:\tfile format elf64-bpf\n"
	"\n"
	"Disassembly of section xdp:\n"
	"\n"
	"0000000000000000 <prog>:\n"
	"       0:\t61 12 04 00 00 00 00 00\tr2 = *(u32 *)(r1 + 4)\n"
	"       1:\t61 11 00 00 00 00 00 00\tr1 = *(u32 *)(r1 + 0)\n"
	"       2:\t18 03 00 00 ef cd ab 89 00 00 00 00 67 45 23 01\tr3 = 81985529216486895 ll\n"
	"       4:\t7b 3a f8 ff 00 00 00 00\t*(u64 *)(r10 - 8) = r3\n"
	"       5:\tb4 03 00 00 07 00 00 00\tw3 = 7\n"
	"       6:\t63 3a f4 ff 00 00 00 00\t*(u32 *)(r10 - 12) = r3\n"
	"       7:\tb4 03 00 00 fd ff 00 00\tw3 = 65533\n"
	"       8:\t6b 3a f2 ff 00 00 00 00\t*(u16 *)(r10 - 14) = r3\n"
	"       9:\tb4 03 00 00 09 00 00 00\tw3 = 9\n"
	"      10:\t73 3a f1 ff 00 00 00 00\t*(u8 *)(r10 - 15) = r3\n"
	"      11:\tb4 00 00 00 01 00 00 00\tw0 = 1\n"
	"      12:\tbf 13 00 00 00 00 00 00\tr3 = r1\n"
	"      13:\t07 03 00 00 28 00 00 00\tr3 += 40\n"
	"      14:\t2d 23 3c 00 00 00 00 00\tif r3 > r2 goto +60 <LBB0_11>\n"
	"      15:\t61 16 1a 00 00 00 00 00\tr6 = *(u32 *)(r1 + 26)\n"
	"      16:\t69 12 0c 00 00 00 00 00\tr2 = *(u16 *)(r1 + 12)\n"
	"      17:\t61 11 1e 00 00 00 00 00\tr1 = *(u32 *)(r1 + 30)\n"
	"      18:\t66 01 05 00 fa ff ff ff\tif w1 s> -6 goto +5 <LBB0_3>\n"
	"      19:\tc4 01 00 00 03 00 00 00\tw1 s>>= 3\n"
	"      20:\t67 01 00 00 20 00 00 00\tr1 <<= 32\n"
	"      21:\tc7 01 00 00 20 00 00 00\tr1 s>>= 32\n"
	"      22:\tc6 06 0b 00 65 00 00 00\tif w6 s< 101 goto +11 <LBB0_5>\n"
	"      23:\t05 00 04 00 00 00 00 00\tgoto +4 <LBB0_4>\n"
	"\n"
	"00000000000000c0 <LBB0_3>:\n"
	"      24:\tbc 61 00 00 00 00 00 00\tw1 = w6\n"
	"      25:\t34 01 00 00 07 00 00 00\tw1 /= 7\n"
	"      26:\t87 01 00 00 00 00 00 00\tr1 = -r1\n"
	"      27:\tc6 06 06 00 65 00 00 00\tif w6 s< 101 goto +6 <LBB0_5>\n"
	"\n"
	"00000000000000e0 <LBB0_4>:\n"
	"      28:\tbc 63 00 00 00 00 00 00\tw3 = w6\n"
	"      29:\t34 03 00 00 0d 00 00 00\tw3 /= 13\n"
	"      30:\t24 03 00 00 0d 00 00 00\tw3 *= 13\n"
	"      31:\tbc 64 00 00 00 00 00 00\tw4 = w6\n"
	"      32:\t1c 34 00 00 00 00 00 00\tw4 -= w3\n"
	"      33:\taf 41 00 00 00 00 00 00\tr1 ^= r4\n"
	"\n"
	"0000000000000110 <LBB0_5>:\n"
	"      34:\tbf 23 00 00 00 00 00 00\tr3 = r2\n"
	"      35:\tb4 02 00 00 01 00 00 00\tw2 = 1\n"
	"      36:\t16 03 01 00 08 00 00 00\tif w3 == 8 goto +1 <LBB0_7>\n"
	"      37:\tb4 02 00 00 00 00 00 00\tw2 = 0\n"
	"\n"
	"0000000000000130 <LBB0_7>:\n"
	"      38:\tb7 03 00 00 04 00 00 00\tr3 = 4\n"
	"      39:\tdb 3a f8 ff 40 00 00 00\tlock *(u64 *)(r10 - 8) |= r3\n"
	"      40:\tb4 03 00 00 ff 00 00 00\tw3 = 255\n"
	"      42:\tbf 13 00 00 00 00 00 00\tr3 = r1\n"
	"      43:\tdb 3a f8 ff a0 00 00 00\tlock *(u64 *)(r10 - 8) ^= r3\n"
	"      44:\tb7 00 00 00 05 00 00 00\tr0 = 5\n"
	"      45:\tdb 1a f8 ff f1 00 00 00\tr0 = cmpxchg_64(r10 - 8, r0, r1)\n"
	"      46:\tb4 07 00 00 03 00 00 00\tw7 = 3\n"
	"      47:\tb4 03 00 00 03 00 00 00\tw3 = 3\n"
	"      49:\tb7 04 00 00 01 00 00 00\tr4 = 1\n"
	"      50:\t87 04 00 00 00 00 00 00\tr4 = -r4\n"
	"      51:\tdb 4a f8 ff 01 00 00 00\tr4 = atomic_fetch_add((u64 *)(r10 - 8), r4)\n"
	"      52:\t69 a8 f2 ff 00 00 00 00\tr8 = *(u16 *)(r10 - 14)\n"
	"      53:\t67 08 00 00 30 00 00 00\tr8 <<= 48\n"
	"      54:\tc7 08 00 00 30 00 00 00\tr8 s>>= 48\n"
	"      55:\t0f 28 00 00 00 00 00 00\tr8 += r2\n"
	"      56:\t0f 10 00 00 00 00 00 00\tr0 += r1\n"
	"      57:\t0f 30 00 00 00 00 00 00\tr0 += r3\n"
	"      58:\t4f 40 00 00 00 00 00 00\tr0 |= r4\n"
	"      59:\t0f 08 00 00 00 00 00 00\tr8 += r0\n"
	"      60:\t71 a1 f1 ff 00 00 00 00\tr1 = *(u8 *)(r10 - 15)\n"
	"      61:\t0f 18 00 00 00 00 00 00\tr8 += r1\n"
	"      62:\t85 00 00 00 05 00 00 00\tcall 5\n"
	"      63:\t0f 08 00 00 00 00 00 00\tr8 += r0\n"
	"      64:\t54 06 00 00 07 00 00 00\tw6 &= 7\n"
	"      65:\t6f 68 00 00 00 00 00 00\tr8 <<= r6\n"
	"      66:\tb4 00 00 00 02 00 00 00\tw0 = 2\n"
	"      67:\tbf 81 00 00 00 00 00 00\tr1 = r8\n"
	"      68:\t57 01 00 00 40 00 00 00\tr1 &= 64\n"
	"      69:\t55 01 05 00 00 00 00 00\tif r1 != 0 goto +5 <LBB0_11>\n"
	"      70:\t77 08 00 00 02 00 00 00\tr8 >>= 2\n"
	"      71:\t24 08 00 00 03 00 00 00\tw8 *= 3\n"
	"      72:\t26 08 01 00 05 00 00 00\tif w8 > 5 goto +1 <LBB0_10>\n"
	"      73:\tb4 07 00 00 00 00 00 00\tw7 = 0\n"
	"\n"
	"0000000000000250 <LBB0_10>:\n"
	"      74:\tbc 70 00 00 00 00 00 00\tw0 = w7\n"
	"\n"
	"0000000000000258 <LBB0_11>:\n"
	"      75:\t95 00 00 00 00 00 00 00\texit\n";

UNIT_TEST(llvm_objdump_syntax)
{
	struct bpf_asm_result res;
	size_t n = 0, wrong = 0;
	const char *p;

	EXPECT_EQ(bpf_asm(llvm_objdump, &res), 0);
	printf("%s", res.err[0] ? "# " : "");
	printf("%s%s", res.err, res.err[0] ? "\n" : "");
	for (p = llvm_objdump; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *tab = strchr(p, '\t'), *eol = strchr(p, '\n');
		unsigned byte;
		int used;

		if (!tab || (eol && tab > eol) || !strstr(p, ":\t"))
			continue;
		/* the bytes column: 8 or 16 "xx" groups separated by blanks, then a tab */
		for (tab++; sscanf(tab, "%2x%n", &byte, &used) == 1 && used == 2; tab += 3) {
			u8 *insn_bytes = (u8 *)res.insns;

			wrong += n / 8 >= res.cnt || insn_bytes[n] != byte;
			n++;
			if (tab[2] != ' ')
				break;
		}
	}
	EXPECT_EQ(n, 8 * res.cnt);
	EXPECT(res.cnt > 60);
	EXPECT_EQ(wrong, 0);
	bpf_asm_result_free(&res);
}

/* ---- Errors ---------------------------------------------------------------- */

static const struct {
	const char *text;
	int line;
	const char *err;
} error_cases[] = {
	{ "mov %r11, 1", 1, "line 1: unknown register '%r11'" },
	{ "exit\nr11 = 1", 2, "line 2: unknown register 'r11'" },
	{ "mov %rx, 1", 1, "line 1: expected a register, found '%rx'" },
	{ "nop", 1, "line 1: unknown instruction 'nop'" },
	{ "exit\n\nfoo %r0", 3, "line 3: unknown instruction 'foo'" },
	{ "ja nowhere\nexit", 1, "line 1: undefined label 'nowhere'" },
	{ "a:\nexit\na:\nexit", 3, "line 3: duplicate label 'a' (first defined on line 1)" },
	{ "mov %r0 1", 1, "line 1: expected ',', found '1'" },
	{ "mov %r0,", 1, "line 1: expected a number, found end of line" },
	{ "mov %r0, 0x100000000", 1, "line 1: immediate '0x100000000' does not fit in 32 bits" },
	{ "mov %r0, -2147483649", 1, "line 1: immediate '-2147483649' does not fit in 32 bits" },
	{ "ldxb %r0, [%r1+40000]", 1, "line 1: offset '+40000' out of range (-32768..32767)" },
	{ "lddw %r0, 0x1ffffffffffffffff", 1,
	  "line 1: number '0x1ffffffffffffffff' does not fit in 64 bits" },
	{ "r0 = 12abc", 1, "line 1: bad number '12abc'" },
	{ "mov %r0, 1 extra", 1, "line 1: unexpected 'extra' after the instruction" },
	{ "ldxb %r0, [%r1+2", 1, "line 1: expected ']', found end of line" },
	{ "r0 = *(u128 *)(r1 +0)", 1, "line 1: unknown access size 'u128'" },
	{ "*(s8 *)(r1 +0) = 1", 1, "line 1: a store has no sign-extending size" },
	{ "if r0 ~ 1 goto +1", 1, "line 1: expected a comparison, found '~'" },
	{ "if r0 > 1 goto", 1, "line 1: expected a jump target, found end of line" },
	{ "if r0 > 1 pc+1", 1, "line 1: expected 'goto', found 'pc'" },
	{ "if r0 > w1 goto +1", 1, "line 1: both registers must be rN (64-bit) or wN (32-bit)" },
	{ "w0 = r1", 1, "line 1: both registers must be rN (64-bit) or wN (32-bit)" },
	{ "r1 = atomic64_fetch_add((u64 *)(r10 -8), r2)", 1,
	  "line 1: 'atomic64_fetch_add' loads into its source register r2, not r1" },
	{ "r1 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r2)", 1,
	  "line 1: cmpxchg compares with and loads into r0" },
	{ "r1 = atomic64_fetch_add((u32 *)(r10 -8), r1)", 1,
	  "line 1: 'atomic64_fetch_add' works on u64 only" },
	{ "r1 = atomic_fetch_add((s32 *)(r10 -8), r1)", 1,
	  "line 1: atomic operations work on u32 or u64" },
	{ "lock *(u8 *)(r10 -8) += r1", 1, "line 1: atomic operations work on u32 or u64" },
	{ "r0 = -r1", 1, "line 1: negation works in place: write r0 = -r0" },
	{ "r0 = be16 r1", 1, "line 1: 'be16' swaps its own register: write r0 = be16 r0" },
	{ "r0 = be17 r0", 1, "line 1: unexpected 'be17' after '='" },
	{ "0: (b4) r0 = 1", 1,
	  "line 1: opcode (b4) does not match the instruction, which encodes as (b7)" },
	{ "ja +40000", 1, "line 1: jump offset 40000 out of range (-32768..32767)" },
	{ "r0 = (s64)r1", 1, "line 1: sign extension from 64 bits is not an instruction" },
	{ "w0 = (s32)w1", 1, "line 1: sign extension from 32 bits is not an instruction" },
	{ "call bpf_map_lookup_elem#2", 1, "line 1: helper 'bpf_map_lookup_elem' is #1, not #2" },
	{ "lock nand [%r10-8], %r1", 1, "line 1: unknown atomic operation 'nand'" },
	{ "r1 = *(u8 *)skb[1]", 1, "line 1: packet loads (skb[...]) load u8, u16 or u32 into r0" },
	{ "r1 = map[id:3]", 1, "line 1: expected 'fd:' or 'idx:' after 'map['" },
	{ "be8 %r0", 1, "line 1: unknown instruction 'be8'" },
	{ "movsx6432 %r0, %r1", 1, "line 1: unknown instruction 'movsx6432'" },
	{ "ldxsdw %r0, [%r1]", 1, "line 1: unknown instruction 'ldxsdw'" },
	{ "(95)", 1, "line 1: opcode (95) without an instruction" },
	{ "r0 = ", 1, "line 1: expected a value after '=', found end of line" },
	{ "w1 = addr_space_cast(w2, 0, 1)", 1,
	  "line 1: 'addr_space_cast' works on 64-bit registers" },
	{ "r0 = 1\n= 2", 2, "line 2: expected an instruction, found '='" },
};

UNIT_TEST(errors)
{
	for (size_t i = 0; i < ARRAY_SIZE(error_cases); i++) {
		struct bpf_asm_result res;
		int err = bpf_asm(error_cases[i].text, &res);
		bool ok = err == -EINVAL && res.err_line == error_cases[i].line &&
			  !strcmp(res.err, error_cases[i].err) && !res.insns;

		if (!ok)
			printf("# \"%s\": got %d \"%s\"\n", error_cases[i].text, err, res.err);
		EXPECT(ok);
		bpf_asm_result_free(&res);
	}
}

/* A program of n movs between a jump to "far" (written as jump) and the label. */
static char *far_program(const char *jump, size_t n)
{
	char *text = malloc(n * 8 + 64);
	size_t len;

	if (!text)
		return NULL;
	len = sprintf(text, "%s far\n", jump);
	for (size_t i = 0; i < n; i++)
		len += sprintf(text + len, "r0 = 1\n");
	sprintf(text + len, "far: exit\n");
	return text;
}

UNIT_TEST(far_label)
{
	char *ja = far_program("ja", 40000), *gotol = far_program("gotol", 40000);
	struct bpf_asm_result res;

	ASSERT(ja && gotol);
	EXPECT_EQ(bpf_asm(ja, &res), -EINVAL);
	EXPECT(!strcmp(res.err, "line 1: label 'far' is out of reach of a 16-bit jump offset"));
	bpf_asm_result_free(&res);
	EXPECT_EQ(bpf_asm(gotol, &res), 0); /* gotol's 32-bit offset reaches it */
	EXPECT_EQ(res.cnt, 40002);
	EXPECT_EQ(res.cnt ? res.insns[0].imm : 0, 40000);
	bpf_asm_result_free(&res);
	free(ja);
	free(gotol);
}

UNIT_TEST(many_labels)
{
	const size_t n = 30000;
	char *text = malloc(n * 48 + 16);
	struct bpf_asm_result res;
	size_t len = 0, wrong = 0;

	ASSERT(text);
	for (size_t i = 0; i < n; i++)
		len += sprintf(text + len, "l%zu: if r0 > %zu goto l%zu\n", i, i, i * 7919 % n);
	strcpy(text + len, "exit\n");
	EXPECT_EQ(bpf_asm(text, &res), 0);
	EXPECT_EQ(res.cnt, n + 1);
	for (size_t i = 0; i < n && res.cnt == n + 1; i++)
		wrong += res.insns[i].off != (s16)((s64)(i * 7919 % n) - (s64)i - 1) ||
			 res.insns[i].imm != (s32)i;
	EXPECT_EQ(wrong, 0);
	bpf_asm_result_free(&res);
	free(text);
}

UNIT_TEST(empty_input)
{
	struct bpf_asm_result res;

	EXPECT_EQ(bpf_asm("", &res), 0);
	EXPECT_EQ(res.cnt, 0);
	bpf_asm_result_free(&res);
	EXPECT_EQ(bpf_asm("# only a comment\n\n   \n", &res), 0);
	EXPECT_EQ(res.cnt, 0);
	bpf_asm_result_free(&res);
	bpf_asm_result_free(&res); /* twice is harmless */
}

/* ---- Robustness ------------------------------------------------------------ */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)rng_state;
}

/* A result must be either instructions or an error, never half of each. */
static bool result_is_sane(int err, const struct bpf_asm_result *res)
{
	if (err == 0)
		return res->err[0] == '\0' && res->err_line == 0 && (res->cnt == 0) == !res->insns;
	return err == -EINVAL && !res->insns && res->err_line > 0 &&
	       !strncmp(res->err, "line ", 5) && strlen(res->err) < sizeof(res->err);
}

/*
 * Assembles text; if it is accepted, its disassembly must assemble to the
 * same instructions (the text forms are a fixed point).
 */
static int fuzz_accepted; /* inputs that assembled: the fuzzer must reach past the parser */

static bool fuzz_one(const char *text)
{
	struct bpf_asm_result res;
	int err = bpf_asm(text, &res);
	bool ok = result_is_sane(err, &res);

	fuzz_accepted += !err && res.cnt;

	if (ok && !err && res.cnt)
		ok = round_trip(res.insns, res.cnt, false, "fuzzed text");
	if (!ok)
		printf("# input: \"%s\"\n", text);
	bpf_asm_result_free(&res);
	return ok;
}

static const char *const vocab[] = {
	"r0",
	"r1",
	"w2",
	"%r3",
	"r10",
	"r11",
	"=",
	"+=",
	"s>>=",
	"-",
	"*(u64 *)",
	"*(s8 *)",
	"(r10 -8)",
	"(r1 +2)",
	"goto",
	"gotol",
	"pc+",
	"pc-",
	"if",
	"==",
	"s<",
	"&",
	"[",
	"]",
	",",
	"0x",
	"0xffffffff",
	"-1",
	"2147483648",
	"65536",
	"lock",
	"fetch",
	"add32",
	"cmpxchg",
	"atomic64_fetch_add(",
	"((u32 *)",
	")",
	"map[fd:",
	"map[idx:",
	"][0]+",
	"subprog[",
	"btf_id[",
	"\n",
	"#",
	";",
	"//",
	"l:",
	"l",
	"call",
	"callx",
	"exit",
	"ll",
	"mov",
	"lddw",
	"ldxb",
	"stw",
	"stxdw",
	"be16",
	"bswap64",
	"(s8)",
	"skb[",
	"load_acquire(",
	"store_release(",
	"0: (b7)",
	"(",
	"*",
	"local",
	"helper",
	"bpf_map_lookup_elem#",
	"unknown#",
	"kernel-function#",
	"%",
	"\t",
	"  ",
	"ja32",
	"may_goto",
	"neg",
	"movsx832",
	"jne32",
	"+1",
	"-32769",
	"nospec",
	"\r",
	"0b",
};

UNIT_TEST(random_input_never_crashes)
{
	char text[512];
	int bad = 0;

	for (int iter = 0; iter < 20000 && bad < 5; iter++) {
		size_t len = 0, n = rnd() % 24;

		for (size_t k = 0; k < n; k++) {
			const char *w = vocab[rnd() % ARRAY_SIZE(vocab)];

			if (len + strlen(w) + 2 >= sizeof(text))
				break;
			len += sprintf(text + len, "%s%s", w, rnd() % 2 ? " " : "");
			if (rnd() % 3 == 0)
				len += sprintf(text + len, "%u", rnd() % 20);
		}
		text[len] = '\0';
		bad += !fuzz_one(text);
	}
	for (int iter = 0; iter < 20000 && bad < 5; iter++) {
		size_t len = rnd() % (sizeof(text) - 1);

		for (size_t k = 0; k < len; k++)
			text[k] = (char)(rnd() % 4 ? 32 + rnd() % 95 : rnd() % 256);
		text[len] = '\0';
		bad += !fuzz_one(text);
	}
	printf("# %d of 40000 random inputs assembled\n", fuzz_accepted);
	EXPECT(fuzz_accepted > 0);
	EXPECT_EQ(bad, 0);
}

/* A random statement from the tables above (labels would be undefined: skip those). */
static const char *random_statement(void)
{
	for (;;) {
		size_t k = rnd() % (ARRAY_SIZE(ubpf_cases) + ARRAY_SIZE(log_cases));
		const char *t = k < ARRAY_SIZE(ubpf_cases)
					? ubpf_cases[k].text
					: log_cases[k - ARRAY_SIZE(ubpf_cases)].text;

		if (!strchr(t, '\n') && !strstr(t, " l") && !strstr(t, " f"))
			return t;
	}
}

UNIT_TEST(random_statements_round_trip)
{
	char text[2048];
	int bad = 0;

	fuzz_accepted = 0;
	for (int iter = 0; iter < 5000 && bad < 5; iter++) {
		size_t len = 0, n = 1 + rnd() % 20;

		for (size_t k = 0; k < n; k++)
			len += sprintf(text + len, "%s\n", random_statement());
		if (rnd() % 2)
			text[rnd() % len] = "%[]-+,:#0x\n()*=r"[rnd() % 17];
		bad += !fuzz_one(text);
	}
	printf("# %d of 5000 random statement lists assembled\n", fuzz_accepted);
	EXPECT(fuzz_accepted > 2500);
	EXPECT_EQ(bad, 0);
}

UNIT_TEST(mutated_programs_never_crash)
{
	struct conf_file *files;
	int n = load_conformance(&files), bad = 0;

	fuzz_accepted = 0;
	for (int iter = 0; n && iter < 20000 && bad < 5; iter++) {
		const char *src = files[rnd() % n].asm_text;
		size_t len = strlen(src);
		char *text = malloc(len + 8);

		memcpy(text, src, len + 1);
		for (int m = 0; m < 3 && len; m++) {
			size_t at = rnd() % len;

			switch (rnd() % 3) {
			case 0:
				text[at] = (char)(32 + rnd() % 95);
				break;
			case 1:
				memmove(text + at, text + at + 1, len - at);
				len--;
				break;
			default:
				text[at] = "%[]-+,:#0x\n"[rnd() % 11];
			}
		}
		bad += !fuzz_one(text);
		free(text);
	}
	printf("# %d of 20000 mutated programs assembled\n", fuzz_accepted);
	EXPECT(fuzz_accepted > 1000);
	EXPECT_EQ(bad, 0);
	free_conformance(files, n);
}

UNIT_MAIN()
