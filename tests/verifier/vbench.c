// SPDX-License-Identifier: GPL-2.0
/*
 * vbench: our verifier's cost on each corpus program, in-process (the
 * bench half of scripts/bench-verifier.sh; vlinux measures Linux's).
 *
 *   vbench [--repeat N] < PLAN
 *
 * PLAN has one program per line: NAME<TAB>FILE<TAB>OPTIONS, where FILE is a
 * .bin (raw instructions, as vlinux loaded them) or a .s, and OPTIONS are
 * bpfrun verify's: --type xdp|socket_filter, --cap-bpf, --unpriv,
 * --log-level N, --map TYPE:KEY:VALUE:MAX. Each program is verified N times
 * (default 5, fewer once 200 ms are spent on it) with the log level Linux got
 * from vlinux (the file's level | BPF_LOG_STATS, into a 16 MiB buffer).
 * Prints NAME<TAB>accept|reject<TAB>processed<TAB>verify_ns (the median),
 * or NAME<TAB>skip<TAB>-1<TAB>-1 with a reason on stderr for a bad line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/verifier.h>

#define MAX_MAPS 16
#define LOG_SIZE (16u << 20)
#define BUDGET_NS 200000000ull

struct plan {
	char name[128];
	char path[512];
	struct bpf_verifier_opts opts;
	struct bpf_map *maps[MAX_MAPS];
	u32 nr_maps;
};

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	struct plan *p = ctx;

	return fd >= 0 && (u32)fd < p->nr_maps ? p->maps[fd] : NULL;
}

/*
 * A map for the verifier from TYPE:KEY:VALUE:MAX: the real map for the
 * types the corpus uses, a header only (no ops) for the others. NULL on a
 * malformed spec or a failed creation.
 */
static struct bpf_map *create_map(const char *spec)
{
	static const struct {
		const char *name;
		u32 type;
		const struct bpf_map_ops *ops;
	} types[] = {
		{ "array", BPF_MAP_TYPE_ARRAY, &array_map_ops },
		{ "prog_array", BPF_MAP_TYPE_PROG_ARRAY, &prog_array_map_ops },
		{ "hash", BPF_MAP_TYPE_HASH, &htab_map_ops },
		{ "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY, &percpu_array_map_ops },
		{ "lru_hash", BPF_MAP_TYPE_LRU_HASH, &htab_lru_map_ops },
		{ "ringbuf", BPF_MAP_TYPE_RINGBUF, &ringbuf_map_ops },
	};
	union bpf_attr attr = { 0 };
	struct bpf_map *map;
	char name[32];
	size_t i;

	if (sscanf(spec, "%31[a-z_]:%u:%u:%u", name, &attr.key_size, &attr.value_size,
		   &attr.max_entries) != 4)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(types) && strcmp(types[i].name, name); i++)
		;
	if (i == ARRAY_SIZE(types))
		return NULL;
	attr.map_type = types[i].type;
	map = types[i].ops->map_alloc(&attr);
	if (IS_ERR_OR_NULL(map))
		return NULL;
	if (!map->ops)
		map->ops = types[i].ops;
	return map;
}

static void free_maps(struct plan *p)
{
	for (u32 i = 0; i < p->nr_maps; i++)
		p->maps[i]->ops->map_free(p->maps[i]);
	p->nr_maps = 0;
}

/* Fills p from one PLAN line (modified in place); 0, or -1 with a reason. */
static int parse_plan(char *line, struct plan *p, const char **why)
{
	char *save = NULL, *tok;
	char *name = strtok_r(line, "\t\n", &save), *path = strtok_r(NULL, "\t\n", &save);

	*why = "want NAME<TAB>FILE<TAB>OPTIONS";
	if (!name || !path || strlen(name) >= sizeof(p->name) || strlen(path) >= sizeof(p->path))
		return -1;
	strcpy(p->name, name);
	strcpy(p->path, path);
	p->opts.prog_type = BPF_PROG_TYPE_XDP;
	p->opts.bpf_capable = true;
	p->opts.gpl_compatible = true;
	while ((tok = strtok_r(NULL, " \t\n", &save))) {
		char *val = NULL;

		if (!strcmp(tok, "--type") || !strcmp(tok, "--log-level") || !strcmp(tok, "--map"))
			val = strtok_r(NULL, " \t\n", &save);
		if (!strcmp(tok, "--cap-bpf"))
			p->opts.cap_bpf_only = true;
		else if (!strcmp(tok, "--unpriv"))
			p->opts.bpf_capable = false;
		else if (!strcmp(tok, "--type") && val)
			p->opts.prog_type = !strcmp(val, "socket_filter")
						    ? BPF_PROG_TYPE_SOCKET_FILTER
						    : BPF_PROG_TYPE_XDP;
		else if (!strcmp(tok, "--log-level") && val)
			p->opts.log_level = (u32)strtoul(val, NULL, 0);
		else if (!strcmp(tok, "--map") && val && p->nr_maps < MAX_MAPS) {
			p->maps[p->nr_maps] = create_map(val);
			*why = "a --map this tool cannot create";
			if (!p->maps[p->nr_maps])
				return -1;
			p->nr_maps++;
		} else {
			*why = "unknown option";
			return -1;
		}
	}
	p->opts.log_level |= BPF_LOG_STATS;
	return 0;
}

/* The instructions of path (.bin or .s); malloc'd, NULL when unreadable. */
static struct bpf_insn *load_insns(const char *path, u32 *cnt)
{
	FILE *f = fopen(path, "rb");
	struct bpf_asm_result res;
	struct bpf_insn *insns = NULL;
	size_t len = strlen(path);
	char *text;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) ||
	    !(text = calloc(1, (size_t)size + 1))) {
		fclose(f);
		return NULL;
	}
	if (fread(text, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	if (len > 4 && !strcmp(path + len - 4, ".bin")) {
		*cnt = (u32)((size_t)size / sizeof(struct bpf_insn));
		return (struct bpf_insn *)text;
	}
	if (!bpf_asm(text, &res) && res.cnt) {
		insns = res.insns;
		*cnt = (u32)res.cnt;
		res.insns = NULL;
	}
	bpf_asm_result_free(&res);
	free(text);
	return insns;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Verifies p up to repeat times; prints its line. */
static void bench_one(struct plan *p, u32 repeat, char *log)
{
	struct bpf_verifier_stats st;
	u64 t[64], spent = 0;
	u32 cnt = 0, n = 0;
	struct bpf_insn *insns = load_insns(p->path, &cnt);
	int err = 0;

	if (!insns) {
		fprintf(stderr, "vbench: %s: cannot read %s\n", p->name, p->path);
		printf("%s\tskip\t-1\t-1\n", p->name);
		return;
	}
	p->opts.log_buf = log;
	p->opts.log_size = LOG_SIZE;
	p->opts.map_from_fd = map_from_fd;
	p->opts.map_ctx = p;
	p->opts.stats = &st;
	while (n < repeat && n < ARRAY_SIZE(t) && (n == 0 || spent < BUDGET_NS)) {
		u64 t0 = now_ns();

		log[0] = 0;
		err = bpf_verify_insns(insns, cnt, &p->opts);
		t[n] = now_ns() - t0;
		spent += t[n++];
	}
	qsort(t, n, sizeof(t[0]), cmp_u64);
	printf("%s\t%s\t%u\t%llu\n", p->name, err ? "reject" : "accept", st.insn_processed,
	       (unsigned long long)t[(n - 1) / 2]);
	free(insns);
}

int main(int argc, char **argv)
{
	char line[4096], *log = malloc(LOG_SIZE);
	u32 repeat = 5;

	if (argc == 3 && !strcmp(argv[1], "--repeat"))
		repeat = (u32)strtoul(argv[2], NULL, 0);
	else if (argc != 1) {
		fprintf(stderr, "usage: vbench [--repeat N] < PLAN\n");
		return 2;
	}
	if (!log || !repeat)
		return 2;
	while (fgets(line, sizeof(line), stdin)) {
		struct plan p = { .nr_maps = 0 };
		const char *why;

		if (parse_plan(line, &p, &why)) {
			fprintf(stderr, "vbench: %s: %s\n", p.name[0] ? p.name : "?", why);
			printf("%s\tskip\t-1\t-1\n", p.name[0] ? p.name : "?");
		} else {
			bench_one(&p, repeat, log);
		}
		free_maps(&p);
		fflush(stdout);
	}
	free(log);
	return 0;
}
