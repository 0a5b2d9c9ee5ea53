// SPDX-License-Identifier: GPL-2.0
/*
 * lib/bpf's backend in host builds of the portable core: sys_bpf() calls
 * the kernel's __sys_bpf in-process, with the attr treated as user memory
 * (tools/host/uaccess_host.c), and turns its -errno into the system call's
 * -1 and errno. The task's pid is this process's and its fd limit follows
 * RLIMIT_NOFILE, so a test program behaves as it does against Linux.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/resource.h>
#include <bpf/bpf.h>
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/host_backend.h>
#include <bpfkern/task.h>

int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	struct rlimit rl;
	long ret;

	current->pid = getpid();
	if (!getrlimit(RLIMIT_NOFILE, &rl))
		current->files->rlimit_nofile =
			rl.rlim_cur > NR_OPEN_MAX ? NR_OPEN_MAX : (unsigned int)rl.rlim_cur;
	ret = __sys_bpf(cmd, USER_BPFPTR(attr), size);
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return (int)ret;
}

/* close() of an fd of the in-process kernel's table (test programs call it as close). */
int bpfkern_close(int fd)
{
	int err = close_fd(fd);

	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}
