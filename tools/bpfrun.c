// SPDX-License-Identifier: GPL-2.0
/*
 * bpfrun: the portable BPF core on the host. Other tools drive it through
 * this exact command line (issue 3, item 4):
 *
 *   bpfrun run [--interp|--jit] [--type raw|xdp|socket_filter]
 *              [--mem HEX | --data FILE] [--data-out FILE] [--repeat N]
 *              [--map TYPE:KEYSIZE:VALUESIZE:MAXENTRIES]... PROG
 *   bpfrun plugin [MEMHEX] [--jit|--interp]
 *   bpfrun asm FILE [-o OUT.bin]
 *   bpfrun disasm FILE
 *   bpfrun verify [--type xdp|socket_filter] [--unpriv | --cap-bpf]
 *                 [--log-level N] [--map SPEC]... [--func-info LINKAGES] PROG
 *
 * PROG is assembly (.s, .asm) or raw little-endian instructions (.bin), or
 * an ELF object from clang -target bpf (.o): loaded with lib/bpf's object
 * loader (tools/bpfrun_obj.c); --prog NAME picks one of its programs.
 * run prints "retval 0x<hex>" and, with --repeat, "ns/run <mean>" (and
 * "jit-compile-ns <n>" when the JIT compiled the program).
 * Bad input: a message on stderr and exit status 2.
 */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <stdarg.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/disasm.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>
#include <bpfkern/verifier.h>
#include <bpfkern/xdp.h>
#include "host/conformance.h"
#include "bpfrun_obj.h"
#include "../tests/verifier/vbtf.h"
#include <bpfkern/btf.h>

#define EXIT_BAD_INPUT 2
#define MAX_MAPS 64
/* Linux's XDP test run: one page per frame, headroom and shared-info tailroom. */
#define XDP_TEST_FRAME_SZ 4096
#define XDP_TEST_MAX_DATA (XDP_TEST_FRAME_SZ - XDP_PACKET_HEADROOM - XDP_SKB_SHARED_INFO_SIZE)

/* Reports bad input and exits with status 2. */
__printf(1, 2) static __noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fputs("bpfrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_BAD_INPUT);
}

static void usage(void)
{
	fputs("usage: bpfrun run [--interp|--jit] [--type raw|xdp|socket_filter]\n"
	      "                  [--mem HEX | --data FILE] [--data-out FILE] [--repeat N]\n"
	      "                  [--map TYPE:KEYSIZE:VALUESIZE:MAXENTRIES]... PROG\n"
	      "       bpfrun run [--prog NAME] [--mem HEX | --data FILE] [--data-out FILE]\n"
	      "                  [--repeat N] OBJ.o\n"
	      "       bpfrun plugin [MEMHEX] [--jit|--interp]\n"
	      "       bpfrun asm FILE [-o OUT.bin]\n"
	      "       bpfrun disasm FILE\n"
	      "       bpfrun verify [--type xdp|socket_filter] [--unpriv | --cap-bpf]\n"
	      "                     [--log-level N] [--map TYPE:K:V:N]... [--func-info static,..] PROG\n"
	      "       bpfrun verify [--prog NAME] [--log-level N] OBJ.o\n",
	      stderr);
	exit(EXIT_BAD_INPUT);
}

/* The whole of a file (or stdin for "-"), NUL-terminated; *len excludes the NUL. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 4096, n = 0, got;
	char *buf;

	if (!f)
		die("%s: %s", path, strerror(errno));
	buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (!buf)
		die("%s: out of memory", path);
	if (ferror(f))
		die("%s: read error", path);
	if (f != stdin)
		fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Bytes from hex text: pairs of digits, optionally separated by whitespace
 * ("aabb11", "aa bb 11"). Returns -1 on anything else (odd digit, bad char).
 */
static long parse_hex(const char *s, u8 **out)
{
	size_t n = 0, cap = strlen(s) / 2 + 1;
	u8 *buf = malloc(cap);

	if (!buf)
		return -1;
	while (*s) {
		int hi, lo;

		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			s++;
			continue;
		}
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0) {
			free(buf);
			return -1;
		}
		buf[n++] = (u8)(hi << 4 | lo);
		s += 2;
	}
	*out = buf;
	return (long)n;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* Instructions from bytes: a whole number of 8-byte little-endian insns. */
static struct bpf_insn *insns_from_bytes(const char *what, const u8 *bytes, size_t len, size_t *cnt)
{
	struct bpf_insn *insns;

	if (len == 0 || len % sizeof(struct bpf_insn))
		die("%s: %zu bytes is not a whole number of 8-byte instructions", what, len);
	insns = malloc(len);
	if (!insns)
		die("out of memory");
	memcpy(insns, bytes, len);
	*cnt = len / sizeof(struct bpf_insn);
	return insns;
}

/* Loads PROG by its extension: .s/.asm assembly, .bin raw instructions. */
static struct bpf_insn *load_prog_file(const char *path, size_t *cnt)
{
	struct bpf_insn *insns;
	size_t len;
	char *text;

	if (has_suffix(path, ".o"))
		die("%s: ELF objects are taken by `bpfrun run` and `bpfrun verify` only", path);
	if (!has_suffix(path, ".s") && !has_suffix(path, ".asm") && !has_suffix(path, ".bin"))
		die("%s: unknown program format (want .s, .asm or .bin)", path);
	text = read_file(path, &len);
	if (has_suffix(path, ".bin")) {
		insns = insns_from_bytes(path, (const u8 *)text, len, cnt);
	} else {
		struct bpf_asm_result res;

		if (bpf_asm(text, &res)) {
			fprintf(stderr, "bpfrun: %s: %s\n", path, res.err);
			bpf_asm_result_free(&res);
			exit(EXIT_BAD_INPUT);
		}
		if (res.cnt == 0)
			die("%s: no instructions", path);
		insns = res.insns; /* ownership moves to the caller */
		*cnt = res.cnt;
	}
	free(text);
	return insns;
}

/* The maps created by --map, in order: lddw map fd i is maps[i]. */
struct map_table {
	struct bpf_map *maps[MAX_MAPS];
	u32 cnt;
};

/* BPF_PSEUDO_MAP_IDX: index i is fd i, so it also names the i-th --map. */
static const int identity_fds[MAX_MAPS] = {
	0,  1,	2,  3,	4,  5,	6,  7,	8,  9,	10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
	22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
	44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
};

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	struct map_table *t = ctx;

	return fd >= 0 && (u32)fd < t->cnt ? t->maps[fd] : NULL;
}

/*
 * A spec ending in ":lockN" or ":btf" (the verifier corpus's maps) gets the
 * value BTF of tests/verifier/vbtf.h, with a bpf_spin_lock at byte N. The
 * BTF lives until the tool exits.
 */
static void add_map_btf(struct bpf_map *map, const char *spec)
{
	struct vbtf b;
	char why[128];
	u32 true_size;
	int lock_off;

	if (!vbtf_map_suffix(spec, &lock_off))
		return;
	if (vbtf_map_build(map->value_size, lock_off, &b, why, sizeof(why)))
		die("--map %s: %s", spec, why);
	map->btf = btf_parse(b.blob, b.size, 0, NULL, 0, &true_size);
	if (IS_ERR(map->btf))
		die("--map %s: the value BTF does not parse", spec);
	map->btf_key_type_id = 1;
	map->btf_value_type_id = 3;
	map->spin_lock_off = lock_off;
}

/*
 * Creates one map from TYPE:KEYSIZE:VALUESIZE:MAXENTRIES. Map types without
 * an implementation yet are refused, unless shell_ok: then (for `verify`,
 * which needs only the map's header) a header without ops stands in.
 */
static struct bpf_map *create_map(const char *spec, bool shell_ok)
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
		{ "lpm_trie", BPF_MAP_TYPE_LPM_TRIE, &trie_map_ops },
		{ "queue", BPF_MAP_TYPE_QUEUE, &queue_map_ops },
		{ "stack", BPF_MAP_TYPE_STACK, &stack_map_ops },
		{ "ringbuf", BPF_MAP_TYPE_RINGBUF, &ringbuf_map_ops },
		{ "devmap", BPF_MAP_TYPE_DEVMAP, &dev_map_ops },
		{ "devmap_hash", BPF_MAP_TYPE_DEVMAP_HASH, &dev_map_hash_ops },
		{ "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH, &htab_percpu_map_ops },
		{ "lru_hash", BPF_MAP_TYPE_LRU_HASH, &htab_lru_map_ops },
		{ "lru_percpu_hash", BPF_MAP_TYPE_LRU_PERCPU_HASH, &htab_lru_percpu_map_ops },
		{ "cpumap", BPF_MAP_TYPE_CPUMAP, NULL },
		{ "xskmap", BPF_MAP_TYPE_XSKMAP, NULL },
	};
	union bpf_attr attr = { 0 };
	char name[32];
	struct bpf_map *map;
	size_t i;

	if (sscanf(spec, "%31[a-z_]:%u:%u:%u", name, &attr.key_size, &attr.value_size,
		   &attr.max_entries) != 4)
		die("--map %s: want TYPE:KEYSIZE:VALUESIZE:MAXENTRIES", spec);
	for (i = 0; i < ARRAY_SIZE(types) && strcmp(types[i].name, name); i++)
		;
	if (i == ARRAY_SIZE(types))
		die("--map %s: unknown map type '%s'", spec, name);
	attr.map_type = types[i].type;
	if (!types[i].ops) {
		if (!shell_ok)
			die("--map %s: map type '%s' is not implemented yet (it comes with the map "
			    "issue)",
			    spec, name);
		map = calloc(1, sizeof(*map));
		if (!map)
			die("out of memory");
		bpf_map_init_from_attr(map, &attr);
		return map;
	}
	map = types[i].ops->map_alloc(&attr);
	if (IS_ERR(map))
		die("--map %s: map creation failed: %s", spec, strerror((int)-PTR_ERR(map)));
	if (!map->ops) /* as map_create: the type's ops unless map_alloc chose its own */
		map->ops = types[i].ops;
	add_map_btf(map, spec);
	return map;
}

/* Frees the maps of t: real ones through their ops, verify's shells with free(). */
static void free_maps(struct map_table *t)
{
	u32 i;

	for (i = 0; i < t->cnt; i++) {
		if (t->maps[i]->ops)
			t->maps[i]->ops->map_free(t->maps[i]);
		else
			free(t->maps[i]);
	}
	t->cnt = 0;
}

/* Adds the map of --map SPEC to t. */
static void add_map(struct map_table *t, const char *spec, bool shell_ok)
{
	if (t->cnt == MAX_MAPS)
		die("at most %d maps", MAX_MAPS);
	t->maps[t->cnt++] = create_map(spec, shell_ok);
}

struct run_args {
	enum conformance_mode mode;
	bool mode_given;
	enum bpf_prog_type type;
	const char *mem_hex, *data_file, *data_out, *prog_path, *prog_name;
	unsigned long repeat;
	struct map_table maps;
};

/* The bytes of --mem or --data (none: *len = 0, NULL). */
static u8 *input_bytes(const struct run_args *a, size_t *len)
{
	u8 *bytes = NULL;
	long n;

	*len = 0;
	if (a->mem_hex) {
		n = parse_hex(a->mem_hex, &bytes);
		if (n < 0)
			die("--mem: not hex bytes: '%s'", a->mem_hex);
		*len = (size_t)n;
	} else if (a->data_file) {
		bytes = (u8 *)read_file(a->data_file, len);
	}
	return bytes;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * Loads and prepares PROG for the runtime a asks for; exits 2 on any error.
 * *select_ns is the time bpf_prog_select_runtime took (the JIT compile).
 */
static struct bpf_prog *build_prog(const struct run_args *a, double *select_ns)
{
	char log[256];
	struct bpf_load_opts opts = { .prog_type = a->type,
				      .map_from_fd = map_from_fd,
				      .map_ctx = (void *)&a->maps,
				      .fd_array = identity_fds,
				      .fd_array_cnt = MAX_MAPS,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	struct bpf_insn *insns;
	struct bpf_prog *prog;
	size_t cnt;
	double t0;
	int err;

	insns = load_prog_file(a->prog_path, &cnt);
	prog = bpf_prog_alloc(cnt);
	if (!prog)
		die("%s: %zu instructions is too many", a->prog_path, cnt);
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	free(insns);
	prog->type = a->type;
	prog->jit_requested = a->mode == CONFORMANCE_JIT;
	err = bpf_prog_prepare(prog, &opts);
	if (err)
		die("%s: %s", a->prog_path, log[0] ? log : strerror(-err));
	t0 = now_ns();
	prog = bpf_prog_select_runtime(prog, &err);
	*select_ns = now_ns() - t0;
	if (err)
		die("%s: %s", a->prog_path, strerror(-err));
	if (a->mode == CONFORMANCE_JIT && !prog->jited && a->mode_given)
		fprintf(stderr,
			"bpfrun: note: the JIT did not compile %s; running the interpreter\n",
			a->prog_path);
	return prog;
}

/* One packet run's setup, shared by the first run and the timing loop. */
struct pkt_run {
	u8 *frame; /* XDP: the whole frame; skb: the packet */
	size_t len;
	struct net_device lo;
	struct xdp_rxq_info rxq;
	struct xdp_buff xdp;
	struct sk_buff skb;
};

/* Rebuilds the context over a fresh copy of the packet, as each test run starts. */
static const void *pkt_ctx_reset(struct pkt_run *r, enum bpf_prog_type type, const u8 *pkt)
{
	if (type == BPF_PROG_TYPE_XDP) {
		memset(r->frame, 0, XDP_TEST_FRAME_SZ);
		memcpy(r->frame + XDP_PACKET_HEADROOM, pkt, r->len);
		xdp_prepare_buff(&r->xdp, r->frame, XDP_TEST_FRAME_SZ, XDP_PACKET_HEADROOM,
				 (u32)r->len, &r->rxq);
		return &r->xdp;
	}
	memcpy(r->frame, pkt, r->len);
	if (bpf_skb_init_test(&r->skb, r->frame, (u32)r->len))
		die("socket_filter: Linux's test run refuses this %zu-byte frame (shorter than its "
		    "Ethernet or IP header)",
		    r->len);
	return &r->skb;
}

/* Writes the packet after the run: XDP from data_meta (as Linux's test run) to data_end. */
static void write_data_out(const char *path, const struct pkt_run *r, enum bpf_prog_type type)
{
	const u8 *start = r->frame, *end = r->frame + r->len;
	FILE *f;

	if (type == BPF_PROG_TYPE_XDP) {
		start = r->xdp.data_meta;
		end = r->xdp.data_end;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(start, 1, end - start, f) != (size_t)(end - start) || fclose(f))
		die("--data-out %s: %s", path, strerror(errno));
}

/*
 * Runs prog once and then --repeat times; prints retval and, with --repeat,
 * ns/run and (when jited) jit-compile-ns, the JIT's compile time.
 */
static void run_and_report(const struct run_args *a, struct bpf_prog *prog, u8 *in, size_t len,
			   double compile_ns)
{
	struct pkt_run r = { .len = len, .lo = { .ifindex = 1, .name = "lo" } };
	const void *ctx = NULL;
	double t0;
	u64 ret;
	unsigned long i;

	r.rxq.dev = &r.lo;
	if (a->type == BPF_PROG_TYPE_XDP) {
		if (len < ETH_HLEN || len > XDP_TEST_MAX_DATA)
			die("xdp: packet of %zu bytes (Linux's test run takes %d to %d)", len,
			    ETH_HLEN, XDP_TEST_MAX_DATA);
		r.frame = calloc(1, XDP_TEST_FRAME_SZ);
	} else if (a->type == BPF_PROG_TYPE_SOCKET_FILTER) {
		r.frame = malloc(len ? len : 1);
	}
	if (a->type != BPF_PROG_TYPE_UNSPEC) {
		if (!r.frame)
			die("out of memory");
		ctx = pkt_ctx_reset(&r, a->type, in);
		ret = (u32)bpf_prog_run(prog, ctx);
	} else {
		ret = bpf_prog_run_raw(prog, in, len);
	}
	printf("retval 0x%llx\n", (unsigned long long)ret);
	if (a->data_out)
		write_data_out(a->data_out, &r, a->type);
	if (a->repeat) {
		t0 = now_ns();
		for (i = 0; i < a->repeat; i++) {
			if (ctx)
				bpf_prog_run(prog, ctx);
			else
				bpf_prog_run_raw(prog, in, len);
		}
		printf("ns/run %.2f\n", (now_ns() - t0) / a->repeat);
		if (prog->jited)
			printf("jit-compile-ns %.0f\n", compile_ns);
	}
	free(r.frame);
}

static enum bpf_prog_type parse_type(const char *s)
{
	if (!strcmp(s, "raw"))
		return BPF_PROG_TYPE_UNSPEC;
	if (!strcmp(s, "xdp"))
		return BPF_PROG_TYPE_XDP;
	if (!strcmp(s, "socket_filter"))
		return BPF_PROG_TYPE_SOCKET_FILTER;
	die("--type %s: want raw, xdp or socket_filter", s);
}

static unsigned long parse_count(const char *opt, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || s[0] == '-')
		die("%s %s: want a non-negative number", opt, s);
	return v;
}

/* The value of option argv[*i], advancing *i; exits if it is missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		die("%s needs a value", argv[*i]);
	return argv[++*i];
}

/* `bpfrun run ... OBJ.o`: the program's type comes from its section, its maps from the object. */
static int run_object(struct run_args *a)
{
	size_t len;
	u8 *in;
	int ret;

	if (a->mode_given || a->maps.cnt || a->type != BPF_PROG_TYPE_UNSPEC)
		die("%s: --interp/--jit, --type and --map do not apply to an ELF object",
		    a->prog_path);
	in = input_bytes(a, &len);
	ret = bpfrun_obj_run(a->prog_path, a->prog_name, in, len, a->data_out, a->repeat);
	free(in);
	return ret;
}

static int cmd_run(int argc, char **argv)
{
	struct run_args a = { .mode = CONFORMANCE_JIT, .type = BPF_PROG_TYPE_UNSPEC };
	double compile_ns;
	struct bpf_prog *prog;
	size_t len;
	u8 *in;
	int i;

	for (i = 0; i < argc; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "--interp") || !strcmp(o, "--jit")) {
			a.mode = !strcmp(o, "--jit") ? CONFORMANCE_JIT : CONFORMANCE_INTERP;
			a.mode_given = true;
		} else if (!strcmp(o, "--type")) {
			a.type = parse_type(opt_value(argc, argv, &i));
		} else if (!strcmp(o, "--mem")) {
			a.mem_hex = opt_value(argc, argv, &i);
		} else if (!strcmp(o, "--data")) {
			a.data_file = opt_value(argc, argv, &i);
		} else if (!strcmp(o, "--data-out")) {
			a.data_out = opt_value(argc, argv, &i);
		} else if (!strcmp(o, "--repeat")) {
			a.repeat = parse_count(o, opt_value(argc, argv, &i));
		} else if (!strcmp(o, "--map")) {
			add_map(&a.maps, opt_value(argc, argv, &i), false);
		} else if (!strcmp(o, "--prog")) {
			a.prog_name = opt_value(argc, argv, &i);
		} else if (o[0] == '-' && o[1]) {
			die("run: unknown option %s", o);
		} else if (a.prog_path) {
			die("run: more than one program (%s, %s)", a.prog_path, o);
		} else {
			a.prog_path = o;
		}
	}
	if (!a.prog_path)
		usage();
	if (a.mem_hex && a.data_file)
		die("--mem and --data exclude each other");
	if (has_suffix(a.prog_path, ".o"))
		return run_object(&a);
	if (a.prog_name)
		die("--prog names a program of an ELF object (.o)");
	if (a.data_out && a.type == BPF_PROG_TYPE_UNSPEC)
		die("--data-out needs --type xdp or socket_filter");
	prog = build_prog(&a, &compile_ns);
	in = input_bytes(&a, &len);
	run_and_report(&a, prog, in, len, compile_ns);
	free(in);
	bpf_prog_free(prog);
	free_maps(&a.maps);
	return 0;
}

#define VERIFY_LOG_SIZE (16u << 20)
/* Linux bounds verification by insns processed; a stuck verifier here is a bug, not a wait. */
#define VERIFY_TIMEOUT_S 10

static void on_verify_timeout(int sig)
{
	static const char msg[] =
		"bpfrun: verify: no decision after 10 s of CPU (a verifier bug)\n";

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(EXIT_BAD_INPUT);
	_exit(EXIT_BAD_INPUT);
}

/*
 * `bpfrun verify [--type xdp|socket_filter] [--unpriv | --cap-bpf]
 * [--log-level N] [--map SPEC]... PROG`: our verifier's decision and log.
 * Exit 0 accepted, 1 rejected (the log says why), 2 bad input, an
 * internal error or no decision within VERIFY_TIMEOUT_S seconds.
 */
static int cmd_verify(int argc, char **argv)
{
	struct map_table maps = { .cnt = 0 };
	struct bpf_verifier_opts opts = { .prog_type = BPF_PROG_TYPE_XDP,
					  .bpf_capable = true,
					  .gpl_compatible = true,
					  .log_level = 1,
					  .log_size = VERIFY_LOG_SIZE,
					  .map_from_fd = map_from_fd,
					  .map_ctx = &maps };
	struct bpf_verifier_stats stats;
	const char *path = NULL, *prog_name = NULL, *func_info = NULL;
	struct btf *btf = NULL;
	struct vbtf vb;
	bool other_opts = false;
	struct bpf_insn *insns;
	size_t cnt;
	int i, err;

	for (i = 0; i < argc; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "--type"))
			opts.prog_type = parse_type(opt_value(argc, argv, &i));
		else if (!strcmp(o, "--unpriv"))
			opts.bpf_capable = false;
		else if (!strcmp(o, "--cap-bpf"))
			opts.cap_bpf_only = true;
		else if (!strcmp(o, "--log-level"))
			opts.log_level = (u32)parse_count(o, opt_value(argc, argv, &i));
		else if (!strcmp(o, "--map"))
			add_map(&maps, opt_value(argc, argv, &i), true);
		else if (!strcmp(o, "--prog"))
			prog_name = opt_value(argc, argv, &i);
		else if (!strcmp(o, "--func-info"))
			func_info = opt_value(argc, argv, &i);
		else if (o[0] == '-' && o[1])
			die("verify: unknown option %s", o);
		else if (path)
			die("verify: more than one program (%s, %s)", path, o);
		else
			path = o;
	}
	if (!path)
		usage();
	other_opts = maps.cnt || !opts.bpf_capable || opts.cap_bpf_only ||
		     opts.prog_type != BPF_PROG_TYPE_XDP;
	if (has_suffix(path, ".o")) {
		if (other_opts)
			die("%s: --type, --unpriv, --cap-bpf and --map do not apply to an ELF object",
			    path);
		return bpfrun_obj_verify(path, prog_name, opts.log_level);
	}
	if (prog_name)
		die("--prog names a program of an ELF object (.o)");
	opts.stats = &stats;
	opts.log_buf = opts.log_level ? calloc(1, VERIFY_LOG_SIZE) : NULL;
	if (!opts.log_level)
		opts.log_size = 0;
	insns = load_prog_file(path, &cnt);
	if (func_info) { /* the corpus's "; func_info:" BTF (tests/verifier/vbtf.h) */
		char why[128];

		if (vbtf_build(insns, cnt, func_info, &vb, why, sizeof(why)))
			die("--func-info: %s", why);
		u32 true_size;

		btf = btf_parse(vb.blob, vb.size, 0, NULL, 0, &true_size);
		if (IS_ERR(btf))
			die("--func-info: the BTF does not parse (%ld)", PTR_ERR(btf));
		opts.btf = btf;
		opts.func_info = (const struct bpf_func_info *)vb.fi;
		opts.func_info_cnt = vb.nfi;
	}
	/* CPU time, not wall time: a busy machine must not look like a stuck verifier */
	signal(SIGPROF, on_verify_timeout);
	setitimer(ITIMER_PROF, &(struct itimerval){ .it_value = { .tv_sec = VERIFY_TIMEOUT_S } },
		  NULL);
	err = bpf_verify_insns(insns, (u32)cnt, &opts);
	setitimer(ITIMER_PROF, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);
	if (opts.log_buf)
		fputs(opts.log_buf, stdout);
	if (err)
		printf("verification failed: %s (%d)\n", strerror(-err), err);
	free(opts.log_buf);
	free(insns);
	free_maps(&maps);
	if (btf)
		btf_free(btf);
	if (err == -ENOMEM || err == -EFAULT)
		return EXIT_BAD_INPUT;
	return err ? 1 : 0;
}

/*
 * The public conformance runner's plugin: the program arrives on stdin as
 * hex bytes, the memory as argv hex; r0 goes to stdout in hex.
 */
static int cmd_plugin(int argc, char **argv)
{
	enum conformance_mode mode = CONFORMANCE_JIT;
	const char *mem_hex = NULL;
	struct bpf_insn *insns;
	u8 *mem = NULL, *code;
	char *text, err[256];
	long mem_len = 0, code_len;
	size_t cnt, len;
	bool jited;
	u64 r0;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--jit"))
			mode = CONFORMANCE_JIT;
		else if (!strcmp(argv[i], "--interp"))
			mode = CONFORMANCE_INTERP;
		else if (argv[i][0] == '-')
			die("plugin: unknown option %s", argv[i]);
		else
			mem_hex = argv[i];
	}
	if (mem_hex && (mem_len = parse_hex(mem_hex, &mem)) < 0)
		die("plugin: memory is not hex bytes");
	text = read_file("-", &len);
	code_len = parse_hex(text, &code);
	if (code_len < 0)
		die("plugin: program on stdin is not hex bytes");
	insns = insns_from_bytes("plugin", code, code_len, &cnt);
	ret = conformance_run(insns, cnt, mode, mem, mem_len, &r0, &jited, err, sizeof(err));
	if (ret)
		die("plugin: %s", err[0] ? err : strerror(-ret));
	printf("0x%llx\n", (unsigned long long)r0);
	free(insns);
	free(code);
	free(text);
	free(mem);
	return 0;
}

/* `bpfrun asm FILE`: one 64-bit word per insn, as the suite's "-- raw"; -o writes a .bin. */
static int cmd_asm(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	struct bpf_insn *insns;
	size_t cnt, i;
	int k;

	for (k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "-o"))
			out = opt_value(argc, argv, &k);
		else if (in)
			die("asm: more than one input");
		else
			in = argv[k];
	}
	if (!in)
		usage();
	insns = load_prog_file(in, &cnt);
	if (out) {
		FILE *f = fopen(out, "wb");

		if (!f || fwrite(insns, sizeof(*insns), cnt, f) != cnt || fclose(f))
			die("%s: %s", out, strerror(errno));
	} else {
		for (i = 0; i < cnt; i++) {
			u64 w;

			memcpy(&w, &insns[i], sizeof(w));
			printf("0x%016llx\n", (unsigned long long)w);
		}
	}
	free(insns);
	return 0;
}

__printf(2, 3) static void print_stdout(void *priv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* `bpfrun disasm FILE`: "N: (xx) text" per instruction, as the verifier log. */
static int cmd_disasm(int argc, char **argv)
{
	struct bpf_insn_cbs cbs = { .cb_print = print_stdout };
	struct bpf_insn *insns;
	size_t cnt;

	if (argc != 1)
		usage();
	insns = load_prog_file(argv[0], &cnt);
	bpf_disasm_prog(&cbs, insns, cnt);
	free(insns);
	return 0;
}

/*
 * Programs run unverified here, so one can touch memory it does not own.
 * That is bad input, not a bpfrun crash: say so and exit 2.
 */
static void on_fault(int sig)
{
	static const char msg[] = "bpfrun: the program faulted (invalid memory access or "
				  "instruction); the verifier would have rejected it\n";

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(EXIT_BAD_INPUT);
	_exit(EXIT_BAD_INPUT);
}

static void catch_faults(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	struct sigaction sa = { .sa_handler = on_fault };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

int main(int argc, char **argv)
{
	catch_faults();
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "plugin"))
		return cmd_plugin(argc - 2, argv + 2);
	if (!strcmp(argv[1], "asm"))
		return cmd_asm(argc - 2, argv + 2);
	if (!strcmp(argv[1], "disasm"))
		return cmd_disasm(argc - 2, argv + 2);
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(argc - 2, argv + 2);
	usage();
}
