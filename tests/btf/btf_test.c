// SPDX-License-Identifier: GPL-2.0
/*
 * BTF_LOAD, BTF ids and map BTF, differentially: the same valid and corrupt
 * blobs (built here, one small builder) go to the host's Linux and to
 * bpfkern's kernel code in-process; tests/tiers/25-btf.sh compares the two
 * outputs line by line. A line says only what both kernels must agree on:
 * accepted or the errno, and for a few blobs the last line of the log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <linux/btf.h>

#ifdef BPFKERN_INPROC
int bpfkern_close(int fd);
#define close(fd) bpfkern_close(fd) /* fds live in the in-process kernel's table */
#define BACKEND "bpfkern"
#else
#define BACKEND "linux"
#endif

#define INFO(kind, kflag, vlen) (((__u32)(kflag) << 31) | ((__u32)(kind) << 24) | (vlen))
#define INT_DATA(enc, off, bits) (((__u32)(enc) << 24) | ((__u32)(off) << 16) | (bits))

/* A blob under construction: words of the type section and a string table. */
struct blob {
	__u32 types[1024];
	__u32 ntypes; /* words */
	char strs[2048];
	__u32 slen;
	struct btf_header hdr; /* filled by finish(), then tweakable */
	unsigned char out[8192];
	__u32 size;
};

static void init(struct blob *b)
{
	memset(b, 0, sizeof(*b));
	b->slen = 1; /* strs[0] = '\0' */
}

/* The offset of name in the string table (added once). */
static __u32 S(struct blob *b, const char *name)
{
	__u32 off = b->slen;

	if (!name || !*name)
		return 0;
	memcpy(b->strs + off, name, strlen(name) + 1);
	b->slen += (__u32)strlen(name) + 1;
	return off;
}

/* Appends n 32-bit words to the type section. */
static void W(struct blob *b, int n, ...)
{
	va_list ap;

	va_start(ap, n);
	while (n--)
		b->types[b->ntypes++] = va_arg(ap, __u32);
	va_end(ap);
}

static void T(struct blob *b, const char *name, __u32 info, __u32 size_or_type)
{
	W(b, 3, S(b, name), info, size_or_type);
}

/* The usual first type: [1] int, 4 bytes, signed. */
static void int_type(struct blob *b)
{
	T(b, "int", INFO(BTF_KIND_INT, 0, 0), 4);
	W(b, 1, INT_DATA(BTF_INT_SIGNED, 0, 32));
}

/* Lays out header, types, strings into out (standard layout). */
static void finish(struct blob *b)
{
	b->hdr.magic = BTF_MAGIC;
	b->hdr.version = BTF_VERSION;
	b->hdr.hdr_len = sizeof(b->hdr);
	b->hdr.type_off = 0;
	b->hdr.type_len = b->ntypes * 4;
	b->hdr.str_off = b->hdr.type_len;
	b->hdr.str_len = b->slen;
}

/* Writes out from hdr as it stands (after any tweak). */
static void emit(struct blob *b)
{
	__u32 hl = sizeof(b->hdr);

	memset(b->out, 0, sizeof(b->out));
	memcpy(b->out, &b->hdr, hl);
	memcpy(b->out + hl, b->types, b->ntypes * 4);
	memcpy(b->out + hl + b->ntypes * 4, b->strs, b->slen);
	b->size = hl + b->ntypes * 4 + b->slen;
}

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM:
		return "EPERM";
	case ENOENT:
		return "ENOENT";
	case EBADF:
		return "EBADF";
	case EACCES:
		return "EACCES";
	case EFAULT:
		return "EFAULT";
	case EEXIST:
		return "EEXIST";
	case EINVAL:
		return "EINVAL";
	case ENOSPC:
		return "ENOSPC";
	case E2BIG:
		return "E2BIG";
	case ELOOP:
		return "ELOOP";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case 524:
		return "ENOTSUPP";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static void show(const char *name, int ret)
{
	if (ret >= 0)
		printf("%s: ok\n", name);
	else
		printf("%s: -%s\n", name, errname(-ret));
}

static void show_n(unsigned n, int ret)
{
	char name[32];

	snprintf(name, sizeof(name), "mutation %u", n);
	show(name, ret);
	if (ret >= 0)
		close(ret);
}

static char log_buf[65536];

/* Loads out[0 .. size) with a log; returns the fd or -errno. */
static int load_raw(const void *data, __u32 size, __u32 log_size)
{
	LIBBPF_OPTS(bpf_btf_load_opts, o, .log_buf = log_size ? log_buf : NULL,
		    .log_size = log_size, .log_level = log_size ? 1 : 0);
	int fd;

	memset(log_buf, 0, sizeof(log_buf));
	fd = bpf_btf_load(data, size, &o);
	return fd < 0 ? -errno : fd;
}

/* The last non-empty line of the log. */
static const char *last_line(void)
{
	static char line[256];
	size_t n = strlen(log_buf);
	const char *p;

	while (n && log_buf[n - 1] == '\n')
		n--;
	for (p = log_buf + n; p > log_buf && p[-1] != '\n'; p--)
		;
	snprintf(line, sizeof(line), "%.*s", (int)(log_buf + n - p), p);
	return line;
}

/* Loads blob b as it was emitted; prints the verdict; with_log: and the log's last line. */
static int check(struct blob *b, const char *name, int with_log)
{
	int fd = load_raw(b->out, b->size, sizeof(log_buf));

	show(name, fd);
	if (with_log)
		printf("%s log: %s\n", name, last_line());
	if (fd >= 0)
		close(fd);
	return fd;
}

/* The standard layout, then check. */
static void load(struct blob *b, const char *name, int with_log)
{
	finish(b);
	emit(b);
	check(b, name, with_log);
}

static void test_header(void)
{
	struct blob b;
	unsigned char raw[64];

	init(&b);
	int_type(&b);
	load(&b, "hdr valid", 0);
	b.hdr.magic = 0x9feb;
	emit(&b);
	check(&b, "hdr bad magic", 1);
	finish(&b);
	b.hdr.version = 2;
	emit(&b);
	check(&b, "hdr version 2", 1);
	finish(&b);
	b.hdr.flags = 1;
	emit(&b);
	check(&b, "hdr flags", 1);
	finish(&b);
	emit(&b);
	show("hdr 7 bytes", load_raw(b.out, 7, sizeof(log_buf)));
	printf("hdr 7 bytes log: %s\n", last_line());
	show("hdr only", load_raw(b.out, 24, sizeof(log_buf)));
	b.hdr.hdr_len = 100;
	emit(&b);
	check(&b, "hdr_len past end", 1);
	finish(&b);
	b.hdr.type_off = 2;
	b.hdr.str_off += 2;
	b.hdr.type_len -= 2;
	emit(&b);
	check(&b, "type_off unaligned", 1);
	finish(&b);
	b.hdr.str_off += 4;
	emit(&b);
	check(&b, "gap between sections", 1);
	finish(&b);
	b.hdr.str_off -= 4;
	b.hdr.str_len += 4;
	emit(&b);
	check(&b, "sections overlap", 1);
	finish(&b);
	b.hdr.str_len += 8;
	emit(&b);
	check(&b, "strings past end", 1);
	finish(&b);
	b.hdr.type_len = 0;
	b.hdr.str_off = 0;
	emit(&b);
	show("no types", load_raw(b.out, sizeof(b.hdr) + b.slen, sizeof(log_buf)));
	/* strings first, then types: the string section must be last */
	finish(&b);
	memcpy(raw, &b.hdr, sizeof(b.hdr));
	((struct btf_header *)raw)->str_off = 0;
	((struct btf_header *)raw)->type_off = b.slen;
	/* slen is 4 ("int"): the types stay aligned */
	memcpy(raw + 24, b.strs, b.slen);
	memcpy(raw + 24 + b.slen, b.types, b.ntypes * 4);
	show("strings not last", load_raw(raw, 24 + b.slen + b.ntypes * 4, sizeof(log_buf)));
	printf("strings not last log: %s\n", last_line());
	/* a longer header: zeros are fine, anything else is E2BIG */
	finish(&b);
	b.hdr.hdr_len = 28;
	memset(raw, 0, sizeof(raw));
	memcpy(raw, &b.hdr, 24);
	memcpy(raw + 28, b.types, b.ntypes * 4);
	memcpy(raw + 28 + b.ntypes * 4, b.strs, b.slen);
	show("hdr_len 28 zero tail", load_raw(raw, 28 + b.ntypes * 4 + b.slen, sizeof(log_buf)));
	raw[26] = 1;
	show("hdr_len 28 non-zero tail",
	     load_raw(raw, 28 + b.ntypes * 4 + b.slen, sizeof(log_buf)));
	/* strings: first byte not NUL, last byte not NUL */
	finish(&b);
	b.strs[0] = 'x';
	emit(&b);
	check(&b, "strings start non-NUL", 1);
	b.strs[0] = 0;
	b.strs[b.slen++] = 'x';
	finish(&b);
	emit(&b);
	check(&b, "strings end non-NUL", 1);
}

static void test_records(void)
{
	struct blob b;

	init(&b);
	int_type(&b);
	W(&b, 2, 0, INFO(BTF_KIND_PTR, 0, 0)); /* cut short */
	load(&b, "record truncated", 1);
	init(&b);
	T(&b, NULL, INFO(20, 0, 0), 0);
	load(&b, "kind 20", 1);
	init(&b);
	T(&b, NULL, INFO(0, 0, 0), 0);
	load(&b, "kind 0", 1);
	init(&b);
	T(&b, "int", INFO(BTF_KIND_INT, 0, 0) | 0x10000, 4);
	W(&b, 1, INT_DATA(0, 0, 32));
	load(&b, "info reserved bits", 1);
	init(&b);
	W(&b, 4, 999u, INFO(BTF_KIND_INT, 0, 0), 4u, INT_DATA(0, 0, 32));
	load(&b, "name_off out of range", 1);
}

/* One INT with the given size and int data. */
static void one_int(const char *name, __u32 info, __u32 size, __u32 data, int with_log)
{
	struct blob b;

	init(&b);
	T(&b, "int", info, size);
	W(&b, 1, data);
	load(&b, name, with_log);
}

static void test_int(void)
{
	one_int("int ok", INFO(BTF_KIND_INT, 0, 0), 4, INT_DATA(1, 0, 32), 0);
	one_int("int vlen", INFO(BTF_KIND_INT, 0, 1), 4, INT_DATA(1, 0, 32), 1);
	one_int("int kflag", INFO(BTF_KIND_INT, 1, 0), 4, INT_DATA(1, 0, 32), 1);
	one_int("int data bits", INFO(BTF_KIND_INT, 0, 0), 4, 0x10000020, 1);
	one_int("int 129 bits", INFO(BTF_KIND_INT, 0, 0), 16, INT_DATA(0, 1, 128), 1);
	one_int("int bits > size", INFO(BTF_KIND_INT, 0, 0), 2, INT_DATA(0, 0, 32), 1);
	one_int("int encoding 3", INFO(BTF_KIND_INT, 0, 0), 4, INT_DATA(3, 0, 32), 1);
	one_int("int bool", INFO(BTF_KIND_INT, 0, 0), 1, INT_DATA(4, 0, 1), 0);
	one_int("int 128", INFO(BTF_KIND_INT, 0, 0), 16, INT_DATA(0, 0, 128), 0);
}

/* [1] int, then one reference type of kind with name and target. */
static void one_ref(const char *what, __u32 kind, const char *name, __u32 target, int with_log)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, name, INFO(kind, 0, 0), target);
	load(&b, what, with_log);
}

static void test_refs(void)
{
	struct blob b;
	int i;

	one_ref("ptr to int", BTF_KIND_PTR, NULL, 1, 0);
	one_ref("ptr to void", BTF_KIND_PTR, NULL, 0, 0);
	one_ref("ptr named", BTF_KIND_PTR, "p", 1, 1);
	one_ref("ptr to 99", BTF_KIND_PTR, NULL, 99, 1);
	one_ref("ptr to itself", BTF_KIND_PTR, NULL, 2, 1);
	one_ref("typedef ok", BTF_KIND_TYPEDEF, "myint", 1, 0);
	one_ref("typedef of void", BTF_KIND_TYPEDEF, "v", 0, 0);
	one_ref("typedef no name", BTF_KIND_TYPEDEF, NULL, 1, 1);
	one_ref("typedef bad name", BTF_KIND_TYPEDEF, "1x", 1, 1);
	one_ref("const named", BTF_KIND_CONST, "c", 1, 1);
	one_ref("volatile ok", BTF_KIND_VOLATILE, NULL, 1, 0);
	one_ref("restrict ok", BTF_KIND_RESTRICT, NULL, 1, 0);
	one_ref("type_tag ok", BTF_KIND_TYPE_TAG, "user", 1, 0);
	one_ref("type_tag no name", BTF_KIND_TYPE_TAG, NULL, 1, 1);
	one_ref("const huge id", BTF_KIND_CONST, NULL, 0x100000, 1);
	/* ptr -> const -> ptr -> (the first) */
	init(&b);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 2);
	T(&b, NULL, INFO(BTF_KIND_CONST, 0, 0), 3);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 1);
	load(&b, "ptr const ptr loop", 1);
	/* typedef A -> typedef B -> typedef A */
	init(&b);
	T(&b, "A", INFO(BTF_KIND_TYPEDEF, 0, 0), 2);
	T(&b, "B", INFO(BTF_KIND_TYPEDEF, 0, 0), 1);
	load(&b, "typedef loop", 1);
	/* const -> FUNC: no */
	init(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 0), 0);
	T(&b, "f", INFO(BTF_KIND_FUNC, 0, 0), 1);
	T(&b, NULL, INFO(BTF_KIND_CONST, 0, 0), 2);
	load(&b, "const to func", 1);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 1);
	load(&b, "ptr to func_proto", 0);
	/* a chain of 40 typedefs, each to the next: too deep */
	init(&b);
	for (i = 1; i <= 40; i++) {
		char n[16];

		snprintf(n, sizeof(n), "t%d", i);
		T(&b, n, INFO(BTF_KIND_TYPEDEF, 0, 0), i + 1);
	}
	int_type(&b);
	load(&b, "typedef chain 40 forward", 1);
	/* the same chain in the other order resolves one step at a time */
	init(&b);
	int_type(&b);
	for (i = 2; i <= 41; i++) {
		char n[16];

		snprintf(n, sizeof(n), "t%d", i);
		T(&b, n, INFO(BTF_KIND_TYPEDEF, 0, 0), i - 1);
	}
	load(&b, "typedef chain 40 backward", 0);
	/* type tags must come before other modifiers */
	init(&b);
	int_type(&b);
	T(&b, "tag", INFO(BTF_KIND_TYPE_TAG, 0, 0), 1);
	T(&b, NULL, INFO(BTF_KIND_CONST, 0, 0), 2);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 3);
	load(&b, "const then type_tag", 0);
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_CONST, 0, 0), 1);
	T(&b, "tag", INFO(BTF_KIND_TYPE_TAG, 0, 0), 2);
	load(&b, "type_tag then const", 1);
}

/* [1] int, [2] struct S, then one ARRAY with elem, index, nelems (and name). */
static void one_array(const char *what, const char *name, __u32 elem, __u32 index, __u32 nelems,
		      int with_log)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 0), 0);
	T(&b, name, INFO(BTF_KIND_ARRAY, 0, 0), 0);
	W(&b, 3, elem, index, nelems);
	load(&b, what, with_log);
}

static void test_array(void)
{
	struct blob b;

	one_array("array ok", NULL, 1, 1, 10, 0);
	one_array("array named", "a", 1, 1, 10, 1);
	one_array("array elem 0", NULL, 0, 1, 10, 1);
	one_array("array index 0", NULL, 1, 0, 10, 1);
	one_array("array index struct", NULL, 1, 2, 10, 1);
	one_array("array of empty struct", NULL, 2, 1, 10, 0);
	one_array("array of itself", NULL, 3, 1, 10, 1);
	one_array("array zero elems", NULL, 1, 1, 0, 0);
	one_array("array overflow", NULL, 1, 1, 0x40000000, 1);
	init(&b);
	int_type(&b);
	T(&b, "bits", INFO(BTF_KIND_INT, 0, 0), 1);
	W(&b, 1, INT_DATA(0, 0, 3));
	T(&b, NULL, INFO(BTF_KIND_ARRAY, 0, 0), 0);
	W(&b, 3, 2u, 1u, 4u);
	load(&b, "array of 3-bit ints", 1);
	init(&b);
	int_type(&b);
	T(&b, "F", INFO(BTF_KIND_FWD, 0, 0), 0);
	T(&b, NULL, INFO(BTF_KIND_ARRAY, 0, 0), 0);
	W(&b, 3, 2u, 1u, 4u);
	load(&b, "array of fwd", 1);
}

/* [1] int, [2] a struct of size with one member (name, type, offset), kflag. */
static void one_struct(const char *what, __u32 kind, int kflag, __u32 size, const char *mname,
		       __u32 mtype, __u32 moff, int with_log)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, "S", INFO(kind, kflag, 1), size);
	W(&b, 3, S(&b, mname), mtype, moff);
	load(&b, what, with_log);
}

static void test_struct(void)
{
	struct blob b;

	one_struct("struct ok", BTF_KIND_STRUCT, 0, 4, "a", 1, 0, 0);
	one_struct("struct member bad name", BTF_KIND_STRUCT, 0, 4, "a-b", 1, 0, 1);
	one_struct("struct member anon", BTF_KIND_STRUCT, 0, 4, NULL, 1, 0, 0);
	one_struct("struct member void", BTF_KIND_STRUCT, 0, 4, "a", 0, 0, 1);
	one_struct("struct member 99", BTF_KIND_STRUCT, 0, 4, "a", 99, 0, 1);
	one_struct("struct member past size", BTF_KIND_STRUCT, 0, 4, "a", 1, 64, 1);
	one_struct("struct member overhangs", BTF_KIND_STRUCT, 0, 4, "a", 1, 8, 1);
	one_struct("struct member unaligned", BTF_KIND_STRUCT, 0, 8, "a", 1, 4, 0);
	one_struct("struct containing itself", BTF_KIND_STRUCT, 0, 4, "a", 2, 0, 1);
	one_struct("union offset", BTF_KIND_UNION, 0, 8, "a", 1, 32, 1);
	one_struct("union ok", BTF_KIND_UNION, 0, 4, "a", 1, 0, 0);
	one_struct("bitfield ok", BTF_KIND_STRUCT, 1, 4, "a", 1, (3u << 24) | 5, 0);
	one_struct("bitfield too wide", BTF_KIND_STRUCT, 1, 4, "a", 1, (33u << 24), 1);
	one_struct("bitfield past size", BTF_KIND_STRUCT, 1, 4, "a", 1, (8u << 24) | 28, 1);
	/* struct S { struct S *next; int v; } */
	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 2), 16);
	W(&b, 6, S(&b, "next"), 3u, 0u, S(&b, "v"), 1u, 64u);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 2);
	load(&b, "struct self pointer", 0);
	/* members out of order */
	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 2), 8);
	W(&b, 6, S(&b, "a"), 1u, 32u, S(&b, "b"), 1u, 0u);
	load(&b, "struct members backwards", 1);
	/* a member whose type is a FUNC_PROTO */
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 0), 1);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 1), 8);
	W(&b, 3, S(&b, "f"), 2u, 0u);
	load(&b, "struct member func_proto", 1);
	/* a pointer member not at a byte */
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_PTR, 0, 0), 1);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 1), 16);
	W(&b, 3, S(&b, "p"), 2u, 3u);
	load(&b, "ptr member not byte aligned", 1);
	init(&b);
	int_type(&b);
	T(&b, "bad name", INFO(BTF_KIND_STRUCT, 0, 0), 4);
	load(&b, "struct name with space", 1);
}

static void test_enum(void)
{
	struct blob b;
	__u32 sizes[] = { 1, 2, 3, 4, 8, 16 };
	char name[32];
	unsigned i;

	for (i = 0; i < 6; i++) {
		init(&b);
		T(&b, "E", INFO(BTF_KIND_ENUM, 0, 1), sizes[i]);
		W(&b, 2, S(&b, "A"), 1u);
		snprintf(name, sizeof(name), "enum size %u", sizes[i]);
		load(&b, name, 0);
	}
	init(&b);
	T(&b, "E", INFO(BTF_KIND_ENUM, 0, 1), 4);
	W(&b, 2, 0u, 1u);
	load(&b, "enum value anon", 1);
	init(&b);
	T(&b, "E", INFO(BTF_KIND_ENUM, 1, 2), 4);
	W(&b, 4, S(&b, "A"), (__u32)-1, S(&b, "B"), 1u);
	load(&b, "enum signed", 0);
	init(&b);
	T(&b, NULL, INFO(BTF_KIND_ENUM, 0, 0), 4);
	load(&b, "enum empty anon", 0);
	init(&b);
	T(&b, "E", INFO(BTF_KIND_ENUM64, 0, 1), 8);
	W(&b, 3, S(&b, "A"), 1u, 2u);
	load(&b, "enum64 ok", 0);
	init(&b);
	T(&b, "E", INFO(BTF_KIND_ENUM64, 0, 1), 8);
	W(&b, 2, S(&b, "A"), 1u);
	load(&b, "enum64 truncated", 1);
}

static void test_func(void)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 2), 1);
	W(&b, 4, S(&b, "a"), 1u, S(&b, "b"), 1u);
	T(&b, "f", INFO(BTF_KIND_FUNC, 0, BTF_FUNC_GLOBAL), 2);
	load(&b, "func ok", 0);
	T(&b, "g", INFO(BTF_KIND_FUNC, 0, BTF_FUNC_EXTERN), 2);
	load(&b, "func extern", 1);
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 1), 1);
	W(&b, 2, 0u, 1u);
	T(&b, "f", INFO(BTF_KIND_FUNC, 0, 0), 2);
	load(&b, "func unnamed arg", 1);
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 2), 1);
	W(&b, 4, S(&b, "a"), 1u, 0u, 0u);
	T(&b, "f", INFO(BTF_KIND_FUNC, 0, 0), 2);
	load(&b, "func vararg", 0);
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 2), 1);
	W(&b, 4, 0u, 0u, S(&b, "a"), 1u);
	load(&b, "proto vararg first", 1);
	init(&b);
	int_type(&b);
	T(&b, "F", INFO(BTF_KIND_FWD, 0, 0), 0);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 0), 2);
	load(&b, "proto returns fwd", 1);
	init(&b);
	int_type(&b);
	T(&b, "p", INFO(BTF_KIND_FUNC_PROTO, 0, 0), 1);
	load(&b, "proto named", 1);
	init(&b);
	int_type(&b);
	T(&b, "f", INFO(BTF_KIND_FUNC, 0, 0), 1);
	load(&b, "func of int", 1);
	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 0), 1);
	T(&b, NULL, INFO(BTF_KIND_FUNC, 0, 0), 2);
	load(&b, "func anon", 1);
}

static void test_var_datasec(void)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, BTF_VAR_GLOBAL_ALLOCATED);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 4);
	W(&b, 3, 2u, 0u, 4u);
	load(&b, "datasec ok", 0);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, BTF_VAR_GLOBAL_EXTERN);
	load(&b, "var extern", 1);
	init(&b);
	int_type(&b);
	T(&b, "a.b", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 0u);
	load(&b, "var dotted name", 1);
	init(&b);
	int_type(&b);
	T(&b, "F", INFO(BTF_KIND_FWD, 0, 0), 0);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 2);
	W(&b, 1, 0u);
	load(&b, "var of fwd", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 0);
	W(&b, 1, 0u);
	load(&b, "var of void", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 1u);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 0);
	W(&b, 3, 2u, 0u, 4u);
	load(&b, "datasec size 0", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 1u);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 2), 8);
	W(&b, 6, 2u, 0u, 4u, 2u, 2u, 4u);
	load(&b, "datasec overlap", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 1u);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 8);
	W(&b, 3, 2u, 0u, 2u);
	load(&b, "datasec var too small", 1);
	init(&b);
	int_type(&b);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 8);
	W(&b, 3, 1u, 0u, 4u);
	load(&b, "datasec of int", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 1u);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 8);
	W(&b, 3, 2u, 6u, 4u);
	load(&b, "datasec var past end", 1);
	init(&b);
	int_type(&b);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1);
	W(&b, 1, 1u);
	T(&b, "", INFO(BTF_KIND_DATASEC, 0, 1), 8);
	W(&b, 3, 2u, 0u, 4u);
	load(&b, "datasec anon", 1);
}

static void test_misc_kinds(void)
{
	struct blob b;

	init(&b);
	T(&b, "double", INFO(BTF_KIND_FLOAT, 0, 0), 8);
	load(&b, "float 8", 0);
	init(&b);
	T(&b, "f3", INFO(BTF_KIND_FLOAT, 0, 0), 3);
	load(&b, "float 3", 1);
	init(&b);
	T(&b, "F", INFO(BTF_KIND_FWD, 1, 0), 0);
	load(&b, "fwd union", 0);
	init(&b);
	T(&b, "F", INFO(BTF_KIND_FWD, 0, 0), 1);
	load(&b, "fwd with type", 1);
	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 1), 4);
	W(&b, 3, S(&b, "a"), 1u, 0u);
	T(&b, "tag", INFO(BTF_KIND_DECL_TAG, 0, 0), 2);
	W(&b, 1, (__u32)-1);
	load(&b, "decl_tag struct", 0);
	T(&b, "tag2", INFO(BTF_KIND_DECL_TAG, 0, 0), 2);
	W(&b, 1, 0u);
	load(&b, "decl_tag member 0", 0);
	T(&b, "tag3", INFO(BTF_KIND_DECL_TAG, 0, 0), 2);
	W(&b, 1, 1u);
	load(&b, "decl_tag member 1 of 1", 1);
	init(&b);
	int_type(&b);
	T(&b, "tag", INFO(BTF_KIND_DECL_TAG, 0, 0), 1);
	W(&b, 1, (__u32)-1);
	load(&b, "decl_tag on int", 1);
	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 0), 4);
	T(&b, "tag", INFO(BTF_KIND_DECL_TAG, 0, 0), 2);
	W(&b, 1, (__u32)-2);
	load(&b, "decl_tag idx -2", 1);
	init(&b);
	int_type(&b);
	T(&b, "S", INFO(BTF_KIND_STRUCT, 0, 0), 4);
	T(&b, NULL, INFO(BTF_KIND_DECL_TAG, 0, 0), 2);
	W(&b, 1, (__u32)-1);
	load(&b, "decl_tag empty", 1);
}

/* A blob of [1] int, [2] u64-ish int, [3] struct with a spin lock... for maps. */
static int map_btf(int two_locks)
{
	struct blob b;
	int fd;

	init(&b);
	int_type(&b); /* 1 */
	T(&b, "long", INFO(BTF_KIND_INT, 0, 0), 8); /* 2 */
	W(&b, 1, INT_DATA(1, 0, 64));
	T(&b, "bpf_spin_lock", INFO(BTF_KIND_STRUCT, 0, 1), 4); /* 3 */
	W(&b, 3, S(&b, "val"), 1u, 0u);
	T(&b, "val", INFO(BTF_KIND_STRUCT, 0, two_locks ? 3 : 2), two_locks ? 12 : 8); /* 4 */
	W(&b, 6, S(&b, "lock"), 3u, 0u, S(&b, "cnt"), 1u, 32u);
	if (two_locks)
		W(&b, 3, S(&b, "lock2"), 3u, 64u);
	T(&b, "v", INFO(BTF_KIND_VAR, 0, 0), 1); /* 5 */
	W(&b, 1, 1u);
	T(&b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 4); /* 6 */
	W(&b, 3, 5u, 0u, 4u);
	T(&b, "K", INFO(BTF_KIND_STRUCT, 0, 1), 8); /* 7: an LPM key */
	W(&b, 3, S(&b, "prefixlen"), 1u, 0u);
	finish(&b);
	emit(&b);
	fd = load_raw(b.out, b.size, 0);
	return fd;
}

static int map_with(const char *name, __u32 type, __u32 ks, __u32 vs, __u32 max, __u32 flags,
		    int btf_fd, __u32 kid, __u32 vid)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .btf_fd = (__u32)btf_fd, .btf_key_type_id = kid,
		    .btf_value_type_id = vid, .map_flags = flags);
	int fd = bpf_map_create(type, NULL, ks, vs, max, &o);

	fd = fd < 0 ? -errno : fd;
	show(name, fd);
	return fd;
}

/* A {lock, cnt} value: the lock word is the kernel's, whatever user space writes. */
static void spin_lock_values(int fd, const char *what)
{
	__u32 k = 0, v[2] = { 0x11111111, 5 }, got[2] = { 7, 7 };
	char name[64];

	snprintf(name, sizeof(name), "%s spin lock update", what);
	show(name, bpf_map_update_elem(fd, &k, v, BPF_ANY) ? -errno : 0);
	snprintf(name, sizeof(name), "%s spin lock lookup", what);
	show(name, bpf_map_lookup_elem(fd, &k, got) ? -errno : 0);
	printf("%s spin lock value read back: lock %#x cnt %u\n", what, got[0], got[1]);
	v[1] = 6;
	snprintf(name, sizeof(name), "%s spin lock update F_LOCK", what);
	show(name, bpf_map_update_elem(fd, &k, v, BPF_F_LOCK) ? -errno : 0);
	snprintf(name, sizeof(name), "%s spin lock update F_LOCK|NOEXIST", what);
	show(name, bpf_map_update_elem(fd, &k, v, BPF_F_LOCK | BPF_NOEXIST) ? -errno : 0);
	snprintf(name, sizeof(name), "%s spin lock lookup F_LOCK", what);
	show(name, bpf_map_lookup_elem_flags(fd, &k, got, BPF_F_LOCK) ? -errno : 0);
	printf("%s spin lock value read back: lock %#x cnt %u\n", what, got[0], got[1]);
}

static void test_maps(void)
{
	int btf = map_btf(0), btf2 = map_btf(1), fd, other;
	struct bpf_map_info mi;
	struct bpf_btf_info bi;
	__u32 len = sizeof(mi);

	show("map btf blob", btf);
	show("map btf blob two locks", btf2);
	fd = map_with("array int/int", BPF_MAP_TYPE_ARRAY, 4, 4, 4, 0, btf, 1, 1);
	memset(&mi, 0, sizeof(mi));
	bpf_map_get_info_by_fd(fd, &mi, &len);
	memset(&bi, 0, sizeof(bi));
	len = sizeof(bi);
	bpf_btf_get_info_by_fd(btf, &bi, &len);
	printf("map info btf_id is the blob's: %d\n", mi.btf_id == bi.id && bi.id != 0);
	printf("map info key/value ids: %u %u\n", mi.btf_key_type_id, mi.btf_value_type_id);
	close(fd);
	close(map_with("array key size differs", BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0, btf, 1, 1));
	close(map_with("array long key", BPF_MAP_TYPE_ARRAY, 8, 4, 4, 0, btf, 2, 1));
	close(map_with("array keyless datasec", BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0, btf, 0, 6));
	close(map_with("array keyless datasec 2 entries", BPF_MAP_TYPE_ARRAY, 4, 4, 2, 0, btf, 0,
		       6));
	close(map_with("array keyless int", BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0, btf, 0, 1));
	close(map_with("array struct key", BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0, btf, 3, 1));
	close(map_with("hash keyless", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, btf, 0, 1));
	close(map_with("hash key only", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, btf, 1, 0));
	close(map_with("hash btf_fd alone", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, btf, 0, 0));
	close(map_with("hash value id 99", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, btf, 1, 99));
	close(map_with("hash bad btf fd", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, 999, 1, 1));
	other = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	close(map_with("hash btf fd is a map", BPF_MAP_TYPE_HASH, 4, 4, 1, 0, other, 1, 1));
	close(other);
	fd = map_with("hash spin lock", BPF_MAP_TYPE_HASH, 4, 8, 1, 0, btf, 1, 4);
	spin_lock_values(fd, "hash");
	close(fd);
	fd = map_with("array spin lock values", BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0, btf, 1, 4);
	spin_lock_values(fd, "array");
	close(fd);
	fd = map_with("array no spin lock", BPF_MAP_TYPE_ARRAY, 4, 4, 1, 0, btf, 1, 1);
	{
		__u32 k = 0, v = 0;

		show("array no spin lock update F_LOCK",
		     bpf_map_update_elem(fd, &k, &v, BPF_F_LOCK) ? -errno : 0);
		show("array no spin lock lookup F_LOCK",
		     bpf_map_lookup_elem_flags(fd, &k, &v, BPF_F_LOCK) ? -errno : 0);
	}
	close(fd);
	close(map_with("array spin lock", BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0, btf, 1, 4));
	close(map_with("lru hash spin lock", BPF_MAP_TYPE_LRU_HASH, 4, 8, 2, 0, btf, 1, 4));
	close(map_with("percpu array spin lock", BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1, 0, btf, 1, 4));
	close(map_with("array spin lock rdonly_prog", BPF_MAP_TYPE_ARRAY, 4, 8, 1,
		       BPF_F_RDONLY_PROG, btf, 1, 4));
	close(map_with("hash two spin locks", BPF_MAP_TYPE_HASH, 4, 12, 1, 0, btf2, 1, 4));
	close(map_with("lpm struct key", BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1, BPF_F_NO_PREALLOC, btf, 7,
		       1));
	close(map_with("lpm int key", BPF_MAP_TYPE_LPM_TRIE, 8, 4, 1, BPF_F_NO_PREALLOC, btf, 2,
		       1));
	close(map_with("prog array btf", BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1, 0, btf, 1, 1));
	close(map_with("devmap btf", BPF_MAP_TYPE_DEVMAP, 4, 4, 1, 0, btf, 1, 1));
	other = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	{
		LIBBPF_OPTS(bpf_map_create_opts, mo, .btf_fd = (__u32)btf, .btf_key_type_id = 1,
			    .btf_value_type_id = 1, .inner_map_fd = (__u32)other);
		int mfd = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 1, &mo);

		show("array of maps btf", mfd < 0 ? -errno : mfd);
		close(mfd);
		mo.btf_key_type_id = 0;
		mfd = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 1, &mo);
		show("array of maps btf keyless", mfd < 0 ? -errno : mfd);
		close(mfd);
	}
	close(other);
	close(map_with("queue btf", BPF_MAP_TYPE_QUEUE, 0, 4, 1, 0, btf, 0, 1));
	close(map_with("percpu hash btf", BPF_MAP_TYPE_PERCPU_HASH, 4, 4, 1, 0, btf, 1, 1));
	close(btf);
	close(btf2);
}

static void test_ids_info(void)
{
	struct blob b;
	struct bpf_btf_info info;
	unsigned char copy[256];
	char name[8];
	__u32 len, next = 0, id;
	int fd, fd2;

	init(&b);
	int_type(&b);
	finish(&b);
	emit(&b);
	fd = load_raw(b.out, b.size, 0);
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	show("btf info", bpf_btf_get_info_by_fd(fd, &info, &len));
	printf("btf info size %u kernel_btf %u name_len %u len %u\n", info.btf_size,
	       info.kernel_btf, info.name_len, len);
	id = info.id;
	memset(&info, 0, sizeof(info));
	info.btf = (unsigned long)copy;
	info.btf_size = 10;
	info.name = (unsigned long)name;
	info.name_len = sizeof(name);
	len = sizeof(info);
	memset(copy, 0xaa, sizeof(copy));
	show("btf info partial", bpf_btf_get_info_by_fd(fd, &info, &len));
	printf("btf info partial copies 10 bytes: %d, size %u, name \"%s\"\n",
	       !memcmp(copy, b.out, 10) && copy[10] == 0xaa, info.btf_size, name);
	info.name_len = 0;
	show("btf info name without len", bpf_btf_get_info_by_fd(fd, &info, &len));
	show("next id", bpf_btf_get_next_id(id - 1, &next));
	printf("next id is ours: %d\n", next == id);
	fd2 = bpf_btf_get_fd_by_id(id);
	show("fd by id", fd2 < 0 ? -errno : fd2);
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	bpf_btf_get_info_by_fd(fd2, &info, &len);
	printf("fd by id same btf: %d\n", info.id == id);
	close(fd2);
	close(fd);
	fd2 = bpf_btf_get_fd_by_id(id);
	show("fd by id after close", fd2 < 0 ? -errno : fd2);
	show("fd by id 0x7ffffff0", bpf_btf_get_fd_by_id(0x7ffffff0) < 0 ? -errno : 0);
}

static void test_log(void)
{
	LIBBPF_OPTS(bpf_btf_load_opts, o);
	struct blob b;
	char small[64];
	int fd;

	init(&b);
	int_type(&b);
	finish(&b);
	emit(&b);
	o.log_buf = small;
	o.log_size = sizeof(small);
	o.log_level = 1;
	fd = bpf_btf_load(b.out, b.size, &o);
	show("log too small", fd < 0 ? -errno : fd);
	printf("log too small true size > 64: %d\n", o.log_true_size > 64);
	if (fd >= 0)
		close(fd);
	o.log_buf = NULL;
	o.log_size = 0;
	o.log_level = 0;
	fd = bpf_btf_load(b.out, b.size, &o);
	show("no log", fd < 0 ? -errno : fd);
	printf("no log true size: %u\n", o.log_true_size);
	if (fd >= 0)
		close(fd);
	o.log_buf = small;
	o.log_size = sizeof(small);
	o.log_level = 0;
	show("log buf without level", bpf_btf_load(b.out, b.size, &o) < 0 ? -errno : 0);
	o.log_level = 1;
	o.log_buf = NULL;
	show("log size without buf", bpf_btf_load(b.out, b.size, &o) < 0 ? -errno : 0);
	o.log_level = 99;
	o.log_buf = small;
	show("log level 99", bpf_btf_load(b.out, b.size, &o) < 0 ? -errno : 0);
	o.log_level = 1;
	o.log_size = 1;
	show("log size 1", bpf_btf_load(b.out, b.size, &o) < 0 ? -errno : 0);
	o.log_size = 100;
	fd = bpf_btf_load(b.out, b.size, &o);
	show("log size 100", fd < 0 ? -errno : fd);
	if (fd >= 0)
		close(fd);
	show("bad magic log size 20", load_raw("\x9f\xeb\x01\x00\x18\x00\x00\x00", 8, 20));
	o.log_size = 200;
	fd = bpf_btf_load(b.out, b.size, &o);
	show("log size 200", fd < 0 ? -errno : fd);
	if (fd >= 0)
		close(fd);
	show("btf_size 0", load_raw(b.out, 0, sizeof(log_buf)));
	show("btf too big", load_raw(b.out, 17 << 20, sizeof(log_buf)));
}

#define INSN(c, d, s_, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s_), .off = (o), .imm = (i) })

/* A BTF for programs: [1] int, [2] proto int(void), [3] FUNC main, [4] FUNC sub, [5] proto(ctx). */
static int prog_btf(__u32 *line_off, __u32 *file_off)
{
	struct blob b;

	init(&b);
	int_type(&b);
	T(&b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 0), 1);
	T(&b, "main_fn", INFO(BTF_KIND_FUNC, 0, BTF_FUNC_STATIC), 2);
	T(&b, "sub_fn", INFO(BTF_KIND_FUNC, 0, BTF_FUNC_STATIC), 2);
	*line_off = S(&b, "\treturn *(int *)(ctx + 1000);");
	*file_off = S(&b, "/src/dir/prog.bpf.c");
	finish(&b);
	emit(&b);
	return load_raw(b.out, b.size, 0);
}

/* Loads insns as XDP with the given func/line info; prints the verdict. */
static int load_with(const char *name, const struct bpf_insn *insns, int n, int btf_fd,
		     const void *fi, __u32 fi_cnt, __u32 fi_rs, const void *li, __u32 li_cnt,
		     __u32 li_rs, int with_log)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_btf_fd = (__u32)btf_fd, .func_info = fi,
		    .func_info_cnt = fi_cnt, .func_info_rec_size = fi_rs, .line_info = li,
		    .line_info_cnt = li_cnt, .line_info_rec_size = li_rs, .log_buf = log_buf,
		    .log_size = sizeof(log_buf), .log_level = 1);
	int fd;

	memset(log_buf, 0, sizeof(log_buf));
	fd = bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", insns, (size_t)n, &o);
	fd = fd < 0 ? -errno : fd;
	show(name, fd);
	if (with_log)
		printf("%s log: %s\n", name, last_line());
	return fd;
}

/* The first log line starting with "; " (a source line), or "(none)". */
static const char *source_line(void)
{
	static char line[160];
	const char *p = log_buf;

	while (p && *p && strncmp(p, "; ", 2)) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (!p || !*p)
		return "(none)";
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

static void test_prog_btf(void)
{
	const struct bpf_insn ret2[] = { INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
					 INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
	const struct bpf_insn calls[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	const struct bpf_insn bad[] = { INSN(BPF_LDX | BPF_W | BPF_MEM, 0, 1, 1000, 0),
					INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };
	struct bpf_func_info fi[2] = { { 0, 3 }, { 3, 4 } };
	struct bpf_line_info li[3];
	__u32 fi4[4] = { 0, 3, 0, 0 }, line_off, file_off, ids[2];
	struct bpf_func_info got[2];
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int btf = prog_btf(&line_off, &file_off), fd, map;

	show("prog btf blob", btf);
	memset(li, 0, sizeof(li));
	li[0] = (struct bpf_line_info){ 0, file_off, line_off, (7 << 10) | 2 };
	li[1] = (struct bpf_line_info){ 1, file_off, line_off, (8 << 10) | 2 };
	li[2] = (struct bpf_line_info){ 3, file_off, line_off, (9 << 10) | 2 };
	fd = load_with("func_info ok", ret2, 2, btf, fi, 1, 8, NULL, 0, 0, 0);
	memset(&info, 0, sizeof(info));
	memset(got, 0, sizeof(got));
	info.nr_func_info = 1;
	info.func_info = (unsigned long)got;
	show("prog info func_info without rec size", bpf_prog_get_info_by_fd(fd, &info, &len));
	memset(&info, 0, sizeof(info));
	info.nr_func_info = 1;
	info.func_info_rec_size = 4;
	info.func_info = (unsigned long)got;
	len = sizeof(info);
	show("prog info func_info rec size 4", bpf_prog_get_info_by_fd(fd, &info, &len));
	memset(&info, 0, sizeof(info));
	info.nr_func_info = 1;
	info.func_info_rec_size = 8;
	info.func_info = (unsigned long)got;
	len = sizeof(info);
	show("prog info func_info", bpf_prog_get_info_by_fd(fd, &info, &len));
	{
		struct bpf_btf_info bi;
		__u32 bl = sizeof(bi);

		memset(&bi, 0, sizeof(bi));
		bpf_btf_get_info_by_fd(btf, &bi, &bl);
		printf("prog info btf_id is the blob's: %d\n", info.btf_id == bi.id);
	}
	printf("prog info nr_func_info %u rec %u first type %u\n", info.nr_func_info,
	       info.func_info_rec_size, got[0].type_id);
	close(fd);
	close(load_with("func_info rec size 4", ret2, 2, btf, fi, 1, 4, NULL, 0, 0, 1));
	close(load_with("func_info rec size 10", ret2, 2, btf, fi, 1, 10, NULL, 0, 0, 1));
	close(load_with("func_info rec 16 zero tail", ret2, 2, btf, fi4, 1, 16, NULL, 0, 0, 0));
	fi4[2] = 1;
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_btf_fd = (__u32)btf, .func_info = fi4,
			    .func_info_cnt = 1, .func_info_rec_size = 16);
		union bpf_attr attr;

		/* raw: Linux writes the record size it wants back into the attr */
		memset(&attr, 0, sizeof(attr));
		attr.prog_type = BPF_PROG_TYPE_XDP;
		attr.insns = (unsigned long)ret2;
		attr.insn_cnt = 2;
		attr.license = (unsigned long)"GPL";
		attr.prog_btf_fd = (__u32)btf;
		attr.func_info = (unsigned long)fi4;
		attr.func_info_cnt = 1;
		attr.func_info_rec_size = 16;
		fd = sys_bpf(BPF_PROG_LOAD, &attr, sizeof(attr));
		show("func_info rec 16 non-zero tail", fd < 0 ? -errno : fd);
		printf("func_info rec size written back: %u\n", attr.func_info_rec_size);
		(void)o;
	}
	fi[0].insn_off = 1;
	close(load_with("func_info first at 1", ret2, 2, btf, fi, 1, 8, NULL, 0, 0, 1));
	fi[0].insn_off = 0;
	fi[0].type_id = 1;
	close(load_with("func_info type int", ret2, 2, btf, fi, 1, 8, NULL, 0, 0, 1));
	fi[0].type_id = 3;
	close(load_with("func_info 2 for 1 subprog", ret2, 2, btf, fi, 2, 8, NULL, 0, 0, 1));
	close(load_with("func_info bad btf fd", ret2, 2, 999, fi, 1, 8, NULL, 0, 0, 0));
	map = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	close(load_with("func_info btf fd is a map", ret2, 2, map, fi, 1, 8, NULL, 0, 0, 0));
	close(map);
	close(load_with("func_info 2 subprogs", calls, 5, btf, fi, 2, 8, NULL, 0, 0, 0));
	close(load_with("func_info 1 for 2 subprogs", calls, 5, btf, fi, 1, 8, NULL, 0, 0, 1));
	fi[1].insn_off = 2;
	close(load_with("func_info subprog misplaced", calls, 5, btf, fi, 2, 8, NULL, 0, 0, 1));
	fi[1].insn_off = 3;
	fi[1].insn_off = 0;
	close(load_with("func_info offsets not ascending", calls, 5, btf, fi, 2, 8, NULL, 0, 0, 1));
	fi[1].insn_off = 3;
	fd = load_with("line_info ok", ret2, 2, btf, fi, 1, 8, li, 2, 16, 0);
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	bpf_prog_get_info_by_fd(fd, &info, &len);
	printf("prog info nr_line_info %u rec %u\n", info.nr_line_info, info.line_info_rec_size);
	close(fd);
	close(load_with("line_info without func_info", ret2, 2, btf, NULL, 0, 0, li, 2, 16, 0));
	close(load_with("line_info rec size 8", ret2, 2, btf, fi, 1, 8, li, 2, 8, 0));
	close(load_with("line_info past the end", ret2, 2, btf, fi, 1, 8, li, 3, 16, 1));
	close(load_with("line_info subprogs", calls, 5, btf, fi, 2, 8, li, 3, 16, 0));
	close(load_with("line_info missing for func#1", calls, 5, btf, fi, 2, 8, li, 2, 16, 1));
	li[1].line_off = 5000;
	close(load_with("line_info bad line_off", ret2, 2, btf, fi, 1, 8, li, 2, 16, 1));
	li[1].line_off = line_off;
	li[0].insn_off = 1;
	close(load_with("line_info first at 1", ret2, 2, btf, fi, 1, 8, li + 0, 1, 16, 1));
	li[0].insn_off = 0;
	close(load_with("line_info not ascending", ret2, 2, btf, fi, 1, 8, li + 1, 2, 16, 1));
	fd = load_with("rejected with line_info", bad, 2, btf, fi, 1, 8, li, 1, 16, 0);
	printf("rejected with line_info source: %s\n", source_line());
	close(fd);
	(void)ids;
	close(btf);
}

/* A blob with most kinds in it: the seed the mutations start from. */
static void rich_blob(struct blob *b)
{
	init(b);
	int_type(b); /* 1 */
	T(b, "long", INFO(BTF_KIND_INT, 0, 0), 8); /* 2 */
	W(b, 1, INT_DATA(1, 0, 64));
	T(b, NULL, INFO(BTF_KIND_PTR, 0, 0), 4); /* 3 */
	T(b, "S", INFO(BTF_KIND_STRUCT, 1, 3), 16); /* 4 */
	W(b, 9, S(b, "next"), 3u, 0u, S(b, "a"), 1u, (3u << 24) | 64, S(b, "e"), 6u, 96u);
	T(b, "U", INFO(BTF_KIND_UNION, 0, 2), 8); /* 5 */
	W(b, 6, S(b, "x"), 1u, 0u, S(b, "y"), 2u, 0u);
	T(b, "E", INFO(BTF_KIND_ENUM, 0, 2), 4); /* 6 */
	W(b, 4, S(b, "ONE"), 1u, S(b, "TWO"), 2u);
	T(b, NULL, INFO(BTF_KIND_ARRAY, 0, 0), 0); /* 7 */
	W(b, 3, 1u, 1u, 4u);
	T(b, "td", INFO(BTF_KIND_TYPEDEF, 0, 0), 7); /* 8 */
	T(b, NULL, INFO(BTF_KIND_CONST, 0, 0), 8); /* 9 */
	T(b, NULL, INFO(BTF_KIND_VOLATILE, 0, 0), 9); /* 10 */
	T(b, NULL, INFO(BTF_KIND_FUNC_PROTO, 0, 2), 1); /* 11 */
	W(b, 4, S(b, "p"), 3u, S(b, "n"), 2u);
	T(b, "fn", INFO(BTF_KIND_FUNC, 0, 1), 11); /* 12 */
	T(b, "v", INFO(BTF_KIND_VAR, 0, 0), 4); /* 13 */
	W(b, 1, 1u);
	T(b, ".data", INFO(BTF_KIND_DATASEC, 0, 1), 16); /* 14 */
	W(b, 3, 13u, 0u, 16u);
	T(b, "double", INFO(BTF_KIND_FLOAT, 0, 0), 8); /* 15 */
	T(b, "tag", INFO(BTF_KIND_DECL_TAG, 0, 0), 4); /* 16 */
	W(b, 1, 1u);
	T(b, "user", INFO(BTF_KIND_TYPE_TAG, 0, 0), 1); /* 17 */
	T(b, NULL, INFO(BTF_KIND_PTR, 0, 0), 17); /* 18 */
	T(b, "E64", INFO(BTF_KIND_ENUM64, 1, 1), 8); /* 19 */
	W(b, 3, S(b, "BIG"), 1u, 0x80000000u);
	T(b, "F", INFO(BTF_KIND_FWD, 1, 0), 0); /* 20 */
	finish(b);
	emit(b);
}

static __u64 rng_state;

static __u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (__u32)(rng_state >> 11);
}

/*
 * --mutate COUNT SEED: COUNT copies of the rich blob, each with one to
 * three random changes (a byte, a word set to a small value or an id, a
 * header field, a shorter blob), loaded without a log; one verdict line
 * each. Both kernels see the same blobs: the tier compares the lines.
 */
static void mutate(unsigned count, __u64 seed)
{
	static unsigned char data[sizeof(((struct blob *)0)->out)];
	struct blob b;
	unsigned i, m, size;

	rich_blob(&b);
	rng_state = seed ? seed : 1;
	for (i = 0; i < count; i++) {
		memcpy(data, b.out, b.size);
		size = b.size;
		for (m = rnd() % 3 + 1; m; m--) {
			unsigned at = rnd() % size, w = (at & ~3u) % (size - 3);
			__u32 v;

			switch (rnd() % 5) {
			case 0:
				data[at] ^= (unsigned char)(1u << (rnd() % 8));
				break;
			case 1:
				v = rnd() % 40;
				memcpy(data + w, &v, 4);
				break;
			case 2:
				v = rnd() % 24; /* a header field */
				memcpy(data + (rnd() % 5) * 4 + 4, &v, 4);
				break;
			case 3:
				data[at] = (unsigned char)rnd();
				break;
			default:
				size -= rnd() % 8 + 1;
				break;
			}
		}
		show_n(i, load_raw(data, size, getenv("BTF_MUTATION_LOG") ? sizeof(log_buf) : 0));
		if (getenv("BTF_MUTATION_LOG"))
			printf("mutation %u log: %s\n", i, last_line());
	}
}

#ifndef __NEWLIB__ /* host builds only: ring 3 has no files or clocks to time with */
/*
 * --file PATH: loads the BTF blob in PATH (the host's /sys/kernel/btf/vmlinux
 * is a 6 MB one) and prints the verdict, the log's last line, the types'
 * count and how long the load took (for make bench: not a test).
 */
static int load_file(const char *path)
{
	static char big_log[1 << 20];
	LIBBPF_OPTS(bpf_btf_load_opts, o, .log_buf = big_log, .log_size = sizeof(big_log),
		    .log_level = 1);
	FILE *f = fopen(path, "rb");
	struct timespec t0, t1;
	void *data;
	long size;
	int fd;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 2;
	}
	data = malloc((size_t)size);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 2;
	}
	fclose(f);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fd = bpf_btf_load(data, (size_t)size, getenv("BTF_FILE_LOG") ? &o : NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	show(path, fd < 0 ? -errno : fd);
	if (getenv("BTF_FILE_LOG")) {
		memcpy(log_buf, big_log, sizeof(log_buf) - 1);
		printf("log: %s\n", last_line());
	}
	printf("load_ns %lld\n",
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	free(data);
	return fd < 0;
}
#endif

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
#ifndef __NEWLIB__
	if (argc == 3 && !strcmp(argv[1], "--file"))
		return load_file(argv[2]);
#endif
	if (argc == 4 && !strcmp(argv[1], "--mutate")) {
		mutate((unsigned)strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
		return 0;
	}
	test_header();
	test_records();
	test_int();
	test_refs();
	test_array();
	test_struct();
	test_enum();
	test_func();
	test_var_datasec();
	test_misc_kinds();
	test_maps();
	test_ids_info();
	test_log();
	test_prog_btf();
	fprintf(stderr, "btf_test (%s) done\n", BACKEND);
	return 0;
}
