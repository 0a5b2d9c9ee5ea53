// SPDX-License-Identifier: GPL-2.0
/*
 * mmap(2) of BPF map fds with Linux's rules: a BPF_F_MMAPABLE array's
 * values shared with the syscall side, whole pages only, writable only when
 * the map, the fd and the program side allow it; a ring buffer's consumer
 * page writable alone, its producer page and data (mapped twice) read-only;
 * a mapping outlives the fd, and munmap may cut a hole in it. The same file
 * runs in ring 3 on bpfkern and on a Linux host (tier 50-maps-ring3),
 * where every expected value is Linux's.
 */
#include <string.h>
#include <bpf/bpf.h>
#include "tests/user/check.h"
#ifdef _NEWLIB_VERSION
#include "user/bpfkern_user.h"
#else
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#define PG 4096L
#define PROT_R 0x1
#define PROT_W 0x2
#define PROT_X 0x4
#define SHARED 0x01
#define PRIVATE 0x02
#define E_PERM 1
#define E_BADF 9
#define E_ACCES 13
#define E_BUSY 16
#define E_INVAL 22
#define E_NOTSUPP 524

/* mmap(NULL, len, prot, flags, fd, off): the address, or -errno. */
static long map_fd(long len, int prot, int flags, int fd, long off)
{
#ifdef _NEWLIB_VERSION
	return raw_syscall(__NR_mmap, 0, len, prot, flags, fd, off);
#else
	void *p = mmap(NULL, (size_t)len, prot, flags, fd, off);

	return p == MAP_FAILED ? -errno : (long)p;
#endif
}

static long unmap(long addr, long len)
{
#ifdef _NEWLIB_VERSION
	return raw_syscall(__NR_munmap, addr, len, 0, 0, 0, 0);
#else
	return munmap((void *)addr, (size_t)len) ? -errno : 0;
#endif
}

static void close_fd(int fd)
{
#ifdef _NEWLIB_VERSION
	raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
#else
	close(fd);
#endif
}

static int array_create(__u32 flags, __u32 max_entries)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = flags);

	return bpf_map_create(BPF_MAP_TYPE_ARRAY, "t_mmap", 4, 8, max_entries, &opts);
}

/* Values written through the syscall show in the mapping and the other way round. */
static void test_array_shared(void)
{
	int fd = array_create(BPF_F_MMAPABLE, 1024); /* 8 KiB of values: two pages */
	__u64 v = 0x55, out = 0;
	__u32 key = 5;
	long p = map_fd(2 * PG, PROT_R | PROT_W, SHARED, fd, 0);
	volatile __u64 *vals = (__u64 *)p;

	expect_true("mmap_array_rw", p > 0 && !(p & (PG - 1)), p);
	if (p <= 0)
		return;
	expect("mmap_array_update_seen", bpf_map_update_elem(fd, &key, &v, 0) ? -1 : (long)vals[5],
	       0x55);
	vals[1023] = 0x77;
	key = 1023;
	expect("mmap_array_store_seen", bpf_map_lookup_elem(fd, &key, &out) ? -1 : (long)out, 0x77);
	close_fd(fd);
	expect("mmap_array_outlives_fd", vals[1023] + vals[5], 0x77 + 0x55);
	expect("mmap_array_munmap", unmap(p, 2 * PG), 0);
}

/* Ranges, flags and permissions an mmapable array refuses (Linux's errno). */
static void test_array_refusals(void)
{
	int fd = array_create(BPF_F_MMAPABLE, 1024), plain = array_create(0, 1024);
	int ro_prog = array_create(BPF_F_MMAPABLE | BPF_F_RDONLY_PROG, 8);
	int ro_fd = array_create(BPF_F_MMAPABLE | BPF_F_RDONLY, 8);
	int frozen = array_create(BPF_F_MMAPABLE, 8);
	long p;

	expect("mmap_array_past_end_einval", map_fd(3 * PG, PROT_R, SHARED, fd, 0), -E_INVAL);
	expect("mmap_array_offset_past_end_einval", map_fd(PG, PROT_R, SHARED, fd, 2 * PG),
	       -E_INVAL);
	p = map_fd(PG, PROT_R, SHARED, fd, PG);
	expect_true("mmap_array_second_page", p > 0, p);
	if (p > 0)
		unmap(p, PG);
	expect("mmap_array_private_einval", map_fd(PG, PROT_R, PRIVATE, fd, 0), -E_INVAL);
	expect("mmap_array_not_mmapable_einval", map_fd(PG, PROT_R, SHARED, plain, 0), -E_INVAL);
	expect("mmap_array_rdonly_prog_write_eacces",
	       map_fd(PG, PROT_R | PROT_W, SHARED, ro_prog, 0), -E_ACCES);
	p = map_fd(PG, PROT_R, SHARED, ro_prog, 0);
	expect_true("mmap_array_rdonly_prog_read", p > 0, p);
	if (p > 0)
		unmap(p, PG);
	expect("mmap_array_rdonly_fd_write_eacces", map_fd(PG, PROT_R | PROT_W, SHARED, ro_fd, 0),
	       -E_ACCES);
	expect("mmap_array_freeze", bpf_map_freeze(frozen), 0);
	expect("mmap_array_frozen_write_eperm", map_fd(PG, PROT_R | PROT_W, SHARED, frozen, 0),
	       -E_PERM);
	p = map_fd(PG, PROT_R, SHARED, frozen, 0);
	expect_true("mmap_array_frozen_read", p > 0, p);
	if (p > 0)
		unmap(p, PG);
	expect("mmap_array_exec_eperm", map_fd(PG, PROT_R | PROT_X, SHARED, fd, 0), -E_PERM);
	expect("mmap_bad_fd_ebadf", map_fd(PG, PROT_R, SHARED, 999, 0), -E_BADF);
	close_fd(fd);
	close_fd(plain);
	close_fd(ro_prog);
	close_fd(ro_fd);
	close_fd(frozen);
}

/*
 * BPF_MAP_FREEZE is -EBUSY while any writable mapping of the map exists
 * (Linux's bpf_map_write_active): the two ends of a mapping cut in two both
 * count; read-only mappings do not.
 */
static void test_freeze_writable(void)
{
	int fd = array_create(BPF_F_MMAPABLE, 1536); /* three pages of values */
	long rw = map_fd(3 * PG, PROT_R | PROT_W, SHARED, fd, 0), ro;

	expect_true("mmap_freeze_rw_mapped", rw > 0, rw);
	if (rw <= 0)
		return;
	expect("mmap_freeze_writable_ebusy", bpf_map_freeze(fd), -E_BUSY);
	expect("mmap_freeze_hole", unmap(rw + PG, PG), 0);
	expect("mmap_freeze_head_unmapped", unmap(rw, PG), 0);
	expect("mmap_freeze_tail_still_ebusy", bpf_map_freeze(fd), -E_BUSY);
	ro = map_fd(PG, PROT_R, SHARED, fd, 0);
	expect_true("mmap_freeze_ro_mapped", ro > 0, ro);
	expect("mmap_freeze_tail_unmapped", unmap(rw + 2 * PG, PG), 0);
	expect("mmap_freeze_readonly_mapping_ok", bpf_map_freeze(fd), 0);
	expect("mmap_freeze_twice_eperm", bpf_map_freeze(fd), -E_PERM);
	if (ro > 0)
		unmap(ro, PG);
	close_fd(fd);
}

/* munmap of the middle page of a three-page mapping leaves both ends working. */
static void test_array_hole(void)
{
	int fd = array_create(BPF_F_MMAPABLE, 3 * PG / 8);
	__u32 key = 0;
	__u64 v = 0, out = 0;
	long p = map_fd(3 * PG, PROT_R | PROT_W, SHARED, fd, 0);
	volatile __u64 *vals = (__u64 *)p;

	expect_true("mmap_array_three_pages", p > 0, p);
	if (p <= 0)
		return;
	expect("mmap_array_munmap_middle", unmap(p + PG, PG), 0);
	vals[0] = 1;
	vals[2 * PG / 8] = 3;
	key = 2 * PG / 8;
	expect("mmap_array_hole_tail_shared", bpf_map_lookup_elem(fd, &key, &out) ? -1 : (long)out,
	       3);
	key = PG / 8;
	v = 2;
	bpf_map_update_elem(fd, &key, &v, 0);
	expect("mmap_array_hole_head", (long)vals[0], 1);
	expect("mmap_array_munmap_rest", unmap(p, 3 * PG), 0);
	close_fd(fd);
}

/* The ring buffer's layout: consumer page writable alone, the rest read-only. */
static void test_ringbuf(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "t_mmap_rb", 0, 0, 2 * PG, NULL);
	int hash = bpf_map_create(BPF_MAP_TYPE_HASH, "t_mmap_h", 4, 8, 8, NULL);
	long cons, prod;

	expect_true("mmap_ringbuf_create", fd >= 0, fd);
	cons = map_fd(PG, PROT_R | PROT_W, SHARED, fd, 0);
	expect_true("mmap_ringbuf_consumer_rw", cons > 0, cons);
	expect("mmap_ringbuf_consumer_pos", cons > 0 ? (long)*(volatile __u64 *)cons : -1, 0);
	expect("mmap_ringbuf_two_pages_rw_eperm", map_fd(2 * PG, PROT_R | PROT_W, SHARED, fd, 0),
	       -E_PERM);
	expect("mmap_ringbuf_producer_rw_eperm", map_fd(PG, PROT_R | PROT_W, SHARED, fd, PG),
	       -E_PERM);
	prod = map_fd(PG + 4 * PG, PROT_R, SHARED, fd, PG);
	expect_true("mmap_ringbuf_producer_data_twice", prod > 0, prod);
	expect("mmap_ringbuf_past_end_einval", map_fd(PG + 5 * PG, PROT_R, SHARED, fd, PG),
	       -E_INVAL);
	/* left mapped: exit unmaps it and drops its reference */
	expect("mmap_ringbuf_whole_view_read", map_fd(2 * PG + 4 * PG, PROT_R, SHARED, fd, 0) > 0,
	       1);
	expect("mmap_hash_enotsupp", map_fd(PG, PROT_R, SHARED, hash, 0), -E_NOTSUPP);
	if (cons > 0)
		expect("mmap_ringbuf_munmap_consumer", unmap(cons, PG), 0);
	if (prod > 0)
		expect("mmap_ringbuf_munmap_producer", unmap(prod, 5 * PG), 0);
	close_fd(fd);
	close_fd(hash);
}

int main(void)
{
	test_array_shared();
	test_array_refusals();
	test_array_hole();
	test_freeze_writable();
	test_ringbuf();
	return failed ? 1 : 0;
}
