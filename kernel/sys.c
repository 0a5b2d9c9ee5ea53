// SPDX-License-Identifier: GPL-2.0
/*
 * The system call table (xv6's designated initialisers, Linux's numbers from
 * include/uapi/asm/unistd_64.h) and the calls that are not bpf() itself.
 * Each handler receives the six argument registers and names the ones it
 * uses; every pointer is user memory, reached only through uaccess.h.
 *
 * fds 0-2 are the console (write prints; read returns one line typed on the
 * serial console, echoed and edited as the kernel's console_readline does);
 * other fds are the fd table's (kernel/file.c): BPF objects and the files
 * of the read-only namespace of kernel/fs.c (/boot, /proc). mkdir, rmdir
 * and unlink act on the BPF pin namespace (/sys/fs/bpf).
 */
#include <bpfkern/process.h>
#include <bpfkern/arch.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/console.h>
#include <bpfkern/file.h>
#include <bpfkern/fs.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <bpfkern/poll.h>
#include <bpfkern/uaccess.h>
#include <uapi/asm/stat.h>
#include <uapi/asm/unistd_64.h>

#define NSEC_PER_SEC 1000000000L
#define WRITE_CHUNK 256
#define SPAWN_NAME_MAX 64
#define SPAWN_ARGV_MAX 32
#define SPAWN_ARGS_BYTES 4096
#define RUSAGE_SIZE 144 /* struct rusage on x86-64 */
#define PATH_MAX 4096
#define RLIMIT_NOFILE 7
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)
#define CONSOLE_LINE_MAX 256
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_HALT 0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

/* Linux's uapi values. */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME 7

struct kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

typedef long (*sys_call_ptr_t)(const unsigned long a[6]);

static bool fd_is_console(unsigned long fd)
{
	return fd <= 2;
}

/* write(fd, buf, count): the console for fds 0-2; -EINVAL for a BPF object, -EBADF for a read-only file. */
static long sys_write(const unsigned long a[6])
{
	const char __user *buf = (const char __user *)a[1];
	unsigned long count = min(a[2], (unsigned long)INT32_MAX), done = 0;
	char chunk[WRITE_CHUNK];
	struct file *file;
	bool writable;

	if (!fd_is_console(a[0])) {
		file = a[0] <= INT32_MAX ? fget((int)a[0]) : NULL;
		if (!file)
			return -EBADF;
		writable = file->f_mode & FMODE_WRITE;
		fput(file);
		return writable ? -EINVAL : -EBADF;
	}
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)WRITE_CHUNK);
		unsigned long left = copy_from_user(chunk, buf + done, n);

		console_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/*
 * The console's input as a byte stream: a whole line is read (blocking,
 * echoed, backspace handled) when none is pending, and handed out with its
 * newline over as many reads as the caller's buffer needs.
 */
static long console_read(char __user *buf, unsigned long count)
{
	static char line[CONSOLE_LINE_MAX];
	static size_t len, off;
	size_t n;

	if (!count)
		return 0;
	if (off == len) {
		len = console_readline(line, sizeof(line) - 1);
		local_irq_disable(); /* readline slept with interrupts on */
		line[len++] = '\n';
		off = 0;
	}
	n = min(count, (unsigned long)(len - off));
	if (copy_to_user(buf, line + off, n))
		return -EFAULT;
	off += n;
	return (long)n;
}

/* read(fd, buf, count): a console line for fds 0-2, an fs file's bytes, -EINVAL for a BPF object. */
static long sys_read(const unsigned long a[6])
{
	unsigned long count = min(a[2], (unsigned long)INT32_MAX);
	struct file *file;
	long ret;

	if (fd_is_console(a[0]))
		return console_read((char __user *)a[1], count);
	file = a[0] <= INT32_MAX ? fget((int)a[0]) : NULL;
	if (!file)
		return -EBADF;
	ret = file->f_op->read ? file->f_op->read(file, (char *)a[1], count) : -EINVAL;
	fput(file);
	return ret;
}

/* lseek(fd, offset, whence): -ESPIPE on the console and on BPF objects, as on Linux. */
static long sys_lseek(const unsigned long a[6])
{
	struct file *file = a[0] <= INT32_MAX ? fget((int)a[0]) : NULL;
	long ret;

	if (!file)
		return -EBADF;
	ret = file->f_op->llseek && !fd_is_console(a[0])
		      ? file->f_op->llseek(file, (s64)a[1], (int)a[2])
		      : -ESPIPE;
	fput(file);
	return ret;
}

static long sys_open(const unsigned long a[6])
{
	return do_sys_openat(LINUX_AT_FDCWD, (const char __user *)a[0], (int)a[1]);
}

static long sys_openat(const unsigned long a[6])
{
	return do_sys_openat((int)a[0], (const char __user *)a[1], (int)a[2]);
}

static long sys_fstat(const unsigned long a[6])
{
	return a[0] <= INT32_MAX ? vfs_fstat((int)a[0], (void __user *)a[1]) : -EBADF;
}

static long sys_getdents64(const unsigned long a[6])
{
	return a[0] <= INT32_MAX ? vfs_getdents64((int)a[0], (void __user *)a[1], a[2]) : -EBADF;
}

/*
 * reboot(magic1, magic2, cmd): as Linux, -EPERM first for a caller without
 * CAP_SYS_BOOT, then Linux's magic numbers; RESTART resets the machine, HALT
 * and POWER_OFF power it off. Never returns on success.
 */
static long sys_reboot(const unsigned long a[6])
{
	if (!current->sys_boot_capable)
		return -EPERM;
	if ((u32)a[0] != LINUX_REBOOT_MAGIC1 || (u32)a[1] != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch ((u32)a[2]) {
	case LINUX_REBOOT_CMD_RESTART:
		arch_reboot();
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk("Powering off.\n");
		arch_poweroff();
	}
	return -EINVAL;
}

static long sys_close(const unsigned long a[6])
{
	return a[0] <= INT32_MAX ? close_fd((int)a[0]) : -EBADF;
}

/* nanosleep(req, rem): waits with interrupts on; rem is left alone (never interrupted). */
static long sys_nanosleep(const unsigned long a[6])
{
	struct kernel_timespec ts;
	u64 deadline;

	if (copy_from_user(&ts, (const void __user *)a[0], sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	deadline = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	while (ktime_get_ns() < deadline) {
		arch_wait_for_interrupt();
		local_irq_disable();
	}
	return 0;
}

static long sys_kill(const unsigned long a[6])
{
	return process_kill((int)a[0], (int)a[1]);
}

static long sys_getpid(const unsigned long a[6])
{
	return current->pid;
}

static long sys_getppid(const unsigned long a[6])
{
	return current->parent ? current->parent->pid : 0;
}

static long sys_exit(const unsigned long a[6])
{
	do_exit((int)(a[0] & 0xff) << 8);
}

/* clock_gettime(clk, tp): every clock counts from boot (there is no RTC reading). */
static long sys_clock_gettime(const unsigned long a[6])
{
	struct kernel_timespec ts;
	u64 ns;

	if (a[0] != CLOCK_REALTIME && a[0] != CLOCK_MONOTONIC && a[0] != CLOCK_MONOTONIC_RAW &&
	    a[0] != CLOCK_BOOTTIME)
		return -EINVAL;
	ns = ktime_get_ns();
	ts.tv_sec = (s64)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
	return copy_to_user((void __user *)a[1], &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* wait4(pid, status, options, rusage): rusage, when given, reads all zero. */
static long sys_wait4(const unsigned long a[6])
{
	int pid = (int)a[0], status = 0;
	long ret;

	if (a[2] & ~(unsigned long)WNOHANG)
		return -EINVAL;
	ret = process_wait(pid <= 0 ? -1 : pid, &status, (int)a[2]);
	if (ret <= 0)
		return ret;
	if (a[1] && put_user(status, (int __user *)a[1]))
		return -EFAULT;
	if (a[3] && clear_user((void __user *)a[3], RUSAGE_SIZE))
		return -EFAULT;
	return ret;
}

/*
 * Copy the user's NULL-terminated argv into buf: pointers in argv (at most
 * SPAWN_ARGV_MAX), strings after them. 0, -EFAULT or -E2BIG.
 */
static int copy_argv(char *buf, char **argv, const char *__user const __user *uargv)
{
	char *p = buf + (SPAWN_ARGV_MAX + 1) * sizeof(char *);
	char *end = buf + SPAWN_ARGS_BYTES;
	int i;

	for (i = 0; uargv; i++) {
		const char __user *s;
		long len;

		if (get_user(s, &uargv[i]))
			return -EFAULT;
		if (!s)
			break;
		if (i == SPAWN_ARGV_MAX)
			return -E2BIG;
		len = strncpy_from_user(p, s, end - p);
		if (len < 0)
			return -EFAULT;
		if (len == end - p)
			return -E2BIG;
		argv[i] = p;
		p += len + 1;
	}
	argv[i] = NULL;
	return 0;
}

/* bpfkern_spawn(name, argv, flags): see include/uapi/asm/unistd_64.h. */
static long sys_bpfkern_spawn(const unsigned long a[6])
{
	char name[SPAWN_NAME_MAX], *buf;
	long len, ret;

	if (a[2] & ~(unsigned long)(SPAWN_DROP_CAP_BPF | SPAWN_DROP_CAPS))
		return -EINVAL;
	len = strncpy_from_user(name, (const char __user *)a[0], sizeof(name));
	if (len < 0)
		return len;
	if (len == sizeof(name))
		return -ENAMETOOLONG;
	buf = kmalloc(SPAWN_ARGS_BYTES, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = copy_argv(buf, (char **)buf, (const char *__user const __user *)a[1]);
	if (!ret)
		ret = process_spawn(name, (char *const *)buf, (unsigned int)a[2]);
	kfree(buf);
	return ret;
}

/*
 * mkdir, rmdir and unlink act on the only file system there is, the BPF pin
 * namespace under /sys/fs/bpf (kernel/bpf/inode.c); rmdir and unlink both
 * remove a name (a pin or an empty directory).
 */
static long path_call(unsigned long upath, int (*op)(const char *path))
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, (const char __user *)upath, PATH_MAX);
	if (len == PATH_MAX)
		len = -ENAMETOOLONG;
	else if (len == 0)
		len = -ENOENT;
	else if (len > 0)
		len = op(path);
	kfree(path);
	return len;
}

static long sys_mkdir(const unsigned long a[6])
{
	return path_call(a[0], bpf_fs_mkdir);
}

static long sys_unlink(const unsigned long a[6])
{
	return path_call(a[0], bpf_fs_unlink);
}

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/*
 * prlimit64(pid, resource, new, old) for the calling process (pid 0 or its
 * own). RLIMIT_NOFILE is the fd table's limit; every other limit reads as
 * unlimited and accepts any setting.
 */
static long sys_prlimit64(const unsigned long a[6])
{
	struct rlimit64 rl = { RLIM_INFINITY, RLIM_INFINITY };
	struct files_struct *files = current->files;

	if (a[0] && (int)a[0] != current->pid)
		return -ESRCH;
	if (a[1] >= RLIM_NLIMITS)
		return -EINVAL;
	if (a[1] == RLIMIT_NOFILE) {
		rl.rlim_cur = files->rlimit_nofile;
		rl.rlim_max = NR_OPEN_MAX;
	}
	if (a[3] && copy_to_user((void __user *)a[3], &rl, sizeof(rl)))
		return -EFAULT;
	if (!a[2])
		return 0;
	if (copy_from_user(&rl, (const void __user *)a[2], sizeof(rl)))
		return -EFAULT;
	if (rl.rlim_cur > rl.rlim_max)
		return -EINVAL;
	if (a[1] == RLIMIT_NOFILE) {
		if (rl.rlim_max > NR_OPEN_MAX)
			return -EPERM;
		files->rlimit_nofile = (unsigned int)rl.rlim_cur;
	}
	return 0;
}

static long sys_bpf(const unsigned long a[6])
{
	return __sys_bpf((int)a[0], USER_BPFPTR((void __user *)a[1]), (unsigned int)a[2]);
}

static long sys_mmap(const unsigned long a[6])
{
	return ksys_mmap(a[0], a[1], a[2], a[3], a[4], a[5]);
}

static long sys_munmap(const unsigned long a[6])
{
	return ksys_munmap(a[0], a[1]);
}

/* One line per call, in number order (clang-format would pack them into columns). */
/* clang-format off */
static const sys_call_ptr_t sys_call_table[NR_syscalls] = {
	[__NR_read] = sys_read,
	[__NR_write] = sys_write,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_fstat] = sys_fstat,
	[__NR_poll] = sys_poll,
	[__NR_lseek] = sys_lseek,
	[__NR_mmap] = sys_mmap,
	[__NR_munmap] = sys_munmap,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_getpid] = sys_getpid,
	[__NR_exit] = sys_exit,
	[__NR_wait4] = sys_wait4,
	[__NR_kill] = sys_kill,
	[__NR_mkdir] = sys_mkdir,
	[__NR_rmdir] = sys_unlink,
	[__NR_unlink] = sys_unlink,
	[__NR_getppid] = sys_getppid,
	[__NR_reboot] = sys_reboot,
	[__NR_getdents64] = sys_getdents64,
	[__NR_clock_gettime] = sys_clock_gettime,
	[__NR_exit_group] = sys_exit,
	[__NR_openat] = sys_openat,
	[__NR_ppoll] = sys_ppoll,
	[__NR_prlimit64] = sys_prlimit64,
	[__NR_bpf] = sys_bpf,
	[__NR_bpfkern_spawn] = sys_bpfkern_spawn,
};
/* clang-format on */

long syscall_dispatch(unsigned long nr, const unsigned long args[6])
{
	if (nr >= NR_syscalls || !sys_call_table[nr])
		return -ENOSYS;
	return sys_call_table[nr](args);
}
