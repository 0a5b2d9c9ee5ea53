// SPDX-License-Identifier: GPL-2.0
/*
 * Object-loader fuzzing (tier 48, make fuzz-obj). The clang-built objects of
 * tests/progs are mutated where a loader is most likely to trust them: the
 * file is cut short, ELF and section headers get bad offsets, sizes, links
 * and counts, relocations name bad symbols and offsets, symbols bad sections
 * and values, .BTF and .BTF.ext headers and types lie, instructions change,
 * random bytes flip. Each mutant is opened with lib/bpf's loader
 * (bpf_object__open_mem) and, if it opens, loaded into bpfkern's kernel
 * in-process (the same build as tests/objects' objtest_bpfkern, with
 * ASan/UBSan/LSan) and closed. With --run each loaded XDP program also runs
 * once (a mutated program that still verifies exercises the helpers and maps
 * with odd arguments; make fuzz does this, tier 48 keeps to the loader).
 *
 * A case passes when the loader gives a clear error (NULL with errno, or a
 * negative error code, in 1..4095) or loads cleanly, and afterwards no fd,
 * program, map, BTF object or link of the kernel is left (the pin namespace
 * is cleared between cases: a pin outlives its object on purpose). A crash
 * or sanitizer report ends the process; the death callback saves the case
 * that caused it. Case i of seed S is the same mutant on every run:
 * `objfuzz --seed S --first i --count 1 OBJS` replays it; --replay FILES
 * loads saved mutants as they are.
 *
 * Output: one TAP-like line per mutation class (cases, how many opened and
 * loaded, failures), then a summary line.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <sanitizer/common_interface_defs.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/host_backend.h>

#define MAX_SEEDS 64
#define MAX_ERR 4095
#define BTF_MAGIC 0xeb9f
#define BTF_HDR_LEN 24
#define BTF_EXT_HDR_LEN 32

/* ---- a seeded generator: case i of a run is independent of the cases before it ---- */

static unsigned long long rng;

static unsigned long long rnd(void)
{
	unsigned long long z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long long rnd_below(unsigned long long n)
{
	return n ? rnd() % n : 0;
}

/*
 * A value a loader may mishandle, around old (the field's present value)
 * and size (the file's length): zero, all ones, sign and width edges,
 * the file's end, off by one, doubled, or a random value.
 */
static unsigned long long interesting(unsigned long long old, size_t size)
{
	switch (rnd_below(14)) {
	case 0:
		return 0;
	case 1:
		return ~0ULL;
	case 2:
		return 0x7fffffff;
	case 3:
		return 0x80000000;
	case 4:
		return 0xffffffff;
	case 5:
		return 1ULL << 63;
	case 6:
		return size;
	case 7:
		return size + 1 + rnd_below(16);
	case 8:
		return old + 1;
	case 9:
		return old - 1;
	case 10:
		return old * 2 + 1;
	case 11:
		return rnd_below(size + 1);
	case 12:
		return rnd_below(64);
	default:
		return rnd();
	}
}

/* Stores v into a field of width bytes (1, 2, 4 or 8) at p, truncated to the width. */
static void put(void *p, unsigned int width, unsigned long long v)
{
	unsigned char b[8];
	unsigned int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	memcpy(p, b, width);
}

static unsigned long long get(const void *p, unsigned int width)
{
	unsigned long long v = 0;

	memcpy(&v, p, width);
	return v;
}

/* Sets the field of width bytes at p to an interesting value. */
static void mutate_field(void *p, unsigned int width, size_t size)
{
	put(p, width, interesting(get(p, width), size));
}

/* ---- a view of the (possibly already damaged) mutant's ELF layout ---- */

struct mutant {
	unsigned char *buf;
	size_t size;
};

/* The section header table, or NULL (and *n = 0) if it does not lie inside the buffer. */
static Elf64_Shdr *shdrs(const struct mutant *m, size_t *n)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)m->buf;

	*n = 0;
	if (m->size < sizeof(*eh) || eh->e_shoff > m->size || eh->e_shoff % 8 ||
	    (m->size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum)
		return NULL;
	*n = eh->e_shnum;
	return (Elf64_Shdr *)(m->buf + eh->e_shoff);
}

/* The bytes of section sh, or NULL if they do not lie inside the buffer. */
static unsigned char *sec_data(const struct mutant *m, const Elf64_Shdr *sh)
{
	if (sh->sh_type == SHT_NOBITS || sh->sh_offset > m->size ||
	    sh->sh_size > m->size - sh->sh_offset || !sh->sh_size)
		return NULL;
	return m->buf + sh->sh_offset;
}

/* A random section of type type (0: any), its bytes inside the buffer and 8-byte aligned. */
static Elf64_Shdr *pick_sec(const struct mutant *m, unsigned int type)
{
	Elf64_Shdr *sh, *found[256];
	size_t n, i, nfound = 0;

	sh = shdrs(m, &n);
	for (i = 0; sh && i < n && nfound < 256; i++)
		if ((!type || sh[i].sh_type == type) && sec_data(m, &sh[i]) &&
		    sh[i].sh_offset % 8 == 0)
			found[nfound++] = &sh[i];
	return nfound ? found[rnd_below(nfound)] : NULL;
}

/* The section named name, if its bytes are inside the buffer. */
static Elf64_Shdr *find_sec(const struct mutant *m, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)m->buf;
	Elf64_Shdr *sh;
	unsigned char *strs;
	size_t n, i;

	sh = shdrs(m, &n);
	if (!sh || eh->e_shstrndx >= n || !(strs = sec_data(m, &sh[eh->e_shstrndx])))
		return NULL;
	for (i = 0; i < n; i++) {
		size_t off = sh[i].sh_name, len = strlen(name);

		if (off + len < sh[eh->e_shstrndx].sh_size && !memcmp(strs + off, name, len + 1))
			return sec_data(m, &sh[i]) ? &sh[i] : NULL;
	}
	return NULL;
}

/* ---- the mutation classes ---- */

/* The file cut short: anywhere, or just inside the last bytes. */
static void mut_truncate(struct mutant *m)
{
	if (rnd_below(2))
		m->size = rnd_below(m->size);
	else
		m->size -= 1 + rnd_below(m->size < 64 ? m->size : 64);
}

/* One to eight random bytes or bits changed anywhere. */
static void mut_flip(struct mutant *m)
{
	int n = 1 + (int)rnd_below(8);

	while (n-- && m->size) {
		size_t at = rnd_below(m->size);

		if (rnd_below(2))
			m->buf[at] ^= (unsigned char)(1u << rnd_below(8));
		else
			m->buf[at] = (unsigned char)rnd();
	}
}

/* A field of the ELF header: section table offset, count, entry size, names index, ident. */
static void mut_ehdr(struct mutant *m)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)m->buf;

	if (m->size < sizeof(*eh))
		return;
	switch (rnd_below(7)) {
	case 0:
		mutate_field(&eh->e_shoff, 8, m->size);
		break;
	case 1:
		mutate_field(&eh->e_shnum, 2, m->size);
		break;
	case 2:
		mutate_field(&eh->e_shentsize, 2, m->size);
		break;
	case 3:
		mutate_field(&eh->e_shstrndx, 2, m->size);
		break;
	case 4:
		mutate_field(&eh->e_machine, 2, m->size);
		break;
	case 5:
		mutate_field(&eh->e_type, 2, m->size);
		break;
	default:
		eh->e_ident[rnd_below(16)] = (unsigned char)rnd();
	}
}

/* A field of one section header: offset, size, type, link, info, name, entry size, flags. */
static void mut_shdr(struct mutant *m)
{
	size_t n;
	Elf64_Shdr *sh = shdrs(m, &n);

	if (!n)
		return;
	sh += rnd_below(n);
	switch (rnd_below(8)) {
	case 0:
		mutate_field(&sh->sh_offset, 8, m->size);
		break;
	case 1:
		mutate_field(&sh->sh_size, 8, m->size);
		break;
	case 2:
		sh->sh_type = rnd_below(2) ? (unsigned int)rnd_below(20) : (unsigned int)rnd();
		break;
	case 3:
		mutate_field(&sh->sh_link, 4, n);
		break;
	case 4:
		mutate_field(&sh->sh_info, 4, n);
		break;
	case 5:
		mutate_field(&sh->sh_name, 4, m->size);
		break;
	case 6:
		mutate_field(&sh->sh_entsize, 8, 64);
		break;
	default:
		sh->sh_flags ^= 1ULL << rnd_below(4);
	}
}

/* One relocation: its offset, its symbol index or its type. */
static void mut_reloc(struct mutant *m)
{
	Elf64_Shdr *sh = pick_sec(m, SHT_REL);
	Elf64_Rel *r;
	size_t n;

	if (!sh || (n = sh->sh_size / sizeof(*r)) == 0)
		return;
	r = (Elf64_Rel *)(m->buf + sh->sh_offset) + rnd_below(n);
	switch (rnd_below(4)) {
	case 0:
		mutate_field(&r->r_offset, 8, m->size);
		break;
	case 1:
		r->r_info = ELF64_R_INFO(interesting(ELF64_R_SYM(r->r_info), 64) & 0xffffffff,
					 ELF64_R_TYPE(r->r_info));
		break;
	case 2:
		r->r_info = ELF64_R_INFO(ELF64_R_SYM(r->r_info),
					 rnd_below(2) ? rnd_below(12) : rnd() & 0xffffffff);
		break;
	default:
		r->r_offset = (r->r_offset & ~7ULL) + 1 + rnd_below(7); /* inside an instruction */
	}
}

/* One symbol: its section index, value, size, name or type and binding. */
static void mut_symbol(struct mutant *m)
{
	Elf64_Shdr *sh = pick_sec(m, SHT_SYMTAB);
	Elf64_Sym *s;
	size_t n;

	if (!sh || (n = sh->sh_size / sizeof(*s)) == 0)
		return;
	s = (Elf64_Sym *)(m->buf + sh->sh_offset) + rnd_below(n);
	switch (rnd_below(5)) {
	case 0:
		s->st_shndx = rnd_below(2) ? (unsigned short)rnd_below(32) : (unsigned short)rnd();
		break;
	case 1:
		mutate_field(&s->st_value, 8, m->size);
		break;
	case 2:
		mutate_field(&s->st_size, 8, m->size);
		break;
	case 3:
		mutate_field(&s->st_name, 4, m->size);
		break;
	default:
		s->st_info = (unsigned char)rnd();
	}
}

/* Bytes of one BTF type record (header and the kind's trailing data), 0 if unknown. */
static size_t btf_type_len(const unsigned char *t, size_t left)
{
	unsigned int info, vlen, kind;

	if (left < 12)
		return 0;
	info = (unsigned int)get(t + 4, 4);
	vlen = info & 0xffff;
	kind = (info >> 24) & 0x1f;
	switch (kind) {
	case 1: /* INT */
	case 14: /* VAR */
	case 17: /* DECL_TAG */
		return 16;
	case 3: /* ARRAY */
		return 24;
	case 4: /* STRUCT */
	case 5: /* UNION */
	case 15: /* DATASEC */
	case 19: /* ENUM64 */
		return 12 + 12 * (size_t)vlen;
	case 6: /* ENUM */
	case 13: /* FUNC_PROTO */
		return 12 + 8 * (size_t)vlen;
	case 2:
	case 7 ... 12:
	case 16:
	case 18:
		return 12;
	default:
		return 0;
	}
}

/*
 * .BTF: a header field (offsets, lengths, magic, version), a type's kind,
 * vlen (huge counts) or name, or any word of the type section set to an
 * interesting value (type ids out of range, bad offsets).
 */
static void mut_btf(struct mutant *m)
{
	Elf64_Shdr *sh = find_sec(m, ".BTF");
	unsigned char *b, *types, *t;
	size_t size, tlen, off, len, picked = 0, seen = 0;

	if (!sh || (size = sh->sh_size) < BTF_HDR_LEN)
		return;
	b = m->buf + sh->sh_offset;
	if (rnd_below(3) == 0) {
		unsigned int at = 4 + 4 * (unsigned int)rnd_below(5);

		if (rnd_below(5) == 0)
			put(b, 2, rnd_below(2) ? 0x9feb : rnd()); /* magic: other endianness */
		else
			mutate_field(b + at, 4, size);
		return;
	}
	off = BTF_HDR_LEN + get(b + 8, 4);
	tlen = get(b + 12, 4);
	if (off > size || tlen > size - off || tlen < 12)
		return;
	types = b + off;
	if (rnd_below(2)) {
		/* A word of the type section. */
		mutate_field(types + 4 * rnd_below(tlen / 4), 4, 1 + rnd_below(64));
		return;
	}
	/* One type's header, chosen by reservoir sampling over the walk. */
	for (t = types; (len = btf_type_len(t, tlen - (size_t)(t - types))) &&
			(size_t)(t - types) + len <= tlen;
	     t += len)
		if (rnd_below(++seen) == 0)
			picked = (size_t)(t - types);
	t = types + picked;
	switch (rnd_below(4)) {
	case 0: /* kind */
		put(t + 7, 1, (get(t + 7, 1) & 0xe0) | rnd_below(32));
		break;
	case 1: /* vlen, up to a huge count */
		put(t + 4, 2, rnd_below(2) ? 0xffff : get(t + 4, 2) + 1 + rnd_below(4));
		break;
	case 2:
		mutate_field(t, 4, get(b + 20, 4)); /* name_off against str_len */
		break;
	default:
		mutate_field(t + 8, 4, 1 + rnd_below(64)); /* size or type id */
	}
}

/* .BTF.ext: a header field, a record size, a count or any word of its records. */
static void mut_btf_ext(struct mutant *m)
{
	Elf64_Shdr *sh = find_sec(m, ".BTF.ext");
	unsigned char *b;
	size_t size;

	if (!sh || (size = sh->sh_size) < BTF_EXT_HDR_LEN)
		return;
	b = m->buf + sh->sh_offset;
	switch (rnd_below(3)) {
	case 0:
		mutate_field(b + 4 + 4 * rnd_below(7), 4, size);
		break;
	case 1: { /* the record size of func_info or line_info, or the first section's count */
		size_t at = BTF_EXT_HDR_LEN + get(b + 8 + 8 * rnd_below(2), 4);

		if (at + 12 <= size)
			mutate_field(b + at + (rnd_below(2) ? 0 : 8), 4, 64);
		break;
	}
	default:
		mutate_field(b + BTF_EXT_HDR_LEN + 4 * rnd_below((size - BTF_EXT_HDR_LEN) / 4), 4,
			     64);
	}
}

/*
 * One instruction of an executable section: its opcode, registers (a
 * pseudo source register for a 64-bit load or a call), offset or immediate.
 */
static void mut_insn(struct mutant *m)
{
	Elf64_Shdr *sh = pick_sec(m, SHT_PROGBITS);
	unsigned char *insn;

	if (!sh || !(sh->sh_flags & SHF_EXECINSTR) || sh->sh_size < 8)
		return;
	insn = m->buf + sh->sh_offset + 8 * rnd_below(sh->sh_size / 8);
	switch (rnd_below(5)) {
	case 0:
		insn[0] = rnd_below(2) ? (unsigned char)rnd() : 0x18; /* BPF_LD_IMM64 */
		break;
	case 1:
		insn[1] =
			(unsigned char)((rnd_below(7) << 4) | rnd_below(16)); /* src pseudo, dst */
		break;
	case 2:
		mutate_field(insn + 2, 2, 64);
		break;
	case 3:
		mutate_field(insn + 4, 4, 256);
		break;
	default:
		insn[0] = 0x85; /* BPF_CALL: helper, pseudo call or kfunc by src_reg */
		insn[1] = (unsigned char)(rnd_below(3) << 4);
		mutate_field(insn + 4, 4, 256);
	}
}

/* Huge counts: a section size, entry count or BTF vlen at its maximum. */
static void mut_count(struct mutant *m)
{
	size_t n;
	Elf64_Shdr *sh = shdrs(m, &n);

	switch (rnd_below(4)) {
	case 0:
		if (n)
			sh[rnd_below(n)].sh_size = rnd_below(2) ? ~0ULL
								: 1ULL << (32 + rnd_below(31));
		break;
	case 1:
		if (m->size >= sizeof(Elf64_Ehdr))
			((Elf64_Ehdr *)m->buf)->e_shnum = (unsigned short)(0xff00 + rnd_below(256));
		break;
	case 2: {
		Elf64_Shdr *btf = find_sec(m, ".BTF");

		if (btf && btf->sh_size >= BTF_HDR_LEN)
			put(m->buf + btf->sh_offset + 12 + 8 * rnd_below(2), 4,
			    0xffffffff - rnd_below(16)); /* type_len or str_len */
		break;
	}
	default:
		if (n)
			sh[rnd_below(n)].sh_entsize = rnd_below(2) ? 1 : ~0ULL;
	}
}

/* A mutation class and what its cases did; errs[e]: cases whose open or load gave -e. */
struct mut_class {
	const char *name;
	void (*mutate)(struct mutant *m);
	long cases, opened, loaded, failed;
	long open_errs[MAX_ERR + 1], load_errs[MAX_ERR + 1];
};

static void mut_mix(struct mutant *m);

#define CLASS(n, f)                    \
	{                              \
		.name = n, .mutate = f \
	}
static struct mut_class classes[] = {
	CLASS("truncate", mut_truncate), CLASS("flip", mut_flip),	CLASS("ehdr", mut_ehdr),
	CLASS("shdr", mut_shdr),	 CLASS("reloc", mut_reloc),	CLASS("symbol", mut_symbol),
	CLASS("btf", mut_btf),		 CLASS("btf-ext", mut_btf_ext), CLASS("insn", mut_insn),
	CLASS("count", mut_count),	 CLASS("mix", mut_mix),
};
#define NR_CLASSES (sizeof(classes) / sizeof(classes[0]))

/* Two to five mutations of the other classes (truncation last, if at all). */
static void mut_mix(struct mutant *m)
{
	int n = 2 + (int)rnd_below(4);

	while (n--)
		classes[1 + rnd_below(NR_CLASSES - 2)].mutate(m);
	if (rnd_below(4) == 0)
		mut_truncate(m);
}

/* ---- loading a mutant and checking what it left behind ---- */

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static int verbose, run_loaded;
static long failures;

/* Prints a failure of case (class, index) once, counts it. */
static void fail(struct mut_class *c, long index, const char *what, long value)
{
	failures++;
	if (c)
		c->failed++;
	fprintf(stderr, "objfuzz: case %ld (%s): %s (%ld)\n", index, c ? c->name : "replay", what,
		value);
#ifdef OBJFUZZ_LIBFUZZER
	abort(); /* libFuzzer saves the input that got here */
#endif
}

/* Whether err, a negative return of the loader, is a clear error code. */
static int clear_error(long err)
{
	return err < 0 && err >= -MAX_ERR;
}

/* Runs each loaded XDP program once on a small frame (its result is not judged). */
static void run_programs(struct bpf_object *obj)
{
	struct bpf_program *prog;
	unsigned char frame[64] = { [12] = 0x08 };

	bpf_object__for_each_program(prog, obj)
	{
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame,
			    .data_size_in = sizeof(frame), .repeat = 1);

		if (bpf_program__fd(prog) >= 0 && bpf_program__type(prog) == BPF_PROG_TYPE_XDP)
			bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);
	}
}

/* Reads every accessor a user would call on an opened object. */
static void walk_object(struct bpf_object *obj)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	size_t sum = strlen(bpf_object__name(obj));

	bpf_object__for_each_program(prog, obj)
	{
		const struct bpf_insn *insns = bpf_program__insns(prog);
		size_t n = bpf_program__insn_cnt(prog);

		sum += strlen(bpf_program__name(prog)) + strlen(bpf_program__section_name(prog));
		if (n && insns)
			sum += insns[n - 1].code;
	}
	bpf_object__for_each_map(map, obj)
	{
		size_t isz = 0;
		unsigned char *init = bpf_map__initial_value(map, &isz);

		sum += strlen(bpf_map__name(map)) + bpf_map__key_size(map);
		if (init && isz)
			sum += init[isz - 1];
	}
	if (verbose > 1)
		fprintf(stderr, "objfuzz: walked (%zu)\n", sum);
}

/*
 * Opens, loads and closes one mutant. Returns 0 (open failed), 1 (opened,
 * load failed) or 2 (loaded); a load error that is no clear error code is
 * reported as a failure of class c.
 */
static int try_object(const struct mutant *m, struct mut_class *c, long index)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;
	long err;

	errno = 0;
	obj = bpf_object__open_mem(m->buf, m->size, &opts);
	if (!obj) {
		if (errno <= 0 || errno > MAX_ERR)
			fail(c, index, "open failed without an errno", errno);
		else if (c)
			c->open_errs[errno]++;
		return 0;
	}
	walk_object(obj);
	if (c && rnd_below(4) == 0) { /* the verifier log's paths too */
		struct bpf_program *prog;

		bpf_object__for_each_program(prog, obj)
			bpf_program__set_log_level(prog, 1 + (unsigned int)rnd_below(2));
	}
	err = bpf_object__load(obj);
	if (err && !clear_error(err))
		fail(c, index, "load returned no clear error code", err);
	else if (err && c)
		c->load_errs[-err]++;
	if (!err && run_loaded)
		run_programs(obj);
	bpf_object__close(obj);
	return err ? 1 : 2;
}

static int base_fd;

/* The next fd the kernel would hand out: a probe map, closed again. */
static int next_fd(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);

	if (fd >= 0)
		bpfkern_close(fd);
	return fd;
}

/* Nothing the case made may remain: no pins, every fd closed, no ids. */
static void check_clean(struct mut_class *c, long index)
{
	__u32 id;
	int fd;

	bpf_fs_clear();
	fd = next_fd();
	if (fd != base_fd)
		fail(c, index, "an fd was left open: next fd is not the first", fd);
	if (!bpf_prog_get_next_id(0, &id))
		fail(c, index, "a program outlived its object", id);
	if (!bpf_map_get_next_id(0, &id))
		fail(c, index, "a map outlived its object", id);
	if (!bpf_btf_get_next_id(0, &id))
		fail(c, index, "a BTF object outlived its object", id);
	if (!bpf_link_get_next_id(0, &id))
		fail(c, index, "a link outlived its object", id);
	if (failures > 20) {
		fprintf(stderr, "objfuzz: too many failures, stopping\n");
		exit(1);
	}
}

/*
 * The leak check must be able to fail: a map left open is reported (the
 * report is then taken back), and a pinned map whose fd is closed is not
 * (check_clean drops pins first).
 */
static void selftest(void)
{
	long before = failures;
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	int leak_seen, pin_ok;

	fprintf(stderr, "objfuzz: selftest: a failure report follows, on purpose\n");
	check_clean(NULL, -100);
	leak_seen = failures > before;
	failures = before;
	bpfkern_close(fd);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	pin_ok = !bpf_obj_pin(fd, "/sys/fs/bpf/objfuzz-selftest");
	bpfkern_close(fd);
	check_clean(NULL, -101);
	pin_ok = pin_ok && failures == before;
	printf("%sok objfuzz/selftest an open map %s, a pinned one %s\n",
	       leak_seen && pin_ok ? "" : "not ", leak_seen ? "is reported" : "is NOT reported",
	       pin_ok ? "is cleared" : "is NOT cleared");
}

/* ---- the seeds, the death callback, the driver ---- */

struct seed_obj {
	const char *path;
	unsigned char *buf;
	size_t size;
};

static struct seed_obj seeds[MAX_SEEDS];
static int nseeds;

/* The case being run, for the death callback: saved where --save says. */
static struct mutant current;
static const char *save_dir;
static const char *current_desc = "";

static void save_current(void)
{
	char path[512];
	FILE *f;

	if (!save_dir || !current.buf)
		return;
	snprintf(path, sizeof(path), "%s/crash-%s.o", save_dir, current_desc);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(current.buf, 1, current.size, f);
	fclose(f);
	fprintf(stderr, "objfuzz: the crashing mutant is %s\n", path);
}

static void on_death(void)
{
	fprintf(stderr, "objfuzz: died in case %s\n", current_desc);
	save_current();
}

/*
 * gcc links UBSan as its own library, whose reports do not run ASan's death
 * callback: UBSan aborts instead (the options below) and SIGABRT saves.
 */
/*
 * A mutant may ask the kernel for a map of billions of elements; the host
 * port's kmalloc is malloc, which must then fail (the kernel's -ENOMEM
 * path), not abort the fuzzer.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "abort_on_error=1:print_stacktrace=1";
}

static void on_abort(int sig)
{
	on_death();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int read_file(const char *path, unsigned char **buf, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	*buf = malloc((size_t)len);
	*size = (size_t)len;
	if (!*buf || fread(*buf, 1, *size, f) != *size) {
		fclose(f);
		free(*buf);
		return -1;
	}
	fclose(f);
	return 0;
}

/* Case index of the run seeded seed: its class, seed object and mutant. */
static void run_case(unsigned long long seed, long index, unsigned char *scratch)
{
	static char desc[64];
	struct mut_class *c;
	struct seed_obj *s;
	int ret;

	rng = seed ^ ((unsigned long long)index * 0xd1342543de82ef95ULL);
	rnd();
	c = &classes[rnd_below(NR_CLASSES)];
	s = &seeds[rnd_below((unsigned long long)nseeds)];
	memcpy(scratch, s->buf, s->size);
	current.buf = scratch;
	current.size = s->size;
	c->mutate(&current);
	snprintf(desc, sizeof(desc), "%llu-%ld", seed, index);
	current_desc = desc;
	if (verbose)
		fprintf(stderr, "objfuzz: case %ld: %s of %s, %zu bytes\n", index, c->name, s->path,
			current.size);
	ret = try_object(&current, c, index);
	c->cases++;
	c->opened += ret >= 1;
	c->loaded += ret == 2;
	check_clean(c, index);
}

/* Each unmutated seed must open; a test that the harness loads anything at all. */
static void check_seeds(void)
{
	long opened = 0, loaded = 0;
	int i;

	for (i = 0; i < nseeds; i++) {
		struct mutant m = { seeds[i].buf, seeds[i].size };
		int ret = try_object(&m, NULL, -1 - i);

		opened += ret >= 1;
		loaded += ret == 2;
		if (!ret)
			fprintf(stderr, "objfuzz: seed %s does not open\n", seeds[i].path);
		check_clean(NULL, -1 - i);
	}
	printf("%sok objfuzz/seeds %d objects: %ld open, %ld load whole\n",
	       opened > 0 && loaded > 0 ? "" : "not ", nseeds, opened, loaded);
}

/* A comment line per class: how often each error code ended an open or a load. */
static void print_errs(const struct mut_class *c)
{
	int e;

	printf("# objfuzz/%s open errors:", c->name);
	for (e = 1; e <= MAX_ERR; e++)
		if (c->open_errs[e])
			printf(" %d:%ld", e, c->open_errs[e]);
	printf("; load errors:");
	for (e = 1; e <= MAX_ERR; e++)
		if (c->load_errs[e])
			printf(" %d:%ld", e, c->load_errs[e]);
	printf("\n");
}

static void usage(void)
{
	fprintf(stderr,
		"usage: objfuzz [--seed S] [--first I] [--count N] [--save DIR] [--run] [-v] "
		"OBJ...\n       objfuzz --replay [--run] [-v] FILE...\n");
	exit(2);
}

#ifdef OBJFUZZ_LIBFUZZER
/*
 * The libFuzzer build (make fuzz-obj-libfuzzer, clang): the same check on
 * each input, and the mutation classes above as a custom mutator, so that
 * coverage feedback steers the same structure-aware changes.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerMutate(unsigned char *data, size_t size, size_t max_size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	libbpf_set_print(quiet);
	base_fd = next_fd();
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct mutant m = { malloc(size ? size : 1), size };

	memcpy(m.buf, data, size);
	rng = size;
	try_object(&m, NULL, 0);
	check_clean(NULL, 0);
	free(m.buf);
	return 0;
}

size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size, size_t max_size, unsigned int seed)
{
	struct mutant m = { data, size };

	rng = seed;
	if (rnd_below(8) == 0)
		return LLVMFuzzerMutate(data, size, max_size);
	classes[rnd_below(NR_CLASSES)].mutate(&m);
	return m.size;
}
#else
int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long first = 0, count = 1000, i;
	size_t max_size = 0;
	unsigned char *scratch;
	int replay = 0;
	size_t k;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (argv++; *argv && argv[0][0] == '-'; argv++) {
		if (!strcmp(*argv, "--seed") && argv[1])
			seed = strtoull(*++argv, NULL, 0);
		else if (!strcmp(*argv, "--first") && argv[1])
			first = atol(*++argv);
		else if (!strcmp(*argv, "--count") && argv[1])
			count = atol(*++argv);
		else if (!strcmp(*argv, "--save") && argv[1])
			save_dir = *++argv;
		else if (!strcmp(*argv, "--replay"))
			replay = 1;
		else if (!strcmp(*argv, "--run"))
			run_loaded = 1;
		else if (!strcmp(*argv, "-v"))
			verbose++;
		else
			usage();
	}
	if (!*argv)
		usage();
	if (verbose < 2)
		libbpf_set_print(quiet);
	for (; *argv && nseeds < MAX_SEEDS; argv++, nseeds++) {
		seeds[nseeds].path = *argv;
		if (read_file(*argv, &seeds[nseeds].buf, &seeds[nseeds].size)) {
			fprintf(stderr, "objfuzz: cannot read %s\n", *argv);
			return 2;
		}
		if (seeds[nseeds].size > max_size)
			max_size = seeds[nseeds].size;
	}
	__sanitizer_set_death_callback(on_death);
	signal(SIGABRT, on_abort);
	base_fd = next_fd();
	if (base_fd < 0) {
		fprintf(stderr, "objfuzz: the in-process kernel cannot create a map (%d)\n", errno);
		return 2;
	}
	if (replay) {
		for (i = 0; i < nseeds; i++) {
			struct mutant m = { seeds[i].buf, seeds[i].size };

			printf("%s: %s\n", seeds[i].path,
			       (const char *[]){ "open error", "load error",
						 "loaded" }[try_object(&m, NULL, i)]);
			check_clean(NULL, i);
		}
		return failures ? 1 : 0;
	}
	selftest();
	check_seeds();
	scratch = malloc(max_size);
	for (i = first; i < first + count; i++)
		run_case(seed, i, scratch);
	current.buf = NULL;
	free(scratch);
	for (k = 0; k < NR_CLASSES; k++) {
		struct mut_class *c = &classes[k];

		print_errs(c);
		printf("%sok objfuzz/%s %ld cases: %ld opened, %ld loaded, %ld failures\n",
		       c->failed || !c->cases ? "not " : "", c->name, c->cases, c->opened,
		       c->loaded, c->failed);
	}
	printf("# objfuzz: seed %llu, cases %ld..%ld, %ld failures\n", seed, first,
	       first + count - 1, failures);
	for (i = 0; i < nseeds; i++)
		free(seeds[i].buf);
	return failures ? 1 : 0;
}
#endif
