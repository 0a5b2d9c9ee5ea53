// SPDX-License-Identifier: GPL-2.0
/*
 * The project's conformance runner: every .data file of the public BPF
 * conformance suite, in-process, in the interpreter or the JIT.
 *
 *   runner --interp|--jit DIR [FILE.data...]
 *
 * prints "ok conformance/<mode>/<file>" or "not ok conformance/<mode>/<file>
 * <reason>" per test (TAP-like, as tests/tiers expects) and exits non-zero
 * if any failed. The files' format is in ../shared/conformance/README.md:
 * "-- asm" (or "-- raw", which wins), "-- mem" hex bytes, "-- result".
 * In JIT mode a program the JIT does not compile fails: falling back to the
 * interpreter would hide JIT gaps.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/bpf_asm.h>
#include "tools/host/conformance.h"

struct test_case {
	char *asm_text; /* "-- asm" lines */
	char *raw_text; /* "-- raw" lines */
	char *mem_text; /* "-- mem" lines */
	char *result_text;
};

/* Appends line to *sec (growing it), or starts it. */
static void append(char **sec, const char *line)
{
	size_t old = *sec ? strlen(*sec) : 0, add = strlen(line);
	char *s = realloc(*sec, old + add + 1);

	if (!s) {
		perror("runner");
		exit(1);
	}
	memcpy(s + old, line, add + 1);
	*sec = s;
}

/* Splits a .data file into its sections; comments and other sections are dropped. */
static int parse_case(const char *path, struct test_case *tc)
{
	char line[4096], **sec = NULL;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	memset(tc, 0, sizeof(*tc));
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "-- ", 3)) {
			char *name = line + 3;

			name[strcspn(name, "\r\n")] = 0;
			sec = !strcmp(name, "asm")	? &tc->asm_text
			      : !strcmp(name, "raw")	? &tc->raw_text
			      : !strcmp(name, "mem")	? &tc->mem_text
			      : !strcmp(name, "result") ? &tc->result_text
							: NULL;
			continue;
		}
		if (line[0] == '#' || !sec)
			continue;
		append(sec, line);
	}
	fclose(f);
	return 0;
}

static void free_case(struct test_case *tc)
{
	free(tc->asm_text);
	free(tc->raw_text);
	free(tc->mem_text);
	free(tc->result_text);
}

/* "-- raw": one 64-bit little-endian instruction word per line. */
static struct bpf_insn *raw_insns(const char *text, size_t *cnt)
{
	size_t cap = 16, n = 0;
	struct bpf_insn *insns = malloc(cap * sizeof(*insns));
	const char *p = text;
	char *end;

	while (insns && *p) {
		unsigned long long w = strtoull(p, &end, 16);

		if (end == p) {
			p++;
			continue;
		}
		if (n == cap)
			insns = realloc(insns, (cap *= 2) * sizeof(*insns));
		if (insns)
			memcpy(&insns[n++], &w, sizeof(w));
		p = end;
	}
	*cnt = n;
	return insns;
}

/* "-- mem": whitespace-separated hex bytes. */
static u8 *mem_bytes(const char *text, size_t *len)
{
	u8 *mem = malloc(strlen(text) / 2 + 1);
	const char *p = text;
	char *end;

	*len = 0;
	while (mem && *p) {
		unsigned long b = strtoul(p, &end, 16);

		if (end == p) {
			p++;
			continue;
		}
		mem[(*len)++] = (u8)b;
		p = end;
	}
	return mem;
}

/* Runs one file; prints its result line; returns true if it passed. */
static bool run_case(const char *dir, const char *file, enum conformance_mode mode)
{
	const char *mname = mode == CONFORMANCE_JIT ? "jit" : "interp";
	struct test_case tc;
	struct bpf_asm_result res = { 0 };
	struct bpf_insn *insns = NULL;
	char path[1024], err[256] = "";
	size_t cnt = 0, len = 0;
	u8 *mem = NULL;
	u64 r0 = 0, want;
	bool jited = false, ok = false;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (parse_case(path, &tc)) {
		printf("not ok conformance/%s/%s cannot read\n", mname, file);
		return false;
	}
	if (!tc.result_text) {
		printf("not ok conformance/%s/%s no result section\n", mname, file);
		goto out;
	}
	want = strtoull(tc.result_text, NULL, strstr(tc.result_text, "0x") ? 16 : 10);
	if (tc.raw_text) {
		insns = raw_insns(tc.raw_text, &cnt);
	} else if (bpf_asm(tc.asm_text ? tc.asm_text : "", &res)) {
		printf("not ok conformance/%s/%s assembler: %s\n", mname, file, res.err);
		goto out;
	} else {
		insns = res.insns;
		cnt = res.cnt;
		res.insns = NULL;
	}
	if (tc.mem_text)
		mem = mem_bytes(tc.mem_text, &len);
	if (conformance_run(insns, cnt, mode, mem, len, &r0, &jited, err, sizeof(err)))
		printf("not ok conformance/%s/%s load: %s\n", mname, file, err);
	else if (mode == CONFORMANCE_JIT && !jited)
		printf("not ok conformance/%s/%s the JIT did not compile it\n", mname, file);
	else if (r0 != want)
		printf("not ok conformance/%s/%s r0 0x%llx, want 0x%llx\n", mname, file,
		       (unsigned long long)r0, (unsigned long long)want);
	else
		ok = printf("ok conformance/%s/%s\n", mname, file) > 0;
out:
	fflush(stdout);
	bpf_asm_result_free(&res);
	free(insns);
	free(mem);
	free_case(&tc);
	return ok;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.data file of dir, sorted. */
static char **list_tests(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 6 || strcmp(e->d_name + l - 5, ".data"))
			continue;
		if (*n == cap)
			names = realloc(names, (cap = cap ? cap * 2 : 512) * sizeof(*names));
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof(*names), cmp_names);
	return names;
}

int main(int argc, char **argv)
{
	enum conformance_mode mode;
	char **names;
	size_t n, i;
	int failed = 0;

	if (argc < 3 || (strcmp(argv[1], "--interp") && strcmp(argv[1], "--jit"))) {
		fprintf(stderr, "usage: runner --interp|--jit DIR [FILE.data...]\n");
		return 2;
	}
	mode = !strcmp(argv[1], "--jit") ? CONFORMANCE_JIT : CONFORMANCE_INTERP;
	if (argc > 3) {
		for (i = 3; i < (size_t)argc; i++)
			failed += !run_case(argv[2], argv[i], mode);
		return failed != 0;
	}
	names = list_tests(argv[2], &n);
	if (!names) {
		fprintf(stderr, "runner: cannot read %s\n", argv[2]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		failed += !run_case(argv[2], names[i], mode);
		free(names[i]);
	}
	free(names);
	return failed != 0;
}
