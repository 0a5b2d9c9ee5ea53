// SPDX-License-Identifier: GPL-2.0
/*
 * newlib's system-call stubs for ring 3, each a `syscall` instruction with
 * Linux's x86-64 convention (include/uapi/asm/unistd_64.h), plus the program
 * start (__user_start) and sbrk. The heap is a fixed arena in .bss (no brk
 * system call): HEAP_SIZE bytes per program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <uapi/asm/stat.h>
#include "user/bpfkern_user.h"

#define HEAP_SIZE (256 * 1024)

char *__env[1] = { 0 };
char **environ = __env;

int main(int argc, char **argv);
void __user_start(long *sp);
void _exit(int status);
int write(int fd, const void *buf, size_t n);
int read(int fd, void *buf, size_t n);
int close(int fd);
int open(const char *path, int flags, ...);
int stat(const char *path, struct stat *st);
off_t lseek(int fd, off_t off, int whence);
int fstat(int fd, struct stat *st);
int isatty(int fd);
int getpid(void);
int kill(int pid, int sig);
void *sbrk(ptrdiff_t incr);
int mkdir(const char *path, mode_t mode);
int rmdir(const char *path);
int unlink(const char *path);

long raw_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

/* A raw result as libc returns it: -1 with errno for -4095..-1. */
static long to_errno(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

void __user_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	environ = argv + argc + 1;
	exit(main(argc, argv));
}

void _exit(int status)
{
	for (;;)
		raw_syscall(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

int write(int fd, const void *buf, size_t n)
{
	return (int)to_errno(raw_syscall(__NR_write, fd, (long)buf, (long)n, 0, 0, 0));
}

int read(int fd, void *buf, size_t n)
{
	return (int)to_errno(raw_syscall(__NR_read, fd, (long)buf, (long)n, 0, 0, 0));
}

int close(int fd)
{
	return (int)to_errno(raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0));
}

/* newlib's open flags (sys/_default_fcntl.h) in Linux's values. */
static long linux_open_flags(int flags)
{
	static const struct {
		int newlib, kernel;
	} map[] = {
		{ O_CREAT, LINUX_O_CREAT },	    { O_EXCL, LINUX_O_EXCL },
		{ O_TRUNC, LINUX_O_TRUNC },	    { O_APPEND, LINUX_O_APPEND },
		{ O_DIRECTORY, LINUX_O_DIRECTORY }, { O_CLOEXEC, LINUX_O_CLOEXEC },
	};
	long out = flags & O_ACCMODE;

	for (unsigned int i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (flags & map[i].newlib)
			out |= map[i].kernel;
	return out;
}

/* The kernel's files are read-only: the mode of a create is never used. */
int open(const char *path, int flags, ...)
{
	return (int)to_errno(
		raw_syscall(__NR_open, (long)path, linux_open_flags(flags), 0, 0, 0, 0));
}

off_t lseek(int fd, off_t off, int whence)
{
	return (off_t)to_errno(raw_syscall(__NR_lseek, fd, off, whence, 0, 0, 0));
}

/* Linux's struct stat into newlib's (the mode bits are the same). */
int fstat(int fd, struct stat *st)
{
	struct linux_stat ls;
	long ret = raw_syscall(__NR_fstat, fd, (long)&ls, 0, 0, 0, 0);

	if (ret < 0)
		return (int)to_errno(ret);
	memset(st, 0, sizeof(*st));
	st->st_dev = (dev_t)ls.st_dev;
	st->st_ino = (ino_t)ls.st_ino;
	st->st_mode = (mode_t)ls.st_mode;
	st->st_nlink = (nlink_t)ls.st_nlink;
	st->st_rdev = (dev_t)ls.st_rdev;
	st->st_size = (off_t)ls.st_size;
	st->st_blksize = (blksize_t)ls.st_blksize;
	st->st_blocks = (blkcnt_t)ls.st_blocks;
	return 0;
}

int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0)
		return -1;
	ret = fstat(fd, st);
	close(fd);
	return ret;
}

int isatty(int fd)
{
	return fd <= 2;
}

int getpid(void)
{
	return (int)raw_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);
}

int kill(int pid, int sig)
{
	return (int)to_errno(raw_syscall(__NR_kill, pid, sig, 0, 0, 0, 0));
}

/*
 * The heap arena: HEAP_SIZE bytes, unless the program defines its own
 * user_heap[] and user_heap_size (the console and init do: the object
 * loader's verifier logs alone take 256 KiB).
 */
__attribute__((weak, aligned(16))) char user_heap[HEAP_SIZE];
__attribute__((weak)) size_t user_heap_size = HEAP_SIZE; /* not const: gcc would fold it */

void *sbrk(ptrdiff_t incr)
{
	static size_t brk;

	if (incr < 0 ? (size_t)-incr > brk : (size_t)incr > user_heap_size - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk += incr;
	return user_heap + brk - incr;
}

long bpfkern_spawn(const char *name, char *const argv[], unsigned int flags)
{
	return raw_syscall(__NR_bpfkern_spawn, (long)name, (long)argv, flags, 0, 0, 0);
}

long sys_wait4(int pid, int *status, int options, void *rusage)
{
	return raw_syscall(__NR_wait4, pid, (long)status, options, (long)rusage, 0, 0);
}

int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	return (int)to_errno(raw_syscall(__NR_bpf, cmd, (long)attr, size, 0, 0, 0));
}

/* The file-system calls reach the BPF pin namespace (/sys/fs/bpf), the only one there is. */
int mkdir(const char *path, mode_t mode)
{
	return (int)to_errno(raw_syscall(__NR_mkdir, (long)path, mode, 0, 0, 0, 0));
}

int rmdir(const char *path)
{
	return (int)to_errno(raw_syscall(__NR_rmdir, (long)path, 0, 0, 0, 0, 0));
}

int unlink(const char *path)
{
	return (int)to_errno(raw_syscall(__NR_unlink, (long)path, 0, 0, 0, 0, 0));
}

int getrlimit(int resource, struct rlimit *rl)
{
	return (int)to_errno(raw_syscall(__NR_prlimit64, 0, resource, 0, (long)rl, 0, 0));
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)to_errno(raw_syscall(__NR_prlimit64, 0, resource, (long)rl, 0, 0, 0));
}

long sys_getdents64(int fd, void *buf, size_t count)
{
	return raw_syscall(__NR_getdents64, fd, (long)buf, (long)count, 0, 0, 0);
}

long sys_reboot(unsigned int cmd)
{
	return raw_syscall(__NR_reboot, 0xfee1dead, 672274793, cmd, 0, 0, 0);
}

/*
 * strerror with Linux's numbering and glibc's texts (what bpftool prints on
 * Linux), replacing newlib's, whose numbers and words differ ("Not enough
 * space" for ENOMEM, "Not owner" for EPERM). Unknown numbers read as glibc's
 * "Unknown error N".
 */
char *strerror(int err)
{
	static const char *const text[] = {
		[0] = "Success",
		[EPERM] = "Operation not permitted",
		[ENOENT] = "No such file or directory",
		[ESRCH] = "No such process",
		[EINTR] = "Interrupted system call",
		[EIO] = "Input/output error",
		[ENXIO] = "No such device or address",
		[E2BIG] = "Argument list too long",
		[ENOEXEC] = "Exec format error",
		[EBADF] = "Bad file descriptor",
		[ECHILD] = "No child processes",
		[EAGAIN] = "Resource temporarily unavailable",
		[ENOMEM] = "Cannot allocate memory",
		[EACCES] = "Permission denied",
		[EFAULT] = "Bad address",
		[EBUSY] = "Device or resource busy",
		[EEXIST] = "File exists",
		[EXDEV] = "Invalid cross-device link",
		[ENODEV] = "No such device",
		[ENOTDIR] = "Not a directory",
		[EISDIR] = "Is a directory",
		[EINVAL] = "Invalid argument",
		[ENFILE] = "Too many open files in system",
		[EMFILE] = "Too many open files",
		[ENOTTY] = "Inappropriate ioctl for device",
		[EFBIG] = "File too large",
		[ENOSPC] = "No space left on device",
		[ESPIPE] = "Illegal seek",
		[EROFS] = "Read-only file system",
		[EMLINK] = "Too many links",
		[EPIPE] = "Broken pipe",
		[EDOM] = "Numerical argument out of domain",
		[ERANGE] = "Numerical result out of range",
		[EDEADLK] = "Resource deadlock avoided",
		[ENAMETOOLONG] = "File name too long",
		[ENOSYS] = "Function not implemented",
		[ENOTEMPTY] = "Directory not empty",
		[ELOOP] = "Too many levels of symbolic links",
		[ENODATA] = "No data available",
		[EOVERFLOW] = "Value too large for defined data type",
		[EILSEQ] = "Invalid or incomplete multibyte or wide character",
		[EOPNOTSUPP] = "Operation not supported",
		[ETIMEDOUT] = "Connection timed out",
	};
	static char unknown[32];

	if (err >= 0 && (size_t)err < sizeof(text) / sizeof(text[0]) && text[err])
		return (char *)text[err];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}
