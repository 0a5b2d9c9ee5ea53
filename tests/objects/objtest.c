// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's differential test (tier 55-objects): every .o named on
 * the command line is opened with lib/bpf's loader; its maps are listed;
 * then each program is loaded alone (a fresh object with only its autoload
 * set, as `bpfrun verify --prog` does) and, if accepted, run with
 * BPF_PROG_TEST_RUN on a few frames, its global data and map contents
 * printed after. Built twice: over the host's Linux bpf() and over
 * bpfkern's kernel in-process (-DBPFKERN_INPROC); the tier compares the
 * two outputs line by line. Output never holds fds, ids or addresses.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

/* An Ethernet frame of len bytes with ethertype proto (len >= 14). */
static void make_frame(unsigned char *buf, unsigned int len, unsigned int proto)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	if (len >= 14) {
		buf[12] = (unsigned char)(proto >> 8);
		buf[13] = (unsigned char)proto;
	}
}

static unsigned long fnv(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long h = 1469598103934665603UL;

	while (n--)
		h = (h ^ *b++) * 1099511628211UL;
	return h;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

/* Element 0..max_entries-1 of every array map, as a hash of its value. */
static void dump_arrays(struct bpf_object *obj)
{
	unsigned char val[4096];
	struct bpf_map *map;
	__u32 k;

	bpf_object__for_each_map(map, obj)
	{
		if (bpf_map__type(map) != BPF_MAP_TYPE_ARRAY ||
		    bpf_map__value_size(map) > sizeof(val))
			continue;
		for (k = 0; k < bpf_map__max_entries(map) && k < 8; k++) {
			memset(val, 0, sizeof(val));
			if (bpf_map_lookup_elem(bpf_map__fd(map), &k, val))
				printf("  map %s[%u]: lookup error %d\n", bpf_map__name(map), k,
				       -errno);
			else
				printf("  map %s[%u]: %016lx\n", bpf_map__name(map), k,
				       fnv(val, bpf_map__value_size(map)));
		}
	}
}

/* Runs prog on frames of a few lengths and protocols; prints retval and output. */
static void run_prog(struct bpf_program *prog)
{
	static const unsigned int lens[] = { 10, 14, 60, 61, 128, 1500 };
	static const unsigned int protos[] = { 0x0800, 0x86dd, 0x0806 };
	unsigned char in[1500], out[1600];
	size_t i, j;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (j = 0; j < sizeof(protos) / sizeof(protos[0]); j++) {
			LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = in, .data_out = out,
				    .data_size_in = lens[i], .data_size_out = sizeof(out),
				    .repeat = 1);
			int err;

			make_frame(in, lens[i], protos[j]);
			err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
			if (err)
				printf("  run len %u proto %04x: error %d\n", lens[i], protos[j],
				       err);
			else
				printf("  run len %u proto %04x: retval %d out %u %016lx\n",
				       lens[i], protos[j], (int)opts.retval, opts.data_size_out,
				       fnv(out, opts.data_size_out));
		}
	}
}

/*
 * A rejected program's log names the C source line of the instruction it
 * stopped at (line_info from .BTF.ext): the last "; <source> @ file:line"
 * line of the verifier log, which Linux and bpfkern must agree on.
 */
static void print_source_line(const struct bpf_program *prog)
{
	size_t size = 0;
	const char *log = bpf_program__log_buf(prog, &size), *p, *last = NULL;

	for (p = log; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (p[0] == ';' && p[1] == ' ')
			last = p;
	if (last)
		printf("  rejected at %.*s\n", (int)strcspn(last, "\n"), last);
}

/* Loads the object's program name alone and runs it. */
static void test_prog(const char *path, const char *name)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog, *p;
	int err;

	if (!obj) {
		printf(" prog %s: reopen error %d\n", name, -errno);
		return;
	}
	prog = bpf_object__find_program_by_name(obj, name);
	bpf_object__for_each_program(p, obj) bpf_program__set_autoload(p, p == prog);
	err = bpf_object__load(obj);
	printf(" prog %s (%s, type %d): load %s %d, %zu insns\n", name,
	       bpf_program__section_name(prog), bpf_program__type(prog), err ? "error" : "ok", err,
	       bpf_program__insn_cnt(prog));
	if (!err) {
		run_prog(prog);
		dump_arrays(obj);
	} else {
		print_source_line(prog);
	}
	bpf_object__close(obj);
}

/* The whole object as bpf_object__load takes it: prog-array and map-in-map slots filled. */
static void test_whole(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;
	struct bpf_map *map;
	unsigned char frame[64];
	__u32 k, id;
	int err;

	if (!obj)
		return;
	err = bpf_object__load(obj);
	printf("  whole object: load %s %d\n", err ? "error" : "ok", err);
	make_frame(frame, sizeof(frame), 0x0800);
	bpf_object__for_each_program(prog, obj)
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame,
			    .data_size_in = sizeof(frame), .repeat = 1);

		int ret;

		if (err || bpf_program__type(prog) != BPF_PROG_TYPE_XDP)
			continue;
		ret = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
		printf("  whole %s: run %d retval %d\n", bpf_program__name(prog), ret,
		       (int)opts.retval);
	}
	bpf_object__for_each_map(map, obj)
	{
		struct bpf_map_info info;
		__u32 len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (!err && !bpf_map_get_info_by_fd(bpf_map__fd(map), &info, &len))
			printf("  whole %s: btf %s, key type %u, value type %u\n",
			       bpf_map__name(map), info.btf_id ? "yes" : "no", info.btf_key_type_id,
			       info.btf_value_type_id);
	}
	bpf_object__for_each_program(prog, obj)
	{
		struct bpf_prog_info info;
		__u32 len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (!err && !bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			printf("  whole %s: btf %s, %u func_info, %u line_info\n",
			       bpf_program__name(prog), info.btf_id ? "yes" : "no",
			       info.nr_func_info, info.nr_line_info);
	}
	bpf_object__for_each_map(map, obj)
	{
		if (err || (bpf_map__type(map) != BPF_MAP_TYPE_ARRAY_OF_MAPS &&
			    bpf_map__type(map) != BPF_MAP_TYPE_HASH_OF_MAPS))
			continue;
		for (k = 0; k < bpf_map__max_entries(map) && k < 8; k++)
			printf("  whole %s[%u]: %s\n", bpf_map__name(map), k,
			       bpf_map_lookup_elem(bpf_map__fd(map), &k, &id) ? "empty" : "set");
	}
	bpf_object__close(obj);
}

static void test_object(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog;
	struct bpf_map *map;

	if (!obj) {
		printf("%s: open error %d\n", base, -errno);
		return;
	}
	printf("%s: open ok, name %s, kversion 0x%x\n", base, bpf_object__name(obj),
	       bpf_object__kversion(obj));
	bpf_object__for_each_map(map, obj)
		printf(" map %s: type %d key %u value %u max %u flags 0x%x%s\n", bpf_map__name(map),
		       bpf_map__type(map), bpf_map__key_size(map), bpf_map__value_size(map),
		       bpf_map__max_entries(map), bpf_map__map_flags(map),
		       bpf_map__pin_path(map) ? " pinned" : "");
	test_whole(path);
	bpf_object__for_each_program(prog, obj) test_prog(path, bpf_program__name(prog));
	bpf_object__close(obj);
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "-v"))
		argv++, argc--;
	else
		libbpf_set_print(quiet);
	for (i = 1; i < argc; i++)
		test_object(argv[i]);
	return 0;
}
