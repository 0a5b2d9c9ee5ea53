/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System call numbers, shared by the kernel's table (kernel/sys.c) and the
 * ring-3 stubs (user/syscalls.c). Linux's x86-64 numbers wherever Linux has
 * the call; bpfkern's own calls start at 1000, far from Linux's range.
 */
#ifndef _UAPI_ASM_UNISTD_64_H
#define _UAPI_ASM_UNISTD_64_H

#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_stat 4
#define __NR_fstat 5
#define __NR_poll 7
#define __NR_lseek 8
#define __NR_mmap 9
#define __NR_munmap 11
#define __NR_nanosleep 35
#define __NR_getpid 39
#define __NR_exit 60
#define __NR_wait4 61
#define __NR_kill 62
#define __NR_mkdir 83
#define __NR_rmdir 84
#define __NR_unlink 87
#define __NR_getppid 110
#define __NR_reboot 169
#define __NR_getdents64 217
#define __NR_clock_gettime 228
#define __NR_exit_group 231
#define __NR_openat 257
#define __NR_ppoll 271
#define __NR_prlimit64 302
#define __NR_bpf 321

/*
 * bpfkern_spawn(name, argv, flags): start the program `name` linked into the
 * kernel image (there is no file system) with the NULL-terminated argv, as a
 * child of the caller. Returns the child's pid or a negative errno. flags:
 */
#define __NR_bpfkern_spawn 1000
#define SPAWN_DROP_CAP_BPF 0x1u /* the child has no CAP_BPF / CAP_PERFMON */
#define SPAWN_DROP_CAPS 0x2u /* the child has no capability at all (CAP_SYS_BOOT too) */

#define NR_syscalls 1001

#endif
