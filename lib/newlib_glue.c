// SPDX-License-Identifier: GPL-2.0
/*
 * The system-call stubs newlib's libc.a expects (it is built with
 * --disable-newlib-supplied-syscalls, so these are plain names without a
 * leading underscore). The kernel uses newlib only for formatting and string
 * functions; stdout and stderr go to the console, stdin reads it, everything
 * else fails. The heap (sbrk, malloc) is kernel/mm's, in lib/malloc.c.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/console.h>
#include <bpfkern/arch.h>

/* Declared here: newlib's headers do not declare these stub names. */
int write(int fd, const void *buf, size_t n);
int read(int fd, void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int fstat(int fd, struct stat *st);
int isatty(int fd);
int getpid(void);
int kill(int pid, int sig);
__noreturn void _exit(int status);

int write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2)
		return -1;
	console_write(buf, n);
	return (int)n;
}

/* stdin: one console line (with its newline), at most n bytes. */
int read(int fd, void *buf, size_t n)
{
	char line[256];
	size_t len;

	if (fd != 0 || n == 0)
		return -1;
	len = console_readline(line, sizeof(line));
	line[len++] = '\n';
	if (len > n)
		len = n;
	memcpy(buf, line, len);
	return (int)len;
}

int close(int fd)
{
	return -1;
}

off_t lseek(int fd, off_t off, int whence)
{
	return fd <= 2 ? 0 : -1;
}

int fstat(int fd, struct stat *st)
{
	if (fd > 2)
		return -1;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR;
	return 0;
}

int isatty(int fd)
{
	return fd <= 2;
}

int getpid(void)
{
	return 1;
}

int kill(int pid, int sig)
{
	return -1;
}

/* abort() and exit() end here: a kernel cannot exit, so this is a panic. */
__noreturn void _exit(int status)
{
	panic("newlib _exit(%d) called", status);
}
