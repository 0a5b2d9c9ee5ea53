// SPDX-License-Identifier: GPL-2.0
/*
 * vlinux: the Linux side of the verifier differential corpus. For each
 * corpus program (a .s file in the syntax of lib/bpf/asm.c with a header of
 * "; key: value" comment lines, see tests/verifier/README.md) it creates the
 * maps, assembles the text with bpf_asm(), points every map lddw at the real
 * map fds, loads the program into the HOST kernel with BPF_PROG_LOAD and
 * prints one tab-separated line:
 *
 *   name type priv decision errno insns processed load_ns verif_usec error_line
 *
 * errno is Linux's name for the load's errno (EACCES...) or 0.
 *
 * decision is accept, reject or skip (error_line then says why). Built against
 * the SYSTEM <linux/bpf.h>: the project's include/uapi must not shadow it,
 * so only -Iinclude is on this file's command line.
 *
 *   vlinux [--log] [--header] [--bin-dir DIR] [--repeat N] FILE.s...
 *
 * --repeat N loads each program N times (1..99) and reports the median load time.
 * --log prints each Linux log too (root loads only); --bin-dir writes each
 * program's instructions, as they were before the map fds went in, to
 * DIR/NAME.bin, so that bpfrun verify sees exactly what Linux saw.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpfkern/bpf_asm.h>
#include "vbtf.h"

#define VMAX_MAPS 8
#define VLOG_SIZE (16u << 20)
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

/* What a corpus file's header asks for (the defaults are in case_defaults()). */
struct vcase {
	const char *path;
	char name[128];
	char type[32]; /* xdp | socket_filter */
	char priv[16]; /* root | bpf | none */
	char license[32];
	char map_spec[VMAX_MAPS][64];
	int nmaps;
	unsigned int log_level;
	unsigned int log_size; /* 0: the runner's big buffer */
	char func_info[128]; /* "; func_info:" linkages; "" for a program without BTF */
	bool has_func_info;
	struct vbtf btf; /* its BTF and func_info (vbtf.h) */
	int btf_fd;
};

/* What Linux decided; fixed-size so a child can hand it over a pipe. */
struct vresult {
	char decision[8];
	int err;
	unsigned int insns;
	long processed; /* -1 when the log has no "processed N insns" */
	long long load_ns;
	long verif_usec;
	char line[256];
};

#define VMAX_REPEAT 99

static char *logbuf;
static bool print_logs;
static int repeat = 1; /* loads per program; load_ns is their median */

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = 0;
	fclose(f);
	return buf;
}

static void case_defaults(struct vcase *c, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	memset(c, 0, sizeof(*c));
	c->path = path;
	snprintf(c->name, sizeof(c->name), "%.*s", (int)strcspn(base, "."), base);
	strcpy(c->type, "xdp");
	strcpy(c->priv, "root");
	strcpy(c->license, "GPL");
	c->btf_fd = -1;
	c->log_level = 0; /* BPF_LOG_STATS is always added: errors and counts without the trace */
}

/* Copies the value of header key "; key:" from line into out; false if absent. */
static bool header_value(const char *line, const char *key, char *out, size_t len)
{
	size_t k = strlen(key);

	while (*line == ';' || *line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, key, k) || line[k] != ':')
		return false;
	line += k + 1;
	line += strspn(line, " \t");
	snprintf(out, len, "%.*s", (int)strcspn(line, "\r\n"), line);
	return true;
}

/* Copies src into dst[len], truncating. */
static void set_str(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%.*s", (int)len - 1, src);
}

/*
 * Reads the header keys this runner needs from the leading comment lines of
 * text (the others, expect/linux/rule, are for the tier script). Returns 0 or
 * -1 with a reason in err.
 */
static int parse_header(const char *text, struct vcase *c, char *err, size_t errlen)
{
	char val[512], *tok, *save;

	for (const char *l = text; *l == ';' || *l == '\n'; l = strchr(l, '\n') + 1) {
		if (header_value(l, "type", val, sizeof(val)))
			set_str(c->type, sizeof(c->type), val);
		else if (header_value(l, "priv", val, sizeof(val)))
			set_str(c->priv, sizeof(c->priv), val);
		else if (header_value(l, "license", val, sizeof(val)))
			set_str(c->license, sizeof(c->license), val);
		else if (header_value(l, "log_level", val, sizeof(val)))
			c->log_level = strtoul(val, NULL, 0);
		else if (header_value(l, "log_size", val, sizeof(val)))
			c->log_size = strtoul(val, NULL, 0);
		else if (header_value(l, "func_info", val, sizeof(val))) {
			set_str(c->func_info, sizeof(c->func_info), val);
			c->has_func_info = true;
		} else if (header_value(l, "maps", val, sizeof(val))) {
			for (tok = strtok_r(val, " \t", &save); tok;
			     tok = strtok_r(NULL, " \t", &save)) {
				if (c->nmaps == VMAX_MAPS) {
					snprintf(err, errlen, "more than %d maps", VMAX_MAPS);
					return -1;
				}
				set_str(c->map_spec[c->nmaps++], sizeof(c->map_spec[0]), tok);
			}
		}
		if (!strchr(l, '\n'))
			break;
	}
	if (strcmp(c->type, "xdp") && strcmp(c->type, "socket_filter")) {
		snprintf(err, errlen, "unknown type '%s'", c->type);
		return -1;
	}
	return 0;
}

static const struct {
	const char *name;
	enum bpf_map_type type;
} map_types[] = {
	{ "array", BPF_MAP_TYPE_ARRAY },
	{ "hash", BPF_MAP_TYPE_HASH },
	{ "prog_array", BPF_MAP_TYPE_PROG_ARRAY },
	{ "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY },
	{ "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH },
	{ "lru_hash", BPF_MAP_TYPE_LRU_HASH },
};

/* Creates the map "TYPE:KEY:VALUE:MAX"; returns its fd or -1 with err set. */
static int map_create(const char *spec, char *err, size_t errlen)
{
	union bpf_attr attr;
	char tname[32];
	unsigned int k, v, max;
	int fd, lock_off, btf_fd = -1;

	memset(&attr, 0, sizeof(attr));
	if (sscanf(spec, "%31[a-z_]:%u:%u:%u", tname, &k, &v, &max) != 4) {
		snprintf(err, errlen, "bad map spec '%s' (TYPE:KEY:VALUE:MAX)", spec);
		return -1;
	}
	attr.map_type = BPF_MAP_TYPE_UNSPEC;
	for (size_t i = 0; i < sizeof(map_types) / sizeof(map_types[0]); i++)
		if (!strcmp(tname, map_types[i].name))
			attr.map_type = map_types[i].type;
	if (attr.map_type == BPF_MAP_TYPE_UNSPEC) {
		snprintf(err, errlen, "unknown map type '%s'", tname);
		return -1;
	}
	attr.key_size = k;
	attr.value_size = v;
	attr.max_entries = max;
	if (vbtf_map_suffix(spec, &lock_off)) { /* value BTF, maybe with a bpf_spin_lock */
		union bpf_attr battr;
		struct vbtf b;

		if (vbtf_map_build(v, lock_off, &b, err, errlen))
			return -1;
		memset(&battr, 0, sizeof(battr));
		battr.btf = (unsigned long)b.blob;
		battr.btf_size = b.size;
		btf_fd = (int)sys_bpf(BPF_BTF_LOAD, &battr);
		if (btf_fd < 0) {
			snprintf(err, errlen, "map '%s': BTF_LOAD: %s", spec, strerror(errno));
			return -1;
		}
		attr.btf_fd = btf_fd;
		attr.btf_key_type_id = 1;
		attr.btf_value_type_id = 3;
	}
	fd = sys_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0)
		snprintf(err, errlen, "map '%s': %s", spec, strerror(errno));
	if (btf_fd >= 0)
		close(btf_fd);
	return fd;
}

/*
 * Points every lddw with src BPF_PSEUDO_MAP_FD or BPF_PSEUDO_MAP_VALUE and
 * imm = i at the i-th map (bpfrun's --map convention). Returns 0, or -1 when
 * an index names no map.
 */
static int fixup_map_fds(struct bpf_insn *insns, size_t cnt, const int *fds, int nfds)
{
	for (size_t i = 0; i + 1 < cnt; i++) {
		if (insns[i].code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		if (insns[i].src_reg == BPF_PSEUDO_MAP_FD ||
		    insns[i].src_reg == BPF_PSEUDO_MAP_VALUE) {
			if (insns[i].imm < 0 || insns[i].imm >= nfds)
				return -1;
			insns[i].imm = fds[insns[i].imm];
		}
		i++;
	}
	return 0;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* True for a log line of the instruction trace ("12: ...", "from 3 to 7: ...", "; ..."). */
static bool trace_line(const char *p)
{
	const char *q = p;

	while (*q >= '0' && *q <= '9')
		q++;
	return (q > p && *q == ':') || !strncmp(p, "from ", 5) || *p == ';';
}

/* Appends the log line p[0..n) to r->line, " | "-separated. */
static void add_line(struct vresult *r, const char *p, size_t n)
{
	size_t len = strlen(r->line);

	if (len)
		len += snprintf(r->line + len, sizeof(r->line) - len, " | ");
	if (len < sizeof(r->line))
		snprintf(r->line + len, sizeof(r->line) - len, "%.*s", (int)n, p);
}

/*
 * Fills r->line with Linux's error message: the log lines after the last
 * trace line, statistics lines ("processed ...", "verification time",
 * "stack depth") left out. Also extracts the processed-insn count and the
 * reported verification time.
 */
static void parse_log(const char *log, struct vresult *r)
{
	const char *p, *q, *s;
	size_t n;

	r->processed = -1;
	r->verif_usec = -1;
	r->line[0] = 0;
	for (p = log; *p; p = *s ? s + 1 : s) {
		s = strchr(p, '\n');
		if (!s)
			s = p + strlen(p);
		n = s - p;
		q = strstr(p, "verification time ");
		if (q && q > p && q < s) {
			/* an error message without its newline runs into the stats line */
			add_line(r, p, q - p);
			p = q;
			n = s - p;
		}
		if (!strncmp(p, "processed ", 10))
			r->processed = strtol(p + 10, NULL, 10);
		else if (!strncmp(p, "verification time ", 18))
			r->verif_usec = strtol(p + 18, NULL, 10);
		else if (trace_line(p))
			r->line[0] = 0;
		else if (n && strncmp(p, "stack depth ", 12))
			add_line(r, p, n);
	}
}

/* One BPF_PROG_LOAD of insns as case c asks; returns the fd or -1 (errno set). */
static int prog_load(const struct vcase *c, const struct bpf_insn *insns, size_t cnt, long long *ns)
{
	union bpf_attr attr;
	long long t0;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = strcmp(c->type, "xdp") ? BPF_PROG_TYPE_SOCKET_FILTER : BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = cnt;
	attr.license = (unsigned long)c->license;
	attr.log_level = c->log_level | (c->log_size ? 0 : 4);
	attr.log_buf = (unsigned long)logbuf;
	attr.log_size = c->log_size ? c->log_size : VLOG_SIZE;
	if (c->has_func_info) {
		attr.prog_btf_fd = c->btf_fd;
		attr.func_info = (unsigned long)c->btf.fi;
		attr.func_info_rec_size = sizeof(c->btf.fi[0]);
		attr.func_info_cnt = c->btf.nfi;
	}
	logbuf[0] = 0;
	t0 = now_ns();
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	*ns = now_ns() - t0;
	return fd;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * Loads insns as case c asks, in this process, filling r. With repeat > 1
 * the load runs that many times and r->load_ns is the median (the machines
 * are shared and noisy); the decision and log are the last load's.
 */
static void load_prog(const struct vcase *c, const struct bpf_insn *insns, size_t cnt,
		      struct vresult *r)
{
	long long ns[VMAX_REPEAT];
	int fd = -1;

	for (int i = 0; i < repeat; i++) {
		if (fd >= 0)
			close(fd);
		fd = prog_load(c, insns, cnt, &ns[i]);
		r->err = fd < 0 ? errno : 0;
	}
	qsort(ns, repeat, sizeof(ns[0]), cmp_ll);
	r->load_ns = ns[repeat / 2];
	strcpy(r->decision, fd >= 0 ? "accept" : "reject");
	parse_log(logbuf, r);
	if (fd >= 0) {
		close(fd);
		r->line[0] = 0; /* an accepted program has no error message */
	}
	if (fd < 0 && !r->line[0])
		snprintf(r->line, sizeof(r->line), "(empty log) %s", strerror(r->err));
}

/* Keeps only the capabilities in keep (a bit mask of CAP_*); 0 or -1. */
static int drop_caps(unsigned long long keep)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	for (int i = 0; i < 2; i++) {
		data[i].effective = (unsigned int)(keep >> (32 * i));
		data[i].permitted = data[i].effective;
	}
	return syscall(SYS_capset, &hdr, data) ? -1 : 0;
}

/* The capabilities a "priv:" level keeps: bpf keeps CAP_BPF (+NET_ADMIN for XDP). */
static int priv_caps(const char *priv, unsigned long long *keep)
{
	if (!strcmp(priv, "bpf"))
		*keep = (1ULL << CAP_BPF) | (1ULL << CAP_NET_ADMIN);
	else if (!strcmp(priv, "none"))
		*keep = 0;
	else
		return -1;
	return 0;
}

static void skip(struct vresult *r, const char *why)
{
	strcpy(r->decision, "skip");
	r->processed = -1;
	r->verif_usec = -1;
	snprintf(r->line, sizeof(r->line), "%s", why);
}

/* Builds and loads the case's BTF (vbtf.h) into c->btf_fd; 0 or -1 with err set. */
static int load_btf(struct vcase *c, const struct bpf_insn *insns, size_t cnt, char *err,
		    size_t errlen)
{
	union bpf_attr attr;

	if (vbtf_build(insns, cnt, c->func_info, &c->btf, err, errlen))
		return -1;
	memset(&attr, 0, sizeof(attr));
	attr.btf = (unsigned long)c->btf.blob;
	attr.btf_size = c->btf.size;
	c->btf_fd = (int)sys_bpf(BPF_BTF_LOAD, &attr);
	if (c->btf_fd < 0) {
		snprintf(err, errlen, "BTF_LOAD: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Creates the maps (fds[]), then loads; for a reduced privilege, in a child. */
static void run_loaded(struct vcase *c, struct bpf_insn *insns, size_t cnt, struct vresult *r)
{
	unsigned long long keep = 0;
	int fds[VMAX_MAPS], n = 0, pfd[2];
	char err[256] = "";
	pid_t pid;

	if (strcmp(c->priv, "root") && priv_caps(c->priv, &keep)) {
		skip(r, "unknown priv level");
		return;
	}
	for (n = 0; n < c->nmaps; n++) {
		fds[n] = map_create(c->map_spec[n], err, sizeof(err));
		if (fds[n] < 0) {
			skip(r, err);
			goto close_maps;
		}
	}
	if (c->has_func_info && load_btf(c, insns, cnt, err, sizeof(err))) {
		skip(r, err);
		goto close_maps;
	}
	if (fixup_map_fds(insns, cnt, fds, n)) {
		skip(r, "an lddw names a map index beyond the maps: header");
		goto close_maps;
	}
	if (!strcmp(c->priv, "root")) {
		load_prog(c, insns, cnt, r);
		goto close_maps;
	}
	if (pipe(pfd)) {
		skip(r, "pipe failed");
		goto close_maps;
	}
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		if (drop_caps(keep))
			skip(r, "capset failed");
		else
			load_prog(c, insns, cnt, r);
		if (write(pfd[1], r, sizeof(*r)) != sizeof(*r))
			_exit(1);
		_exit(0);
	}
	close(pfd[1]);
	if (pid < 0 || read(pfd[0], r, sizeof(*r)) != sizeof(*r))
		skip(r, "child load failed");
	close(pfd[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
close_maps:
	while (n-- > 0)
		close(fds[n]);
	if (c->btf_fd > 0)
		close(c->btf_fd);
	c->btf_fd = -1;
}

/* Reads the unprivileged_bpf_disabled sysctl; -1 if unreadable. */
static int unpriv_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/*
 * The instructions of a "; raw:" program: 64-bit words as the conformance
 * suite writes them (opcode in the low byte: "r0 = 1" is 0x00000001000000b7),
 * for encodings no assembler syntax expresses. Returns the count or -1.
 */
static int parse_raw(const char *text, struct bpf_asm_result *res)
{
	size_t cap = 0;
	char *end;

	for (const char *l = text; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, "; raw:", 6))
			continue;
		for (const char *p = l + 6;; p = end) {
			unsigned long long w = strtoull(p, &end, 16);
			struct bpf_insn *insn;

			if (end == p)
				break;
			if (res->cnt == cap) {
				cap = cap ? 2 * cap : 16;
				insn = realloc(res->insns, cap * sizeof(*insn));
				if (!insn)
					return -1;
				res->insns = insn;
			}
			insn = &res->insns[res->cnt++];
			insn->code = w & 0xff;
			insn->dst_reg = (w >> 8) & 0xf;
			insn->src_reg = (w >> 12) & 0xf;
			insn->off = (short)((w >> 16) & 0xffff);
			insn->imm = (int)(w >> 32);
		}
	}
	return res->cnt ? (int)res->cnt : -1;
}

/* The program of text: its "; raw:" words if any, else the assembled body. */
static int assemble(const char *text, struct bpf_asm_result *res, char *err, size_t len)
{
	if (strstr(text, "\n; raw:") || !strncmp(text, "; raw:", 6)) {
		if (parse_raw(text, res) > 0)
			return 0;
		snprintf(err, len, "bad ; raw: words");
		return -1;
	}
	if (!bpf_asm(text, res))
		return 0;
	snprintf(err, len, "asm: %s", res->err);
	return -1;
}

/* Writes insns as DIR/NAME.bin (raw little-endian, what bpfrun loads); 0 or -1. */
static int write_bin(const char *dir, const char *name, const struct bpf_insn *insns, size_t cnt)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	n = fwrite(insns, sizeof(*insns), cnt, f);
	return fclose(f) || n != cnt ? -1 : 0;
}

/*
 * Runs the corpus file at path: header, assembly (also written to bin_dir
 * when set, before the map fds are filled in), privilege check, load.
 */
static void run_case(const char *path, const char *bin_dir, struct vresult *r, struct vcase *c)
{
	struct bpf_asm_result res;
	char err[256], *text;
	int dis;

	memset(r, 0, sizeof(*r));
	memset(&res, 0, sizeof(res));
	logbuf[0] = 0;
	case_defaults(c, path);
	text = read_file(path);
	if (!text) {
		skip(r, "cannot read file");
		return;
	}
	if (parse_header(text, c, err, sizeof(err)) || assemble(text, &res, err, sizeof(err))) {
		skip(r, err);
	} else if (bin_dir && write_bin(bin_dir, c->name, res.insns, res.cnt)) {
		skip(r, "cannot write the .bin");
	} else if (!strcmp(c->priv, "none") && (dis = unpriv_disabled()) != 0) {
		snprintf(err, sizeof(err), "unprivileged_bpf_disabled=%d on this host", dis);
		skip(r, err);
	} else {
		r->insns = res.cnt;
		run_loaded(c, res.insns, res.cnt, r);
	}
	bpf_asm_result_free(&res);
	free(text);
}

static void print_result(const struct vcase *c, const struct vresult *r)
{
	printf("%s\t%s\t%s\t%s\t%s\t%u\t%ld\t%lld\t%ld\t", c->name, c->type, c->priv, r->decision,
	       r->err ? strerrorname_np(r->err) : "0", r->insns, r->processed, r->load_ns,
	       r->verif_usec);
	for (const char *p = r->line; *p; p++)
		putchar(*p == '\t' ? ' ' : *p);
	putchar('\n');
}

int main(int argc, char **argv)
{
	const char *bin_dir = NULL;
	struct vresult r;
	struct vcase c;
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--log"))
			print_logs = true;
		else if (!strcmp(argv[i], "--bin-dir") && i + 1 < argc)
			bin_dir = argv[++i];
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc &&
			 (repeat = atoi(argv[++i])) >= 1 && repeat <= VMAX_REPEAT)
			;
		else if (!strcmp(argv[i], "--header"))
			printf("name\ttype\tpriv\tdecision\terrno\tinsns\tprocessed\tload_ns\t"
			       "verif_usec\terror_line\n");
		else {
			fprintf(stderr,
				"usage: vlinux [--log] [--header] [--bin-dir DIR] [--repeat N] FILE.s...\n");
			return 2;
		}
	}
	logbuf = malloc(VLOG_SIZE);
	if (!logbuf)
		return 2;
	for (; i < argc; i++) {
		run_case(argv[i], bin_dir, &r, &c);
		print_result(&c, &r);
		if (print_logs)
			printf("%s\n", logbuf);
		fflush(stdout);
	}
	free(logbuf);
	return 0;
}
