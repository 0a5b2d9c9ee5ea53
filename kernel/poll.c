// SPDX-License-Identifier: GPL-2.0
/*
 * poll(2) and ppoll(2). No file kind can report readiness yet, so both
 * answer -ENOSYS as an unknown call does; the ring buffer map is the first
 * to come (kernel/bpf/ringbuf.c).
 */
#include <bpfkern/kernel.h>
#include <bpfkern/poll.h>

long sys_poll(const unsigned long a[6])
{
	return -ENOSYS;
}

long sys_ppoll(const unsigned long a[6])
{
	return -ENOSYS;
}
