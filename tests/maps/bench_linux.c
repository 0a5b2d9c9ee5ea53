// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's side of the map benchmark: the case's map (bench_prog.h) in the
 * host's kernel, filled through bpf(), the program of bench_prog.c loaded
 * as XDP and run with BPF_PROG_TEST_RUN's repeat; prints the median ns per
 * map operation of 5 measurements ("ns_per_op X"), or a "skip" line and
 * exit 2 where bpf() is unavailable.
 * Usage: bench-linux array|hash|lru_hash|lpm lookup|update N REPEAT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include "bench_prog.h"

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : r;
}

static int map_create(uint32_t type, uint32_t ks, uint32_t vs, uint32_t max, uint32_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = max;
	a.map_flags = flags;
	return (int)sys_bpf(BPF_MAP_CREATE, &a);
}

static int map_update(int fd, const void *key, const void *value, uint64_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)fd;
	a.key = (uint64_t)(uintptr_t)key;
	a.value = (uint64_t)(uintptr_t)value;
	a.flags = flags;
	return (int)sys_bpf(BPF_MAP_UPDATE_ELEM, &a);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int fill_update(void *ctx, const void *key, const void *value, uint64_t flags)
{
	return map_update(*(int *)ctx, key, value, flags);
}

int main(int argc, char **argv)
{
	struct bench_spec spec;
	struct bench_map_attr attr;
	struct bench_insn insns[BENCH_MAX_INSNS];
	uint32_t zero = 0, seed = 0x12345678, added;
	uint8_t pkt[64] = { 0 };
	double ns[5];
	static char log[1 << 20];
	union bpf_attr a;
	int map, state, prog;

	if (bench_parse(argc, argv, &spec))
		return 1;
	attr = bench_map_attr(&spec);
	map = map_create(attr.type, attr.key_size, attr.value_size, attr.max_entries, attr.flags);
	state = map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	if (map < 0 || state < 0) {
		printf("skip bench-maps # bpf(BPF_MAP_CREATE) unavailable: %s\n",
		       strerror(map < 0 ? -map : -state));
		return 2;
	}
	added = bench_fill(&spec, fill_update, &map);
	map_update(state, &zero, &seed, BPF_ANY);
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insn_cnt = bench_map_prog(insns, &spec, map, state);
	a.insns = (uint64_t)(uintptr_t)insns;
	a.license = (uint64_t)(uintptr_t) "GPL";
	a.log_buf = (uint64_t)(uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	prog = (int)sys_bpf(BPF_PROG_LOAD, &a);
	if (prog < 0) {
		printf("skip bench-maps # BPF_PROG_LOAD: %s %.200s\n", strerror(-prog), log);
		return 2;
	}
	for (int r = 0; r < 5; r++) {
		memset(&a, 0, sizeof(a));
		a.test.prog_fd = (uint32_t)prog;
		a.test.data_in = (uint64_t)(uintptr_t)pkt;
		a.test.data_size_in = sizeof(pkt);
		a.test.repeat = spec.repeat;
		if (sys_bpf(BPF_PROG_TEST_RUN, &a) || a.test.retval != 2) {
			printf("skip bench-maps # BPF_PROG_TEST_RUN failed\n");
			return 2;
		}
		ns[r] = (double)a.test.duration / BENCH_OPS;
	}
	qsort(ns, 5, sizeof(ns[0]), cmp_double);
	printf("elements %u\nns_per_op %.1f\n", added, ns[2]);
	return 0;
}
