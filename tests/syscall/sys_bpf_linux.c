// SPDX-License-Identifier: GPL-2.0
/* lib/bpf's backend against the running Linux kernel: the bpf system call itself. */
#include <unistd.h>
#include <sys/syscall.h>
#include <bpf/bpf.h>

int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	return (int)syscall(__NR_bpf, cmd, attr, size);
}
