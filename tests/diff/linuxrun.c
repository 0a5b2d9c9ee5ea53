// SPDX-License-Identifier: GPL-2.0
/*
 * linuxrun: run a raw XDP program (little-endian struct bpf_insn words, as
 * `bpfrun asm` writes them) in the host's Linux, the way `bpfrun run --type
 * xdp` runs it in ours, for comparisons and benchmarks.
 *
 *   linuxrun [--data FILE] [--data-out FILE] [--repeat N] [--log] PROG.bin
 *
 * Prints `retval 0x<hex>`; with --repeat also `ns/run <n>`, the mean that
 * BPF_PROG_TEST_RUN measured in the kernel (whole nanoseconds), and
 * `wall-ns/run <x>`, the wall-clock time of the call divided by N. Without
 * --data the packet is 64 zero bytes. Exit status: 0 ran, 1 Linux refused
 * (the verifier log is printed), 2 bad input.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "linux_bpf.h"

#define MAX_PACKET 4096

static int usage(void)
{
	fprintf(stderr, "usage: linuxrun [--data FILE] [--data-out FILE] [--repeat N] [--log] "
			"PROG.bin\n");
	return 2;
}

/* A repeat count; anything but a positive number below 2^32 gives ULONG_MAX. */
static unsigned long parse_repeat(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	return *s && !*end && !errno && v > 0 ? v : ULONG_MAX;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Load @prog (raw instructions) into Linux. Returns the fd, or -1 after a message. */
static int load(const char *path, int log_always)
{
	static char log[1 << 20];
	uint8_t *insns;
	long n;
	int fd;

	n = read_file(path, &insns);
	if (n < 0) {
		fprintf(stderr, "linuxrun: %s: %s\n", path, strerror((int)-n));
		return -2;
	}
	if (n == 0 || n % sizeof(struct bpf_insn)) {
		fprintf(stderr, "linuxrun: %s: %ld bytes is not a whole number of instructions\n",
			path, n);
		free(insns);
		return -2;
	}
	fd = linux_prog_load_xdp((struct bpf_insn *)insns, (size_t)n / sizeof(struct bpf_insn), log,
				 sizeof(log));
	free(insns);
	if (fd < 0)
		fprintf(stderr, "linuxrun: Linux refused %s: %s\n%s", path, strerror(-fd), log);
	else if (log_always)
		fprintf(stderr, "%s", log);
	return fd;
}

int main(int argc, char **argv)
{
	const char *data = NULL, *data_out = NULL, *prog = NULL;
	static uint8_t in[MAX_PACKET], out[MAX_PACKET];
	struct linux_run_result res;
	unsigned long repeat = 0;
	int i, fd, err, log = 0;
	uint32_t len = 64;
	double t0, t1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--log"))
			log = 1;
		else if (!strcmp(argv[i], "--data") && i + 1 < argc)
			data = argv[++i];
		else if (!strcmp(argv[i], "--data-out") && i + 1 < argc)
			data_out = argv[++i];
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = parse_repeat(argv[++i]);
		else if (argv[i][0] != '-' && !prog)
			prog = argv[i];
		else
			return usage();
	}
	if (!prog || repeat > 0xffffffffUL)
		return usage();
	if (data) {
		uint8_t *buf;
		long n = read_file(data, &buf);

		if (n < 0 || n > MAX_PACKET) {
			fprintf(stderr, "linuxrun: %s: %s\n", data,
				n < 0 ? strerror((int)-n) : "packet too large");
			return 2;
		}
		memcpy(in, buf, (size_t)n);
		len = (uint32_t)n;
		free(buf);
	}
	fd = load(prog, log);
	if (fd < 0)
		return fd == -2 ? 2 : 1;
	t0 = now_ns();
	err = linux_test_run(fd, in, len, out, sizeof(out), repeat ? (uint32_t)repeat : 1, &res);
	t1 = now_ns();
	close(fd);
	if (err) {
		fprintf(stderr, "linuxrun: BPF_PROG_TEST_RUN: %s\n", strerror(-err));
		return 1;
	}
	printf("retval 0x%x\n", res.retval);
	if (repeat)
		printf("ns/run %u\nwall-ns/run %.2f\n", res.duration, (t1 - t0) / (double)repeat);
	if (data_out && write_file(data_out, out, res.data_out_len)) {
		fprintf(stderr, "linuxrun: cannot write %s\n", data_out);
		return 2;
	}
	return 0;
}
