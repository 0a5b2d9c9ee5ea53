// SPDX-License-Identifier: GPL-2.0
/*
 * A ring-3 fuzzer of bpf(): argv[1] calls (default 100,000; argv[2] seeds
 * it). Half the calls take one of the common commands with a valid attr
 * (on a map and a program made at the start) mutated in up to three places;
 * the rest take any command number, valid or not. Sizes, attr pointers and
 * the pointers inside attrs are valid, NULL, unmapped, kernel addresses or
 * straddling the user limit; fds are open, closed or never were. The
 * kernel must survive (a panic ends the QEMU run with status 37), every
 * result must be >= 0 or a Linux errno, and every fd is closed at the end,
 * so that the kernel's kernel.user_pages_freed check after init exits also
 * covers what the calls allocated. OBJ_PIN is left out: a pin keeps its
 * object alive after the process, on purpose. Prints a histogram of errnos.
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
static int map_fd = -1, prog_fd = -1;
static const struct bpf_insn prog_insns[2] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 2 },
	{ .code = BPF_JMP | BPF_EXIT },
};

/* A valid attr for the common commands (else zero), before mutation. */
static void template_attr(union bpf_attr *attr, int cmd)
{
	unsigned long buf = (unsigned long)bufs[1 + rnd() % 3];

	switch (cmd) {
	case BPF_MAP_CREATE:
		attr->map_type = rnd() % 2 ? BPF_MAP_TYPE_ARRAY : BPF_MAP_TYPE_HASH;
		attr->key_size = 4;
		attr->value_size = 8;
		attr->max_entries = 1 + rnd() % 64;
		break;
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		attr->map_fd = (unsigned int)map_fd;
		attr->key = buf;
		attr->value = buf + 64;
		attr->flags = rnd() % 4;
		break;
	case BPF_PROG_LOAD:
		attr->prog_type = rnd() % 2 ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SOCKET_FILTER;
		attr->insns = (unsigned long)prog_insns;
		attr->insn_cnt = 2;
		attr->license = (unsigned long)"GPL";
		break;
	case BPF_PROG_TEST_RUN:
		attr->test.prog_fd = (unsigned int)prog_fd;
		attr->test.data_in = buf;
		attr->test.data_size_in = 14 + rnd() % 100;
		attr->test.repeat = 1;
		break;
	case BPF_OBJ_GET_INFO_BY_FD:
		attr->info.bpf_fd = (unsigned int)(rnd() % 2 ? map_fd : prog_fd);
		attr->info.info_len = (unsigned int)(rnd() % 128);
		attr->info.info = buf;
		break;
	case BPF_MAP_FREEZE:
		attr->map_fd = (unsigned int)map_fd;
		break;
	}
}

/*
 * An attr: a valid one for the command, mutated in one to three places (a
 * random byte, a small value, a pointer of any kind, an fd that may be
 * closed) within its first 48 bytes, where every command's fields are.
 */
static void rnd_attr(unsigned char *a, int cmd)
{
	union bpf_attr *attr = (union bpf_attr *)a;
	int mutations = (int)(rnd() % 4);

	memset(a, 0, ATTR_BYTES);
	template_attr(attr, cmd);
	for (int i = 0; i < mutations; i++) {
		switch (rnd() % 4) {
		case 0:
			a[rnd() % 48] = (unsigned char)rnd();
			break;
		case 1:
			a[rnd() % 48] = (unsigned char)(rnd() % 8);
			break;
		case 2:
			((unsigned long *)a)[rnd() % 6] = rnd_ptr();
			break;
		default:
			((unsigned int *)a)[rnd() % 12] = (unsigned int)(rnd() % 16);
		}
	}
	if (rnd() % 16 == 0)
		a[rnd() % ATTR_BYTES] = (unsigned char)rnd(); /* a non-zero tail */
	if (cmd == BPF_PROG_TEST_RUN)
		attr->test.repeat %= 4; /* a run, not a benchmark */
	if (cmd == BPF_MAP_CREATE)
		attr->max_entries %= 4096; /* memory for the rest of the run */
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 100000, bad = 0, ok = 0, hist[64] = { 0 };
	int fds[MAX_FD], nfds = 0;
	unsigned char *attr_buf = bufs[0];

	if (argc > 2)
		rng_state ^= strtoull(argv[2], NULL, 0);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8192; j++)
			bufs[i][j] = (unsigned char)rnd();
	template_attr((union bpf_attr *)attr_buf, BPF_MAP_CREATE);
	map_fd = (int)raw_syscall(__NR_bpf, BPF_MAP_CREATE, (long)attr_buf, sizeof(union bpf_attr),
				  0, 0, 0);
	memset(attr_buf, 0, ATTR_BYTES);
	template_attr((union bpf_attr *)attr_buf, BPF_PROG_LOAD);
	prog_fd = (int)raw_syscall(__NR_bpf, BPF_PROG_LOAD, (long)attr_buf, sizeof(union bpf_attr),
				   0, 0, 0);
	for (long n = 0; n < calls; n++) {
		static const int common[] = { BPF_MAP_CREATE,	    BPF_MAP_LOOKUP_ELEM,
					      BPF_MAP_UPDATE_ELEM,  BPF_MAP_DELETE_ELEM,
					      BPF_MAP_GET_NEXT_KEY, BPF_PROG_LOAD,
					      BPF_PROG_TEST_RUN,    BPF_OBJ_GET_INFO_BY_FD };
		int cmd = rnd() % 2    ? common[rnd() % 8]
			  : rnd() % 16 ? (int)(rnd() % (__MAX_BPF_CMD + 1))
				       : (int)rnd();
		unsigned long attr = rnd() % 8 ? (unsigned long)attr_buf : rnd_ptr();
		long ret;

		if (cmd == BPF_OBJ_PIN)
			continue;
		rnd_attr(attr_buf, cmd);
		ret = raw_syscall(__NR_bpf, cmd, (long)attr,
				  rnd() % 2 ? sizeof(union bpf_attr) : rnd_size(), 0, 0, 0);
		if (ret < -MAX_ERRNO)
			bad++;
		if (ret >= 0)
			ok++;
		else if (ret > -64)
			hist[-ret]++;
		if (ret >= 3 && ret < 1024 && nfds < MAX_FD)
			fds[nfds++] = (int)ret;
		else if (ret >= 3 && ret < 1024)
			raw_syscall(__NR_close, ret, 0, 0, 0, 0, 0);
		if (nfds && rnd() % 32 == 0 && fds[nfds - 1] != map_fd && fds[nfds - 1] != prog_fd)
			raw_syscall(__NR_close, fds[--nfds], 0, 0, 0, 0, 0);
	}
	for (int fd = 3; fd < 1024; fd++)
		raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
	printf("# t_fuzz: %ld calls, %ld succeeded; errors:", calls, ok);
	for (int e = 1; e < 64; e++)
		if (hist[e])
			printf(" %d:%ld", e, hist[e]);
	printf("\n");
	expect("fuzz_bpf_results_are_errnos", bad, 0);
	return failed ? 1 : 0;
}
