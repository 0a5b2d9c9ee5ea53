/* SPDX-License-Identifier: GPL-2.0 */
/* The parts of difftest (difftest.c) that the bisector (bisect.c) shares. */
#ifndef DIFF_DIFFTEST_H
#define DIFF_DIFFTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gen.h"
#include "linux_bpf.h"

enum { MODE_INTERP, MODE_JIT, NR_MODES };
extern const char *const mode_names[NR_MODES];

struct options {
	uint64_t seed;
	unsigned long count; /* Linux-accepted programs to compare */
	unsigned int jobs;
	const char *bpfrun;
	const char *failures;
	const char *work;
	bool modes[NR_MODES];
	unsigned int max_list; /* "not ok" lines per mode, over all workers */
	unsigned int min_accept;
	bool verbose;
	bool one;
	bool bisect;
};

/* What a worker counted; sent to the parent through a pipe. */
struct tally {
	unsigned long generated, rejected, linux_errors;
	unsigned long compared[NR_MODES], mismatched[NR_MODES];
	uint64_t first_bad[NR_MODES];
};

/* Our side of one run: what bpfrun printed and wrote. */
struct ours_result {
	int status; /* exit status, or -1 if it died */
	bool have_retval;
	uint64_t retval;
	char output[2048];
	uint8_t data_out[GEN_MAX_OUT + 1];
	long data_out_len;
};

/* Linux's side of one run. */
struct linux_result {
	struct linux_run_result run;
	uint8_t data_out[GEN_MAX_OUT];
};

/* One worker's scratch files. */
struct scratch {
	char bin[512], pkt[512], out[512];
	char map[64]; /* bpfrun's --map spec for the program's map, or "" */
};

/* Print one line (or several) with a single write(). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Load @p into Linux and run it once. Returns 1 when it ran, 0 when the
 * verifier rejected it, -1 when test_run failed.
 */
int run_linux(const struct options *o, uint64_t seed, const struct gen_prog *p,
	      struct linux_result *l);

/*
 * Run @argv, its stdout and stderr into @out (NUL-terminated, truncated to
 * @cap). Returns the exit status, or -1 if it could not start or was killed.
 */
int run_capture(char *const argv[], char *out, size_t cap);

/* Write @p's program and packet to the scratch files @s; note its map. */
void write_scratch(struct scratch *s, const struct gen_prog *p);

/* Run the scratch program through bpfrun in @mode. */
void run_ours(const struct options *o, const struct scratch *s, int mode, struct ours_result *r);

/* Why ours differs from Linux, or NULL when both agree. */
const char *disagreement(const struct linux_result *l, const struct ours_result *r);

/* Find where program @seed first goes wrong in @mode; print what differs. */
int bisect(const struct options *o, struct scratch *s, uint64_t seed, int mode);

#endif
