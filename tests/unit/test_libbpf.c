// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader (lib/bpf/libbpf*.c, elf.c, btf.c) over bpfkern's kernel
 * in-process: what it finds in the tests/progs objects (programs, maps,
 * global data), what load does (linking, relocation, frozen .rodata), its
 * messages for refused programs, and its robustness: every truncation,
 * targeted corruptions of headers, sections, relocations and BTF, and
 * random byte mutations must give an error, never a crash (ASan/UBSan).
 * The objects come from $BUILD/tests/progs (default build/).
 */
#define UNIT_SUITE "libbpf"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpfkern/host_backend.h>
#include "lib/unit.h"

static char msgs[8192]; /* what the loader printed since the last reset */

static int capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t len = strlen(msgs);

	if (level != LIBBPF_DEBUG && len < sizeof(msgs) - 1)
		vsnprintf(msgs + len, sizeof(msgs) - len, fmt, ap);
	return 0;
}

/* The bytes of tests/progs/NAME.bpf.o, or NULL (the test then fails). */
static unsigned char *read_obj(const char *name, size_t *size)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512];
	unsigned char *buf;
	FILE *f;
	long len;

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("# cannot open %s\n", path);
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = (size_t)len;
	return buf;
}

/* open_mem of buf, load when open succeeded: 0 or the first error; messages in msgs. */
/*
 * Whether obj's maps fit the host test's memory (64 MiB each): a mutant's
 * huge max_entries is the in-process kernel's allocation, which ASan would
 * abort on instead of failing it with -ENOMEM as the kernel does.
 */
static int maps_fit(const struct bpf_object *obj)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, obj)
	{
		unsigned long long sz = (unsigned long long)bpf_map__max_entries(m) *
					(bpf_map__key_size(m) + bpf_map__value_size(m) + 64);

		if (sz > (64ULL << 20))
			return 0;
	}
	return 1;
}

static int open_and_load(const void *buf, size_t size, int load)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "t");
	struct bpf_object *obj;
	int err;

	msgs[0] = '\0';
	obj = bpf_object__open_mem(buf, size, &opts);
	if (!obj)
		return -errno;
	err = load && maps_fit(obj) ? bpf_object__load(obj) : 0;
	bpf_object__close(obj);
	return err;
}

UNIT_TEST(counter_object_contents)
{
	size_t size;
	unsigned char *buf = read_obj("xdp_counter", &size);
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "xdp_counter");
	struct bpf_object *obj;
	struct bpf_map *m;

	ASSERT(buf != NULL);
	obj = bpf_object__open_mem(buf, size, &opts);
	ASSERT(obj != NULL);
	EXPECT(bpf_object__find_program_by_name(obj, "xdp_count") != NULL);
	EXPECT(bpf_object__find_program_by_name(obj, "sock_count") != NULL);
	EXPECT(bpf_object__find_program_by_name(obj, "count") == NULL); /* a subprogram */
	EXPECT_EQ(bpf_program__type(bpf_object__find_program_by_name(obj, "sock_count")),
		  BPF_PROG_TYPE_SOCKET_FILTER);
	m = bpf_object__find_map_by_name(obj, "proto_bytes");
	ASSERT(m != NULL);
	EXPECT_EQ(bpf_map__type(m), BPF_MAP_TYPE_HASH);
	EXPECT_EQ(bpf_map__key_size(m), 2);
	EXPECT_EQ(bpf_map__value_size(m), 8);
	EXPECT_EQ(bpf_map__max_entries(m), 64);
	EXPECT_EQ(bpf_map__map_flags(m), BPF_F_NO_PREALLOC);
	m = bpf_object__find_map_by_name(obj, "pkt_count");
	ASSERT(m != NULL);
	EXPECT_EQ(bpf_map__key_size(m), 4);
	EXPECT_EQ(bpf_map__value_size(m), 8);
	m = bpf_object__find_map_by_name(obj, "xdp_coun.rodata");
	ASSERT(m != NULL);
	EXPECT(bpf_map__is_internal(m));
	EXPECT_EQ(bpf_map__map_flags(m), BPF_F_RDONLY_PROG);
	EXPECT(bpf_object__find_map_by_name(obj, "xdp_counte.data") != NULL);
	EXPECT(bpf_object__find_map_by_name(obj, "xdp_counter.bss") != NULL);
	bpf_object__close(obj);
	free(buf);
}

UNIT_TEST(counter_load_links_and_freezes)
{
	size_t size, i, calls = 0;
	unsigned char *buf = read_obj("xdp_counter", &size);
	struct bpf_object *obj;
	struct bpf_program *p;
	struct bpf_map *m;
	__u64 val[1] = { 0 };
	__u32 zero = 0;
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "xdp_counter");

	ASSERT(buf != NULL);
	obj = bpf_object__open_mem(buf, size, &opts);
	ASSERT(obj != NULL);
	p = bpf_object__find_program_by_name(obj, "xdp_count");
	ASSERT(p != NULL);
	EXPECT_EQ(bpf_object__load(obj), 0);
	EXPECT(bpf_program__fd(p) >= 0);
	for (i = 0; i < bpf_program__insn_cnt(p); i++) {
		const struct bpf_insn *in = &bpf_program__insns(p)[i];

		if (in->code == (BPF_JMP | BPF_CALL) && in->src_reg == BPF_PSEUDO_CALL) {
			calls++;
			EXPECT(i + 1 + in->imm < bpf_program__insn_cnt(p));
		}
	}
	EXPECT_EQ(calls, 2);
	m = bpf_object__find_map_by_name(obj, "xdp_counte.data");
	ASSERT(m != NULL);
	EXPECT_EQ(bpf_map_lookup_elem(bpf_map__fd(m), &zero, val), 0);
	EXPECT_EQ(val[0], 7); /* total_seen's initial value */
	m = bpf_object__find_map_by_name(obj, "xdp_coun.rodata");
	ASSERT(m != NULL);
	EXPECT_EQ(bpf_map_update_elem(bpf_map__fd(m), &zero, val, 0), -EPERM);
	EXPECT_EQ(bpf_object__load(obj), -EINVAL); /* once only */
	bpf_object__close(obj);
	free(buf);
}

UNIT_TEST(refused_sections_have_messages)
{
	size_t size;
	unsigned char *buf = read_obj("xdp_reject", &size);
	struct bpf_object *obj;
	struct bpf_program *p;

	ASSERT(buf != NULL);
	libbpf_set_print(capture);
	obj = bpf_object__open_mem(buf, size, NULL);
	ASSERT(obj != NULL);
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), "kprobe_prog"));
	msgs[0] = '\0';
	EXPECT_EQ(bpf_object__load(obj), -ENOTSUP);
	EXPECT(strstr(msgs, "kprobe programs are not supported by bpfkern") != NULL);
	bpf_object__close(obj);

	obj = bpf_object__open_mem(buf, size, NULL);
	ASSERT(obj != NULL);
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), "xdp_unchecked"));
	msgs[0] = '\0';
	EXPECT_EQ(bpf_object__load(obj), -EACCES);
	p = bpf_object__find_program_by_name(obj, "xdp_unchecked");
	EXPECT(bpf_program__log_buf(p, NULL) && strstr(bpf_program__log_buf(p, NULL), "processed"));
	EXPECT(strstr(msgs, "BEGIN PROG LOAD LOG") != NULL);
	EXPECT(bpf_program__fd(bpf_object__find_program_by_name(obj, "xdp_ok")) < 0);
	bpf_object__close(obj);
	libbpf_set_print(NULL);
	free(buf);
}

UNIT_TEST(optional_program_not_loaded)
{
	size_t size;
	unsigned char *buf = read_obj("xdp_pass", &size);
	struct bpf_object *obj;
	struct bpf_program *p;

	ASSERT(buf != NULL);
	obj = bpf_object__open_mem(buf, size, NULL);
	ASSERT(obj != NULL);
	p = bpf_object__find_program_by_name(obj, "xdp_optional");
	ASSERT(p != NULL);
	EXPECT(!bpf_program__autoload(p));
	EXPECT_EQ(bpf_program__type(p), BPF_PROG_TYPE_XDP);
	EXPECT_EQ(bpf_object__load(obj), 0);
	EXPECT(bpf_program__fd(p) < 0);
	EXPECT(bpf_program__fd(bpf_object__find_program_by_name(obj, "xdp_pass")) >= 0);
	bpf_object__close(obj);
	free(buf);
}

UNIT_TEST(unknown_map_field_strict_and_relaxed)
{
	LIBBPF_OPTS(bpf_object_open_opts, relaxed, .relaxed_maps = true);
	size_t size;
	unsigned char *buf = read_obj("map_unknown_field", &size);
	struct bpf_object *obj;

	ASSERT(buf != NULL);
	libbpf_set_print(capture);
	EXPECT_EQ(open_and_load(buf, size, 0), -ENOTSUP);
	EXPECT(strstr(msgs, "map 'odd': unknown field 'colour'.") != NULL);
	libbpf_set_print(NULL);
	obj = bpf_object__open_mem(buf, size, &relaxed);
	EXPECT(obj != NULL);
	if (obj) {
		EXPECT_EQ(bpf_object__load(obj), 0);
		EXPECT_EQ(bpf_map__max_entries(bpf_object__find_map_by_name(obj, "odd")), 1);
	}
	bpf_object__close(obj);
	free(buf);
}

UNIT_TEST(tail_call_slots_filled)
{
	size_t size;
	unsigned char *buf = read_obj("tail_call", &size);
	unsigned char frame[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = sizeof(frame),
		    .repeat = 1);
	struct bpf_object *obj;

	ASSERT(buf != NULL);
	obj = bpf_object__open_mem(buf, size, NULL);
	ASSERT(obj != NULL);
	EXPECT_EQ(bpf_object__load(obj), 0);
	EXPECT_EQ(bpf_prog_test_run_opts(
			  bpf_program__fd(bpf_object__find_program_by_name(obj, "xdp_entry")),
			  &opts),
		  0);
	EXPECT_EQ(opts.retval, XDP_TX); /* through slot 1: xdp_target */
	bpf_object__close(obj);
	free(buf);
}

UNIT_TEST(pinned_map_reused_by_name)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = "/sys/fs/bpf");
	size_t size;
	unsigned char *buf = read_obj("xdp_global", &size);
	struct bpf_object *a, *b;
	struct bpf_map *ma, *mb;
	long val = 0x1234, got = 0;
	int zero = 0;

	ASSERT(buf != NULL);
	a = bpf_object__open_mem(buf, size, &opts);
	b = bpf_object__open_mem(buf, size, &opts);
	ASSERT(a != NULL && b != NULL);
	ma = bpf_object__find_map_by_name(a, "pinned_hits");
	mb = bpf_object__find_map_by_name(b, "pinned_hits");
	ASSERT(ma != NULL && mb != NULL);
	EXPECT(bpf_map__pin_path(ma) && !strcmp(bpf_map__pin_path(ma), "/sys/fs/bpf/pinned_hits"));
	EXPECT_EQ(bpf_object__load(a), 0);
	EXPECT(bpf_map__is_pinned(ma));
	EXPECT_EQ(bpf_map_update_elem(bpf_map__fd(ma), &zero, &val, 0), 0);
	EXPECT_EQ(bpf_object__load(b), 0);
	EXPECT(bpf_map__is_pinned(mb));
	EXPECT_EQ(bpf_map_lookup_elem(bpf_map__fd(mb), &zero, &got), 0);
	EXPECT_EQ(got, 0x1234); /* the same map, found by its pin */
	bpf_object__close(a);
	bpf_object__close(b);
	free(buf);
}

UNIT_TEST(section_names_give_types)
{
	static const struct {
		const char *prog;
		enum bpf_prog_type type;
		int err;
		const char *msg;
	} cases[] = {
		{ "p_xdp", BPF_PROG_TYPE_XDP, 0, NULL },
		{ "p_xdp_frags", BPF_PROG_TYPE_XDP, 0, NULL },
		{ "p_socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL },
		{ "p_devmap", BPF_PROG_TYPE_XDP, -ENOTSUP, "devmap/cpumap XDP programs are not" },
		{ "p_tc", BPF_PROG_TYPE_SCHED_CLS, -ENOTSUP, "tc programs are not supported" },
		{ "p_kprobe", BPF_PROG_TYPE_KPROBE, -ENOTSUP, "kprobe programs are not" },
		{ "p_sk_skb", BPF_PROG_TYPE_SK_SKB, -ENOTSUP, "sk_skb programs are not" },
		{ "p_lwt", BPF_PROG_TYPE_LWT_IN, -ENOTSUP, "lightweight tunnel programs" },
		{ "p_socket_extra", BPF_PROG_TYPE_UNSPEC, -EINVAL, "missing BPF prog type" },
		{ "p_unknown", BPF_PROG_TYPE_UNSPEC, -EINVAL,
		  "missing BPF prog type, check ELF section name 'no_such_type'" },
	};
	size_t size, i;
	unsigned char *buf = read_obj("sections", &size);

	ASSERT(buf != NULL);
	libbpf_set_print(capture);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bpf_object *obj = bpf_object__open_mem(buf, size, NULL);
		struct bpf_program *want, *p;
		int err;

		ASSERT(obj != NULL);
		want = bpf_object__find_program_by_name(obj, cases[i].prog);
		EXPECT(want != NULL);
		bpf_object__for_each_program(p, obj) bpf_program__set_autoload(p, p == want);
		msgs[0] = '\0';
		err = bpf_object__load(obj);
		if (!want || bpf_program__type(want) != cases[i].type || err != cases[i].err ||
		    (cases[i].msg && !strstr(msgs, cases[i].msg))) {
			printf("# %s: type %d err %d: %s\n", cases[i].prog,
			       want ? (int)bpf_program__type(want) : -1, err, msgs);
			EXPECT(0);
		}
		EXPECT(!want ||
		       bpf_program__flags(want) == (i == 1 ? (__u32)BPF_F_XDP_HAS_FRAGS : 0u));
		bpf_object__close(obj);
	}
	libbpf_set_print(NULL);
	free(buf);
}

UNIT_TEST(legacy_maps_and_version)
{
	size_t size;
	unsigned char *buf = read_obj("legacy_maps", &size);
	struct bpf_object *obj;
	struct bpf_map *m;

	ASSERT(buf != NULL);
	obj = bpf_object__open_mem(buf, size, NULL);
	ASSERT(obj != NULL);
	EXPECT_EQ(bpf_object__kversion(obj), 0x060100);
	m = bpf_object__find_map_by_name(obj, "legacy_hash");
	ASSERT(m != NULL);
	EXPECT_EQ(bpf_map__type(m), BPF_MAP_TYPE_HASH);
	EXPECT_EQ(bpf_map__value_size(m), 8);
	EXPECT_EQ(bpf_map__max_entries(m), 16);
	EXPECT_EQ(bpf_object__load(obj), 0);
	EXPECT(bpf_map__fd(m) >= 0);
	bpf_object__close(obj);
	free(buf);
}

/* ---- robustness: the ELF fields of a valid object, written through memcpy ---- */
static __u64 get_field(const unsigned char *p, size_t len)
{
	__u64 v = 0;

	memcpy(&v, p, len);
	return v;
}

static void set_field(unsigned char *p, size_t len, __u64 v)
{
	memcpy(p, &v, len);
}

static unsigned char *shdr_at(unsigned char *buf, unsigned int i)
{
	return buf + get_field(buf + 0x28, 8) + (size_t)i * 64;
}

static unsigned int nr_secs(const unsigned char *buf)
{
	return (unsigned int)get_field(buf + 0x3c, 2);
}

/* The index of the section named name in a valid object, or 0. */
static unsigned int find_sec(unsigned char *buf, const char *name)
{
	unsigned char *names = shdr_at(buf, (unsigned int)get_field(buf + 0x3e, 2));
	const char *strs = (const char *)buf + get_field(names + 24, 8);
	unsigned int i;

	for (i = 1; i < nr_secs(buf); i++) {
		if (!strcmp(strs + get_field(shdr_at(buf, i), 4), name))
			return i;
	}
	return 0;
}

UNIT_TEST(every_truncation_is_refused)
{
	size_t size, len, opened = 0;
	unsigned char *buf = read_obj("xdp_counter", &size), *copy;

	ASSERT(buf != NULL);
	libbpf_set_print(capture);
	for (len = 1; len < size; len++) {
		copy = malloc(len);
		memcpy(copy, buf, len);
		opened += open_and_load(copy, len, 0) == 0;
		free(copy);
	}
	EXPECT_EQ(opened, 0);
	EXPECT_EQ(open_and_load(buf, 10, 0), -LIBBPF_ERRNO__FORMAT);
	EXPECT(strstr(msgs, "not an ELF file") != NULL);
	libbpf_set_print(NULL);
	free(buf);
}

/* Corrupts a copy of buf with fn, opens (and loads) it: the error, and msgs holds why. */
static int corrupt(const unsigned char *buf, size_t size, void (*fn)(unsigned char *, size_t),
		   int load)
{
	unsigned char *copy = malloc(size);
	int err;

	memcpy(copy, buf, size);
	fn(copy, size);
	err = open_and_load(copy, size, load);
	free(copy);
	return err;
}

static void bad_shoff(unsigned char *b, size_t size)
{
	set_field(b + 0x28, 8, size - 10);
}

static void huge_shnum(unsigned char *b, size_t size)
{
	set_field(b + 0x3c, 2, 0xfffe);
}

static void bad_shstrndx(unsigned char *b, size_t size)
{
	set_field(b + 0x3e, 2, nr_secs(b) + 3);
}

static void bad_machine(unsigned char *b, size_t size)
{
	set_field(b + 0x12, 2, 62); /* EM_X86_64 */
}

static void symtab_bad_link(unsigned char *b, size_t size)
{
	set_field(shdr_at(b, find_sec(b, ".symtab")) + 40, 4, 0x7777);
}

static void symbol_bad_section(unsigned char *b, size_t size)
{
	unsigned char *sh = shdr_at(b, find_sec(b, ".symtab"));
	size_t n = get_field(sh + 32, 8) / 24, i;

	for (i = 1; i < n; i++)
		set_field(b + get_field(sh + 24, 8) + i * 24 + 6, 2, 0x9000);
}

static void rel_bad_symbol(unsigned char *b, size_t size)
{
	unsigned char *sh = shdr_at(b, find_sec(b, ".relxdp"));

	set_field(b + get_field(sh + 24, 8) + 8 + 4, 4, 0x00ffffff);
}

static void rel_bad_offset(unsigned char *b, size_t size)
{
	unsigned char *sh = shdr_at(b, find_sec(b, ".relxdp"));

	set_field(b + get_field(sh + 24, 8), 8, 3);
}

static void btf_bad_magic(unsigned char *b, size_t size)
{
	set_field(b + get_field(shdr_at(b, find_sec(b, ".BTF")) + 24, 8), 2, 0x1234);
}

static void btf_huge_types(unsigned char *b, size_t size)
{
	set_field(b + get_field(shdr_at(b, find_sec(b, ".BTF")) + 24, 8) + 12, 4, 0x7ffffff0);
}

static void bss_huge(unsigned char *b, size_t size)
{
	set_field(shdr_at(b, find_sec(b, ".bss")) + 32, 8, 0xfffffff0ULL);
}

static void license_outside(unsigned char *b, size_t size)
{
	set_field(shdr_at(b, find_sec(b, "license")) + 24, 8, 0xffffffffff00ULL);
}

UNIT_TEST(corruptions_have_precise_errors)
{
	static const struct {
		const char *name;
		void (*fn)(unsigned char *, size_t);
		int load;
		const char *msg;
	} cases[] = {
		{ "shoff", bad_shoff, 0, "bad section header table" },
		{ "shnum", huge_shnum, 0, "bad section header table" },
		{ "shstrndx", bad_shstrndx, 0, "bad section name table index" },
		{ "machine", bad_machine, 0, "not a BPF relocatable object" },
		{ "symtab-link", symtab_bad_link, 0, "bad symbol table" },
		{ "symbol-shndx", symbol_bad_section, 0, "section index 36864 out of range" },
		{ "rel-symbol", rel_bad_symbol, 1, "bad relocation (symbol 16777215" },
		{ "rel-offset", rel_bad_offset, 1, "bad relocation" },
		{ "btf-magic", btf_bad_magic, 0, "section '.maps' needs BTF" },
		{ "btf-types", btf_huge_types, 0, "outside the" },
		{ "license", license_outside, 0, "outside the file" },
		{ "bss-size", bss_huge, 0, "more than any kernel takes" },
	};
	size_t size, i;
	unsigned char *buf = read_obj("xdp_counter", &size);

	ASSERT(buf != NULL);
	libbpf_set_print(capture);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err = corrupt(buf, size, cases[i].fn, cases[i].load);

		if (err == 0 || !strstr(msgs, cases[i].msg)) {
			printf("# %s: error %d, messages: %s\n", cases[i].name, err, msgs);
			EXPECT(0);
		}
	}
	libbpf_set_print(NULL);
	free(buf);
}

/*
 * Random 1-4 byte mutations of each object, opened and loaded: errors, never
 * a crash. LIBBPF_MUTANTS=N (per object, default 700) and LIBBPF_SEED=S make
 * longer or other runs (`make fuzz`-style) of the same test.
 */
UNIT_TEST(mutations_never_crash)
{
	static const char *const names[] = { "xdp_counter", "legacy_maps", "xdp_global" };
	const char *count = getenv("LIBBPF_MUTANTS"), *seed = getenv("LIBBPF_SEED");
	size_t n, i, size, opened = 0, refused = 0, mutants = count ? strtoul(count, NULL, 0) : 700;
	unsigned char *buf, *copy;

	libbpf_set_print(NULL);
	unit_srand(seed ? strtoull(seed, NULL, 0) : 8);
	for (n = 0; n < 3; n++) {
		buf = read_obj(names[n], &size);
		ASSERT(buf != NULL);
		copy = malloc(size);
		for (i = 0; i < mutants; i++) {
			unsigned int k, flips = 1 + unit_rand() % 4;

			memcpy(copy, buf, size);
			for (k = 0; k < flips; k++)
				copy[unit_rand() % size] ^=
					(unsigned char)(1u << (unit_rand() % 8));
			if (open_and_load(copy, size, 1))
				refused++;
			else
				opened++;
		}
		free(copy);
		free(buf);
	}
	printf("# %zu mutants loaded, %zu refused\n", opened, refused);
	EXPECT(opened > 0);
	EXPECT(refused > 0);
}

UNIT_TEST(bad_arguments)
{
	EXPECT(bpf_object__open_mem(NULL, 10, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	libbpf_set_print(capture);
	msgs[0] = '\0';
	EXPECT(bpf_object__open_file("/nonexistent/x.bpf.o", NULL) == NULL);
	EXPECT(strstr(msgs, "failed to open /nonexistent/x.bpf.o") != NULL);
	libbpf_set_print(NULL);
	EXPECT_EQ(bpf_object__load(NULL), -EINVAL);
	bpf_object__close(NULL);
}

UNIT_MAIN()
