/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What ring-3 programs get beyond newlib (user/syscalls.c): the raw system
 * call (returns the kernel's value: a negative errno on failure, errno is
 * not touched), and wrappers for the calls newlib does not know.
 */
#ifndef BPFKERN_USER_H
#define BPFKERN_USER_H

#include <uapi/asm/unistd_64.h>
#include <stddef.h>
#include <uapi/linux/bpf.h>

long raw_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

/* Start program name (linked into the kernel) with argv; pid or -errno. */
long bpfkern_spawn(const char *name, char *const argv[], unsigned int flags);
/* Linux's wait4 (rusage may be NULL); -errno on failure. */
long sys_wait4(int pid, int *status, int options, void *rusage);
/* bpf(cmd, attr, size) for lib/bpf: the result, or -1 with errno set. */
int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size);

/* getdents64(fd, buf, count): struct linux_dirent64 records (<uapi/asm/stat.h>); -errno. */
long sys_getdents64(int fd, void *buf, size_t count);
/* reboot(2) with Linux's magic numbers; cmd: */
long sys_reboot(unsigned int cmd);
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

/* A program's own heap arena, replacing the runtime's 256 KiB (user/syscalls.c). */
#define DEFINE_USER_HEAP(bytes)                             \
	__attribute__((aligned(16))) char user_heap[bytes]; \
	size_t user_heap_size = (bytes)

/* Wait-status decoding, as <sys/wait.h> on Linux. */
#define W_EXITCODE_OF(st) (((st) >> 8) & 0xff)
#define W_SIGNAL_OF(st) ((st)&0x7f)
#define W_IFEXITED(st) (W_SIGNAL_OF(st) == 0)

#endif
