// SPDX-License-Identifier: GPL-2.0
/*
 * newlib's system-call stubs for ring 3, each a `syscall` instruction with
 * Linux's x86-64 convention (include/uapi/asm/unistd_64.h), plus the program
 * start (__user_start) and sbrk. The heap is a fixed arena in .bss (no brk
 * system call): HEAP_SIZE bytes per program.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
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

off_t lseek(int fd, off_t off, int whence)
{
	errno = ESPIPE;
	return -1;
}

/* fds 0-2 are the console: a character device, so stdio line-buffers. */
int fstat(int fd, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = fd <= 2 ? S_IFCHR : 0;
	return 0;
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

void *sbrk(ptrdiff_t incr)
{
	static char heap[HEAP_SIZE] __attribute__((aligned(16)));
	static size_t brk;

	if (incr < 0 ? (size_t)-incr > brk : (size_t)incr > HEAP_SIZE - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk += incr;
	return heap + brk - incr;
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
