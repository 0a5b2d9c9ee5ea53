// SPDX-License-Identifier: GPL-2.0
/*
 * Callbacks against the host's Linux: the same raw programs (bpf_loop with
 * counts, early stop, 0 loops, -E2BIG and -EINVAL; bpf_for_each_map_elem
 * over ARRAY, PERCPU_ARRAY, HASH, PERCPU_HASH, LRU_HASH with a deleted
 * element, and an early stop on ARRAY) run as XDP programs through the
 * host's BPF_PROG_TEST_RUN and through our load path in both runtimes; the
 * 32-bit results must agree. Linux verifies callbacks only with BTF
 * func_info, so a small BTF (int, one prototype, a FUNC per function) is
 * loaded first. Prints "skip" lines with the reason where the host's bpf()
 * refuses (no root, no BTF).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/btf.h>
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>
#include "kernel/bpf/bpf_iter_progs.h"

#define MAX_INSNS 64

static int failures;

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

/* int; int (void); static FUNC "m" and FUNC "c" of that prototype: ids 3 and 4. */
static int linux_btf_fd(void)
{
	static const char strs[] = "\0int\0m\0c";
	struct {
		struct btf_header hdr;
		u32 types[3 + 1 + 3 + 3 + 3];
		char strs[sizeof(strs)];
	} __attribute__((packed)) b;
	union bpf_attr a;
	u32 *t = b.types;

	memset(&b, 0, sizeof(b));
	b.hdr.magic = BTF_MAGIC;
	b.hdr.version = BTF_VERSION;
	b.hdr.hdr_len = sizeof(b.hdr);
	b.hdr.type_len = sizeof(b.types);
	b.hdr.str_off = sizeof(b.types);
	b.hdr.str_len = sizeof(strs);
	/* 1: int */
	*t++ = 1, *t++ = BTF_KIND_INT << 24, *t++ = 4, *t++ = BTF_INT_SIGNED << 24 | 32;
	/* 2: int (void) */
	*t++ = 0, *t++ = BTF_KIND_FUNC_PROTO << 24, *t++ = 1;
	/* 3: static int m(void), 4: static int c(void) */
	*t++ = 5, *t++ = BTF_KIND_FUNC << 24, *t++ = 2;
	*t++ = 7, *t++ = BTF_KIND_FUNC << 24, *t++ = 2;
	memcpy(b.strs, strs, sizeof(strs));
	memset(&a, 0, sizeof(a));
	a.btf = (u64)(uintptr_t)&b;
	a.btf_size = sizeof(b);
	return (int)sys_bpf(BPF_BTF_LOAD, &a);
}

/* The callback's index: the instruction after the last exit of the main program. */
static u32 callback_start(const struct bpf_insn *insns, u32 n)
{
	for (u32 i = 0; i < n; i++)
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    insns[i].src_reg == BPF_PSEUDO_FUNC)
			return i + insns[i].imm + 1;
	return 0;
}

/* The program's retval from the host's test_run; -errno if it does not load or run. */
static long linux_run(const struct bpf_insn *insns, u32 n, int btf_fd, int map_fd, u32 *retval)
{
	struct bpf_insn p[MAX_INSNS];
	struct bpf_func_info fi[2] = { { 0, 3 }, { callback_start(insns, n), 4 } };
	unsigned char pkt[64] = { 0 };
	static char log[65536];
	union bpf_attr a;
	int fd;
	long err;

	memcpy(p, insns, n * sizeof(*insns));
	for (u32 i = 0; i < n; i++)
		if (p[i].code == (BPF_LD | BPF_IMM | BPF_DW) && p[i].src_reg == BPF_PSEUDO_MAP_FD)
			p[i].imm = map_fd;
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insns = (u64)(uintptr_t)p;
	a.insn_cnt = n;
	a.license = (u64)(uintptr_t) "GPL";
	a.prog_btf_fd = (u32)btf_fd;
	a.func_info = (u64)(uintptr_t)fi;
	a.func_info_cnt = 2;
	a.func_info_rec_size = sizeof(fi[0]);
	a.log_buf = (u64)(uintptr_t)log;
	a.log_size = sizeof(log);
	a.log_level = 1;
	fd = (int)sys_bpf(BPF_PROG_LOAD, &a);
	if (fd < 0) {
		err = -errno;
		printf("# linux refused: %.300s\n", log);
		return err;
	}
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (u32)fd;
	a.test.data_in = (u64)(uintptr_t)pkt;
	a.test.data_size_in = sizeof(pkt);
	err = sys_bpf(BPF_PROG_TEST_RUN, &a) ? -errno : 0;
	*retval = a.test.retval;
	close(fd);
	return err;
}

static struct bpf_map *our_map;

static struct bpf_map *our_map_from_fd(void *ctx, int fd)
{
	(void)ctx;
	return fd == 0 ? our_map : NULL;
}

/* The low 32 bits of r0 in our runtime (jit or interpreter); ~0 if it does not load. */
static u32 our_run(const struct bpf_insn *insns, u32 n, bool jit)
{
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_UNSPEC,
				      .map_from_fd = our_map_from_fd };
	struct bpf_prog *prog = bpf_prog_alloc(n);
	u32 r0 = ~0u;
	int err;

	memcpy(prog->insnsi, insns, n * sizeof(*insns));
	prog->jit_requested = jit;
	if (!bpf_prog_prepare(prog, &opts)) {
		prog = bpf_prog_select_runtime(prog, &err);
		if (prog->jited == jit)
			r0 = (u32)bpf_prog_run_raw(prog, NULL, 0);
	}
	bpf_prog_free(prog);
	return r0;
}

/* One case: Linux's retval against ours in both runtimes. */
static void compare(const char *name, const struct bpf_insn *insns, u32 n, int btf_fd, int map_fd)
{
	u32 lx = 0, interp, jit;
	long err = linux_run(insns, n, btf_fd, map_fd, &lx);

	if (err) {
		printf("not ok %s linux: %ld\n", name, err);
		failures++;
		return;
	}
	interp = our_run(insns, n, false);
	jit = our_run(insns, n, true);
	if (interp == lx && jit == lx) {
		printf("ok %s\n", name);
		return;
	}
	printf("not ok %s linux %u, interpreter %u, jit %u\n", name, lx, interp, jit);
	failures++;
}

/* r0 = bpf_loop(nr, cb, &counter, flags) * 1000 + the calls cb counted; cb stops after i == stop. */
#define LOOP_PROG(nr, flags, stop)                                                           \
	BPF_ST_MEM(BPF_DW, BPF_REG_10, -8, 0), BPF_MOV64_IMM(BPF_REG_1, nr),                 \
		BPF_LD_IMM64_RAW(BPF_REG_2, BPF_PSEUDO_FUNC, 9),                             \
		BPF_MOV64_REG(BPF_REG_3, BPF_REG_10), BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, -8), \
		BPF_MOV64_IMM(BPF_REG_4, flags), BPF_CALL_HELPER(BPF_FUNC_loop),             \
		BPF_LDX_MEM(BPF_DW, BPF_REG_1, BPF_REG_10, -8),                              \
		BPF_ALU64_IMM(BPF_MUL, BPF_REG_0, 1000),                                     \
		BPF_ALU64_REG(BPF_ADD, BPF_REG_0, BPF_REG_1), BPF_EXIT_INSN(),               \
		/* cb */ BPF_LDX_MEM(BPF_DW, BPF_REG_3, BPF_REG_2, 0),                       \
		BPF_ALU64_IMM(BPF_ADD, BPF_REG_3, 1),                                        \
		BPF_STX_MEM(BPF_DW, BPF_REG_2, BPF_REG_3, 0), BPF_MOV64_IMM(BPF_REG_0, 0),   \
		BPF_JMP_IMM(BPF_JNE, BPF_REG_1, stop, 1), BPF_MOV64_IMM(BPF_REG_0, 1),       \
		BPF_EXIT_INSN()

#define COMPARE(name, btf_fd, map_fd, ...)                         \
	do {                                                       \
		const struct bpf_insn p_[] = { __VA_ARGS__ };      \
		compare(name, p_, ARRAY_SIZE(p_), btf_fd, map_fd); \
	} while (0)

#define MAP_MAX 64
#define VALUE_COPIES 1024 /* room for every possible CPU's copy of a per-CPU value */

/* Keys 0..5 (value 10 * key + 1 on every CPU), key 3 then deleted, in Linux and in ours. */
static int make_maps(enum bpf_map_type type, const struct bpf_map_ops *ops)
{
	static u64 values[VALUE_COPIES];
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = MAP_MAX;
	fd = (int)sys_bpf(BPF_MAP_CREATE, &a);
	our_map = ops->map_alloc(&a);
	if (fd < 0 || IS_ERR_OR_NULL(our_map))
		return -1;
	our_map->ops = ops;
	for (u32 key = 0; key < 6; key++) {
		for (u32 c = 0; c < VALUE_COPIES; c++)
			values[c] = 10 * key + 1;
		memset(&a, 0, sizeof(a));
		a.map_fd = (u32)fd;
		a.key = (u64)(uintptr_t)&key;
		a.value = (u64)(uintptr_t)values;
		sys_bpf(BPF_MAP_UPDATE_ELEM, &a);
		ops->map_update_elem(our_map, &key, values, BPF_ANY);
	}
	memset(&a, 0, sizeof(a));
	a.map_fd = (u32)fd;
	a.key = (u64)(uintptr_t) & (u32){ 3 };
	sys_bpf(BPF_MAP_DELETE_ELEM, &a);
	ops->map_delete_elem(our_map, &(u32){ 3 });
	return fd;
}

int main(void)
{
	static const struct {
		const char *name;
		enum bpf_map_type type;
		const struct bpf_map_ops *ops;
	} maps[] = {
		{ "array", BPF_MAP_TYPE_ARRAY, &array_map_ops },
		{ "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY, &percpu_array_map_ops },
		{ "hash", BPF_MAP_TYPE_HASH, &htab_map_ops },
		{ "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH, &htab_percpu_map_ops },
		{ "lru_hash", BPF_MAP_TYPE_LRU_HASH, &htab_lru_map_ops },
	};
	int btf = linux_btf_fd();
	char name[64];

	if (btf < 0) {
		printf("skip callback_linux # the host's BTF_LOAD failed: %s\n", strerror(errno));
		return 0;
	}
	if (!bpf_func_protos[BPF_FUNC_loop].func)
		bpf_func_protos[BPF_FUNC_loop].func = bpf_loop;
	if (!bpf_func_protos[BPF_FUNC_for_each_map_elem].func)
		bpf_func_protos[BPF_FUNC_for_each_map_elem].func = bpf_for_each_map_elem;
	COMPARE("callback_linux.loop_10", btf, -1, LOOP_PROG(10, 0, -1));
	COMPARE("callback_linux.loop_stop_at_4", btf, -1, LOOP_PROG(10, 0, 4));
	COMPARE("callback_linux.loop_0", btf, -1, LOOP_PROG(0, 0, -1));
	COMPARE("callback_linux.loop_e2big", btf, -1, LOOP_PROG(BPF_MAX_LOOPS + 1, 0, -1));
	COMPARE("callback_linux.loop_flags", btf, -1, LOOP_PROG(10, 1, -1));
	for (u32 i = 0; i < ARRAY_SIZE(maps); i++) {
		int fd = make_maps(maps[i].type, maps[i].ops);

		snprintf(name, sizeof(name), "callback_linux.for_each_%s", maps[i].name);
		if (fd < 0) {
			printf("not ok %s map creation failed\n", name);
			failures++;
		} else {
			COMPARE(name, btf, fd, FOR_EACH_PROG(-1));
			if (maps[i].type == BPF_MAP_TYPE_ARRAY) {
				snprintf(name, sizeof(name), "callback_linux.for_each_%s_stop",
					 maps[i].name);
				COMPARE(name, btf, fd, FOR_EACH_PROG(4));
			}
			close(fd);
		}
		if (!IS_ERR_OR_NULL(our_map))
			our_map->ops->map_free(our_map);
		our_map = NULL;
	}
	close(btf);
	return failures ? 1 : 0;
}
