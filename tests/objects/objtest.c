// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's differential test (tier 55-objects): every .o named on
 * the command line is opened with lib/bpf's loader; its maps are listed;
 * then each program is loaded alone (a fresh object with only its autoload
 * set, as `bpfrun verify --prog` does) and, if accepted, run with
 * BPF_PROG_TEST_RUN on a few frames, its global data and map contents
 * printed after (IPv4 LPM tries get 128.0.0.0/1 first, so that the
 * frames take "blocked" paths, and ring buffers are drained after). An
 * object with the firewall's maps (progs/firewall.bpf.o) also gets
 * deny-list entries, frames of every kind and its counters read back.
 * Objects are taken in the order of their file names.
 *
 * Built three times: over the host's Linux bpf(), over bpfkern's kernel
 * in-process (HOSTCFLAGS: __BPFKERN_HOST__), and as a ring-3 program of the
 * guest (utest=objtest, newlib: __NEWLIB__), which without arguments takes every
 * *.bpf.o file of /boot; the tiers (55-objects, 56-objects-guest) compare the
 * outputs with Linux's line by line. Output never holds fds, ids or addresses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "../../progs/firewall.h"
#ifdef __NEWLIB__
#include <fcntl.h>
#include <unistd.h>
#include <uapi/asm/stat.h>
#include "user/bpfkern_user.h"

/* The object loader's buffers: ELF, BTF and a 256 KiB verifier log per program. */
DEFINE_USER_HEAP(8 << 20);
#endif

#define MAX_OBJECTS 64
#define MAX_CPUS 512

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

/*
 * Hashes of each value of every hash map with 4-byte keys: the keys below 16
 * that are present (the walk's own order differs between kernels).
 */
static void dump_hashes(struct bpf_object *obj)
{
	unsigned char val[4096];
	struct bpf_map *map;
	__u32 k;

	bpf_object__for_each_map(map, obj)
	{
		if ((bpf_map__type(map) != BPF_MAP_TYPE_HASH &&
		     bpf_map__type(map) != BPF_MAP_TYPE_LRU_HASH) ||
		    bpf_map__key_size(map) != 4 || bpf_map__value_size(map) > sizeof(val))
			continue;
		for (k = 0; k < 16; k++) {
			memset(val, 0, sizeof(val));
			if (!bpf_map_lookup_elem(bpf_map__fd(map), &k, val))
				printf("  map %s{%u}: %016lx\n", bpf_map__name(map), k,
				       fnv(val, bpf_map__value_size(map)));
		}
	}
}

/* Element 0..max_entries-1 (at most 8) of every array map, as a hash of its value; then hashes. */
static void dump_maps(struct bpf_object *obj)
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
	dump_hashes(obj);
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

/*
 * Before the runs: every LPM trie with 8-byte keys (IPv4) gets 128.0.0.0/1,
 * which the IPv4 source of make_frame's frames (185.192.199.206) falls in,
 * so that programs take their "blocked" paths (ring buffer events).
 */
static void fill_tries(struct bpf_object *obj)
{
	struct {
		__u32 prefixlen;
		__u8 addr[4];
	} key = { 1, { 0x80, 0, 0, 0 } };
	unsigned char val[64] = { 0 };
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
	{
		if (bpf_map__type(map) != BPF_MAP_TYPE_LPM_TRIE || bpf_map__key_size(map) != 8 ||
		    bpf_map__value_size(map) > sizeof(val))
			continue;
		if (bpf_map_update_elem(bpf_map__fd(map), &key, val, BPF_ANY))
			printf("  map %s: update 128.0.0.0/1 error %d\n", bpf_map__name(map),
			       -errno);
	}
}

/* A ring buffer's records so far: how many, and a hash over them in order. */
struct ring_tally {
	unsigned int records;
	unsigned long hash;
};

static int tally_record(void *ctx, void *data, size_t size)
{
	struct ring_tally *t = ctx;

	t->records++;
	t->hash = t->hash * 31 + fnv(data, size) + size;
	return 0;
}

/*
 * After the runs: every ring buffer map drained, its record count and hash
 * printed. Not in-process: lib/bpf reads a ring through mmap of its fd,
 * which only a real kernel has (tier 55 leaves these lines out).
 */
static void drain_rings(struct bpf_object *obj)
{
	struct bpf_map *map;

#ifdef __BPFKERN_HOST__ /* the in-process build (HOSTCFLAGS) */
	return;
#endif
	bpf_object__for_each_map(map, obj)
	{
		struct ring_tally t = { 0, 0 };
		struct ring_buffer *rb;
		int n;

		if (bpf_map__type(map) != BPF_MAP_TYPE_RINGBUF)
			continue;
		rb = ring_buffer__new(bpf_map__fd(map), tally_record, &t, NULL);
		if (!rb) {
			printf("  ringbuf %s: error %d\n", bpf_map__name(map), -errno);
			continue;
		}
		n = ring_buffer__consume(rb);
		printf("  ringbuf %s: consumed %d, %u records %016lx\n", bpf_map__name(map), n,
		       t.records, t.hash);
		ring_buffer__free(rb);
	}
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
	printf(" prog %s (%s, type %d): load %s %d, %lu insns\n", name,
	       bpf_program__section_name(prog), bpf_program__type(prog), err ? "error" : "ok", err,
	       (unsigned long)bpf_program__insn_cnt(prog));
	if (!err) {
		fill_tries(obj);
		run_prog(prog);
		dump_maps(obj);
		drain_rings(obj);
	} else {
		print_source_line(prog);
	}
	bpf_object__close(obj);
}

/* How many copies of a per-CPU value a lookup returns (the guest's and the in-process: 1). */
static unsigned int possible_cpus(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");
	unsigned int lo = 0, hi = 0;

	if (!f)
		return 1;
	if (fscanf(f, "%u-%u", &lo, &hi) < 2)
		hi = lo;
	fclose(f);
	return hi + 1 > MAX_CPUS ? MAX_CPUS : hi + 1;
}

/* A firewall test frame: ethertype proto after vlans tags, then an IP header from src. */
struct fw_frame {
	const char *name;
	unsigned int vlans, proto, l4, len;
	unsigned char src[16];
};

static const struct fw_frame fw_frames[] = {
	{ "v4-denied-8", 0, 0x0800, 6, 64, { 10, 9, 9, 9 } },
	{ "v4-denied-24", 0, 0x0800, 17, 64, { 192, 168, 7, 200 } },
	{ "v4-denied-32", 0, 0x0800, 1, 64, { 198, 51, 100, 1 } },
	{ "v4-generated", 0, 0x0800, 17, 64, { 172, 16, 3, 99 } },
	{ "v4-allowed", 0, 0x0800, 17, 64, { 192, 0, 2, 7 } },
	{ "v4-allowed-next-to-32", 0, 0x0800, 6, 64, { 198, 51, 100, 2 } },
	{ "v4-vlan-denied", 1, 0x0800, 6, 68, { 10, 1, 2, 3 } },
	{ "v4-qinq-allowed", 2, 0x0800, 47, 72, { 192, 0, 2, 8 } },
	{ "v4-truncated", 0, 0x0800, 6, 20, { 10, 9, 9, 9 } },
	{ "v6-denied-48",
	  0,
	  0x86dd,
	  6,
	  64,
	  { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42 } },
	{ "v6-allowed",
	  0,
	  0x86dd,
	  58,
	  64,
	  { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 } },
	{ "v6-vlan-denied",
	  1,
	  0x86dd,
	  17,
	  68,
	  { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 1 } },
	{ "arp", 0, 0x0806, 0, 60, { 0 } },
	{ "non-ip", 0, 0x88cc, 0, 60, { 0 } },
};

/* Builds f into buf (zero-padded to f->len bytes, at most 128). */
static void fw_build(unsigned char *buf, const struct fw_frame *f)
{
	unsigned char *l3;
	unsigned int i;

	memset(buf, 0, 128);
	for (i = 0; i < 12; i++)
		buf[i] = (unsigned char)(i < 6 ? 2 : 1);
	l3 = buf + 12;
	for (i = 0; i < f->vlans; i++, l3 += 4) {
		l3[0] = i ? 0x81 : 0x88;
		l3[1] = i ? 0x00 : 0xa8;
		l3[3] = (unsigned char)(10 + i);
	}
	l3[0] = (unsigned char)(f->proto >> 8);
	l3[1] = (unsigned char)f->proto;
	l3 += 2;
	if (f->proto == 0x0800) {
		l3[0] = 0x45, l3[3] = 50, l3[8] = 64, l3[9] = (unsigned char)f->l4;
		memcpy(l3 + 12, f->src, 4);
		l3[16] = 192, l3[17] = 168, l3[18] = 1, l3[19] = 1;
	} else if (f->proto == 0x86dd) {
		l3[0] = 0x60, l3[5] = 8, l3[6] = (unsigned char)f->l4, l3[7] = 64;
		memcpy(l3 + 8, f->src, 16);
		l3[24] = 0xfe, l3[25] = 0x80, l3[39] = 1;
	}
}

/* Adds IPv4 prefix a.b.c.d/plen to deny_v4; prints a line on failure. */
static void fw_deny4(int fd, unsigned int addr, unsigned int plen)
{
	struct fw_lpm_v4 key = {
		plen, { (__u8)(addr >> 24), (__u8)(addr >> 16), (__u8)(addr >> 8), (__u8)addr }
	};
	__u64 hits = 0;

	if (bpf_map_update_elem(fd, &key, &hits, BPF_NOEXIST))
		printf("  firewall: deny %08x/%u: error %d\n", addr, plen, -errno);
}

/* Prints the hits of the deny entry for key (an exact or covering prefix). */
static void fw_print_hits(int fd, const void *key, const char *what)
{
	__u64 hits;

	if (bpf_map_lookup_elem(fd, key, &hits))
		printf("  firewall: hits %s: lookup error %d\n", what, -errno);
	else
		printf("  firewall: hits %s: %llu\n", what, (unsigned long long)hits);
}

/* Entries 0..n-1 of a per-CPU counter array, each summed over the CPUs. */
static void fw_print_counters(int fd, const char *what, __u32 n)
{
	static struct fw_counter per_cpu[MAX_CPUS];
	unsigned int cpu, cpus = possible_cpus();
	__u32 k;

	for (k = 0; k < n; k++) {
		unsigned long long packets = 0, bytes = 0;

		memset(per_cpu, 0, sizeof(per_cpu));
		if (bpf_map_lookup_elem(fd, &k, per_cpu)) {
			printf("  firewall: %s[%u]: lookup error %d\n", what, k, -errno);
			continue;
		}
		for (cpu = 0; cpu < cpus; cpu++) {
			packets += per_cpu[cpu].packets;
			bytes += per_cpu[cpu].bytes;
		}
		printf("  firewall: %s[%u]: %llu packets %llu bytes\n", what, k, packets, bytes);
	}
}

/*
 * The firewall (an object with deny_v4, deny_v6, proto_stats, action_stats
 * and program xdp_firewall): deny prefixes added (three by hand, 1,000
 * generated /24s of 172.16.0.0/12 and 10.0.0.0/8, one IPv6 /48), every frame
 * of fw_frames run twice, then the deny entries' hits and both counter
 * arrays printed.
 */
static void test_firewall(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct fw_lpm_v6 v6 = { 48, { 0x20, 0x01, 0x0d, 0xb8, 0xba, 0xd0 } };
	struct fw_lpm_v4 k4 = { 32, { 10, 1, 2, 3 } };
	int d4, d6, err, i, round;
	unsigned char buf[128];
	struct bpf_program *prog;
	__u64 zero = 0;

	if (!obj)
		return;
	prog = bpf_object__find_program_by_name(obj, "xdp_firewall");
	err = prog ? bpf_object__load(obj) : -ENOENT;
	printf("  firewall: load %s %d\n", err ? "error" : "ok", err);
	if (err)
		goto out;
	d4 = bpf_object__find_map_fd_by_name(obj, "deny_v4");
	d6 = bpf_object__find_map_fd_by_name(obj, "deny_v6");
	fw_deny4(d4, 0x0a000000, 8);
	fw_deny4(d4, 0xc0a80700, 24);
	fw_deny4(d4, 0xc6336401, 32);
	for (i = 0; i < 1000; i++)
		fw_deny4(d4, 0xac100000 + ((unsigned int)i << 8), 24);
	if (bpf_map_update_elem(d6, &v6, &zero, BPF_NOEXIST))
		printf("  firewall: deny v6: error %d\n", -errno);
	for (round = 0; round < 2; round++)
		for (i = 0; i < (int)(sizeof(fw_frames) / sizeof(fw_frames[0])); i++) {
			const struct fw_frame *f = &fw_frames[i];
			LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = buf, .data_size_in = f->len,
				    .repeat = 1);

			fw_build(buf, f);
			if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
				printf("  firewall: %s: error %d\n", f->name, -errno);
			else
				printf("  firewall: %s: retval %d\n", f->name, (int)opts.retval);
		}
	fw_print_hits(d4, &k4, "10.0.0.0/8");
	k4 = (struct fw_lpm_v4){ 32, { 198, 51, 100, 1 } };
	fw_print_hits(d4, &k4, "198.51.100.1/32");
	k4 = (struct fw_lpm_v4){ 32, { 172, 16, 3, 1 } };
	fw_print_hits(d4, &k4, "172.16.3.0/24");
	k4 = (struct fw_lpm_v4){ 32, { 192, 0, 2, 7 } };
	fw_print_hits(d4, &k4, "192.0.2.7 (none)");
	fw_print_hits(d6, &v6, "2001:db8:bad0::/48");
	fw_print_counters(bpf_object__find_map_fd_by_name(obj, "proto_stats"), "proto_stats",
			  FW_PROTO_MAX);
	fw_print_counters(bpf_object__find_map_fd_by_name(obj, "action_stats"), "action_stats",
			  FW_ACT_MAX);
out:
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
			printf("  whole %s: btf %s, %u func_info, %u line_info, jited %s\n",
			       bpf_program__name(prog), info.btf_id ? "yes" : "no",
			       info.nr_func_info, info.nr_line_info,
			       info.jited_prog_len ? "yes" : "no");
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

static const char *base_name(const char *path)
{
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

static void test_object(const char *path)
{
	const char *base = base_name(path);
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
	if (bpf_object__find_map_by_name(obj, "deny_v4") &&
	    bpf_object__find_map_by_name(obj, "action_stats"))
		test_firewall(path);
	bpf_object__for_each_program(prog, obj) test_prog(path, bpf_program__name(prog));
#ifdef __NEWLIB__
	/* A pin outlives the process: the guest's kernel wants every page back when init ends. */
	bpf_object__for_each_map(map, obj)
	{
		if (bpf_map__pin_path(map))
			unlink(bpf_map__pin_path(map));
	}
#endif
	bpf_object__close(obj);
}

static int by_base_name(const void *a, const void *b)
{
	return strcmp(base_name(*(char *const *)a), base_name(*(char *const *)b));
}

#ifdef __NEWLIB__
/* Every *.bpf.o of /boot into paths (at most max, names in names[]): how many. */
static int boot_objects(char **paths, char (*names)[80], int max)
{
	static const char suffix[] = ".bpf.o";
	char buf[1024];
	int fd = open("/boot", O_RDONLY | O_DIRECTORY), n = 0;
	long len, off;

	if (fd < 0) {
		printf("objtest: /boot: error %d\n", -errno);
		return 0;
	}
	while ((len = sys_getdents64(fd, buf, sizeof(buf))) > 0)
		for (off = 0; off < len && n < max;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			size_t l = strlen(d->d_name);

			off += d->d_reclen;
			if (l <= sizeof(suffix) - 1 || l + 6 >= sizeof(names[0]) ||
			    strcmp(d->d_name + l - (sizeof(suffix) - 1), suffix))
				continue;
			snprintf(names[n], sizeof(names[0]), "/boot/%s", d->d_name);
			paths[n] = names[n];
			n++;
		}
	close(fd);
	return n;
}
#endif

int main(int argc, char **argv)
{
	char *paths[MAX_OBJECTS];
	int i, n = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "-v"))
		argv++, argc--;
	else
		libbpf_set_print(quiet);
	for (i = 1; i < argc && n < MAX_OBJECTS; i++)
		paths[n++] = argv[i];
#ifdef __NEWLIB__
	static char names[MAX_OBJECTS][80];

	if (!n)
		n = boot_objects(paths, names, MAX_OBJECTS);
#endif
	qsort(paths, (size_t)n, sizeof(paths[0]), by_base_name);
	for (i = 0; i < n; i++)
		test_object(paths[i]);
	return 0;
}
