// SPDX-License-Identifier: GPL-2.0
/*
 * The bpf() user test: every command on its success and error paths,
 * written against lib/bpf's libbpf API (and raw sys_bpf for malformed
 * attrs). It prints one line per check; tests/tiers/25-syscall.sh builds it
 * for the host's Linux and for bpfkern's kernel code in-process and compares
 * the two outputs line by line. Lines print only what both kernels must agree
 * on: no ids, fd numbers, addresses or times, only relations between them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#if !defined(BPFKERN_INPROC) && !defined(__NEWLIB__)
#define LINUX_HOST 1 /* the Linux build */
int unshare(int flags); /* <sched.h> with _GNU_SOURCE, which <bpf/bpf.h> does not take */
#define CLONE_NEWNET 0x40000000
#endif

#ifdef BPFKERN_INPROC
/* kernel/bpf/inode.c: the pin namespace has no VFS to mkdir/unlink through. */
int bpf_fs_mkdir(const char *path);
int bpf_fs_unlink(const char *path);
int bpfkern_close(int fd);
#define close(fd) bpfkern_close(fd) /* fds live in the in-process kernel's table */
static int fs_mkdir(const char *p)
{
	return bpf_fs_mkdir(p);
}
static int fs_unlink(const char *p)
{
	return bpf_fs_unlink(p);
}
#define BACKEND "bpfkern"
#else
static int fs_mkdir(const char *p)
{
	return mkdir(p, 0700) ? -errno : 0;
}
static int fs_unlink(const char *p)
{
	return (unlink(p) && rmdir(p)) ? -errno : 0;
}
#define BACKEND "linux"
#endif

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LDX_W(d, s, o) INSN(BPF_LDX | BPF_W | BPF_MEM, d, s, o, 0)
#define ST_W(d, o, i) INSN(BPF_ST | BPF_W | BPF_MEM, d, 0, o, i)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)

static int failures;

static const char *errname(int e)
{
	static const struct {
		int e;
		const char *n;
	} t[] = {
		{ EPERM, "EPERM" },	      { ENOENT, "ENOENT" },
		{ EBADF, "EBADF" },	      { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" },	      { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" },	      { ENODEV, "ENODEV" },
		{ ENOTDIR, "ENOTDIR" },	      { EINVAL, "EINVAL" },
		{ EMFILE, "EMFILE" },	      { ENOSPC, "ENOSPC" },
		{ E2BIG, "E2BIG" },	      { ENOMEM, "ENOMEM" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { 524, "ENOTSUPP" },
		{ EBADFD, "EBADFD" },	      { ENAMETOOLONG, "ENAMETOOLONG" },
		{ ENOTEMPTY, "ENOTEMPTY" },   { ENOLINK, "ENOLINK" },
	};
	static char buf[16];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].e == e)
			return t[i].n;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

/* Prints "name: ok" for ret >= 0, else "name: -ENAME" (and checks errno agrees). */
static int show(const char *name, int ret)
{
	if (ret >= 0)
		printf("%s: ok\n", name);
	else
		printf("%s: -%s%s\n", name, errname(-ret), errno == -ret ? "" : " (errno differs)");
	return ret;
}

static void showv(const char *name, long long v)
{
	printf("%s: %lld\n", name, v);
}

/* A raw bpf() with size bytes of attr: returns -errno like libbpf. */
static int raw(int cmd, void *attr, unsigned int size)
{
	int r = sys_bpf(cmd, attr, size);

	return r < 0 ? -errno : r;
}

static void close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

static void test_attr_frame(void)
{
	unsigned char big[8192];
	union bpf_attr attr;

	memset(big, 0, sizeof(big));
	show("attr size 4097", raw(BPF_MAP_GET_NEXT_ID, big, 4097));
	big[200] = 1;
	show("attr non-zero tail", raw(BPF_MAP_GET_NEXT_ID, big, 256));
	big[200] = 0;
	big[100] = 1; /* beyond MAP_CREATE's last field */
	show("map_create CHECK_ATTR", raw(BPF_MAP_CREATE, big, 168));
	big[100] = 0;
	big[40] = 1; /* beyond the element commands' flags */
	show("lookup CHECK_ATTR", raw(BPF_MAP_LOOKUP_ELEM, big, 168));
	big[40] = 0;
	show("unknown command", raw(999, big, 168));
	show("attr NULL", raw(BPF_MAP_CREATE, NULL, 8));
	show("attr low address", raw(BPF_MAP_CREATE, (void *)0x1000, 8));
	show("attr kernel address", raw(BPF_MAP_CREATE, (void *)0xffffffff81000000ul, 8));
	show("attr unmapped address", raw(BPF_MAP_CREATE, (void *)0x7e0000000000ul, 8));
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	memcpy(attr.map_name, "0123456789abcdef", 16); /* no NUL */
	show("map name without NUL", raw(BPF_MAP_CREATE, &attr, sizeof(attr)));
	memcpy(attr.map_name, "short", 6);
	memset(attr.map_name + 6, 0, 10);
	close_fd(show("short attr size 20", raw(BPF_MAP_CREATE, &attr, 20)));
}

static void test_map_create(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o);

	show("create bad type", bpf_map_create(9999, NULL, 4, 4, 1, NULL));
	show("create array key 8", bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 8, 4, 1, NULL));
	show("create array 0 entries", bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 0, NULL));
	show("create hash 0 entries", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 0, NULL));
	show("create hash key 600", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 600, 4, 1, NULL));
	show("create hash value 0", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 0, 1, NULL));
	show("create bad name", bpf_map_create(BPF_MAP_TYPE_ARRAY, "bad-name", 4, 4, 1, NULL));
	o.map_flags = BPF_F_RDONLY | BPF_F_WRONLY;
	show("create rdonly|wronly", bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &o));
	o.map_flags = 1u << 20;
	show("create hash bad flag", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o));
	o.map_flags = BPF_F_NO_PREALLOC;
	show("create array no_prealloc", bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &o));
	close_fd(show("create hash no_prealloc",
		      bpf_map_create(BPF_MAP_TYPE_HASH, "np", 4, 4, 1, &o)));
	o.map_flags = 0;
	o.map_extra = 1;
	show("create map_extra", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o));
	o.map_extra = 0;
	show("create hash huge value",
	     bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 1u << 30, 1, NULL));
	close_fd(show("create name with dot",
		      bpf_map_create(BPF_MAP_TYPE_ARRAY, "a.b_c", 4, 4, 1, NULL)));
	close_fd(show("create percpu_hash",
		      bpf_map_create(BPF_MAP_TYPE_PERCPU_HASH, NULL, 4, 8, 16, NULL)));
	close_fd(show("create lru_hash",
		      bpf_map_create(BPF_MAP_TYPE_LRU_HASH, NULL, 4, 8, 16, NULL)));
	close_fd(show("create lru_percpu_hash",
		      bpf_map_create(BPF_MAP_TYPE_LRU_PERCPU_HASH, NULL, 4, 8, 16, NULL)));
	o.map_flags = BPF_F_NO_PREALLOC;
	show("create lru_hash no_prealloc",
	     bpf_map_create(BPF_MAP_TYPE_LRU_HASH, NULL, 4, 8, 16, &o));
	o.map_flags = BPF_F_NO_COMMON_LRU;
	show("create hash no_common_lru", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 16, &o));
	o.map_flags = BPF_F_MMAPABLE;
	close_fd(show("create array mmapable",
		      bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &o)));
	show("create hash mmapable", bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o));
	o.map_flags = BPF_F_ZERO_SEED;
	close_fd(show("create hash zero seed",
		      bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, &o)));
	o.map_flags = BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG;
	show("create rdonly_prog|wronly_prog",
	     bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &o));
}

static void test_array(void)
{
	__u32 k = 0, next;
	__u64 v = 7, out = 0;
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "arr", 4, 8, 4, NULL);

	show("array create", fd);
	show("array update 0", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("array lookup 0", bpf_map_lookup_elem(fd, &k, &out));
	showv("array value 0", (long long)out);
	show("array update noexist", bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST));
	show("array update exist", bpf_map_update_elem(fd, &k, &v, BPF_EXIST));
	show("array update flags 3", bpf_map_update_elem(fd, &k, &v, 3));
	show("array update lock", bpf_map_update_elem(fd, &k, &v, BPF_F_LOCK));
	k = 4;
	show("array update 4", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("array lookup 4", bpf_map_lookup_elem(fd, &k, &out));
	show("array delete", bpf_map_delete_elem(fd, &k));
	show("array next of 4", bpf_map_get_next_key(fd, &k, &next));
	showv("array next of 4 is", next);
	k = 3;
	show("array next of 3", bpf_map_get_next_key(fd, &k, &next));
	show("array next of NULL", bpf_map_get_next_key(fd, NULL, &next));
	showv("array next of NULL is", next);
	show("array lookup bad key ptr", bpf_map_lookup_elem(fd, (void *)8, &out));
	show("array lookup kernel key ptr",
	     bpf_map_lookup_elem(fd, (void *)0xffff888000000000ul, &out));
	show("array lookup unmapped value ptr",
	     bpf_map_lookup_elem(fd, &k, (void *)0x7e0000000000ul));
	k = 0;
	show("array lookup bad value ptr", bpf_map_lookup_elem(fd, &k, (void *)8));
	show("array lookup_and_delete", bpf_map_lookup_and_delete_elem(fd, &k, &out));
	show("array lookup flags", bpf_map_lookup_elem_flags(fd, &k, &out, 8));
	show("array freeze", bpf_map_freeze(fd));
	show("array update frozen", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("array lookup frozen", bpf_map_lookup_elem(fd, &k, &out));
	show("array freeze twice", bpf_map_freeze(fd));
	close(fd);
	show("array lookup closed fd", bpf_map_lookup_elem(fd, &k, &out));
	show("lookup on stdin", bpf_map_lookup_elem(0, &k, &out));
}

static void test_rdonly_wronly(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_RDONLY);
	__u32 k = 0;
	__u64 v = 1;
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, &o);

	show("rdonly create", fd);
	show("rdonly update", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("rdonly lookup", bpf_map_lookup_elem(fd, &k, &v));
	show("rdonly freeze", bpf_map_freeze(fd));
	close(fd);
	o.map_flags = BPF_F_WRONLY;
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, &o);
	show("wronly update", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("wronly lookup", bpf_map_lookup_elem(fd, &k, &v));
	show("wronly next key", bpf_map_get_next_key(fd, NULL, &k));
	close(fd);
	o.map_flags = BPF_F_RDONLY_PROG;
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 1, &o);
	show("rdonly_prog update from syscall", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	close(fd);
}

static void test_hash(void)
{
	__u32 k, next, seen = 0, n = 0;
	__u64 v = 10, out;
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, "h", 4, 8, 2, NULL);

	show("hash create", fd);
	k = 1;
	show("hash noexist new", bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST));
	show("hash noexist again", bpf_map_update_elem(fd, &k, &v, BPF_NOEXIST));
	v = 11;
	show("hash exist", bpf_map_update_elem(fd, &k, &v, BPF_EXIST));
	k = 2;
	show("hash exist missing", bpf_map_update_elem(fd, &k, &v, BPF_EXIST));
	show("hash any new", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	k = 3;
	show("hash full", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	k = 1;
	show("hash replace when full", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	show("hash bad flags", bpf_map_update_elem(fd, &k, &v, 4 | 8));
	show("hash lookup", bpf_map_lookup_elem(fd, &k, &out));
	showv("hash value", (long long)out);
	k = 3;
	show("hash lookup missing", bpf_map_lookup_elem(fd, &k, &out));
	show("hash delete missing", bpf_map_delete_elem(fd, &k));
	/* Iteration order is the hash's: report the set. */
	while (bpf_map_get_next_key(fd, n ? &k : NULL, &next) == 0 && n < 10) {
		seen |= 1u << next;
		k = next;
		n++;
	}
	showv("hash iterated", n);
	showv("hash keys mask", seen);
	show("hash next of last", bpf_map_get_next_key(fd, &k, &next));
	k = 99;
	show("hash next of missing", bpf_map_get_next_key(fd, &k, &next));
	k = 1;
	show("hash lookup_and_delete", bpf_map_lookup_and_delete_elem(fd, &k, &out));
	showv("hash lookup_and_delete value", (long long)out);
	show("hash lookup_and_delete again", bpf_map_lookup_and_delete_elem(fd, &k, &out));
	k = 2;
	show("hash delete", bpf_map_delete_elem(fd, &k));
	show("hash next of NULL empty", bpf_map_get_next_key(fd, NULL, &next));
	close(fd);
}

static void test_batch(void)
{
	__u32 keys[16] = { 0, 1, 2, 3 }, count, out_batch;
	LIBBPF_OPTS(bpf_map_batch_opts, bo, .flags = 1);
	__u64 vals[16] = { 10, 11, 12, 13 };
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 4, NULL);

	count = 4;
	show("array update_batch", bpf_map_update_batch(fd, keys, vals, &count, NULL));
	showv("array update_batch count", count);
	memset(vals, 0, sizeof(vals));
	count = 8;
	show("array lookup_batch all",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	showv("array lookup_batch count", count);
	showv("array lookup_batch v3", (long long)vals[3]);
	count = 2;
	show("array lookup_batch 2",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	showv("array lookup_batch 2 count", count);
	showv("array lookup_batch 2 out", out_batch);
	count = 8;
	show("array lookup_batch rest",
	     bpf_map_lookup_batch(fd, &out_batch, &out_batch, keys, vals, &count, NULL));
	showv("array lookup_batch rest count", count);
	count = 0;
	show("array lookup_batch count 0",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	count = 1;
	show("array delete_batch", bpf_map_delete_batch(fd, keys, &count, NULL));
	count = 1;
	show("array lookup_and_delete_batch",
	     bpf_map_lookup_and_delete_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	close(fd);

	fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 4, NULL);
	count = 3;
	show("hash update_batch", bpf_map_update_batch(fd, keys, vals, &count, NULL));
	showv("hash update_batch count", count);
	count = 2;
	show("hash delete_batch", bpf_map_delete_batch(fd, keys, &count, NULL));
	showv("hash delete_batch count", count);
	count = 2;
	show("hash delete_batch again", bpf_map_delete_batch(fd, keys, &count, NULL));
	showv("hash delete_batch again count", count);
	close(fd);

	/* HASH lookup batches walk buckets: the cursor is a bucket index (8 buckets here). */
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 8, 8, NULL);
	for (count = 0; count < 5; count++)
		keys[count] = count;
	count = 5;
	bpf_map_update_batch(fd, keys, vals, &count, NULL);
	count = 16;
	show("hash lookup_batch",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	showv("hash lookup_batch count", count);
	showv("hash lookup_batch out", out_batch);
	printf("hash lookup_batch keys: %s\n",
	       (1u << keys[0] | 1u << keys[1] | 1u << keys[2] | 1u << keys[3] | 1u << keys[4]) == 31
		       ? "all"
		       : "wrong");
	out_batch = 8;
	count = 16;
	show("hash lookup_batch at end",
	     bpf_map_lookup_batch(fd, &out_batch, &out_batch, keys, vals, &count, NULL));
	count = 0;
	show("hash lookup_batch count 0",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	count = 16;
	show("hash lookup_batch flags",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, &bo));
	count = 16;
	show("hash lookup_and_delete_batch",
	     bpf_map_lookup_and_delete_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	showv("hash lookup_and_delete_batch count", count);
	count = 16;
	show("hash lookup_batch empty",
	     bpf_map_lookup_batch(fd, NULL, &out_batch, keys, vals, &count, NULL));
	showv("hash lookup_batch empty count", count);
	close(fd);
}

/* The map family through the syscall: queue/stack values, LPM keys, maps of maps. */
static void test_map_family(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
	struct {
		__u32 prefixlen;
		__u8 addr[4];
	} lpm = { 24, { 10, 1, 2, 0 } };
	__u32 v = 5, out = 0, k = 0;
	int q = bpf_map_create(BPF_MAP_TYPE_QUEUE, NULL, 0, 4, 2, NULL);
	int st = bpf_map_create(BPF_MAP_TYPE_STACK, NULL, 0, 4, 2, NULL);
	int t = bpf_map_create(BPF_MAP_TYPE_LPM_TRIE, NULL, 8, 4, 4, &o);
	int inner = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL), outer;

	show("queue create", q);
	show("queue push", bpf_map_update_elem(q, NULL, &v, BPF_ANY));
	v = 6;
	show("queue push 2", bpf_map_update_elem(q, NULL, &v, BPF_ANY));
	show("queue push full", bpf_map_update_elem(q, NULL, &v, BPF_ANY));
	show("queue peek", bpf_map_lookup_elem(q, NULL, &out));
	showv("queue peek value", out);
	show("queue pop", bpf_map_lookup_and_delete_elem(q, NULL, &out));
	showv("queue pop value", out);
	show("queue pop flags", bpf_map_lookup_and_delete_elem_flags(q, NULL, &out, BPF_F_LOCK));
	show("queue next key", bpf_map_get_next_key(q, NULL, &k));
	show("queue delete", bpf_map_delete_elem(q, NULL));
	show("stack push", bpf_map_update_elem(st, NULL, &v, BPF_ANY));
	show("stack pop", bpf_map_lookup_and_delete_elem(st, NULL, &out));
	showv("stack pop value", out);
	show("stack pop empty", bpf_map_lookup_and_delete_elem(st, NULL, &out));
	show("lpm create", t);
	show("lpm update", bpf_map_update_elem(t, &lpm, &v, BPF_ANY));
	lpm.prefixlen = 32;
	lpm.addr[3] = 77;
	show("lpm lookup longest", bpf_map_lookup_elem(t, &lpm, &out));
	showv("lpm value", out);
	show("lpm create prealloc", bpf_map_create(BPF_MAP_TYPE_LPM_TRIE, NULL, 8, 4, 4, NULL));
	o.map_flags = 0;
	o.inner_map_fd = (__u32)inner;
	outer = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 2, &o);
	show("array_of_maps create", outer);
	show("array_of_maps update", bpf_map_update_elem(outer, &k, &inner, BPF_ANY));
	show("array_of_maps lookup", bpf_map_lookup_elem(outer, &k, &out));
	show("array_of_maps update bad fd", bpf_map_update_elem(outer, &k, &(int){ 999 }, BPF_ANY));
	o.inner_map_fd = 999;
	show("array_of_maps bad inner",
	     bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, NULL, 4, 4, 2, &o));
	close(outer);
	close(inner);
	close(q);
	close(st);
	close(t);
}

static const struct bpf_insn prog_ret2[] = { MOV64_IMM(0, 2), EXIT() };

static int load(enum bpf_prog_type type, const struct bpf_insn *insns, size_t n, const char *name,
		const char *license)
{
	return bpf_prog_load(type, name, license, insns, n, NULL);
}

static void test_prog_load(void)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o);
	struct bpf_insn bad_r0[] = { EXIT() };
	char log[4096];
	union bpf_attr attr;
	int fd;

	close_fd(show("load xdp", load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "xdp_pass", "GPL")));
	close_fd(show("load socket filter",
		      load(BPF_PROG_TYPE_SOCKET_FILTER, prog_ret2, 2, "sf", "MIT")));
	show("load bad type", load(9999, prog_ret2, 2, NULL, "GPL"));
	show("load bad name", load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "a b", "GPL"));
	show("load NULL license", load(BPF_PROG_TYPE_XDP, prog_ret2, 2, NULL, NULL));
	show("load bad insns ptr", load(BPF_PROG_TYPE_XDP, (void *)16, 2, NULL, "GPL"));
	o.prog_flags = 1u << 30;
	show("load bad flags", bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", prog_ret2, 2, &o));
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)prog_ret2;
	attr.license = (unsigned long)"GPL";
	show("load insn_cnt 0", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.insn_cnt = 1000001;
	show("load insn_cnt 1000001", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.insn_cnt = 2;
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	show("load log buf without level", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.log_level = 1u << 8;
	show("load log bad level", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.log_level = 1;
	attr.log_size = 0;
	show("load log size 0 with buf", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.log_buf = 0;
	close_fd(show("load log level without buf", raw(BPF_PROG_LOAD, &attr, sizeof(attr))));
	attr.log_buf = (unsigned long)log;
	attr.log_size = 0x40000000;
	show("load log size huge", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.log_size = 16;
	show("load log too small", raw(BPF_PROG_LOAD, &attr, sizeof(attr)));
	attr.log_size = 0;
	attr.log_level = 0;
	attr.log_buf = 0;
	attr.kern_version = 1; /* ignored for XDP */
	close_fd(show("load kern_version", raw(BPF_PROG_LOAD, &attr, sizeof(attr))));

	memset(log, 0, sizeof(log));
	o.prog_flags = 0;
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 1;
	fd = bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", bad_r0, 1, &o);
	show("load R0 unset", fd);
	printf("load R0 unset log: %s\n", strstr(log, "R0 !read_ok") ? "R0 !read_ok" : "missing");
	printf("load R0 unset log_true_size fits: %s\n",
	       o.log_true_size == strlen(log) + 1 ? "yes" : "no");
	o.log_size = 16;
	show("load R0 unset small log",
	     bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", bad_r0, 1, &o));
	printf("load R0 unset small log: len %u true size above 16: %s\n",
	       (unsigned int)strlen(log), o.log_true_size > 16 ? "yes" : "no");
	o.log_size = sizeof(log);
	o.log_level = 0; /* libbpf retries at level 1 to fill the buffer */
	memset(log, 0, sizeof(log));
	show("load R0 unset level 0", bpf_prog_load(BPF_PROG_TYPE_XDP, NULL, "GPL", bad_r0, 1, &o));
	printf("load R0 unset level 0 log: %s\n",
	       strstr(log, "R0 !read_ok") ? "R0 !read_ok" : "missing");
}

/* An XDP program that looks up key 0 of map fd and returns XDP_PASS. */
static int load_map_user(int map_fd)
{
	struct bpf_insn insns[] = {
		ST_W(10, -4, 0),
		MOV64_REG(2, 10),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		INSN(0, 0, 0, 0, 0),
		CALL(BPF_FUNC_map_lookup_elem),
		MOV64_IMM(0, 2),
		EXIT(),
	};

	return load(BPF_PROG_TYPE_XDP, insns, 8, "map_user", "GPL");
}

static void test_info_ids(void)
{
	struct bpf_prog_info pinfo;
	struct bpf_map_info minfo;
	struct bpf_insn xlated[64];
	__u32 len, map_ids[4], next, id;
	unsigned char big[512];
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "info_map", 4, 8, 2, NULL);
	int prog = load_map_user(map), fd;
	int i;

	show("map user load", prog);
	memset(&minfo, 0, sizeof(minfo));
	len = sizeof(minfo);
	show("map info", bpf_map_get_info_by_fd(map, &minfo, &len));
	printf("map info: type %u key %u value %u max %u flags %u name %s len %s\n", minfo.type,
	       minfo.key_size, minfo.value_size, minfo.max_entries, minfo.map_flags, minfo.name,
	       len == sizeof(minfo) ? "full" : "short");
	memset(&pinfo, 0, sizeof(pinfo));
	len = sizeof(pinfo);
	pinfo.nr_map_ids = 4;
	pinfo.map_ids = (unsigned long)map_ids;
	show("prog info", bpf_prog_get_info_by_fd(prog, &pinfo, &len));
	printf("prog info: type %u name %s gpl %u nr_map_ids %u map id matches %s\n", pinfo.type,
	       pinfo.name, pinfo.gpl_compatible, pinfo.nr_map_ids,
	       map_ids[0] == minfo.id ? "yes" : "no");
	printf("prog tag: ");
	for (i = 0; i < 8; i++)
		printf("%02x", pinfo.tag[i]);
	printf("\nprog xlated non-empty: %s\n", pinfo.xlated_prog_len ? "yes" : "no");
	{
		/* a program of many SHA-256 blocks (and a length not a multiple of 64) */
		struct bpf_insn many[101];
		struct bpf_prog_info li;
		int lfd, j;

		for (j = 0; j < 100; j++)
			many[j] = MOV64_IMM(j % 10, j * 7919);
		many[0] = MOV64_IMM(0, 2);
		many[100] = EXIT();
		lfd = load(BPF_PROG_TYPE_XDP, many, 101, "long", "GPL");
		memset(&li, 0, sizeof(li));
		len = sizeof(li);
		bpf_prog_get_info_by_fd(lfd, &li, &len);
		printf("long prog tag: ");
		for (j = 0; j < 8; j++)
			printf("%02x", li.tag[j]);
		printf("\n");
		close_fd(lfd);
	}
	printf("prog verified_insns non-zero: %s\n", pinfo.verified_insns ? "yes" : "no");
	printf("prog jited: %s ksyms %u func_lens %u\n", pinfo.jited_prog_len ? "yes" : "no",
	       pinfo.nr_jited_ksyms, pinfo.nr_jited_func_lens);
	printf("prog load_time set: %s\n", pinfo.load_time ? "yes" : "no");
	memset(&pinfo, 0, sizeof(pinfo));
	len = 8;
	show("prog info 8 bytes", bpf_prog_get_info_by_fd(prog, &pinfo, &len));
	printf("prog info 8 bytes: len %u type %u\n", len, pinfo.type);
	memset(&pinfo, 0, sizeof(pinfo));
	pinfo.xlated_prog_len = sizeof(xlated);
	pinfo.xlated_prog_insns = (unsigned long)xlated;
	len = sizeof(pinfo);
	show("prog info xlated", bpf_prog_get_info_by_fd(prog, &pinfo, &len));
	printf("prog xlated first insn: code %02x\n", xlated[0].code);
	for (i = 0; i < (int)(pinfo.xlated_prog_len / 8) && i < 64; i++)
		if (xlated[i].code == (BPF_LD | BPF_DW | BPF_IMM))
			break;
	printf("prog xlated map lddw: src %u id matches %s\n", xlated[i].src_reg,
	       (__u32)xlated[i].imm == minfo.id ? "yes" : "no");
	memset(big, 0, sizeof(big));
	len = sizeof(big);
	show("info long zero tail", bpf_obj_get_info_by_fd(map, big, &len));
	showv("info long zero tail len", len);
	big[400] = 1;
	len = sizeof(big);
	show("info non-zero tail", bpf_obj_get_info_by_fd(map, big, &len));
	len = sizeof(minfo);
	show("info bad pointer", bpf_obj_get_info_by_fd(map, (void *)24, &len));
	show("info on stdin", bpf_obj_get_info_by_fd(0, &minfo, &len));
	show("info closed fd", bpf_obj_get_info_by_fd(999, &minfo, &len));

	/* ids */
	id = pinfo.id;
	show("prog next id", bpf_prog_get_next_id(id - 1, &next));
	printf("prog next id is its own: %s\n", next == id ? "yes" : "no");
	show("map next id", bpf_map_get_next_id(minfo.id - 1, &next));
	printf("map next id is its own: %s\n", next == minfo.id ? "yes" : "no");
	show("prog next id at end", bpf_prog_get_next_id(0x7ffffff0, &next));
	show("link next id at end", bpf_link_get_next_id(0x7ffffff0, &next));
	show("btf next id at end", bpf_btf_get_next_id(0x7ffffff0, &next));
	fd = bpf_prog_get_fd_by_id(id);
	show("prog fd by id", fd);
	memset(&pinfo, 0, sizeof(pinfo));
	len = sizeof(pinfo);
	bpf_prog_get_info_by_fd(fd, &pinfo, &len);
	printf("prog fd by id same prog: %s\n", pinfo.id == id ? "yes" : "no");
	close_fd(fd);
	show("prog fd by missing id", bpf_prog_get_fd_by_id(0x7ffffff0));
	show("map fd by missing id", bpf_map_get_fd_by_id(0x7ffffff0));
	show("link fd by missing id", bpf_link_get_fd_by_id(0x7ffffff0));
	show("btf fd by missing id", bpf_btf_get_fd_by_id(0x7ffffff0));
	{
		LIBBPF_OPTS(bpf_get_fd_by_id_opts, go, .open_flags = BPF_F_RDONLY);
		__u32 k = 0;
		__u64 v = 0;

		fd = bpf_map_get_fd_by_id_opts(minfo.id, &go);
		show("map fd by id rdonly", fd);
		show("map fd by id rdonly update", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
		close_fd(fd);
		go.open_flags = 1u << 9;
		show("map fd by id bad flags", bpf_map_get_fd_by_id_opts(minfo.id, &go));
		go.open_flags = BPF_F_RDONLY;
		show("prog fd by id flags", bpf_prog_get_fd_by_id_opts(id, &go));
	}

	/* prog_bind_map */
	{
		LIBBPF_OPTS(bpf_prog_bind_opts, bo, .flags = 1);
		int m2 = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, NULL);

		show("bind map", bpf_prog_bind_map(prog, m2, NULL));
		show("bind map again", bpf_prog_bind_map(prog, m2, NULL));
		show("bind map flags", bpf_prog_bind_map(prog, m2, &bo));
		show("bind map bad map fd", bpf_prog_bind_map(prog, 999, NULL));
		show("bind map prog is map", bpf_prog_bind_map(m2, m2, NULL));
		memset(&pinfo, 0, sizeof(pinfo));
		len = sizeof(pinfo);
		bpf_prog_get_info_by_fd(prog, &pinfo, &len);
		showv("bind map nr_map_ids", pinfo.nr_map_ids);
		close(m2);
	}
	close(prog);
	close(map);
}

static unsigned char pkt[128];

static void test_run_xdp(void)
{
	struct bpf_insn len_prog[] = {
		LDX_W(2, 1, 0),	 LDX_W(3, 1, 4),
		MOV64_REG(0, 3), INSN(BPF_ALU64 | BPF_SUB | BPF_X, 0, 2, 0, 0),
		EXIT(),
	};
	struct bpf_insn head_prog[] = {
		MOV64_IMM(2, 14),
		CALL(BPF_FUNC_xdp_adjust_head),
		MOV64_IMM(0, 2),
		EXIT(),
	};
	unsigned char out[256], big[4000];
	struct xdp_md ctx, ctx_out;
	int fd = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "t", "GPL");
	int lenfd = load(BPF_PROG_TYPE_XDP, len_prog, 5, "len", "GPL");
	int headfd = load(BPF_PROG_TYPE_XDP, head_prog, 4, "head", "GPL");
	int mapfd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = 64, .data_out = out,
		    .data_size_out = sizeof(out));

	show("xdp run", bpf_prog_test_run_opts(fd, &o));
	printf("xdp run: retval %u size_out %u same %s\n", o.retval, o.data_size_out,
	       memcmp(out, pkt, 64) ? "no" : "yes");
	o.repeat = 100;
	show("xdp run repeat", bpf_prog_test_run_opts(fd, &o));
	showv("xdp run repeat retval", o.retval);
	o.repeat = 0;
	o.data_size_out = 10;
	show("xdp run small out", bpf_prog_test_run_opts(fd, &o));
	showv("xdp run small out size", o.data_size_out);
	o.data_size_out = sizeof(out);
	o.data_size_in = 13;
	show("xdp run 13 bytes", bpf_prog_test_run_opts(fd, &o));
	o.data_in = big;
	memset(big, 0, sizeof(big));
	o.data_size_in = 3520;
	o.data_out = NULL;
	o.data_size_out = 0;
	show("xdp run 3520 bytes", bpf_prog_test_run_opts(fd, &o));
	o.data_in = (void *)64;
	o.data_size_in = 64;
	show("xdp run bad data ptr", bpf_prog_test_run_opts(fd, &o));
	o.data_in = pkt;
	o.data_out = (void *)64;
	o.data_size_out = 64;
	show("xdp run bad out ptr", bpf_prog_test_run_opts(fd, &o));
	o.data_out = out;
	o.data_size_out = sizeof(out);
	o.flags = 1u << 5;
	show("xdp run bad flags", bpf_prog_test_run_opts(fd, &o));
	o.flags = 0;
	o.batch_size = 4;
	show("xdp run batch without live", bpf_prog_test_run_opts(fd, &o));
	o.batch_size = 0;
	show("xdp len prog", bpf_prog_test_run_opts(lenfd, &o));
	showv("xdp len prog retval", o.retval);
	show("xdp adjust_head", bpf_prog_test_run_opts(headfd, &o));
	showv("xdp adjust_head size_out", o.data_size_out);

	/* ctx_in / ctx_out as struct xdp_md */
	o.data_size_out = sizeof(out);
	memset(&ctx, 0, sizeof(ctx));
	memset(&ctx_out, 0, sizeof(ctx_out));
	ctx.data_end = 64;
	o.ctx_in = &ctx;
	o.ctx_size_in = sizeof(ctx);
	o.ctx_out = &ctx_out;
	o.ctx_size_out = sizeof(ctx_out);
	show("xdp ctx", bpf_prog_test_run_opts(lenfd, &o));
	printf("xdp ctx: retval %u data %u data_end %u ctx_size_out %u\n", o.retval, ctx_out.data,
	       ctx_out.data_end, o.ctx_size_out);
	ctx.data = 8; /* 8 bytes of metadata */
	show("xdp ctx meta", bpf_prog_test_run_opts(lenfd, &o));
	printf("xdp ctx meta: retval %u size_out %u\n", o.retval, o.data_size_out);
	ctx.data = 0;
	ctx.data_end = 65;
	show("xdp ctx data_end past", bpf_prog_test_run_opts(lenfd, &o));
	ctx.data_end = 64;
	ctx.data_meta = 4;
	show("xdp ctx data_meta", bpf_prog_test_run_opts(lenfd, &o));
	ctx.data_meta = 0;
	ctx.ingress_ifindex = 1;
	show("xdp ctx ingress lo", bpf_prog_test_run_opts(lenfd, &o));
	ctx.ingress_ifindex = 99999;
	show("xdp ctx ingress missing", bpf_prog_test_run_opts(lenfd, &o));
	ctx.ingress_ifindex = 0;
	ctx.rx_queue_index = 1;
	show("xdp ctx queue without dev", bpf_prog_test_run_opts(lenfd, &o));
	ctx.rx_queue_index = 0;
	ctx.egress_ifindex = 1;
	show("xdp ctx egress", bpf_prog_test_run_opts(lenfd, &o));
	ctx.egress_ifindex = 0;
	o.ctx_size_out = 8;
	show("xdp ctx small out", bpf_prog_test_run_opts(lenfd, &o));
	showv("xdp ctx small out size", o.ctx_size_out);
	o.ctx_size_out = sizeof(ctx_out);
	o.ctx_size_in = 0;
	show("xdp ctx_in without size", bpf_prog_test_run_opts(lenfd, &o));
	{
		unsigned char cbig[64];

		memset(cbig, 0, sizeof(cbig));
		memcpy(cbig, &ctx, sizeof(ctx));
		o.ctx_in = cbig;
		o.ctx_size_in = sizeof(cbig);
		show("xdp ctx long zero tail", bpf_prog_test_run_opts(lenfd, &o));
		cbig[40] = 1;
		show("xdp ctx long non-zero tail", bpf_prog_test_run_opts(lenfd, &o));
	}
	o.ctx_in = NULL;
	o.ctx_size_in = 0;
	o.ctx_out = NULL;
	o.ctx_size_out = 0;
	show("run on map fd", bpf_prog_test_run_opts(mapfd, &o));
	show("run on closed fd", bpf_prog_test_run_opts(999, &o));
	close(fd);
	close(lenfd);
	close(headfd);
	close(mapfd);
}

/* Tail calls through a PROG_ARRAY filled from the syscall side. */
static void test_prog_array(void)
{
	int pa = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, NULL, 4, 4, 4, NULL);
	struct bpf_insn caller[] = {
		MOV64_REG(6, 1),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 2, BPF_PSEUDO_MAP_FD, 0, pa),
		INSN(0, 0, 0, 0, 0),
		MOV64_IMM(3, 0),
		CALL(BPF_FUNC_tail_call),
		MOV64_IMM(0, 1),
		EXIT(),
	};
	struct bpf_insn ret3[] = { MOV64_IMM(0, 3), EXIT() };
	int callee = load(BPF_PROG_TYPE_XDP, ret3, 2, "callee", "GPL");
	int sf = load(BPF_PROG_TYPE_SOCKET_FILTER, ret3, 2, "sf", "GPL");
	int prog = load(BPF_PROG_TYPE_XDP, caller, 7, "caller", "GPL");
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = 64);
	__u32 k = 0, id = 0;

	show("prog_array create", pa);
	show("prog_array value 8", bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, NULL, 4, 8, 4, NULL));
	show("tail caller load", prog);
	show("tail call empty", bpf_prog_test_run_opts(prog, &o));
	showv("tail call empty retval", o.retval);
	show("prog_array update", bpf_map_update_elem(pa, &k, &callee, BPF_ANY));
	show("tail call", bpf_prog_test_run_opts(prog, &o));
	showv("tail call retval", o.retval);
	show("prog_array lookup", bpf_map_lookup_elem(pa, &k, &id));
	show("prog_array update noexist", bpf_map_update_elem(pa, &k, &callee, BPF_NOEXIST));
	show("prog_array update other type", bpf_map_update_elem(pa, &k, &sf, BPF_ANY));
	show("prog_array update map fd", bpf_map_update_elem(pa, &k, &pa, BPF_ANY));
	show("prog_array update closed fd", bpf_map_update_elem(pa, &k, &(int){ 999 }, BPF_ANY));
	k = 4;
	show("prog_array update 4", bpf_map_update_elem(pa, &k, &callee, BPF_ANY));
	k = 0;
	show("prog_array delete", bpf_map_delete_elem(pa, &k));
	show("prog_array delete again", bpf_map_delete_elem(pa, &k));
	show("prog_array lookup empty", bpf_map_lookup_elem(pa, &k, &id));
	show("tail call after delete", bpf_prog_test_run_opts(prog, &o));
	showv("tail call after delete retval", o.retval);
	close(prog);
	close(callee);
	close(sf);
	close(pa);
}

static void test_run_skb(void)
{
	struct bpf_insn len_prog[] = { LDX_W(0, 1, 0), EXIT() };
	unsigned char out[256];
	int fd = load(BPF_PROG_TYPE_SOCKET_FILTER, len_prog, 2, "sklen", "GPL");
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = 64, .data_out = out,
		    .data_size_out = sizeof(out));
	int i;

	show("skb run", bpf_prog_test_run_opts(fd, &o));
	printf("skb run: retval %u size_out %u out", o.retval, o.data_size_out);
	for (i = 0; i < 18; i++)
		printf(" %02x", out[i]);
	printf("\n");
	o.data_size_in = 13;
	show("skb run 13 bytes", bpf_prog_test_run_opts(fd, &o));
	o.data_size_in = 20; /* IPv4 ethertype but no IP header */
	show("skb run short ip", bpf_prog_test_run_opts(fd, &o));
	o.data_size_in = 64;
	o.cpu = 1;
	show("skb run cpu", bpf_prog_test_run_opts(fd, &o));
	o.cpu = 0;
	{
		struct __sk_buff ctx, cout;
		struct bpf_insn mark_prog[] = {
			LDX_W(2, 1, offsetof(struct __sk_buff, mark)),
			LDX_W(0, 1, offsetof(struct __sk_buff, cb[1])),
			INSN(BPF_ALU64 | BPF_ADD | BPF_X, 0, 2, 0, 0),
			INSN(BPF_STX | BPF_W | BPF_MEM, 1, 0, offsetof(struct __sk_buff, cb[0]), 0),
			EXIT(),
		};
		int mfd = load(BPF_PROG_TYPE_SOCKET_FILTER, mark_prog, 5, "mark", "GPL");

		memset(&ctx, 0, sizeof(ctx));
		memset(&cout, 0, sizeof(cout));
		ctx.mark = 41;
		ctx.cb[1] = 77;
		ctx.priority = 3;
		o.ctx_in = &ctx;
		o.ctx_size_in = sizeof(ctx);
		o.ctx_out = &cout;
		o.ctx_size_out = sizeof(cout);
		show("skb mark prog load", mfd);
		show("skb ctx", bpf_prog_test_run_opts(mfd, &o));
		printf("skb ctx: retval %u mark %u priority %u cb0 %u ifindex %u wire_len %u\n",
		       o.retval, cout.mark, cout.priority, cout.cb[0], cout.ifindex, cout.wire_len);
		ctx.len = 1;
		show("skb ctx len set", bpf_prog_test_run_opts(mfd, &o));
		ctx.len = 0;
		ctx.ifindex = 99999;
		show("skb ctx missing dev", bpf_prog_test_run_opts(mfd, &o));
		ctx.ifindex = 1;
		ctx.wire_len = 10;
		show("skb ctx wire_len short", bpf_prog_test_run_opts(mfd, &o));
		ctx.wire_len = 100;
		show("skb ctx wire_len", bpf_prog_test_run_opts(mfd, &o));
		ctx.wire_len = 0;
		ctx.gso_segs = 70000;
		show("skb ctx gso_segs", bpf_prog_test_run_opts(mfd, &o));
		ctx.gso_segs = 0;
		ctx.tc_index = 1;
		show("skb ctx tc_index", bpf_prog_test_run_opts(mfd, &o));
		o.ctx_in = NULL;
		o.ctx_size_in = 0;
		o.ctx_out = NULL;
		o.ctx_size_out = 0;
		close(mfd);
	}
	close(fd);
}

static void test_stats(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = 64, .repeat = 10);
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "st", "GPL");
	__u64 time_on;
	int sfd, sfd2;

	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats off run_cnt", (long long)info.run_cnt);
	sfd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	show("enable stats", sfd);
	show("enable stats bad type", bpf_enable_stats(7));
	{
		struct bpf_map_info mi;
		__u32 ml = sizeof(mi);

		show("info on stats fd", bpf_obj_get_info_by_fd(sfd, &mi, &ml));
		show("lookup on stats fd", bpf_map_lookup_elem(sfd, &ml, &mi));
	}
	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats on run_cnt", (long long)info.run_cnt);
	time_on = info.run_time_ns;
	printf("stats on run_time_ns grew: %d\n", time_on > 0);
	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats on again run_cnt", (long long)info.run_cnt);
	printf("stats on again run_time_ns grew: %d\n", info.run_time_ns > time_on);
	time_on = info.run_time_ns;
	close_fd(sfd);
	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats closed run_cnt", (long long)info.run_cnt);
	printf("stats closed run_time_ns unchanged: %d\n", info.run_time_ns == time_on);
	/* two stats fds: runs are counted until the last one closes */
	sfd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	sfd2 = bpf_enable_stats(BPF_STATS_RUN_TIME);
	close_fd(sfd);
	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats one of two closed run_cnt", (long long)info.run_cnt);
	close_fd(sfd2);
	bpf_prog_test_run_opts(fd, &o);
	memset(&info, 0, sizeof(info));
	bpf_prog_get_info_by_fd(fd, &info, &len);
	showv("stats both closed run_cnt", (long long)info.run_cnt);
	close(fd);
}

static void test_pin(void)
{
	char dir[128], path[160], path2[200];
	__u32 k = 0;
	__u64 v = 42, out = 0;
	LIBBPF_OPTS(bpf_obj_get_opts, go, .file_flags = BPF_F_RDONLY);
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 8, 1, NULL);
	int prog = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "pinned", "GPL");
	int fd;

	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bpfkern-syscall-test-%d", (int)getpid());
	show("mkdir", fs_mkdir(dir));
	snprintf(path, sizeof(path), "%s/map", dir);
	bpf_map_update_elem(map, &k, &v, BPF_ANY);
	show("pin map", bpf_obj_pin(map, path));
	show("pin map again", bpf_obj_pin(map, path));
	show("pin bad fd", bpf_obj_pin(999, path));
	show("pin bad path ptr", bpf_obj_pin(map, (void *)32));
	snprintf(path2, sizeof(path2), "%s/nodir/map", dir);
	show("pin missing dir", bpf_obj_pin(map, path2));
	snprintf(path2, sizeof(path2), "%s/map/x", dir);
	show("pin under object", bpf_obj_pin(map, path2));
	show("pin outside bpffs", bpf_obj_pin(map, "/tmp/bpfkern-syscall-test-pin"));
	show("pin root", bpf_obj_pin(map, "/sys/fs/bpf"));
	close(map);
	fd = bpf_obj_get(path);
	show("get pinned map", fd);
	show("get pinned map lookup", bpf_map_lookup_elem(fd, &k, &out));
	showv("get pinned map value", (long long)out);
	close_fd(fd);
	fd = bpf_obj_get_opts(path, &go);
	show("get pinned rdonly", fd);
	show("get pinned rdonly update", bpf_map_update_elem(fd, &k, &v, BPF_ANY));
	close_fd(fd);
	go.file_flags = BPF_F_RDONLY | BPF_F_WRONLY;
	show("get pinned rdonly|wronly", bpf_obj_get_opts(path, &go));
	snprintf(path2, sizeof(path2), "%s/none", dir);
	show("get missing", bpf_obj_get(path2));
	show("get directory", bpf_obj_get(dir));
	show("get bad path ptr", bpf_obj_get((void *)32));
	snprintf(path2, sizeof(path2), "%s/prog", dir);
	show("pin prog", bpf_obj_pin(prog, path2));
	close(prog);
	fd = bpf_obj_get(path2);
	show("get pinned prog", fd);
	{
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = 64);

		show("run pinned prog", bpf_prog_test_run_opts(fd, &o));
		showv("run pinned prog retval", o.retval);
	}
	close_fd(fd);
	show("unlink prog", fs_unlink(path2));
	show("unlink map", fs_unlink(path));
	show("get unlinked", bpf_obj_get(path));
	show("rmdir", fs_unlink(dir));
}

static void test_links_and_more(void)
{
	int prog = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "lk", "GPL");
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	__u32 cnt = 0, flags = 0, ids[4], buf_len = 0, prog_id, fd_type;
	__u64 off, addr;
	char junk[32];

	show("link_create xdp missing dev", bpf_link_create(prog, 99999, BPF_XDP, NULL));
	show("link_create bad prog fd", bpf_link_create(999, 1, BPF_XDP, NULL));
	show("link_create map fd", bpf_link_create(map, 1, BPF_XDP, NULL));
	show("link_detach map fd", bpf_link_detach(map));
	show("link_detach closed", bpf_link_detach(999));
	show("link_update map fd", bpf_link_update(map, prog, NULL));
	show("iter_create map fd", bpf_iter_create(map));
	show("iter_create closed", bpf_iter_create(999));
	show("raw_tp open xdp prog", bpf_raw_tracepoint_open("sched_switch", prog));
	show("raw_tp open bad fd", bpf_raw_tracepoint_open("sched_switch", 999));
	memset(junk, 0x5a, sizeof(junk));
	show("btf_load junk", bpf_btf_load(junk, sizeof(junk), NULL));
	show("btf_load NULL", bpf_btf_load(NULL, 0, NULL));
	show("btf_load NULL with size", bpf_btf_load(NULL, 64, NULL));
	show("btf_load huge", bpf_btf_load(junk, 1u << 30, NULL));
	{
		LIBBPF_OPTS(bpf_btf_load_opts, bo, .log_level = 1);

		show("btf_load log level without buf", bpf_btf_load(junk, sizeof(junk), &bo));
		bo.log_buf = junk;
		bo.log_size = sizeof(junk);
		bo.log_level = 0;
		show("btf_load log buf without level", bpf_btf_load(junk, sizeof(junk), &bo));
	}
	show("task_fd_query map fd",
	     bpf_task_fd_query(getpid(), map, 0, NULL, &buf_len, &prog_id, &fd_type, &off, &addr));
	show("task_fd_query closed fd",
	     bpf_task_fd_query(getpid(), 999, 0, NULL, &buf_len, &prog_id, &fd_type, &off, &addr));
	show("task_fd_query missing pid", bpf_task_fd_query(0x3ffffff0, map, 0, NULL, &buf_len,
							    &prog_id, &fd_type, &off, &addr));
	show("task_fd_query flags",
	     bpf_task_fd_query(getpid(), map, 1, NULL, &buf_len, &prog_id, &fd_type, &off, &addr));
	show("prog_attach xdp", bpf_prog_attach(prog, 1, BPF_XDP, 0));
	show("prog_attach cgroup on stdin", bpf_prog_attach(prog, 0, BPF_CGROUP_INET_INGRESS, 0));
	show("prog_attach bad prog fd", bpf_prog_attach(999, 0, BPF_CGROUP_INET_INGRESS, 0));
	show("prog_attach bad type", bpf_prog_attach(prog, 0, 9999, 0));
	show("prog_attach bad flags", bpf_prog_attach(prog, 0, BPF_CGROUP_INET_INGRESS, 1u << 20));
	show("prog_attach tcx missing dev", bpf_prog_attach(prog, 99999, BPF_TCX_INGRESS, 0));
	show("prog_detach cgroup on stdin", bpf_prog_detach2(prog, 0, BPF_CGROUP_INET_INGRESS));
	show("prog_detach xdp", bpf_prog_detach2(prog, 1, BPF_XDP));
	show("prog_detach bad type", bpf_prog_detach2(prog, 0, 9999));
	show("link_create socket filter", bpf_link_create(map, 1, BPF_XDP, NULL));
	cnt = 4;
	show("prog_query cgroup on stdin",
	     bpf_prog_query(0, BPF_CGROUP_INET_INGRESS, 0, &flags, ids, &cnt));
	cnt = 4;
	show("prog_query tcx missing dev",
	     bpf_prog_query(99999, BPF_TCX_INGRESS, 0, &flags, ids, &cnt));
	cnt = 4;
	show("prog_query xdp", bpf_prog_query(1, BPF_XDP, 0, &flags, ids, &cnt));
	show("prog_query bad flags", bpf_prog_query(1, BPF_XDP, 8, &flags, ids, &cnt));
	close(prog);
	close(map);
}

/* One XDP link's info: errno, type, ifindex and whether prog_id is prog's. */
static void show_xdp_link(const char *name, int link, int prog)
{
	struct bpf_link_info info;
	struct bpf_prog_info pinfo;
	__u32 len = sizeof(info), plen = sizeof(pinfo);
	int err;

	memset(&info, 0, sizeof(info));
	memset(&pinfo, 0, sizeof(pinfo));
	err = bpf_link_get_info_by_fd(link, &info, &len);
	if (bpf_obj_get_info_by_fd(prog, &pinfo, &plen))
		pinfo.id = 0;
	printf("%s: %d type %u ifindex %u prog %s\n", name, err, info.type, info.xdp.ifindex,
	       info.prog_id && info.prog_id == pinfo.id ? "same" : "other");
}

static int xdp_link(int prog, int ifindex, __u32 flags)
{
	LIBBPF_OPTS(bpf_link_create_opts, o, .flags = flags);

	return bpf_link_create(prog, ifindex, BPF_XDP, &o);
}

/*
 * XDP links on ifindex 1: Linux's lo (in a network namespace of its own,
 * so that no other test run shares it; generic XDP) and bpfkern's first
 * port (native). Only what both answer alike is printed: no
 * XDP_FLAGS_DRV_MODE, which lo refuses.
 */
static void test_xdp_link(void)
{
	int prog = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "xl", "GPL");
	int prog2 = load(BPF_PROG_TYPE_XDP, prog_ret2, 2, "xl2", "GPL");
	int sock = load(BPF_PROG_TYPE_SOCKET_FILTER, prog_ret2, 2, "xs", "GPL");
	struct bpf_link_info info;
	__u32 len = sizeof(info), next = 0;
	char path[64];
	int link, fd;

#ifdef LINUX_HOST
	if (unshare(CLONE_NEWNET))
		fprintf(stderr, "unshare(CLONE_NEWNET): %s: using the host's lo\n",
			strerror(errno));
#endif
	show("xdp link hw mode", xdp_link(prog, 1, XDP_FLAGS_HW_MODE));
	show("xdp link missing dev", xdp_link(prog, 99999, 0));
	show("xdp link socket filter", xdp_link(sock, 1, 0));
	show("xdp link cgroup type", bpf_link_create(prog, 1, BPF_CGROUP_INET_INGRESS, NULL));
	link = xdp_link(prog, 1, 0);
	show("xdp link create", link < 0 ? link : 0);
	show_xdp_link("xdp link info", link, prog);
	show("xdp link busy", xdp_link(prog2, 1, 0));
	show("xdp link busy skb mode", xdp_link(prog2, 1, XDP_FLAGS_SKB_MODE));
	show("xdp link two modes", xdp_link(prog2, 1, XDP_FLAGS_SKB_MODE | XDP_FLAGS_DRV_MODE));
	show("xdp link update_if_noexist", xdp_link(prog2, 1, XDP_FLAGS_UPDATE_IF_NOEXIST));
	show("xdp link unknown flag", xdp_link(prog2, 1, 1u << 5));
	show("prog_attach xdp while linked", bpf_prog_attach(prog2, 1, BPF_XDP, 0));
	{
		LIBBPF_OPTS(bpf_link_update_opts, uo, .flags = BPF_F_REPLACE, .old_prog_fd = prog2);

		show("xdp link update", bpf_link_update(link, prog2, NULL));
		show_xdp_link("xdp link info updated", link, prog2);
		show("xdp link update same", bpf_link_update(link, prog2, NULL));
		uo.old_prog_fd = prog;
		show("xdp link replace wrong old", bpf_link_update(link, prog, &uo));
		uo.old_prog_fd = prog2;
		show("xdp link replace", bpf_link_update(link, prog, &uo));
		show_xdp_link("xdp link info replaced", link, prog);
		uo.flags = 0;
		show("xdp link old fd without flag", bpf_link_update(link, prog2, &uo));
		uo.flags = 2;
		show("xdp link update bad flags", bpf_link_update(link, prog2, &uo));
		show("xdp link update socket filter", bpf_link_update(link, sock, NULL));
		show("xdp link update bad fd", bpf_link_update(link, 999, NULL));
	}
	close(prog);
	show_xdp_link("xdp link info prog closed", link, prog2);
	memset(&info, 0, sizeof(info));
	show("xdp link info by fd", bpf_link_get_info_by_fd(link, &info, &len));
	show("xdp link next id", bpf_link_get_next_id(info.id - 1, &next));
	printf("xdp link next id is its id: %d\n", next == info.id);
	fd = bpf_link_get_fd_by_id(info.id);
	show("xdp link fd by id", fd < 0 ? fd : 0);
	show_xdp_link("xdp link info by id", fd, prog2);
	close(fd);
	show("xdp link detach", bpf_link_detach(link));
	show_xdp_link("xdp link info detached", link, prog2);
	show("xdp link detach again", bpf_link_detach(link));
	show("xdp link update detached", bpf_link_update(link, prog2, NULL));
	fd = xdp_link(prog2, 1, 0);
	show("xdp link after detach", fd < 0 ? fd : 0);
	close(fd);
	fd = xdp_link(prog2, 1, XDP_FLAGS_SKB_MODE);
	show("xdp link after close", fd < 0 ? fd : 0);
	snprintf(path, sizeof(path), "/sys/fs/bpf/bpfkern-xdp-link-%d", (int)getpid());
	show("xdp link pin", bpf_obj_pin(fd, path));
	close(fd);
	show("xdp link busy while pinned", xdp_link(prog2, 1, 0));
	/* (Linux frees an unpinned link from a work queue: no check right after.) */
	show("xdp link unpin", fs_unlink(path));
	close(link);
	close(prog2);
	close(sock);
}

static void test_fd_table(void)
{
	struct rlimit old, rl;
	int a, b, c, d, fds[64], n = 0, err = 0;

	a = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	b = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	c = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	close(b);
	d = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	printf("lowest free fd reused: %s\n", d == b ? "yes" : "no");
	printf("fds ascending: %s\n", a < c && a >= 3 ? "yes" : "no");
	getrlimit(RLIMIT_NOFILE, &old);
	rl = old;
	rl.rlim_cur = (rlim_t)c + 8;
	setrlimit(RLIMIT_NOFILE, &rl);
	while (n < 64) {
		fds[n] = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
		if (fds[n] < 0) {
			err = -errno;
			break;
		}
		n++;
	}
	show("fill fd table", err);
	printf("fds below limit: %s\n", n > 0 && n <= 8 ? "yes" : "no");
	while (n--)
		close(fds[n]);
	setrlimit(RLIMIT_NOFILE, &old);
	close(a);
	close(c);
	close(d);
}

int main(void)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < (int)sizeof(pkt); i++)
		pkt[i] = (unsigned char)i;
	pkt[12] = 0x08; /* IPv4 */
	pkt[13] = 0x00;
	pkt[14] = 0x45;
	test_attr_frame();
	test_map_create();
	test_array();
	test_rdonly_wronly();
	test_hash();
	test_batch();
	test_map_family();
	test_prog_load();
	test_info_ids();
	test_run_xdp();
	test_prog_array();
	test_run_skb();
	test_stats();
	test_pin();
	test_links_and_more();
	test_xdp_link();
	test_fd_table();
	fprintf(stderr, "syscall_test (%s) done\n", BACKEND);
	return failures;
}
