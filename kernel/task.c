// SPDX-License-Identifier: GPL-2.0
/*
 * The one task that exists until ring 3 does: pid 1, privileged, with its
 * own fd table in which fds 0-2 are taken (stdin, stdout, stderr of the
 * process it will become), so that bpf() fds start at 3 as on Linux.
 */
#include <bpfkern/task.h>
#include <bpfkern/file.h>

static struct files_struct init_files = { .rlimit_nofile = NR_OPEN_DEFAULT };

struct task_struct init_task = {
	.pid = 1,
	.uid = 0,
	.bpf_capable = true,
	.perfmon_capable = true,
	.sys_boot_capable = true,
	.files = &init_files,
};

struct task_struct *current_task = &init_task;

int sysctl_unprivileged_bpf_disabled = 2;
