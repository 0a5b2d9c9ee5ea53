// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the bpf() system call (kernel/bpf/syscall.c, hashtab.c,
 * inode.c, test_run.c, kernel/file.c) in-process, through lib/bpf. What the
 * differential test (tests/syscall) cannot see: object lifetimes and
 * references (an id disappears exactly when the last reference goes),
 * leaks (a create/use/destroy loop under LeakSanitizer), the hash map
 * against a reference model, the unprivileged paths, user-pointer checks.
 */
#define UNIT_SUITE "syscall"
#include "lib/unit.h"
#include <errno.h>
#include <sys/resource.h>
#include <bpf/bpf.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/host_backend.h>
#include <bpfkern/task.h>

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static const struct bpf_insn ret2[] = { INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
					INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) };

/* Returns the u32 value at key 0 of map_fd (0 when absent). */
static int load_map_reader(int map_fd)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ST | BPF_W | BPF_MEM, 10, 0, -4, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, 0),
		INSN(BPF_LDX | BPF_W | BPF_MEM, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return bpf_prog_load(BPF_PROG_TYPE_XDP, "reader", "GPL", insns, 11, NULL);
}

static unsigned char pkt[64];

static int run(int prog_fd, __u32 *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt));
	int err = bpf_prog_test_run_opts(prog_fd, &o);

	*retval = o.retval;
	return err;
}

static __u32 map_id_of(int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	return bpf_map_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

/* No map, program or link may be left once a test closed everything. */
static bool no_objects_left(void)
{
	__u32 next;

	return bpf_map_get_next_id(0, &next) == -ENOENT &&
	       bpf_prog_get_next_id(0, &next) == -ENOENT;
}

UNIT_TEST(prog_reads_map_written_by_syscall)
{
	__u32 k = 0, v = 1234, ret = 0;
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	int prog = load_map_reader(map);

	ASSERT(map >= 0 && prog >= 0);
	EXPECT_EQ(bpf_map_update_elem(map, &k, &v, BPF_ANY), 0);
	EXPECT_EQ(run(prog, &ret), 0);
	EXPECT_EQ(ret, 1234);
	bpfkern_close(prog);
	bpfkern_close(map);
	EXPECT(no_objects_left());
}

UNIT_TEST(map_lives_while_a_prog_uses_it)
{
	int map = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 8, NULL);
	int prog = load_map_reader(map), fd;
	__u32 id = map_id_of(map), ret;

	ASSERT(prog >= 0 && id);
	bpfkern_close(map);
	fd = bpf_map_get_fd_by_id(id);
	EXPECT(fd >= 0);
	bpfkern_close(fd);
	EXPECT_EQ(run(prog, &ret), 0);
	bpfkern_close(prog);
	EXPECT_EQ(bpf_map_get_fd_by_id(id), -ENOENT);
	EXPECT(no_objects_left());
}

UNIT_TEST(pin_keeps_object_until_unlink)
{
	int prog = bpf_prog_load(BPF_PROG_TYPE_XDP, "p", "GPL", ret2, 2, NULL), fd;
	__u32 next, ret;

	ASSERT(prog >= 0);
	EXPECT_EQ(bpf_fs_mkdir("/sys/fs/bpf/u"), 0);
	EXPECT_EQ(bpf_fs_mkdir("/sys/fs/bpf/u"), -EEXIST);
	EXPECT_EQ(bpf_obj_pin(prog, "/sys/fs/bpf/u/p"), 0);
	bpfkern_close(prog);
	EXPECT_EQ(bpf_prog_get_next_id(0, &next), 0);
	EXPECT_EQ(bpf_fs_unlink("/sys/fs/bpf/u"), -ENOTEMPTY);
	fd = bpf_obj_get("/sys/fs/bpf/u/p");
	EXPECT(fd >= 0);
	EXPECT_EQ(run(fd, &ret), 0);
	EXPECT_EQ(ret, 2);
	bpfkern_close(fd);
	EXPECT_EQ(bpf_fs_unlink("/sys/fs/bpf/u/p"), 0);
	EXPECT_EQ(bpf_fs_unlink("/sys/fs/bpf/u"), 0);
	EXPECT(no_objects_left());
}

/* Create, use and destroy every kind of object many times; LeakSanitizer checks at exit. */
UNIT_TEST(create_destroy_loop_leaks_nothing)
{
	LIBBPF_OPTS(bpf_map_create_opts, np, .map_flags = BPF_F_NO_PREALLOC);
	int i;

	for (i = 0; i < 500; i++) {
		__u32 k = (__u32)i, v = 7, ret;
		int h = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 16, i & 1 ? &np : NULL);
		int a = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 4, NULL);
		int p = load_map_reader(a), fd, stats = bpf_enable_stats(BPF_STATS_RUN_TIME);

		ASSERT(h >= 0 && a >= 0 && p >= 0 && stats >= 0);
		bpf_map_update_elem(h, &k, &v, BPF_ANY);
		bpf_prog_bind_map(p, h, NULL);
		bpf_obj_pin(h, "/sys/fs/bpf/loop");
		fd = bpf_obj_get("/sys/fs/bpf/loop");
		EXPECT(fd >= 0);
		EXPECT_EQ(run(p, &ret), 0);
		bpf_map_freeze(a);
		bpfkern_close(fd);
		bpfkern_close(h);
		bpfkern_close(a);
		bpfkern_close(p);
		bpfkern_close(stats);
		EXPECT_EQ(bpf_fs_unlink("/sys/fs/bpf/loop"), 0);
	}
	EXPECT(no_objects_left());
}

/* Random updates, deletes and lookups against a reference table; then a full iteration. */
static void hash_model(bool prealloc)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = prealloc ? 0 : BPF_F_NO_PREALLOC);
	enum { KEYS = 256, MAX = 64 };
	__u32 model[KEYS], present[KEYS] = { 0 }, count = 0, k, v, out, seen = 0;
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, MAX, &o), i, bad = 0;

	ASSERT(fd >= 0);
	unit_srand(prealloc ? 1 : 2);
	for (i = 0; i < 20000; i++) {
		int op = (int)(unit_rand() % 3), err, want;

		k = (__u32)(unit_rand() % KEYS);
		v = (__u32)unit_rand();
		if (op == 0) {
			__u64 flags = unit_rand() % 3;

			err = bpf_map_update_elem(fd, &k, &v, flags);
			want = flags == BPF_NOEXIST && present[k]  ? -EEXIST
			       : flags == BPF_EXIST && !present[k] ? -ENOENT
			       : !present[k] && count == MAX	   ? -E2BIG
								   : 0;
			if (!want) {
				count += !present[k];
				present[k] = 1;
				model[k] = v;
			}
		} else if (op == 1) {
			err = bpf_map_delete_elem(fd, &k);
			want = present[k] ? 0 : -ENOENT;
			count -= present[k];
			present[k] = 0;
		} else {
			err = bpf_map_lookup_elem(fd, &k, &out);
			want = present[k] ? 0 : -ENOENT;
			bad += !err && out != model[k];
		}
		bad += err != want;
	}
	EXPECT_EQ(bad, 0);
	for (i = 0; bpf_map_get_next_key(fd, i ? &k : NULL, &k) == 0; i++) {
		bad += !present[k];
		seen++;
	}
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(seen, count);
	bpfkern_close(fd);
}

UNIT_TEST(hash_model_prealloc)
{
	hash_model(true);
}

UNIT_TEST(hash_model_no_prealloc)
{
	hash_model(false);
}

UNIT_TEST(hash_one_million_entries)
{
	enum { N = 1 << 20 };
	__u32 k, v, bad = 0;
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, N, NULL);

	ASSERT(fd >= 0);
	for (k = 0; k < N; k++)
		bad += bpf_map_update_elem(fd, &k, &k, BPF_NOEXIST) != 0;
	EXPECT_EQ(bad, 0);
	k = N;
	EXPECT_EQ(bpf_map_update_elem(fd, &k, &k, BPF_ANY), -E2BIG);
	for (k = 0; k < N; k += 7)
		bad += bpf_map_lookup_elem(fd, &k, &v) != 0 || v != k;
	EXPECT_EQ(bad, 0);
	bpfkern_close(fd);
}

UNIT_TEST(fd_table_lowest_first_and_emfile)
{
	int fds[16], n, err = 0;
	struct rlimit old, rl;

	getrlimit(RLIMIT_NOFILE, &old);
	rl = old;
	rl.rlim_cur = 10;
	setrlimit(RLIMIT_NOFILE, &rl);
	for (n = 0; n < 16; n++) {
		fds[n] = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
		if (fds[n] < 0) {
			err = fds[n];
			break;
		}
	}
	EXPECT_EQ(err, -EMFILE);
	EXPECT_EQ(n, 7); /* fds 3 .. 9 */
	EXPECT_EQ(fds[0], 3);
	bpfkern_close(fds[2]);
	EXPECT_EQ(bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL), fds[2]);
	while (n--)
		bpfkern_close(fds[n]);
	setrlimit(RLIMIT_NOFILE, &old);
	EXPECT_EQ(bpfkern_close(3), -1);
	EXPECT_EQ(errno, EBADF);
	EXPECT_EQ(bpfkern_close(1), -1); /* the standard streams are not bpf()'s to close */
	EXPECT(no_objects_left());
}

UNIT_TEST(unprivileged_paths)
{
	int old = sysctl_unprivileged_bpf_disabled, fd;
	__u32 next;

	current->bpf_capable = false;
	sysctl_unprivileged_bpf_disabled = 2;
	EXPECT_EQ(bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL), -EPERM);
	sysctl_unprivileged_bpf_disabled = 0;
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	EXPECT(fd >= 0);
	EXPECT_EQ(bpf_map_get_next_id(0, &next), -EPERM);
	EXPECT_EQ(bpf_enable_stats(BPF_STATS_RUN_TIME), -EPERM);
	EXPECT_EQ(bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", ret2, 2, NULL), -EPERM);
	bpfkern_close(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", ret2, 2, NULL));
	bpfkern_close(fd);
	current->bpf_capable = true;
	sysctl_unprivileged_bpf_disabled = old;
	EXPECT(no_objects_left());
}

UNIT_TEST(user_pointer_checks)
{
	char buf[8];

	EXPECT_EQ(copy_from_user(buf, NULL, 4), 4);
	EXPECT_EQ(copy_to_user((void *)0x100, buf, 4), 4);
	EXPECT_EQ(copy_from_user(buf, NULL, 0), 0);
	EXPECT_EQ(strncpy_from_user(buf, (const char *)0x20, 8), -EFAULT);
	EXPECT_EQ(strncpy_from_user(buf, "abc", 8), 3);
	EXPECT_EQ(strncpy_from_user(buf, "abcdefghij", 8), 8);
	EXPECT_EQ(bpf_check_uarg_tail_zero(USER_BPFPTR("\0\0\0\0x"), 2, 4), 0);
	EXPECT_EQ(bpf_check_uarg_tail_zero(USER_BPFPTR("\0\0\0\0x"), 2, 5), -E2BIG);
	EXPECT_EQ(bpf_check_uarg_tail_zero(USER_BPFPTR(NULL), 2, 5), -EFAULT);
	EXPECT_EQ(bpf_check_uarg_tail_zero(USER_BPFPTR(NULL), 2, 5000), -E2BIG);
}

UNIT_TEST(ids_grow_and_get_next_skips_freed)
{
	int a = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	int b = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	int c = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	__u32 ida = map_id_of(a), idb = map_id_of(b), idc = map_id_of(c), next = 0;

	EXPECT(ida < idb && idb < idc);
	bpfkern_close(b);
	EXPECT_EQ(bpf_map_get_next_id(ida, &next), 0);
	EXPECT_EQ(next, idc);
	EXPECT_EQ(bpf_map_get_next_id(idc, &next), -ENOENT);
	bpfkern_close(a);
	bpfkern_close(c);
	EXPECT(no_objects_left());
}

/* A program in the PROG_ARRAY it tail-calls through: closing the fds frees both. */
UNIT_TEST(prog_array_cycle_is_broken_by_last_fd)
{
	int pa = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, NULL, 4, 4, 2, NULL);
	struct bpf_insn insns[] = {
		INSN(BPF_LD | BPF_DW | BPF_IMM, 2, BPF_PSEUDO_MAP_FD, 0, pa),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 3, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_tail_call),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	int prog = bpf_prog_load(BPF_PROG_TYPE_XDP, "self", "GPL", insns, 6, NULL);
	__u32 k = 0, ret = 0;

	ASSERT(pa >= 0 && prog >= 0);
	EXPECT_EQ(bpf_map_update_elem(pa, &k, &prog, BPF_ANY), 0);
	EXPECT_EQ(run(prog, &ret), 0); /* tail-calls itself until the limit */
	EXPECT_EQ(ret, 2);
	bpfkern_close(prog);
	bpfkern_close(pa);
	EXPECT(no_objects_left());
}

/*
 * Random commands, sizes and attributes, with pointers into a scratch
 * buffer of random bytes, at small bad addresses, or NULL; fds small
 * numbers. Nothing may crash (the sanitizers watch), and once every fd is
 * closed and every pin unlinked no object may be left.
 */
UNIT_TEST(fuzz_random_calls)
{
	static unsigned char scratch[8192] __attribute__((aligned(8)));
	union {
		union bpf_attr attr;
		__u64 w[32]; /* sizes up to 256: the tail is zero */
	} a;
	int i, fd, ok = 0;

	unit_srand(12345);
	for (i = 0; i < 100000; i++) {
		__u64 *w = a.w;
		unsigned int j, words, size = (unsigned int)(unit_rand() % 512);
		int cmd = (int)(unit_rand() % (__MAX_BPF_CMD + 2));

		for (j = 0; j < sizeof(scratch) / 8; j += 64)
			((__u64 *)scratch)[(j + unit_rand()) % (sizeof(scratch) / 8)] = unit_rand();
		/* mostly short attrs: the fields past a command's last must be zero to get far */
		words = unit_rand() % 4 ? 1 + unit_rand() % 6 : sizeof(a.attr) / 8;
		memset(&a, 0, sizeof(a));
		for (j = 0; j < words; j++) {
			__u64 r = unit_rand();

			switch (r % 8) {
			case 0:
				w[j] = (unsigned long)(scratch + (r >> 8) % 4096);
				break;
			case 1:
				w[j] = (r >> 8) % 0x10000; /* a bad user address */
				break;
			case 2:
				w[j] = (r >> 8) % 40; /* small numbers: fds, types, sizes */
				break;
			case 3:
			case 4:
			case 5:
				w[j] = ((r >> 8) % 40) | (((r >> 16) % 40) << 32);
				break;
			default:
				w[j] = 0;
			}
		}
		if (size >= 256)
			size = sizeof(a.attr);
		ok += sys_bpf(cmd, unit_rand() % 16 ? &a.attr : NULL, size) >= 0;
	}
	printf("# %d of the calls succeeded\n", ok);
	EXPECT(ok > 100); /* the calls reach the commands, not only the checks */
	for (fd = 3; fd < 1024; fd++)
		bpfkern_close(fd);
	bpf_fs_clear();
	EXPECT(no_objects_left());
}

UNIT_MAIN()
