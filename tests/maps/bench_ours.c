// SPDX-License-Identifier: GPL-2.0
/*
 * Our side of the map benchmark: the case's map (bench_prog.h) in our map
 * code, filled the same way as Linux's, the same program (bench_prog.c)
 * through our load path and JIT (or the interpreter with --interp), run
 * REPEAT times per measurement; prints the median ns per map operation of
 * 5 measurements. Usage:
 * bench-ours array|hash|lru_hash|lpm lookup|update N REPEAT [--interp]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/load.h>
#include <bpfkern/verifier.h>
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
	struct bpf_map *map;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = ks;
	a.value_size = vs;
	a.max_entries = max;
	a.map_flags = flags;
	map = ops->map_alloc(&a);
	if (!IS_ERR(map) && !map->ops)
		map->ops = ops; /* as map_create in syscall.c */
	return map;
}

/*
 * The thread's CPU time: like BPF_PROG_TEST_RUN's duration on Linux, which
 * stops its clock while the task is rescheduled, a run does not count the
 * time other processes of this busy machine had the CPU.
 */
static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const struct bpf_map_ops *bench_ops(u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_ARRAY:
		return &array_map_ops;
	case BPF_MAP_TYPE_HASH:
		return &htab_map_ops;
	case BPF_MAP_TYPE_LRU_HASH:
		return &htab_lru_map_ops;
	default:
		return &trie_map_ops;
	}
}

static int fill_update(void *ctx, const void *key, const void *value, uint64_t flags)
{
	struct bpf_map *map = ctx;

	return (int)map->ops->map_update_elem(map, key, value, flags);
}

/*
 * The case's program through our load path as PROG_LOAD takes it (JIT
 * unless interp): bpf_check() first, so its rewrites (inlined ARRAY
 * lookups, as Linux's) reach the program, then bpf_prog_prepare() in
 * verified mode. NULL after a message.
 */
static struct bpf_prog *bench_load(const struct bench_spec *spec, bool jit)
{
	struct bench_insn insns[BENCH_MAX_INSNS];
	char log[256] = "";
	struct bpf_verifier_opts vopts = { .prog_type = BPF_PROG_TYPE_XDP,
					   .bpf_capable = true,
					   .gpl_compatible = true,
					   .map_from_fd = map_from_fd };
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
				      .map_from_fd = map_from_fd,
				      .verified = true,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	u32 cnt = bench_map_prog(insns, spec, 100, 101);
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	int err;

	memcpy(prog->insnsi, insns, cnt * sizeof(insns[0]));
	prog->type = BPF_PROG_TYPE_XDP;
	prog->jit_requested = jit;
	err = bpf_check(&prog, &vopts);
	if (!err)
		err = bpf_prog_prepare(prog, &opts);
	if (err) {
		fprintf(stderr, "bench-ours: load: %d %s\n", err, log);
		bpf_prog_free(prog);
		return NULL;
	}
	return bpf_prog_select_runtime(prog, &err);
}

int main(int argc, char **argv)
{
	struct bench_spec spec;
	struct bench_map_attr attr;
	bool jit = !(argc > 5 && !strcmp(argv[5], "--interp"));
	u32 zero = 0, seed = 0x12345678, added;
	struct bpf_prog *prog;
	double ns[5];

	if (bench_parse(argc, argv, &spec))
		return 1;
	attr = bench_map_attr(&spec);
	maps[0] = map_create(bench_ops(attr.type), attr.type, attr.key_size, attr.value_size,
			     attr.max_entries, attr.flags);
	maps[1] = map_create(&array_map_ops, BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0);
	if (IS_ERR(maps[0]) || IS_ERR(maps[1]))
		return 1;
	added = bench_fill(&spec, fill_update, maps[0]);
	maps[1]->ops->map_update_elem(maps[1], &zero, &seed, BPF_ANY);
	prog = bench_load(&spec, jit);
	if (!prog)
		return 1;
	for (int r = 0; r < 5; r++) {
		u64 t = now_ns();

		for (u32 i = 0; i < spec.repeat; i++)
			if (bpf_prog_run_raw(prog, NULL, 0) != 2)
				return 1;
		ns[r] = (double)(now_ns() - t) / spec.repeat / BENCH_OPS;
	}
	qsort(ns, 5, sizeof(ns[0]), cmp_double);
	printf("elements %u\njited %d\nns_per_op %.1f\n", added, prog->jited, ns[2]);
	bpf_prog_free(prog);
	maps[0]->ops->map_free(maps[0]);
	maps[1]->ops->map_free(maps[1]);
	return 0;
}
