// SPDX-License-Identifier: GPL-2.0
/*
 * The console's BPF commands (user/console.h): prog, map, link, net, pin
 * and stats, over bpf() through lib/bpf. Output follows bpftool's plain
 * (non-JSON) output: "ID: TYPE  name NAME  tag TAG" and an indented detail
 * line for programs, "key: .. value: .." lines for map entries.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpfkern/disasm.h>
#include <bpfkern/x86_disasm.h>
#include "user/appliance.h"
#include "user/console.h"

#define MAP_IDS_MAX 64
#define BYTES_MAX 4096
#define PORTS_MAX 8

static const char *const prog_type_names[] = {
	"unspec",
	"socket_filter",
	"kprobe",
	"sched_cls",
	"sched_act",
	"tracepoint",
	"xdp",
	"perf_event",
	"cgroup_skb",
	"cgroup_sock",
	"lwt_in",
	"lwt_out",
	"lwt_xmit",
	"sock_ops",
	"sk_skb",
	"cgroup_device",
	"sk_msg",
	"raw_tracepoint",
	"cgroup_sock_addr",
	"lwt_seg6local",
	"lirc_mode2",
	"sk_reuseport",
	"flow_dissector",
	"cgroup_sysctl",
	"raw_tracepoint_writable",
	"cgroup_sockopt",
	"tracing",
	"struct_ops",
	"ext",
	"lsm",
	"sk_lookup",
	"syscall",
	"netfilter",
};

static const char *const map_type_names[] = {
	"unspec",
	"hash",
	"array",
	"prog_array",
	"perf_event_array",
	"percpu_hash",
	"percpu_array",
	"stack_trace",
	"cgroup_array",
	"lru_hash",
	"lru_percpu_hash",
	"lpm_trie",
	"array_of_maps",
	"hash_of_maps",
	"devmap",
	"sockmap",
	"cpumap",
	"xskmap",
	"sockhash",
	"cgroup_storage",
	"reuseport_sockarray",
	"percpu_cgroup_storage",
	"queue",
	"stack",
	"sk_storage",
	"devmap_hash",
	"struct_ops",
	"ringbuf",
	"inode_storage",
	"task_storage",
	"bloom_filter",
	"user_ringbuf",
	"cgrp_storage",
	"arena",
};

static const char *const link_type_names[] = {
	"unspec",     "raw_tracepoint", "tracing",    "cgroup",	   "iter", "netns",	   "xdp",
	"perf_event", "kprobe_multi",	"struct_ops", "netfilter", "tcx",  "uprobe_multi", "netkit",
};

#define TYPE_NAME(table, t) ((t) < sizeof(table) / sizeof(table[0]) ? table[t] : "unknown")

static int stats_fd = -1;

/* ---------------------------------------------------------------------------
 * Naming objects: id N | name NAME | pinned PATH | N
 */

typedef int (*next_id_fn)(__u32 start, __u32 *next);
typedef int (*fd_by_id_fn)(__u32 id);

/* The first object (in id order) whose info name is name; its fd or -1 with errno. */
static int fd_by_name(const char *name, next_id_fn next_id, fd_by_id_fn by_id, bool is_prog)
{
	__u32 id = 0;

	while (!next_id(id, &id)) {
		struct bpf_prog_info pinfo = { 0 };
		struct bpf_map_info minfo = { 0 };
		__u32 len = is_prog ? sizeof(pinfo) : sizeof(minfo);
		int fd = by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, is_prog ? (void *)&pinfo : (void *)&minfo, &len) &&
		    !strcmp(is_prog ? pinfo.name : minfo.name, name))
			return fd;
		close(fd);
	}
	errno = ENOENT;
	return -1;
}

static int parse_fd(int argc, char **argv, int *i, const char *what, next_id_fn next_id,
		    fd_by_id_fn by_id)
{
	const char *how = *i < argc ? argv[*i] : NULL, *arg = *i + 1 < argc ? argv[*i + 1] : NULL;
	char *end;
	int fd;

	if (how && (strtoul(how, &end, 0), !*end)) { /* a bare id */
		arg = how;
		how = "id";
		*i -= 1;
	}
	if (!how || !arg ||
	    (strcmp(how, "id") && strcmp(how, "pinned") &&
	     (strcmp(how, "name") || !strcmp(what, "link")))) {
		printf("Error: expected a %s: id N | %spinned PATH%s%s\n", what,
		       strcmp(what, "link") ? "name NAME | " : "", how ? ", got " : "",
		       how ? how : "");
		return -1;
	}
	*i += 2;
	if (!strcmp(how, "id")) {
		unsigned long id = strtoul(arg, &end, 0);

		if (*end || end == arg) {
			printf("Error: can't parse %s as ID\n", arg);
			return -1;
		}
		fd = by_id((__u32)id);
	} else if (!strcmp(how, "name")) {
		fd = fd_by_name(arg, next_id, by_id, !strcmp(what, "prog"));
	} else {
		fd = bpf_obj_get(arg);
	}
	if (fd < 0)
		printf("Error: get %s by %s %s: %s\n", what, how, arg, strerror(errno));
	return fd;
}

int parse_prog_fd(int argc, char **argv, int *i)
{
	return parse_fd(argc, argv, i, "prog", bpf_prog_get_next_id, bpf_prog_get_fd_by_id);
}

int parse_map_fd(int argc, char **argv, int *i)
{
	return parse_fd(argc, argv, i, "map", bpf_map_get_next_id, bpf_map_get_fd_by_id);
}

int parse_link_fd(int argc, char **argv, int *i)
{
	return parse_fd(argc, argv, i, "link", bpf_link_get_next_id, bpf_link_get_fd_by_id);
}

/* ---------------------------------------------------------------------------
 * prog
 */

static void print_prog(int fd)
{
	__u32 map_ids[MAP_IDS_MAX];
	struct bpf_prog_info info = { .nr_map_ids = MAP_IDS_MAX, .map_ids = (__u64)(long)map_ids };
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		printf("Error: can't get prog info: %s\n", strerror(errno));
		return;
	}
	printf("%u: %s  name %s  tag ", info.id, TYPE_NAME(prog_type_names, info.type), info.name);
	for (int i = 0; i < (int)sizeof(info.tag); i++)
		printf("%02x", info.tag[i]);
	printf("%s", info.gpl_compatible ? "  gpl" : "");
	if (info.run_cnt || info.run_time_ns)
		printf("  run_time_ns %llu run_cnt %llu", (unsigned long long)info.run_time_ns,
		       (unsigned long long)info.run_cnt);
	printf("\n\txlated %uB  ", info.xlated_prog_len);
	if (info.jited_prog_len)
		printf("jited %uB", info.jited_prog_len);
	else
		printf("not jited");
	for (__u32 i = 0; i < info.nr_map_ids && i < MAP_IDS_MAX; i++)
		printf("%s%u", i ? "," : "  map_ids ", map_ids[i]);
	printf("\n");
	if (info.btf_id)
		printf("\tbtf_id %u\n", info.btf_id);
}

static int prog_list(void)
{
	__u32 id = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		print_prog(fd);
		close(fd);
	}
	return 0;
}

/* The xlated (jited: false) or jited image of prog fd in a malloc'ed buffer, its size in *len. */
static void *prog_image(int fd, bool jited, __u32 *len)
{
	struct bpf_prog_info info = { 0 };
	__u32 info_len = sizeof(info);
	void *buf;

	if (bpf_prog_get_info_by_fd(fd, &info, &info_len))
		return NULL;
	*len = jited ? info.jited_prog_len : info.xlated_prog_len;
	buf = *len ? calloc(1, *len) : NULL;
	if (!buf)
		return NULL;
	memset(&info, 0, sizeof(info));
	if (jited) {
		info.jited_prog_len = *len;
		info.jited_prog_insns = (__u64)(long)buf;
	} else {
		info.xlated_prog_len = *len;
		info.xlated_prog_insns = (__u64)(long)buf;
	}
	info_len = sizeof(info);
	if (bpf_prog_get_info_by_fd(fd, &info, &info_len) ||
	    (jited ? info.jited_prog_insns : info.xlated_prog_insns) == 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * The C source lines of prog fd (PROG_LOAD's line_info, with the program's
 * BTF for their text) into *lines (malloc'ed, sorted by insn_off as the
 * kernel keeps them); how many, 0 when the program has none.
 */
static __u32 prog_lines(int fd, struct bpf_line_info **lines, struct btf **btf)
{
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info), n;

	*lines = NULL;
	*btf = NULL;
	if (bpf_prog_get_info_by_fd(fd, &info, &len) || !info.nr_line_info || !info.btf_id ||
	    info.line_info_rec_size != sizeof(**lines))
		return 0;
	n = info.nr_line_info;
	*lines = calloc(n, sizeof(**lines));
	*btf = btf__load_from_kernel_by_id(info.btf_id);
	memset(&info, 0, sizeof(info));
	info.nr_line_info = n;
	info.line_info_rec_size = sizeof(**lines);
	info.line_info = (__u64)(long)*lines;
	len = sizeof(info);
	if (!*lines || !*btf || bpf_prog_get_info_by_fd(fd, &info, &len)) {
		free(*lines);
		btf__free(*btf);
		*lines = NULL;
		*btf = NULL;
		return 0;
	}
	return n;
}

/* The xlated dump names a map by its id (the kernel's bpf_insn_prepare_dump): "map[id:N]". */
static const char *xlated_imm(void *priv, const struct bpf_insn *insn, __u64 imm)
{
	static char text[32];

	if (insn->src_reg != BPF_PSEUDO_MAP_FD)
		return NULL;
	snprintf(text, sizeof(text), "map[id:%u]", (unsigned int)insn->imm);
	return text;
}

/* xlated: one line per instruction as the verifier log prints it, the C source above its first. */
static void dump_xlated(int fd, const struct bpf_insn *insn, size_t cnt)
{
	char line[BPF_DISASM_LINE_MAX];
	struct bpf_line_info *lines;
	struct btf *btf;
	__u32 nr_lines = prog_lines(fd, &lines, &btf), l = 0;
	struct bpf_insn_cbs cbs = { .cb_imm = xlated_imm };

	for (size_t i = 0; i < cnt;) {
		int n = bpf_disasm_insn_cbs(&insn[i], cnt - i, true, &cbs, line, sizeof(line));

		for (; l < nr_lines && lines[l].insn_off <= i; l++)
			if (lines[l].insn_off == i)
				printf("; %s\n", btf__name_by_offset(btf, lines[l].line_off));
		printf("%4u: %s\n", (unsigned int)i, line);
		i += n > 0 ? (size_t)n : 1;
	}
	free(lines);
	btf__free(btf);
}

/*
 * jited: the x86-64 image as bpftool prints it through its disassembler,
 * "off:\tinsn" in objdump's AT&T syntax; with opcodes, each instruction's
 * bytes on the line below it.
 */
static void dump_jited(const unsigned char *img, __u32 len, bool opcodes)
{
	char line[X86_DISASM_LINE_MAX];
	size_t n;

	for (__u32 off = 0; off < len; off += n) {
		n = x86_disasm_insn(img + off, len - off, off, line, sizeof(line));
		printf("%4x:\t%s\n", off, line);
		if (!opcodes)
			continue;
		for (size_t k = 0; k < n; k++)
			printf("%s%02x", k ? " " : "\t", img[off + k]);
		printf("\n");
	}
}

static int prog_dump(int fd, bool jited, bool opcodes)
{
	__u32 len = 0;
	unsigned char *img = prog_image(fd, jited, &len);

	if (!img) {
		printf("Error: no %s instructions returned\n", jited ? "JITed" : "xlated");
		return -1;
	}
	if (jited)
		dump_jited(img, len, opcodes);
	else
		dump_xlated(fd, (const struct bpf_insn *)img, len / sizeof(struct bpf_insn));
	free(img);
	return 0;
}

int cmd_prog(int argc, char **argv)
{
	const char *use =
		"prog { list | show PROG | dump xlated PROG | dump jited PROG [opcodes] }";
	int i = 2, fd, err;
	bool jited, opcodes;

	if (argc == 2 && (!strcmp(argv[1], "list") || !strcmp(argv[1], "show")))
		return prog_list();
	if (argc >= 3 && !strcmp(argv[1], "show")) {
		fd = parse_prog_fd(argc, argv, &i);
		if (fd < 0)
			return -1;
		if (i != argc) {
			close(fd);
			return usage(use);
		}
		print_prog(fd);
		close(fd);
		return 0;
	}
	if (argc < 4 || strcmp(argv[1], "dump") ||
	    (strcmp(argv[2], "xlated") && strcmp(argv[2], "jited")))
		return usage(use);
	jited = !strcmp(argv[2], "jited");
	i = 3;
	fd = parse_prog_fd(argc, argv, &i);
	if (fd < 0)
		return -1;
	opcodes = jited && i + 1 == argc && !strcmp(argv[i], "opcodes");
	err = i + opcodes == argc ? prog_dump(fd, jited, opcodes) : usage(use);
	close(fd);
	return err;
}

/* ---------------------------------------------------------------------------
 * map
 */

static void print_bytes(const unsigned char *p, __u32 n)
{
	for (__u32 i = 0; i < n; i++)
		printf("%s%02x", i ? " " : "", p[i]);
}

/*
 * Bytes after argv[*i] (the word "key" or "value") into buf: C numbers
 * (0x0a, 10) or, after the word "hex", hex bytes. Exactly want of them.
 */
static int parse_bytes(int argc, char **argv, int *i, const char *what, unsigned char *buf,
		       __u32 want)
{
	int base = 0;
	__u32 n = 0;

	if (*i >= argc || strcmp(argv[*i], what)) {
		printf("Error: expected '%s'\n", what);
		return -1;
	}
	for ((*i)++; *i < argc; (*i)++) {
		char *end;
		unsigned long v;

		if (!strcmp(argv[*i], "hex") && n == 0 && !base) {
			base = 16;
			continue;
		}
		v = strtoul(argv[*i], &end, base);
		if (*end || end == argv[*i])
			break; /* the next word */
		if (v > 0xff || n == want) {
			printf("Error: %s: '%s' is no byte, or more than %u bytes\n", what,
			       argv[*i], want);
			return -1;
		}
		buf[n++] = (unsigned char)v;
	}
	if (n != want) {
		printf("Error: %s expected %u bytes got %u\n", what, want, n);
		return -1;
	}
	return 0;
}

struct map_ctx {
	int fd;
	struct bpf_map_info info;
	struct btf *btf; /* the map's BTF, when it was created with one */
	unsigned char key[BYTES_MAX], next[BYTES_MAX], value[BYTES_MAX];
};

static bool map_is_percpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

/* The map named at argv[*i] with its info: 0, or -1 (printed). */
static int map_open(struct map_ctx *m, int argc, char **argv, int *i)
{
	__u32 len = sizeof(m->info);

	memset(&m->info, 0, sizeof(m->info));
	m->fd = parse_map_fd(argc, argv, i);
	if (m->fd < 0)
		return -1;
	if (bpf_map_get_info_by_fd(m->fd, &m->info, &len)) {
		printf("Error: can't get map info: %s\n", strerror(errno));
		close(m->fd);
		return -1;
	}
	if (m->info.key_size > BYTES_MAX || m->info.value_size > BYTES_MAX / 8) {
		printf("Error: map %u: key or value too large for the console\n", m->info.id);
		close(m->fd);
		return -1;
	}
	m->btf = m->info.btf_id && m->info.btf_value_type_id
			 ? btf__load_from_kernel_by_id(m->info.btf_id)
			 : NULL;
	return 0;
}

static void map_close(struct map_ctx *m)
{
	btf__free(m->btf);
	m->btf = NULL;
	close(m->fd);
}

/* One entry from the map's BTF: {"key": K, "value": V}, per-CPU values as bpftool's "values". */
static void print_entry_btf(const struct map_ctx *m, const unsigned char *key)
{
	printf("{\"key\": ");
	if (m->info.btf_key_type_id) {
		console_btf_print(m->btf, m->info.btf_key_type_id, key, m->info.key_size);
	} else {
		for (__u32 i = 0; i < m->info.key_size; i++)
			printf("%s\"0x%02x\"", i ? ", " : "[", key[i]);
		printf("]");
	}
	printf(map_is_percpu(m->info.type) ? ", \"values\": [{\"cpu\": 0, \"value\": "
					   : ", \"value\": ");
	console_btf_print(m->btf, m->info.btf_value_type_id, m->value, m->info.value_size);
	printf(map_is_percpu(m->info.type) ? "}]}\n" : "}\n");
}

static void print_entry(const struct map_ctx *m, const unsigned char *key)
{
	if (m->btf) {
		print_entry_btf(m, key);
		return;
	}
	printf("key: ");
	print_bytes(key, m->info.key_size);
	printf(map_is_percpu(m->info.type) ? "  value (CPU 00): " : "  value: ");
	print_bytes(m->value, m->info.value_size);
	printf("\n");
}

static void print_map(const struct map_ctx *m)
{
	const struct bpf_map_info *info = &m->info;

	printf("%u: %s  name %s  flags 0x%x\n", info->id, TYPE_NAME(map_type_names, info->type),
	       info->name, info->map_flags);
	printf("\tkey %uB  value %uB  max_entries %u\n", info->key_size, info->value_size,
	       info->max_entries);
	if (info->btf_id)
		printf("\tbtf_id %u\n", info->btf_id);
}

static int map_list(void)
{
	static struct map_ctx m;
	__u32 id = 0;

	while (!bpf_map_get_next_id(id, &id)) {
		__u32 len = sizeof(m.info);

		memset(&m.info, 0, sizeof(m.info));
		m.fd = bpf_map_get_fd_by_id(id);
		if (m.fd < 0)
			continue;
		if (!bpf_map_get_info_by_fd(m.fd, &m.info, &len))
			print_map(&m);
		close(m.fd);
	}
	return 0;
}

static int map_dump(struct map_ctx *m)
{
	unsigned int found = 0;
	void *prev = NULL;

	if (map_is_percpu(m->info.type) && m->info.value_size > BYTES_MAX / 8)
		return -1;
	while (!bpf_map_get_next_key(m->fd, prev, m->next)) {
		memcpy(m->key, m->next, m->info.key_size);
		prev = m->key;
		if (bpf_map_lookup_elem(m->fd, m->key, m->value))
			continue; /* deleted meanwhile, or a map without values to read */
		print_entry(m, m->key);
		found++;
	}
	if (errno != ENOENT) {
		printf("Error: map %u cannot be walked: %s\n", m->info.id, strerror(errno));
		return -1;
	}
	printf("Found %u element%s\n", found, found == 1 ? "" : "s");
	return 0;
}

/* map lookup|update|delete MAP key BYTES [value BYTES [FLAG]]: argv[*i] is "key". */
static int map_elem(struct map_ctx *m, const char *op, int argc, char **argv, int i)
{
	__u64 flags = BPF_ANY;

	if (parse_bytes(argc, argv, &i, "key", m->key, m->info.key_size))
		return -1;
	if (!strcmp(op, "update")) {
		if (parse_bytes(argc, argv, &i, "value", m->value, m->info.value_size))
			return -1;
		if (i < argc && !strcmp(argv[i], "exist"))
			flags = BPF_EXIST, i++;
		else if (i < argc && !strcmp(argv[i], "noexist"))
			flags = BPF_NOEXIST, i++;
		else if (i < argc && !strcmp(argv[i], "any"))
			i++;
	}
	if (i != argc) {
		printf("Error: unexpected '%s'\n", argv[i]);
		return -1;
	}
	if (!strcmp(op, "lookup")) {
		if (bpf_map_lookup_elem(m->fd, m->key, m->value)) {
			if (errno != ENOENT) {
				printf("Error: lookup failed: %s\n", strerror(errno));
				return -1;
			}
			printf("key:\n"); /* bpftool's answer for a key that is not there */
			for (__u32 k = 0; k < m->info.key_size; k++)
				printf("%02x%s", m->key[k], k + 1 < m->info.key_size ? " " : "\n");
			printf("\nNot found\n");
			return -1;
		}
		print_entry(m, m->key);
		return 0;
	}
	if (!strcmp(op, "update") ? bpf_map_update_elem(m->fd, m->key, m->value, flags)
				  : bpf_map_delete_elem(m->fd, m->key)) {
		printf("Error: %s failed: %s\n", op, strerror(errno));
		return -1;
	}
	return 0;
}

int cmd_map(int argc, char **argv)
{
	static struct map_ctx m;
	const char *use =
		"map { list | show MAP | dump MAP | lookup MAP key BYTES |\n"
		"       update MAP key BYTES value BYTES [any|exist|noexist] | delete MAP key BYTES }";
	const char *op = argc > 1 ? argv[1] : "";
	int i = 2, err;

	if (argc == 2 && (!strcmp(op, "list") || !strcmp(op, "show")))
		return map_list();
	if (argc < 3 || (strcmp(op, "show") && strcmp(op, "dump") && strcmp(op, "lookup") &&
			 strcmp(op, "update") && strcmp(op, "delete")))
		return usage(use);
	if (map_open(&m, argc, argv, &i))
		return -1;
	if (!strcmp(op, "show") || !strcmp(op, "dump")) {
		err = i == argc ? 0 : usage(use);
		if (!err && !strcmp(op, "show"))
			print_map(&m);
		else if (!err)
			err = map_dump(&m);
	} else {
		err = map_elem(&m, op, argc, argv, i);
	}
	map_close(&m);
	return err;
}

/* ---------------------------------------------------------------------------
 * net and link: ports come from /proc/net/xdp
 */

struct port {
	char name[16];
	unsigned int ifindex, prog_id;
	char prog_name[32], mac[24];
	unsigned long rx_packets, rx_bytes, rx_errors, xdp[5], tx_packets, tx_dropped;
};

/* The ports of /proc/net/xdp into ports[] (at most PORTS_MAX); how many, or -1. */
static int read_ports(struct port *ports)
{
	char *text = read_whole_file("/proc/net/xdp", NULL), *line, *save = NULL;
	int n = 0;

	if (!text) {
		printf("Error: /proc/net/xdp: %s\n", strerror(errno));
		return -1;
	}
	line = strtok_r(text, "\n", &save); /* the header */
	while ((line = strtok_r(NULL, "\n", &save)) && n < PORTS_MAX) {
		struct port *p = &ports[n];

		if (sscanf(line, "%15s %u %23s %u %31s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   p->name, &p->ifindex, p->mac, &p->prog_id, p->prog_name, &p->rx_packets,
			   &p->rx_bytes, &p->rx_errors, &p->xdp[0], &p->xdp[1], &p->xdp[2],
			   &p->xdp[3], &p->xdp[4], &p->tx_packets, &p->tx_dropped) == 15)
			n++;
	}
	free(text);
	return n;
}

static const char *ifname(unsigned int ifindex, char *buf, size_t size)
{
	struct port ports[PORTS_MAX];
	int n = read_ports(ports);

	snprintf(buf, size, "%u", ifindex);
	for (int i = 0; i < n; i++)
		if (ports[i].ifindex == ifindex)
			snprintf(buf, size, "%.15s(%u)", ports[i].name, ifindex);
	return buf;
}

static int net_list(void)
{
	struct port ports[PORTS_MAX];
	int n = read_ports(ports);

	if (n < 0)
		return -1;
	printf("xdp:\n");
	for (int i = 0; i < n; i++) {
		if (ports[i].prog_id)
			printf("%s(%u) driver id %u\n", ports[i].name, ports[i].ifindex,
			       ports[i].prog_id);
		else if (strcmp(ports[i].prog_name, "-")) /* the kernel's xdp=NAME */
			printf("%s(%u) driver built-in%s%s\n", ports[i].name, ports[i].ifindex,
			       strcmp(ports[i].prog_name, "builtin") ? " " : "",
			       strcmp(ports[i].prog_name, "builtin") ? ports[i].prog_name : "");
	}
	printf("\nports:\n");
	for (int i = 0; i < n; i++) {
		const struct port *p = &ports[i];

		printf("%s(%u)  mac %s\n", p->name, p->ifindex, p->mac);
		printf("\trx %lu packets %lu bytes %lu errors\n", p->rx_packets, p->rx_bytes,
		       p->rx_errors);
		printf("\txdp aborted %lu drop %lu pass %lu tx %lu redirect %lu\n", p->xdp[0],
		       p->xdp[1], p->xdp[2], p->xdp[3], p->xdp[4]);
		printf("\ttx %lu packets %lu dropped\n", p->tx_packets, p->tx_dropped);
	}
	if (!n)
		printf("(no ports)\n");
	return 0;
}

/* bpftool's attach types: xdp (the best mode the port has), xdpgeneric, xdpdrv, xdpoffload. */
static bool xdp_mode_flags(const char *type, unsigned int *flags)
{
	static const struct {
		const char *name;
		unsigned int flags;
	} modes[] = {
		{ "xdp", 0 },
		{ "xdpgeneric", XDP_FLAGS_SKB_MODE },
		{ "xdpdrv", XDP_FLAGS_DRV_MODE },
		{ "xdpoffload", XDP_FLAGS_HW_MODE },
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (!strcmp(type, modes[i].name)) {
			*flags = modes[i].flags;
			return true;
		}
	}
	return false;
}

int cmd_net(int argc, char **argv)
{
	const char *use =
		"net { list | attach ATTACH PROG dev PORT | replace ATTACH PROG dev PORT |\n"
		"       detach ATTACH dev PORT }   ATTACH: xdp | xdpgeneric | xdpdrv | xdpoffload";
	const char *op = argc > 1 ? argv[1] : "";
	unsigned int flags = 0;
	int i = 3, fd, err;

	if (argc == 2 && (!strcmp(op, "list") || !strcmp(op, "show")))
		return net_list();
	if (argc < 3 || !xdp_mode_flags(argv[2], &flags))
		return usage(use);
	if (argc == 5 && !strcmp(op, "detach") && !strcmp(argv[3], "dev"))
		return xdp_detach(argv[4]) ? -1 : 0;
	if ((strcmp(op, "attach") && strcmp(op, "replace")) || argc < 6)
		return usage(use);
	fd = parse_prog_fd(argc, argv, &i);
	if (fd < 0)
		return -1;
	if (i + 2 != argc || strcmp(argv[i], "dev")) {
		close(fd);
		return usage(use);
	}
	err = xdp_attach(argv[i + 1], fd, flags, !strcmp(op, "replace"));
	close(fd);
	return err ? -1 : 0;
}

static void print_link(int fd)
{
	struct bpf_link_info info = { 0 };
	__u32 len = sizeof(info);
	char name[64];

	if (bpf_link_get_info_by_fd(fd, &info, &len)) {
		printf("Error: can't get link info: %s\n", strerror(errno));
		return;
	}
	printf("%u: %s  prog %u\n", info.id, TYPE_NAME(link_type_names, info.type), info.prog_id);
	if (info.type == BPF_LINK_TYPE_XDP)
		printf("\tifindex %s\n", ifname(info.xdp.ifindex, name, sizeof(name)));
}

int cmd_link(int argc, char **argv)
{
	__u32 id = 0;
	int i = 2, fd;

	if (argc == 2 && (!strcmp(argv[1], "list") || !strcmp(argv[1], "show"))) {
		while (!bpf_link_get_next_id(id, &id)) {
			fd = bpf_link_get_fd_by_id(id);
			if (fd < 0)
				continue;
			print_link(fd);
			close(fd);
		}
		return 0;
	}
	if (argc < 3 || strcmp(argv[1], "show"))
		return usage("link { list | show LINK }");
	fd = parse_link_fd(argc, argv, &i);
	if (fd < 0)
		return -1;
	if (i == argc)
		print_link(fd);
	close(fd);
	return i == argc ? 0 : usage("link { list | show LINK }");
}

/* pin prog|map|link SPEC PATH */
int cmd_pin(int argc, char **argv)
{
	const char *use = "pin { prog PROG | map MAP | link LINK } PATH   (PATH under /sys/fs/bpf)";
	const char *kind = argc > 1 ? argv[1] : "";
	int i = 2, fd;

	if (argc < 5)
		return usage(use);
	if (!strcmp(kind, "prog"))
		fd = parse_prog_fd(argc, argv, &i);
	else if (!strcmp(kind, "map"))
		fd = parse_map_fd(argc, argv, &i);
	else if (!strcmp(kind, "link"))
		fd = parse_link_fd(argc, argv, &i);
	else
		return usage(use);
	if (fd < 0)
		return -1;
	if (i + 1 != argc) {
		close(fd);
		return usage(use);
	}
	if (bpf_obj_pin(fd, argv[i])) {
		printf("Error: pin %s: %s\n", argv[i], strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "on") && strcmp(argv[1], "off")))
		return usage("stats { on | off }");
	if (!strcmp(argv[1], "off")) {
		if (stats_fd >= 0)
			close(stats_fd);
		stats_fd = -1;
		printf("stats off\n");
		return 0;
	}
	if (stats_fd < 0)
		stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (stats_fd < 0) {
		printf("Error: BPF_ENABLE_STATS: %s\n", strerror(errno));
		return -1;
	}
	printf("stats on: programs count run_cnt and run_time_ns (see 'prog list')\n");
	return 0;
}
