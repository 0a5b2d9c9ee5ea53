// SPDX-License-Identifier: GPL-2.0
/*
 * Host driver of the x86-64 disassembler's tests (tier 66-disasm):
 *
 *   x86dis jit FILE.data OUT.bin  assemble a conformance case ("-- asm" or
 *                                 "-- raw"), JIT it, write the image to OUT.bin;
 *                                 exit 3 when the case is not JIT-compiled
 *   x86dis dis FILE.bin           disassemble FILE.bin as "off:\ttext" lines,
 *                                 the offset and text columns of objdump -D
 *   x86dis random SEED COUNT OUT  write COUNT random bytes to OUT
 *   x86dis fuzz SEED COUNT        decode COUNT random buffers (and every
 *                                 truncation of each): lengths in range,
 *                                 text terminated; prints a summary
 *
 * Built with ASan and UBSan, so fuzz also proves the decoder reads nothing
 * past its input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/load.h>
#include <bpfkern/x86_disasm.h>

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The "-- asm" (or "-- raw") section of a conformance case as instructions. */
static int case_insns(char *text, struct bpf_asm_result *res)
{
	char *sec = strstr(text, "-- asm\n"), *end;

	if (!sec) {
		fprintf(stderr, "no -- asm section\n");
		return -1;
	}
	sec += strlen("-- asm\n");
	end = strstr(sec, "\n-- ");
	if (end)
		end[1] = '\0';
	if (bpf_asm(sec, res)) {
		fprintf(stderr, "%s\n", res->err);
		return -1;
	}
	return 0;
}

static int cmd_jit(const char *in, const char *out)
{
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_UNSPEC };
	struct bpf_asm_result res = { 0 };
	struct bpf_prog *prog = NULL;
	size_t len;
	char *text = read_file(in, &len);
	int ret = 3, err;
	FILE *f;

	if (!text || case_insns(text, &res))
		goto out;
	prog = bpf_prog_alloc(res.cnt);
	if (!prog)
		goto out;
	memcpy(prog->insnsi, res.insns, res.cnt * sizeof(*res.insns));
	prog->jit_requested = 1;
	err = bpf_prog_prepare(prog, &opts);
	if (!err)
		prog = bpf_prog_select_runtime(prog, &err);
	if (err || !prog->jited) {
		fprintf(stderr, "%s: not JIT-compiled (%d)\n", in, err);
		goto out;
	}
	f = fopen(out, "wb");
	if (f && fwrite((const void *)prog->bpf_func, 1, prog->jited_len, f) == prog->jited_len)
		ret = 0;
	if (f)
		fclose(f);
out:
	if (prog)
		bpf_prog_free(prog);
	bpf_asm_result_free(&res);
	free(text);
	return ret;
}

static int cmd_dis(const char *in)
{
	char line[X86_DISASM_LINE_MAX];
	size_t len, n;
	u8 *img = (u8 *)read_file(in, &len);

	if (!img)
		return 2;
	for (size_t off = 0; off < len; off += n) {
		n = x86_disasm_insn(img + off, len - off, off, line, sizeof(line));
		printf("%4zx:\t%s\n", off, line);
	}
	free(img);
	return 0;
}

/* Decodes buf[0..len) to its end; returns the number of instructions, or -1 on a broken rule. */
static long decode_all(const u8 *buf, size_t len, size_t *bad)
{
	char line[X86_DISASM_LINE_MAX];
	long insns = 0;

	for (size_t off = 0, n; off < len; off += n, insns++) {
		memset(line, 'X', sizeof(line));
		n = x86_disasm_insn(buf + off, len - off, off, line, sizeof(line));
		if (n < 1 || n > 15 || n > len - off || !memchr(line, '\0', sizeof(line)))
			return -1;
		*bad += !strcmp(line, "(bad)");
	}
	return insns;
}

static int cmd_fuzz(unsigned long seed, unsigned long count)
{
	size_t bad = 0, total = 0;

	srand((unsigned int)seed);
	for (unsigned long i = 0; i < count; i++) {
		size_t len = 1 + (size_t)rand() % 64;
		u8 *buf = malloc(len); /* exact size: ASan catches a read past it */

		if (!buf)
			return 2;
		for (size_t k = 0; k < len; k++)
			buf[k] = (u8)rand();
		for (size_t cut = len; cut > 0; cut--) {
			long n = decode_all(buf, cut, &bad);

			if (n < 0) {
				printf("fuzz: seed %lu buffer %lu: a length or text out of range\n",
				       seed, i);
				free(buf);
				return 1;
			}
			total += (size_t)n;
		}
		free(buf);
	}
	printf("fuzz: %lu buffers, %zu instructions decoded, %zu (bad)\n", count, total, bad);
	return 0;
}

/* COUNT bytes from rand() seeded with SEED into OUT (a corpus both disassemblers read). */
static int cmd_random(unsigned long seed, unsigned long count, const char *out)
{
	FILE *f = fopen(out, "wb");
	int ret = 0;

	if (!f)
		return 2;
	srand((unsigned int)seed);
	for (unsigned long i = 0; i < count && !ret; i++)
		ret = fputc(rand() & 0xff, f) == EOF;
	return fclose(f) || ret ? 2 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "random"))
		return cmd_random(strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "jit"))
		return cmd_jit(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "dis"))
		return cmd_dis(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "fuzz"))
		return cmd_fuzz(strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	fprintf(stderr,
		"usage: x86dis jit FILE.data OUT.bin | dis FILE.bin | random SEED COUNT OUT |"
		" fuzz SEED COUNT\n");
	return 2;
}
