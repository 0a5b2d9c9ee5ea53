/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file-system ABI of open/openat/fstat/getdents64 as Linux x86-64 has
 * it (arch/x86/include/uapi/asm/stat.h, include/uapi/asm-generic/fcntl.h,
 * linux_dirent64): shared by the kernel (kernel/fs.c, kernel/sys.c) and the
 * ring-3 runtime (user/syscalls.c), whose newlib has its own, different,
 * values and layouts.
 */
#ifndef _UAPI_ASM_STAT_H
#define _UAPI_ASM_STAT_H

#include <stdint.h>

/* open flags (octal, as Linux spells them). */
#define LINUX_O_ACCMODE 00000003
#define LINUX_O_RDONLY 00000000
#define LINUX_O_WRONLY 00000001
#define LINUX_O_RDWR 00000002
#define LINUX_O_CREAT 00000100
#define LINUX_O_EXCL 00000200
#define LINUX_O_TRUNC 00001000
#define LINUX_O_APPEND 00002000
#define LINUX_O_DIRECTORY 00200000
#define LINUX_O_CLOEXEC 02000000
#define LINUX_AT_FDCWD (-100)

/* st_mode: the file type and permission bits. */
#define LINUX_S_IFMT 0170000
#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFCHR 0020000
#define LINUX_S_IFREG 0100000

/* d_type of linux_dirent64. */
#define LINUX_DT_DIR 4
#define LINUX_DT_REG 8

/* struct stat of x86-64 Linux: 144 bytes. */
struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	uint64_t st_atime_sec, st_atime_nsec;
	uint64_t st_mtime_sec, st_mtime_nsec;
	uint64_t st_ctime_sec, st_ctime_nsec;
	int64_t __reserved[3];
};

/* One directory entry of getdents64, d_reclen bytes (8-aligned, name NUL-terminated). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

#endif
