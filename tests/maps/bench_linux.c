// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's side of the map benchmark: an LPM trie of N IPv4 prefixes
 * (/8../32) in the host's kernel, the program of bench_prog.c loaded as XDP
 * and run with BPF_PROG_TEST_RUN's repeat; prints the median ns per lookup
 * of 5 measurements ("ns_per_lookup X"), or a "skip" line and exit 2 where
 * bpf() is unavailable. Usage: bench-linux N REPEAT
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

int main(int argc, char **argv)
{
	uint32_t n = argc > 1 ? (uint32_t)atoi(argv[1]) : 1000;
	uint32_t repeat = argc > 2 ? (uint32_t)atoi(argv[2]) : 1000;
	struct bench_insn insns[64];
	struct {
		uint32_t prefixlen;
		uint8_t addr[4];
	} key;
	uint64_t rng = 0x9e3779b97f4a7c15ull, v = 1;
	uint32_t zero = 0, seed = 0x12345678, added = 0;
	uint8_t pkt[64] = { 0 };
	double ns[5];
	static char log[1 << 20];
	union bpf_attr a;
	int lpm, state, prog;

	lpm = map_create(BPF_MAP_TYPE_LPM_TRIE, 8, 8, n, BPF_F_NO_PREALLOC);
	state = map_create(BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	if (lpm < 0 || state < 0) {
		printf("skip bench-maps # bpf(BPF_MAP_CREATE) unavailable: %s\n",
		       strerror(lpm < 0 ? -lpm : -state));
		return 2;
	}
	for (uint32_t tries = 0; added < n && tries < 4 * n; tries++) {
		bench_prefix(&rng, &key.prefixlen, key.addr);
		added += map_update(lpm, &key, &v, BPF_NOEXIST) == 0;
	}
	map_update(state, &zero, &seed, BPF_ANY);
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insn_cnt = bench_lpm_prog(insns, lpm, state);
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
		a.test.repeat = repeat;
		if (sys_bpf(BPF_PROG_TEST_RUN, &a) || a.test.retval != 2) {
			printf("skip bench-maps # BPF_PROG_TEST_RUN failed\n");
			return 2;
		}
		ns[r] = (double)a.test.duration / BENCH_LOOKUPS;
	}
	qsort(ns, 5, sizeof(ns[0]), cmp_double);
	printf("prefixes %u\nns_per_lookup %.1f\n", added, ns[2]);
	return 0;
}
