// SPDX-License-Identifier: GPL-2.0
/*
 * Our side of the map benchmark: the same LPM trie (same prefixes) in our
 * lpm_trie.c, the same program (bench_prog.c) through our load path and
 * JIT (or the interpreter with --interp), run REPEAT times per measurement;
 * prints the median ns per lookup of 5 measurements. Usage:
 * bench-ours N REPEAT [--interp]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/load.h>
#include "bench_prog.h"

static struct bpf_map *maps[2];

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd == 100 ? maps[0] : fd == 101 ? maps[1] : NULL;
}

static struct bpf_map *map_create(const struct bpf_map_ops *ops, u32 type, u32 ks, u32 vs, u32 max,
				  u32 flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = max;
	a.map_flags = flags;
	return ops->map_alloc(&a);
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	u32 n = argc > 1 ? (u32)atoi(argv[1]) : 1000;
	u32 repeat = argc > 2 ? (u32)atoi(argv[2]) : 1000;
	bool jit = !(argc > 3 && !strcmp(argv[3], "--interp"));
	struct bench_insn insns[64];
	struct {
		u32 prefixlen;
		u8 addr[4];
	} key;
	uint64_t rng = 0x9e3779b97f4a7c15ull, v = 1;
	u32 zero = 0, seed = 0x12345678, added = 0, cnt;
	char log[256];
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
				      .map_from_fd = map_from_fd,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	struct bpf_prog *prog;
	double ns[5];
	int err;

	maps[0] = map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 8, n, BPF_F_NO_PREALLOC);
	maps[1] = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	if (IS_ERR(maps[0]) || IS_ERR(maps[1]))
		return 1;
	for (u32 tries = 0; added < n && tries < 4 * n; tries++) {
		bench_prefix(&rng, &key.prefixlen, key.addr);
		added += maps[0]->ops->map_update_elem(maps[0], &key, &v, BPF_NOEXIST) == 0;
	}
	maps[1]->ops->map_update_elem(maps[1], &zero, &seed, BPF_ANY);
	cnt = bench_lpm_prog(insns, 100, 101);
	prog = bpf_prog_alloc(cnt);
	memcpy(prog->insnsi, insns, cnt * sizeof(insns[0]));
	prog->type = BPF_PROG_TYPE_XDP;
	prog->jit_requested = jit;
	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		fprintf(stderr, "bench-ours: load: %d %s\n", err, log);
		return 1;
	}
	prog = bpf_prog_select_runtime(prog, &err);
	for (int r = 0; r < 5; r++) {
		u64 t = now_ns();

		for (u32 i = 0; i < repeat; i++)
			if (bpf_prog_run_raw(prog, NULL, 0) != 2)
				return 1;
		ns[r] = (double)(now_ns() - t) / repeat / BENCH_LOOKUPS;
	}
	qsort(ns, 5, sizeof(ns[0]), cmp_double);
	printf("prefixes %u\njited %d\nns_per_lookup %.1f\n", added, prog->jited, ns[2]);
	bpf_prog_free(prog);
	maps[0]->ops->map_free(maps[0]);
	maps[1]->ops->map_free(maps[1]);
	return 0;
}
