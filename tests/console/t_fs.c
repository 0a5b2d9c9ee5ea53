// SPDX-License-Identifier: GPL-2.0
/*
 * t_fs: the read-only file namespace (kernel/fs.c) from ring 3, run by
 * tier 65 as `utest=t_fs fs.test=1` with the modules xdp_counter.bpf.o and
 * tests/console/init.rc. open/openat/read/lseek/fstat/getdents64/close and
 * the errno Linux gives for each misuse, through the raw system call (the
 * kernel's own return value); then the same files through newlib's stdio.
 * One "ok fs.NAME" / "not ok fs.NAME ..." line per check; exit 1 if any failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/asm/stat.h>
#include "user/bpfkern_user.h"

#define ENOENT 2
#define EBADF 9
#define EFAULT 14
#define EACCES 13
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ESPIPE 29
#define ENAMETOOLONG 36

static int failures;

static void expect(const char *name, long got, long want)
{
	if (got == want) {
		printf("ok fs.%s\n", name);
		return;
	}
	printf("not ok fs.%s got %ld, wanted %ld\n", name, got, want);
	failures++;
}

static void expect_true(const char *name, int cond, const char *what)
{
	if (cond) {
		printf("ok fs.%s\n", name);
		return;
	}
	printf("not ok fs.%s %s\n", name, what);
	failures++;
}

static long sys_open(const char *path, long flags)
{
	return raw_syscall(__NR_open, (long)path, flags, 0, 0, 0, 0);
}

static long sys_openat(long dfd, const char *path, long flags)
{
	return raw_syscall(__NR_openat, dfd, (long)path, flags, 0, 0, 0);
}

static long sys_read(long fd, void *buf, long n)
{
	return raw_syscall(__NR_read, fd, (long)buf, n, 0, 0, 0);
}

static long sys_lseek(long fd, long off, long whence)
{
	return raw_syscall(__NR_lseek, fd, off, whence, 0, 0, 0);
}

static long sys_fstat(long fd, struct linux_stat *st)
{
	return raw_syscall(__NR_fstat, fd, (long)st, 0, 0, 0, 0);
}

static long sys_close(long fd)
{
	return raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
}

/* A module: size from fstat, bytes by read, seeks, end of file. */
static void test_module(void)
{
	static char buf[64 << 10];
	struct linux_stat st;
	long fd = sys_open("/boot/xdp_counter.bpf.o", LINUX_O_RDONLY), n, total = 0;
	char tail[4], last[4];

	expect_true("open_module", fd >= 3, "no fd");
	expect("fstat_module", sys_fstat(fd, &st), 0);
	expect("fstat_module_mode", st.st_mode, LINUX_S_IFREG | 0444);
	expect_true("fstat_module_size", st.st_size > 64 && st.st_size < (long)sizeof(buf),
		    "size out of range");
	while ((n = sys_read(fd, buf + total, 1000)) > 0)
		total += n;
	expect("read_module_whole", total, st.st_size);
	expect("read_module_at_eof", sys_read(fd, buf, 10), 0);
	expect_true("read_module_elf", !memcmp(buf, "\177ELF", 4), "no ELF magic");
	memcpy(last, buf + total - 4, 4);
	expect("lseek_end", sys_lseek(fd, 0, 2), st.st_size);
	expect("lseek_end_minus_4", sys_lseek(fd, -4, 2), st.st_size - 4);
	expect("read_tail", sys_read(fd, tail, 4), 4);
	expect_true("read_tail_bytes", !memcmp(tail, last, 4), "tail differs");
	expect("lseek_cur", sys_lseek(fd, -10, 1), st.st_size - 10);
	expect("lseek_negative_einval", sys_lseek(fd, -1, 0), -EINVAL);
	expect("lseek_bad_whence_einval", sys_lseek(fd, 0, 7), -EINVAL);
	expect("lseek_past_end", sys_lseek(fd, st.st_size + 100, 0), st.st_size + 100);
	expect("read_past_end", sys_read(fd, buf, 10), 0);
	sys_lseek(fd, 0, 0);
	expect("read_bad_buffer_efault", sys_read(fd, (void *)0x10, 10), -EFAULT);
	expect("write_readonly_ebadf", raw_syscall(__NR_write, fd, (long)"x", 1, 0, 0, 0), -EBADF);
	expect("close", sys_close(fd), 0);
	expect("close_twice_ebadf", sys_close(fd), -EBADF);
}

/* Texts: /boot/init.rc, /proc/cmdline, /proc/net/dev, /proc/meminfo. */
static void test_texts(void)
{
	char buf[2048];
	long fd, n;

	fd = sys_open("/proc/cmdline", LINUX_O_RDONLY);
	n = sys_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	expect_true("proc_cmdline", n > 0 && strstr(buf, "fs.test=1\n") != NULL, "no fs.test=1");
	sys_close(fd);
	fd = sys_open("/proc/../boot/./init.rc", LINUX_O_RDONLY);
	n = sys_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	expect_true("dotdot_and_dot", !strncmp(buf, "# tier 65", 9), "not init.rc");
	sys_close(fd);
	fd = sys_open("/proc/net/dev", LINUX_O_RDONLY);
	n = sys_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	expect_true("proc_net_dev", !strncmp(buf, "Inter-|", 7), "no header");
	sys_close(fd);
	fd = sys_open("/proc/meminfo", LINUX_O_RDONLY);
	n = sys_read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	expect_true("proc_meminfo", !strncmp(buf, "MemTotal:", 9), "no MemTotal");
	sys_close(fd);
}

static void test_open_errors(void)
{
	static char longpath[5000];

	expect("enoent", sys_open("/boot/nothing", LINUX_O_RDONLY), -ENOENT);
	expect("enoent_empty", sys_open("", LINUX_O_RDONLY), -ENOENT);
	expect("enotdir_below_file", sys_open("/boot/init.rc/x", LINUX_O_RDONLY), -ENOTDIR);
	expect("enotdir_trailing_slash", sys_open("/boot/init.rc/", LINUX_O_RDONLY), -ENOTDIR);
	expect("enotdir_o_directory", sys_open("/boot/init.rc", LINUX_O_DIRECTORY), -ENOTDIR);
	expect("eisdir_write_dir", sys_open("/boot", LINUX_O_WRONLY), -EISDIR);
	expect("eacces_write_file", sys_open("/boot/init.rc", LINUX_O_RDWR), -EACCES);
	expect("eacces_trunc", sys_open("/boot/init.rc", LINUX_O_TRUNC), -EACCES);
	expect("eacces_create", sys_open("/boot/new", LINUX_O_WRONLY | LINUX_O_CREAT), -EACCES);
	expect("eexist_create_excl",
	       sys_open("/boot/init.rc", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL), -EEXIST);
	expect("efault_path", sys_open((const char *)0x10, LINUX_O_RDONLY), -EFAULT);
	memset(longpath, 'a', sizeof(longpath) - 1);
	expect("enametoolong_path", sys_open(longpath, LINUX_O_RDONLY), -ENAMETOOLONG);
	longpath[0] = '/';
	longpath[300] = '\0';
	expect("enametoolong_component", sys_open(longpath, LINUX_O_RDONLY), -ENAMETOOLONG);
	longpath[100] = '\0';
	expect("enoent_long_component", sys_open(longpath, LINUX_O_RDONLY), -ENOENT);
}

/* Directories: openat relative to one, getdents64, fstat, read. */
static void test_dirs(void)
{
	char buf[512], names[256] = "";
	struct linux_stat st;
	long dir = sys_open("/boot", LINUX_O_RDONLY | LINUX_O_DIRECTORY), fd, n;

	expect_true("open_dir", dir >= 3, "no fd");
	fd = sys_openat(dir, "init.rc", LINUX_O_RDONLY);
	expect_true("openat_dirfd", fd >= 3, "no fd");
	sys_close(fd);
	fd = sys_openat(LINUX_AT_FDCWD, "boot/init.rc", LINUX_O_RDONLY);
	expect_true("openat_cwd_relative", fd >= 3, "no fd");
	expect("openat_file_as_dir_enotdir", sys_openat(fd, "x", LINUX_O_RDONLY), -ENOTDIR);
	sys_close(fd);
	expect("openat_console_enotdir", sys_openat(0, "x", LINUX_O_RDONLY), -ENOTDIR);
	expect("openat_bad_fd_ebadf", sys_openat(99, "x", LINUX_O_RDONLY), -EBADF);
	expect("read_dir_eisdir", sys_read(dir, buf, sizeof(buf)), -EISDIR);
	expect("fstat_dir", sys_fstat(dir, &st), 0);
	expect("fstat_dir_mode", st.st_mode, LINUX_S_IFDIR | 0555);
	expect("getdents_too_small_einval", sys_getdents64(dir, buf, 8), -EINVAL);
	n = sys_getdents64(dir, buf, sizeof(buf));
	for (long off = 0; off > -1 && off < n;) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

		strncat(names, d->d_name, sizeof(names) - strlen(names) - 2);
		strcat(names, " ");
		off += d->d_reclen;
	}
	expect_true("getdents_names", !strcmp(names, ". .. xdp_counter.bpf.o init.rc "), names);
	expect("getdents_end", sys_getdents64(dir, buf, sizeof(buf)), 0);
	fd = sys_open("/boot/init.rc", LINUX_O_RDONLY);
	expect("getdents_file_enotdir", sys_getdents64(fd, buf, sizeof(buf)), -ENOTDIR);
	sys_close(fd);
	sys_close(dir);
}

/* The console and BPF objects share the fd table with files. */
static void test_other_fds(void)
{
	union bpf_attr attr = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 1
	};
	struct linux_stat st;
	long map = raw_syscall(__NR_bpf, BPF_MAP_CREATE, (long)&attr, sizeof(attr), 0, 0, 0);
	long fd = sys_open("/boot/init.rc", LINUX_O_RDONLY);
	char c;

	expect_true("fds_shared_table", map >= 3 && fd == map + 1, "fd not next after the map's");
	expect("lseek_map_espipe", sys_lseek(map, 0, 0), -ESPIPE);
	expect("read_map_einval", sys_read(map, &c, 1), -EINVAL);
	expect("fstat_map", sys_fstat(map, &st), 0);
	expect("fstat_map_mode", st.st_mode, 0600);
	expect("lseek_console_espipe", sys_lseek(1, 0, 0), -ESPIPE);
	expect("fstat_console", sys_fstat(1, &st), 0);
	expect("fstat_console_mode", st.st_mode & LINUX_S_IFMT, LINUX_S_IFCHR);
	expect("fstat_bad_fd_ebadf", sys_fstat(99, &st), -EBADF);
	expect("fstat_bad_buffer_efault", sys_fstat(fd, (void *)0x10), -EFAULT);
	sys_close(fd);
	sys_close(map);
	for (int i = 0; i < 200; i++) { /* no fd or memory is kept */
		fd = sys_open("/proc/net/xdp", LINUX_O_RDONLY);
		if (fd < 0 || sys_close(fd))
			break;
	}
	expect_true("open_close_200", fd >= 3, "an open or close failed");
}

/* newlib's stdio over the same calls. */
static void test_stdio(void)
{
	FILE *f = fopen("/boot/init.rc", "r");
	char line[128] = "";

	expect_true("fopen", f != NULL, "fopen failed");
	if (f) {
		expect_true("fgets", fgets(line, sizeof(line), f) && !strncmp(line, "# tier 65", 9),
			    line);
		expect("fseek_ftell", fseek(f, 0, SEEK_END) == 0 ? ftell(f) > 0 : -1, 1);
		fclose(f);
	}
	expect_true("fopen_write_refused", fopen("/boot/init.rc", "w") == NULL, "opened");
}

int main(void)
{
	test_module();
	test_texts();
	test_open_errors();
	test_dirs();
	test_other_fds();
	test_stdio();
	printf("t_fs: %d failed\n", failures);
	return failures ? 1 : 0;
}
