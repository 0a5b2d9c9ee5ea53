/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read-only file namespace ring 3 sees through open/read/lseek/fstat/
 * getdents64 (kernel/fs.c), beside the BPF pin namespace of /sys/fs/bpf:
 *
 *   /boot/NAME      each multiboot module (NAME: the basename of its command line)
 *   /proc/cmdline   the kernel command line
 *   /proc/meminfo   memory, in Linux's "Key:   N kB" lines
 *   /proc/uptime    seconds since boot, as Linux's
 *   /proc/net/dev   the ports' counters in Linux's format
 *   /proc/net/xdp   one line per port: ifindex, MAC, XDP program, verdict counters
 *
 * Files are snapshots taken at open (a /proc file's text does not change
 * while it is open). Its fds come from the same fd table as BPF objects.
 */
#ifndef BPFKERN_FS_H
#define BPFKERN_FS_H

#include <bpfkern/file.h>
#include <bpfkern/multiboot.h>
#include <bpfkern/uaccess.h>

/* Name the boot modules (called once, after multiboot_parse). */
void fs_init(const struct boot_info *bi);

/*
 * openat(dfd, path, flags): path absolute, or relative to the directory
 * open at dfd (AT_FDCWD: "/"). Returns an fd, or -ENOENT, -ENOTDIR,
 * -EISDIR (a directory opened for writing), -EACCES (any write or create:
 * the namespace is read-only), -ENAMETOOLONG, -EFAULT, -EBADF, -EMFILE.
 */
long do_sys_openat(int dfd, const char __user *path, int flags);
/* fstat(fd) into the user's struct linux_stat: 0, -EBADF or -EFAULT. */
long vfs_fstat(int fd, void __user *statbuf);
/* getdents64(fd, buf, count): bytes written, 0 at the end, -ENOTDIR, -EINVAL (buf too small). */
long vfs_getdents64(int fd, void __user *buf, size_t count);

/* The module called name (its bytes and size), or NULL: for the kernel's own users. */
const void *fs_boot_module(const char *name, size_t *size);

#endif
