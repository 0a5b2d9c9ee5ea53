// SPDX-License-Identifier: GPL-2.0
/*
 * A ring-3 fuzzer of bpf(): argv[1] calls (default 100,000; argv[2] seeds
 * it; with no arguments, t_fuzz.calls=N and t_fuzz.seed=S on the kernel
 * command line, read from /proc/cmdline when that exists, for make fuzz).
 * Half the calls take one of the common commands with a valid attr (on
 * maps and programs made at the start: an ARRAY or HASH map, an XDP and a
 * socket filter program, a map-in-map template) mutated in up to three
 * places; the rest take any command number, valid or not. Valid attrs
 * cover map creation of every type the kernel has, element and batch
 * commands, program loads (a constant, a map lookup through an lddw of a
 * map fd, LD_ABS; with and without a verifier log; sometimes with a
 * damaged instruction), test runs, info, ids, links, BTF loads, stats and
 * bind-map. Sizes, attr pointers and the pointers inside attrs are valid,
 * NULL, unmapped, kernel addresses or straddling the user limit; fds are
 * open, closed or never were. The kernel must survive (a panic ends the
 * QEMU run with status 37), every result must be >= 0 or a Linux errno,
 * a privileged run must reach the success path of the main commands, and
 * every fd is closed at the end, so that the kernel's
 * kernel.user_pages_freed check after init exits also covers what the
 * calls allocated. OBJ_PIN is left out: a pin keeps its object alive after
 * the process, on purpose. Prints a histogram of errnos and of successes.
 */
#include <stdlib.h>
#include <string.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define MAX_ERRNO 4095
#define MAX_FD 64
#define ATTR_BYTES 256
#define KERNEL_ADDR 0xffffffff80100000UL
#define USER_LIMIT 0x00007ffffffff000UL

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;
static unsigned char bufs[4][8192] __attribute__((aligned(16)));

static unsigned long long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A pointer for an attr field or the attr itself: mostly into our buffers. */
static unsigned long rnd_ptr(void)
{
	switch (rnd() % 8) {
	case 0:
		return 0;
	case 1:
		return 0x1000 + (rnd() % 16) * 4096; /* unmapped low memory */
	case 2:
		return KERNEL_ADDR + rnd() % 65536;
	case 3:
		return USER_LIMIT - rnd() % 64;
	default:
		return (unsigned long)bufs[rnd() % 4] + rnd() % 8000;
	}
}

static unsigned int rnd_size(void)
{
	switch (rnd() % 6) {
	case 0:
		return rnd() % 8;
	case 1:
		return (unsigned int)sizeof(union bpf_attr);
	case 2:
		return 4097;
	case 3:
		return (unsigned int)(rnd() % 300);
	default:
		return (unsigned int)(rnd() % (sizeof(union bpf_attr) + 1));
	}
}

/* The objects valid attrs point at: made at the start, closed at the end. */
static int map_fd = -1, prog_fd = -1, sock_fd = -1;

#define INSN(c, d, s, o, i)                                                         \
	{                                                                           \
		.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) \
	}
/* r0 = XDP_PASS. */
static const struct bpf_insn prog_pass[] = {
	INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
	INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
};
/* A lookup of key 0 in the map whose fd is in insn 3 (an lddw, src BPF_PSEUDO_MAP_FD). */
static const struct bpf_insn prog_lookup[] = {
	INSN(BPF_ST | BPF_MEM | BPF_W, 10, 0, -4, 0),
	INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
	INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
	INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, 0),
	INSN(0, 0, 0, 0, 0),
	INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
	INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1, 0),
	INSN(BPF_LDX | BPF_MEM | BPF_DW, 0, 0, 0, 0),
	INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
	INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
};
/* A socket filter: r6 = skb, r0 = byte 12 of the packet (LD_ABS). */
static const struct bpf_insn prog_ldabs[] = {
	INSN(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0),
	INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 12),
	INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
};
static struct bpf_insn prog_buf[16];

/* A minimal valid BTF blob: one INT type named "int" (header, types, strings). */
static const unsigned char btf_blob[] = {
	0x9f, 0xeb, 1,	 0,   24, 0, 0, 0, /* magic, version, flags, hdr_len */
	0,    0,    0,	 0,   16, 0, 0, 0, /* type_off, type_len */
	16,   0,    0,	 0,   5,  0, 0, 0, /* str_off, str_len */
	1,    0,    0,	 0,   0,  0, 0, 1, 4, 0, 0, 0, /* name_off 1, kind INT, size 4 */
	32,   0,    0,	 0, /* 32 bits, no encoding */
	0,    'i',  'n', 't', 0,
};

static const unsigned int map_types[] = {
	BPF_MAP_TYPE_ARRAY,	   BPF_MAP_TYPE_HASH,	    BPF_MAP_TYPE_PERCPU_ARRAY,
	BPF_MAP_TYPE_PERCPU_HASH,  BPF_MAP_TYPE_LRU_HASH,   BPF_MAP_TYPE_LRU_PERCPU_HASH,
	BPF_MAP_TYPE_LPM_TRIE,	   BPF_MAP_TYPE_QUEUE,	    BPF_MAP_TYPE_STACK,
	BPF_MAP_TYPE_RINGBUF,	   BPF_MAP_TYPE_PROG_ARRAY, BPF_MAP_TYPE_ARRAY_OF_MAPS,
	BPF_MAP_TYPE_HASH_OF_MAPS, BPF_MAP_TYPE_DEVMAP,	    BPF_MAP_TYPE_DEVMAP_HASH,
};

/* MAP_CREATE: a type, and the sizes and flags that type wants. */
static void template_map_create(union bpf_attr *attr)
{
	attr->map_type = map_types[rnd() % (sizeof(map_types) / sizeof(map_types[0]))];
	attr->key_size = 4;
	attr->value_size = 8;
	attr->max_entries = 1 + rnd() % 64;
	switch (attr->map_type) {
	case BPF_MAP_TYPE_LPM_TRIE:
		attr->key_size = 8;
		attr->map_flags = BPF_F_NO_PREALLOC;
		break;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		attr->key_size = 0;
		break;
	case BPF_MAP_TYPE_RINGBUF:
		attr->key_size = attr->value_size = 0;
		attr->max_entries = 4096 << (rnd() % 3);
		break;
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
		attr->value_size = 4;
		break;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		attr->value_size = 4;
		attr->inner_map_fd = (unsigned int)map_fd;
		break;
	}
}

/* PROG_LOAD: one of the programs (sometimes with one damaged field), maybe a log. */
static void template_prog_load(union bpf_attr *attr, unsigned long buf)
{
	const struct bpf_insn *p = prog_pass;
	unsigned int n = 2;

	switch (rnd() % 3) {
	case 1:
		p = prog_lookup;
		n = sizeof(prog_lookup) / sizeof(prog_lookup[0]);
		break;
	case 2:
		p = prog_ldabs;
		n = sizeof(prog_ldabs) / sizeof(prog_ldabs[0]);
		break;
	}
	memcpy(prog_buf, p, n * sizeof(*p));
	if (p == prog_lookup)
		prog_buf[3].imm = map_fd;
	if (rnd() % 4 == 0)
		((unsigned char *)prog_buf)[rnd() % (n * sizeof(*p))] = (unsigned char)rnd();
	attr->prog_type = p == prog_ldabs || rnd() % 4 == 0 ? BPF_PROG_TYPE_SOCKET_FILTER
							    : BPF_PROG_TYPE_XDP;
	attr->insns = (unsigned long)prog_buf;
	attr->insn_cnt = n;
	attr->license = (unsigned long)"GPL";
	if (rnd() % 2) {
		attr->log_buf = buf + 128;
		attr->log_size = (unsigned int)(rnd() % 4000);
		attr->log_level = (unsigned int)(rnd() % 4);
	}
}

/* A valid attr for the common commands (else zero), before mutation. */
static void template_attr(union bpf_attr *attr, int cmd)
{
	unsigned long buf = (unsigned long)bufs[1 + rnd() % 3];

	switch (cmd) {
	case BPF_MAP_CREATE:
		template_map_create(attr);
		break;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		if (rnd() % 2) /* an index the array has, often */
			*(unsigned int *)buf = (unsigned int)(rnd() % 20);
		attr->map_fd = (unsigned int)map_fd;
		attr->key = buf;
		attr->value = buf + 64;
		attr->flags = rnd() % 4;
		break;
	case BPF_MAP_LOOKUP_BATCH:
	case BPF_MAP_LOOKUP_AND_DELETE_BATCH:
	case BPF_MAP_UPDATE_BATCH:
	case BPF_MAP_DELETE_BATCH:
		attr->batch.map_fd = (unsigned int)map_fd;
		attr->batch.in_batch = rnd() % 2 ? 0 : buf;
		attr->batch.out_batch = buf + 16;
		attr->batch.keys = buf + 256;
		attr->batch.values = buf + 1024;
		attr->batch.count = (unsigned int)(rnd() % 80);
		break;
	case BPF_PROG_LOAD:
		template_prog_load(attr, buf);
		break;
	case BPF_PROG_TEST_RUN:
		attr->test.prog_fd = (unsigned int)(rnd() % 4 ? prog_fd : sock_fd);
		attr->test.data_in = buf;
		attr->test.data_size_in = 14 + rnd() % 100;
		attr->test.repeat = 1;
		if (rnd() % 2) {
			attr->test.data_out = buf + 2048;
			attr->test.data_size_out = (unsigned int)(rnd() % 200);
		}
		break;
	case BPF_OBJ_GET_INFO_BY_FD:
		attr->info.bpf_fd = (unsigned int)(rnd() % 2 ? map_fd : prog_fd);
		attr->info.info_len = (unsigned int)(rnd() % 256);
		attr->info.info = buf;
		break;
	case BPF_MAP_FREEZE:
		attr->map_fd = (unsigned int)map_fd;
		break;
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
	case BPF_LINK_GET_NEXT_ID:
	case BPF_BTF_GET_NEXT_ID:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_BTF_GET_FD_BY_ID:
		attr->start_id = (unsigned int)(rnd() % 64);
		break;
	case BPF_OBJ_GET:
		strcpy((char *)buf, rnd() % 2 ? "/sys/fs/bpf" : "/sys/fs/bpf/nothing");
		attr->pathname = buf;
		break;
	case BPF_LINK_CREATE:
		attr->link_create.prog_fd = (unsigned int)prog_fd;
		attr->link_create.target_ifindex = (unsigned int)(rnd() % 4);
		attr->link_create.attach_type = BPF_XDP;
		break;
	case BPF_LINK_UPDATE:
	case BPF_LINK_DETACH:
		attr->link_update.link_fd = (unsigned int)(3 + rnd() % 16);
		attr->link_update.new_prog_fd = (unsigned int)prog_fd;
		break;
	case BPF_BTF_LOAD:
		memcpy((void *)(buf + 512), btf_blob, sizeof(btf_blob));
		attr->btf = buf + 512;
		attr->btf_size = sizeof(btf_blob);
		if (rnd() % 2) {
			attr->btf_log_buf = buf + 1024;
			attr->btf_log_size = (unsigned int)(rnd() % 2000);
			attr->btf_log_level = (unsigned int)(rnd() % 3);
		}
		break;
	case BPF_ENABLE_STATS:
		attr->enable_stats.type = BPF_STATS_RUN_TIME;
		break;
	case BPF_PROG_BIND_MAP:
		attr->prog_bind_map.prog_fd = (unsigned int)prog_fd;
		attr->prog_bind_map.map_fd = (unsigned int)map_fd;
		break;
	}
}

/*
 * An attr: a valid one for the command, mutated in zero to three places (a
 * random byte, a small value, a pointer of any kind, an fd that may be
 * closed), mostly within its first 48 bytes, where most commands' fields
 * are, else anywhere in the kernel's 168.
 */
static void rnd_attr(unsigned char *a, int cmd)
{
	union bpf_attr *attr = (union bpf_attr *)a;
	int mutations = (int)(rnd() % 4);

	memset(a, 0, ATTR_BYTES);
	template_attr(attr, cmd);
	for (int i = 0; i < mutations; i++) {
		unsigned int span = rnd() % 4 ? 48 : (unsigned int)sizeof(union bpf_attr);

		switch (rnd() % 4) {
		case 0:
			a[rnd() % span] = (unsigned char)rnd();
			break;
		case 1:
			a[rnd() % span] = (unsigned char)(rnd() % 8);
			break;
		case 2:
			((unsigned long *)a)[rnd() % (span / 8)] = rnd_ptr();
			break;
		default:
			((unsigned int *)a)[rnd() % (span / 4)] = (unsigned int)(rnd() % 16);
		}
	}
	if (rnd() % 16 == 0)
		a[rnd() % ATTR_BYTES] = (unsigned char)rnd(); /* a non-zero tail */
	if (cmd == BPF_PROG_TEST_RUN)
		attr->test.repeat %= 4; /* a run, not a benchmark */
	if (cmd == BPF_MAP_CREATE && attr->map_type != BPF_MAP_TYPE_RINGBUF)
		attr->max_entries %= 4096; /* memory for the rest of the run */
	if (cmd == BPF_MAP_CREATE && attr->map_type == BPF_MAP_TYPE_RINGBUF)
		attr->max_entries %= 1 << 16;
	if (cmd == BPF_PROG_LOAD && attr->insn_cnt > 16 && attr->insns == (unsigned long)prog_buf)
		attr->insn_cnt = 16; /* within prog_buf */
}

/*
 * Without arguments: t_fuzz.calls=N and t_fuzz.seed=S from /proc/cmdline,
 * when the kernel has that file (raw system calls: -ENOSYS or -ENOENT
 * leave the defaults).
 */
static void args_from_cmdline(long *calls, unsigned long long *seed)
{
	static char line[1024];
	long fd = raw_syscall(__NR_open, (long)"/proc/cmdline", 0, 0, 0, 0, 0), n;
	char *p;

	if (fd < 0)
		return;
	n = raw_syscall(__NR_read, fd, (long)line, sizeof(line) - 1, 0, 0, 0);
	raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	if (n <= 0)
		return;
	line[n] = '\0';
	p = strstr(line, "t_fuzz.calls=");
	if (p)
		*calls = atol(p + 13);
	p = strstr(line, "t_fuzz.seed=");
	if (p)
		*seed = strtoull(p + 12, NULL, 0);
}

/* The objects valid attrs name: an ARRAY map (key 4, value 8), an XDP program, a socket filter. */
static void make_objects(union bpf_attr *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->map_type = BPF_MAP_TYPE_ARRAY;
	attr->key_size = 4;
	attr->value_size = 8;
	attr->max_entries = 16;
	map_fd = (int)raw_syscall(__NR_bpf, BPF_MAP_CREATE, (long)attr, sizeof(*attr), 0, 0, 0);
	memset(attr, 0, sizeof(*attr));
	attr->prog_type = BPF_PROG_TYPE_XDP;
	attr->insns = (unsigned long)prog_pass;
	attr->insn_cnt = 2;
	attr->license = (unsigned long)"GPL";
	prog_fd = (int)raw_syscall(__NR_bpf, BPF_PROG_LOAD, (long)attr, sizeof(*attr), 0, 0, 0);
	attr->prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr->insns = (unsigned long)prog_ldabs;
	attr->insn_cnt = 3;
	sock_fd = (int)raw_syscall(__NR_bpf, BPF_PROG_LOAD, (long)attr, sizeof(*attr), 0, 0, 0);
	memset(attr, 0, sizeof(*attr));
}

/* A command: half the time a common one, else any number, rarely a wild one. */
static int rnd_cmd(void)
{
	static const int common[] = {
		BPF_MAP_CREATE,	      BPF_MAP_LOOKUP_ELEM,    BPF_MAP_UPDATE_ELEM,
		BPF_MAP_DELETE_ELEM,  BPF_MAP_GET_NEXT_KEY,   BPF_PROG_LOAD,
		BPF_PROG_TEST_RUN,    BPF_OBJ_GET_INFO_BY_FD, BPF_MAP_LOOKUP_BATCH,
		BPF_MAP_UPDATE_BATCH, BPF_BTF_LOAD,	      BPF_LINK_CREATE,
		BPF_MAP_GET_NEXT_ID,  BPF_PROG_GET_FD_BY_ID,  BPF_PROG_BIND_MAP,
	};

	if (rnd() % 2)
		return common[rnd() % (sizeof(common) / sizeof(common[0]))];
	return rnd() % 16 ? (int)(rnd() % (__MAX_BPF_CMD + 1)) : (int)rnd();
}

int main(int argc, char **argv)
{
	static const int must_succeed[] = { BPF_MAP_CREATE,	 BPF_MAP_LOOKUP_ELEM,
					    BPF_MAP_UPDATE_ELEM, BPF_PROG_LOAD,
					    BPF_PROG_TEST_RUN,	 BPF_OBJ_GET_INFO_BY_FD };
	long calls = 100000, bad = 0, ok = 0, hist[64] = { 0 }, ok_cmd[64] = { 0 }, reached = 0;
	unsigned long long seed = 0;
	int fds[MAX_FD], nfds = 0;
	unsigned char *attr_buf = bufs[0];

	if (argc > 1)
		calls = atol(argv[1]);
	else
		args_from_cmdline(&calls, &seed);
	if (argc > 2)
		seed = strtoull(argv[2], NULL, 0);
	rng_state ^= seed;
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8192; j++)
			bufs[i][j] = (unsigned char)rnd();
	make_objects((union bpf_attr *)attr_buf);
	for (long n = 0; n < calls; n++) {
		int cmd = rnd_cmd();
		unsigned long attr = rnd() % 8 ? (unsigned long)attr_buf : rnd_ptr();
		long ret;

		if (cmd == BPF_OBJ_PIN)
			continue;
		rnd_attr(attr_buf, cmd);
		ret = raw_syscall(__NR_bpf, cmd, (long)attr,
				  rnd() % 2 ? sizeof(union bpf_attr) : rnd_size(), 0, 0, 0);
		if (ret < -MAX_ERRNO)
			bad++;
		if (ret >= 0) {
			ok++;
			ok_cmd[(unsigned int)cmd % 64]++;
		} else if (ret > -64) {
			hist[-ret]++;
		}
		if (ret >= 3 && ret < 1024 && nfds < MAX_FD)
			fds[nfds++] = (int)ret;
		else if (ret >= 3 && ret < 1024)
			raw_syscall(__NR_close, ret, 0, 0, 0, 0, 0);
		if (nfds && rnd() % 32 == 0 && fds[nfds - 1] != map_fd && fds[nfds - 1] != prog_fd)
			raw_syscall(__NR_close, fds[--nfds], 0, 0, 0, 0, 0);
	}
	for (int fd = 3; fd < 1024; fd++)
		raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	printf("# t_fuzz: %ld calls (seed %llu), %ld succeeded; errors:", calls, seed, ok);
	for (int e = 1; e < 64; e++)
		if (hist[e])
			printf(" %d:%ld", e, hist[e]);
	printf("; successes by command:");
	for (int c = 0; c < 64; c++)
		if (ok_cmd[c])
			printf(" %d:%ld", c, ok_cmd[c]);
	printf("\n");
	expect("fuzz_bpf_results_are_errnos", bad, 0);
	/* A privileged run (the start-up load worked) must get past the checks of each main command. */
	for (unsigned int i = 0; i < sizeof(must_succeed) / sizeof(must_succeed[0]); i++)
		reached += ok_cmd[must_succeed[i]] > 0;
	if (prog_fd >= 0 && calls >= 10000)
		expect("fuzz_bpf_reaches_every_main_command", reached,
		       (long)(sizeof(must_succeed) / sizeof(must_succeed[0])));
	/*
	 * Not a return: the pointers "straddling the user limit" point into the
	 * top of this process's stack, above main's frame (argv, crt0's frame
	 * and main's return address), and a call that fails part way may
	 * rightly have written its first elements there (a batch lookup copies
	 * element by element, as Linux does). Exit without that frame.
	 */
	fflush(stdout);
	raw_syscall(__NR_exit, failed ? 1 : 0, 0, 0, 0, 0, 0);
	return failed ? 1 : 0;
}
