// SPDX-License-Identifier: GPL-2.0
/*
 * difftest: differential execution of random XDP programs, Linux against ours.
 *
 *   difftest [--seed S] [--count N] [--jobs J] [--bpfrun PATH] [--modes interp,jit]
 *            [--failures DIR] [--work DIR] [--max-list K] [--min-accept PCT] [--verbose]
 *   difftest --one SEED [--bpfrun PATH] [--failures DIR]
 *   difftest --bisect SEED [--modes interp|jit] [--bpfrun PATH]
 *
 * Programs come from gen.c, seeded per index. Each one Linux's verifier
 * accepts runs once through BPF_PROG_TEST_RUN and once per mode through
 * `bpfrun run --type xdp --data P --data-out O --interp|--jit`; the retval and
 * the packet after the run must be identical. Programs Linux rejects are
 * counted and dropped. Output is TAP-like for tests/tiers/40-diff.sh:
 *
 *   ok diff/generator ...             Linux accepted >= PCT% of the programs
 *   ok diff/xdp-interp ...            one summary line per mode
 *   not ok diff/xdp-jit/SEED why      one line per disagreeing program (capped)
 *   # ...                             disassembly and both results of the
 *                                     first failures (comments)
 *
 * Every disagreement is saved under --failures (build/diff-failures):
 * SEED.bin (raw instructions), SEED.pkt, SEED.MODE.txt (both results and
 * the disassembly). `--one SEED` replays one program verbosely; `--bisect
 * SEED` finds the first instruction where the states differ (bisect.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "difftest.h"

extern char **environ;

const char *const mode_names[NR_MODES] = { "interp", "jit" };

/* Workers' lines never interleave: each say() is one write(). */
void say(const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		return;
}

/* The generator seed of program number @i of a run seeded @base. */
static uint64_t program_seed(uint64_t base, unsigned long i)
{
	return gen_mix64(base * 0x100000001b3ull + i);
}

int run_capture(char *const argv[], char *out, size_t cap)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], status;
	size_t used = 0;
	pid_t pid;
	ssize_t n;

	out[0] = '\0';
	if (pipe(pipefd) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while ((n = read(pipefd[0], out + used, cap - 1 - used)) > 0) {
		used += (size_t)n;
		if (used == cap - 1) {
			char sink[512];

			while (read(pipefd[0], sink, sizeof(sink)) > 0)
				;
			break;
		}
	}
	out[used] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

void run_ours(const struct options *o, const struct scratch *s, int mode, struct ours_result *r)
{
	char *argv[] = { (char *)o->bpfrun,
			 "run",
			 "--type",
			 "xdp",
			 "--data",
			 (char *)s->pkt,
			 "--data-out",
			 (char *)s->out,
			 mode == MODE_JIT ? "--jit" : "--interp",
			 (char *)s->bin,
			 NULL,
			 NULL,
			 NULL };
	const char *line;
	uint8_t *buf;
	int tries;

	if (s->map[0]) {
		argv[9] = "--map";
		argv[10] = (char *)s->map;
		argv[11] = (char *)s->bin;
	}
	/* Retry a bpfrun that could not start (e.g. being rebuilt right now). */
	for (tries = 0; tries < 3; tries++) {
		unlink(s->out);
		r->status = run_capture(argv, r->output, sizeof(r->output));
		if (r->status != -1 || r->output[0])
			break;
		usleep(200 * 1000);
	}
	line = strstr(r->output, "retval ");
	r->have_retval = line && sscanf(line, "retval %" SCNx64, &r->retval) == 1;
	r->data_out_len = read_file(s->out, &buf);
	if (r->data_out_len >= 0) {
		if (r->data_out_len > (long)sizeof(r->data_out))
			r->data_out_len = sizeof(r->data_out);
		memcpy(r->data_out, buf, (size_t)r->data_out_len);
		free(buf);
	}
}

const char *disagreement(const struct linux_result *l, const struct ours_result *r)
{
	if (r->status != 0)
		return "bpfrun failed";
	if (!r->have_retval)
		return "no retval line";
	if (r->retval != l->run.retval)
		return "retval differs";
	if (r->data_out_len < 0)
		return "no data-out file";
	if ((uint32_t)r->data_out_len != l->run.data_out_len ||
	    memcmp(r->data_out, l->data_out, l->run.data_out_len) != 0)
		return "data_out differs";
	return NULL;
}

static void hex_dump(FILE *f, const char *label, const uint8_t *p, long len)
{
	long i;

	fprintf(f, "%s (%ld bytes):", label, len);
	for (i = 0; i < len; i++)
		fprintf(f, "%s%02x", i % 32 ? " " : "\n  ", p[i]);
	fprintf(f, "\n");
}

/* Write the report of one disagreement to @f. */
static void write_report(FILE *f, const struct options *o, const struct scratch *s, uint64_t seed,
			 int mode, const struct linux_result *l, const struct ours_result *r)
{
	char *argv[] = { (char *)o->bpfrun, "disasm", (char *)s->bin, NULL };
	static char disasm[65536];

	fprintf(f, "seed 0x%016" PRIx64 " mode %s: %s\n", seed, mode_names[mode],
		disagreement(l, r) ?: "agree");
	fprintf(f, "linux: retval 0x%x\n", l->run.retval);
	hex_dump(f, "linux data_out", l->data_out, l->run.data_out_len);
	fprintf(f, "ours (exit status %d):\n%s", r->status, r->output);
	if (r->data_out_len >= 0)
		hex_dump(f, "ours data_out", r->data_out, r->data_out_len);
	run_capture(argv, disasm, sizeof(disasm));
	fprintf(f, "disassembly (bpfrun disasm):\n%s", disasm);
}

/* Save the program, packet and report of one disagreement. */
static void save_failure(const struct options *o, const struct scratch *s, uint64_t seed, int mode,
			 const struct gen_prog *p, const struct linux_result *l,
			 const struct ours_result *r)
{
	char path[600];
	FILE *f;

	mkdir(o->failures, 0755);
	snprintf(path, sizeof(path), "%s/%016" PRIx64 ".bin", o->failures, seed);
	write_file(path, p->insns, p->len * sizeof(p->insns[0]));
	snprintf(path, sizeof(path), "%s/%016" PRIx64 ".pkt", o->failures, seed);
	write_file(path, p->pkt, p->pkt_len);
	snprintf(path, sizeof(path), "%s/%016" PRIx64 ".%s.txt", o->failures, seed,
		 mode_names[mode]);
	f = fopen(path, "w");
	if (f) {
		write_report(f, o, s, seed, mode, l, r);
		fclose(f);
	}
}

/* Print a saved report as "# " comment lines. */
static void print_report(const struct options *o, uint64_t seed, int mode)
{
	char path[600], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%016" PRIx64 ".%s.txt", o->failures, seed,
		 mode_names[mode]);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		say("# %s%s", line, strchr(line, '\n') ? "" : "\n");
	fclose(f);
}

/* The last meaningful line of a verifier log: usually the reason for a rejection. */
static const char *log_reason(char *log)
{
	char *line = NULL, *p;

	for (p = strtok(log, "\n"); p; p = strtok(NULL, "\n"))
		if (strncmp(p, "processed ", 10) != 0 && *p)
			line = p;
	return line ? line : "(empty log)";
}

/*
 * Load @p into Linux: with a fresh array map when it uses one, its fd
 * patched into every lddw that names map 0. Returns the program fd (and the
 * map's in @map_fd, or -1), or -errno.
 */
static int load_linux(const struct options *o, const struct gen_prog *p, char *log, size_t log_size,
		      int *map_fd)
{
	static struct bpf_insn insns[GEN_MAX_INSNS];
	unsigned int i;
	int fd;

	*map_fd = -1;
	if (!p->map_value_size)
		return linux_prog_load_xdp(p->insns, p->len, log, log_size);
	*map_fd = linux_array_map_create(p->map_value_size, p->map_max_entries);
	if (*map_fd < 0)
		return *map_fd;
	memcpy(insns, p->insns, p->len * sizeof(insns[0]));
	for (i = 0; i < p->len; i++)
		if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) &&
		    insns[i].src_reg == BPF_PSEUDO_MAP_FD)
			insns[i].imm = *map_fd;
	fd = linux_prog_load_xdp(insns, p->len, log, log_size);
	if (fd < 0)
		close(*map_fd);
	return fd;
}

int run_linux(const struct options *o, uint64_t seed, const struct gen_prog *p,
	      struct linux_result *l)
{
	static char log[1 << 16];
	int fd, err, map_fd;

	fd = load_linux(o, p, o->verbose ? log : NULL, sizeof(log), &map_fd);
	if (fd < 0) {
		if (o->verbose)
			say("# rejected 0x%016" PRIx64 ": %s\n", seed, log_reason(log));
		return 0;
	}
	err = linux_test_run(fd, p->pkt, p->pkt_len, l->data_out, sizeof(l->data_out), 1, &l->run);
	close(fd);
	if (map_fd >= 0)
		close(map_fd);
	if (err) {
		say("# test_run failed for 0x%016" PRIx64 ": %s\n", seed, strerror(-err));
		return -1;
	}
	return 1;
}

void write_scratch(struct scratch *s, const struct gen_prog *p)
{
	s->map[0] = '\0';
	if (p->map_value_size)
		snprintf(s->map, sizeof(s->map), "array:4:%u:%u", p->map_value_size,
			 p->map_max_entries);
	write_file(s->bin, p->insns, p->len * sizeof(p->insns[0]));
	write_file(s->pkt, p->pkt, p->pkt_len);
}

/* Compare program @seed in every mode; count into @t. */
static void check_one(const struct options *o, struct scratch *s, uint64_t seed, struct tally *t,
		      unsigned int list_cap)
{
	static struct gen_prog p;
	struct linux_result l;
	struct ours_result r;
	const char *why;
	int mode, ran;

	gen_xdp_prog(seed, &p);
	t->generated++;
	ran = run_linux(o, seed, &p, &l);
	if (ran <= 0) {
		t->rejected += ran == 0;
		t->linux_errors += ran < 0;
		return;
	}
	write_scratch(s, &p);
	for (mode = 0; mode < NR_MODES; mode++) {
		if (!o->modes[mode])
			continue;
		run_ours(o, s, mode, &r);
		t->compared[mode]++;
		why = disagreement(&l, &r);
		if (!why && !o->one)
			continue;
		if (why && !t->mismatched[mode]++)
			t->first_bad[mode] = seed;
		save_failure(o, s, seed, mode, &p, &l, &r);
		if (!why || t->mismatched[mode] <= list_cap)
			say("%s diff/xdp-%s/%016" PRIx64 " %s (see %s)\n", why ? "not ok" : "ok",
			    mode_names[mode], seed, why ?: "agrees with Linux", o->failures);
		if (o->one || t->mismatched[mode] <= 2)
			print_report(o, seed, mode);
	}
}

/* Worker @w of @o->jobs: programs w, w+J, ... until its share is accepted. */
static void worker(const struct options *o, unsigned int w, struct tally *t)
{
	unsigned long share = o->count / o->jobs + (w < o->count % o->jobs);
	unsigned int cap = (o->max_list + o->jobs - 1) / o->jobs;
	unsigned long i, limit = 4 * share + 100;
	struct scratch s;

	snprintf(s.bin, sizeof(s.bin), "%s/w%u.bin", o->work, w);
	snprintf(s.pkt, sizeof(s.pkt), "%s/w%u.pkt", o->work, w);
	snprintf(s.out, sizeof(s.out), "%s/w%u.out", o->work, w);
	memset(t, 0, sizeof(*t));
	for (i = w; t->generated - t->rejected - t->linux_errors < share && i / o->jobs < limit;
	     i += o->jobs)
		check_one(o, &s, program_seed(o->seed, i), t, cap);
}

static void tally_add(struct tally *sum, const struct tally *t)
{
	int m;

	sum->generated += t->generated;
	sum->rejected += t->rejected;
	sum->linux_errors += t->linux_errors;
	for (m = 0; m < NR_MODES; m++) {
		if (t->mismatched[m] && !sum->mismatched[m])
			sum->first_bad[m] = t->first_bad[m];
		sum->compared[m] += t->compared[m];
		sum->mismatched[m] += t->mismatched[m];
	}
}

/* Run the workers in parallel and add up what they counted. */
static int run_workers(const struct options *o, struct tally *sum)
{
	int pipefd[2];
	unsigned int w;
	struct tally t;

	memset(sum, 0, sizeof(*sum));
	if (pipe(pipefd) < 0)
		return -1;
	for (w = 0; w < o->jobs; w++) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0) {
			close(pipefd[0]);
			worker(o, w, &t);
			_exit(write(pipefd[1], &t, sizeof(t)) == sizeof(t) ? 0 : 1);
		}
	}
	close(pipefd[1]);
	while (read(pipefd[0], &t, sizeof(t)) == sizeof(t))
		tally_add(sum, &t);
	close(pipefd[0]);
	while (wait(NULL) > 0)
		;
	return 0;
}

/* The TAP-like summary: one generator line, one line per mode. */
static int summarise(const struct options *o, const struct tally *t)
{
	unsigned long accepted = t->generated - t->rejected - t->linux_errors;
	double pct = t->generated
			     ? 100.0 * (double)(t->generated - t->rejected) / (double)t->generated
			     : 0.0;
	int m, bad = 0;

	say("%s diff/generator %.1f%% of %lu generated programs pass Linux's verifier "
	    "(%lu rejected, %lu test_run errors; want >= %u%%)\n",
	    pct >= o->min_accept && !t->linux_errors ? "ok" : "not ok", pct, t->generated,
	    t->rejected, t->linux_errors, o->min_accept);
	bad |= pct < o->min_accept || t->linux_errors;
	for (m = 0; m < NR_MODES; m++) {
		if (!o->modes[m])
			continue;
		if (t->mismatched[m]) {
			say("not ok diff/xdp-%s %lu of %lu programs disagree with Linux "
			    "(seed 0x%" PRIx64 ", first 0x%016" PRIx64 ", saved in %s)\n",
			    mode_names[m], t->mismatched[m], t->compared[m], o->seed,
			    t->first_bad[m], o->failures);
			bad = 1;
		} else if (t->compared[m] < accepted || t->compared[m] < o->count) {
			say("not ok diff/xdp-%s only %lu programs compared (wanted %lu)\n",
			    mode_names[m], t->compared[m], o->count);
			bad = 1;
		} else {
			say("ok diff/xdp-%s %lu programs agree with Linux (seed 0x%" PRIx64 ")\n",
			    mode_names[m], t->compared[m], o->seed);
		}
	}
	return bad;
}

static int usage(void)
{
	fprintf(stderr, "usage: difftest [--seed S] [--count N] [--jobs J] [--bpfrun PATH]\n"
			"                [--modes interp,jit|none] [--failures DIR] [--work DIR]\n"
			"                [--max-list K] [--min-accept PCT] [--verbose]\n"
			"       difftest --one SEED [--bpfrun PATH] [--failures DIR]\n"
			"       difftest --bisect SEED [--modes interp|jit] [--bpfrun PATH]\n");
	return 2;
}

/* Parse a number; exit with status 2 and a message when it is not one. */
static uint64_t parse_num(const char *opt, const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s ? s : "", &end, 0);
	if (!s || !*s || *end || errno) {
		fprintf(stderr, "difftest: %s wants a number, got '%s'\n", opt, s ? s : "");
		exit(2);
	}
	return v;
}

static void parse_modes(struct options *o, const char *s)
{
	o->modes[MODE_INTERP] = s && strstr(s, "interp");
	o->modes[MODE_JIT] = s && strstr(s, "jit");
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--verbose")) {
			o->verbose = true;
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (!strcmp(a, "--seed"))
			o->seed = parse_num(a, v);
		else if (!strcmp(a, "--one"))
			o->seed = parse_num(a, v), o->one = true;
		else if (!strcmp(a, "--bisect"))
			o->seed = parse_num(a, v), o->bisect = true;
		else if (!strcmp(a, "--count"))
			o->count = parse_num(a, v);
		else if (!strcmp(a, "--jobs"))
			o->jobs = (unsigned int)parse_num(a, v);
		else if (!strcmp(a, "--max-list"))
			o->max_list = (unsigned int)parse_num(a, v);
		else if (!strcmp(a, "--min-accept"))
			o->min_accept = (unsigned int)parse_num(a, v);
		else if (!strcmp(a, "--bpfrun"))
			o->bpfrun = v;
		else if (!strcmp(a, "--failures"))
			o->failures = v;
		else if (!strcmp(a, "--work"))
			o->work = v;
		else if (!strcmp(a, "--modes"))
			parse_modes(o, v);
		else
			return -1;
	}
	return o->jobs >= 1 && o->jobs <= 64 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct options o = { .seed = 1,
			     .count = 1000,
			     .jobs = 1,
			     .bpfrun = "build/tools/bpfrun",
			     .failures = "build/diff-failures",
			     .work = "build/diff-work",
			     .modes = { true, true },
			     .max_list = 20,
			     .min_accept = 90 };
	struct scratch s;
	struct tally t;

	if (parse_args(argc, argv, &o))
		return usage();
	mkdir(o.work, 0755);
	if (o.bisect || o.one) {
		snprintf(s.bin, sizeof(s.bin), "%s/one.bin", o.work);
		snprintf(s.pkt, sizeof(s.pkt), "%s/one.pkt", o.work);
		snprintf(s.out, sizeof(s.out), "%s/one.out", o.work);
	}
	if (o.bisect)
		return bisect(&o, &s, o.seed, o.modes[MODE_INTERP] ? MODE_INTERP : MODE_JIT);
	if (o.one) {
		o.verbose = true;
		memset(&t, 0, sizeof(t));
		check_one(&o, &s, o.seed, &t, 1);
		return t.mismatched[0] + t.mismatched[1] ? 1 : 0;
	}
	if (run_workers(&o, &t)) {
		perror("difftest: fork");
		return 1;
	}
	return summarise(&o, &t);
}
