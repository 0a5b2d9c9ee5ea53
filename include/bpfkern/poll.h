/* SPDX-License-Identifier: GPL-2.0 */
/*
 * poll(2) and ppoll(2) for ring 3 (kernel/poll.c): the way user space waits
 * for an fd to become ready (a ring buffer map with data to consume). The
 * event bits are Linux's (uapi asm-generic/poll.h), shared by the map
 * types that answer bpf_map_ops.map_poll.
 */
#ifndef BPFKERN_POLL_H
#define BPFKERN_POLL_H

#define EPOLLIN 0x0001
#define EPOLLPRI 0x0002
#define EPOLLOUT 0x0004
#define EPOLLERR 0x0008
#define EPOLLHUP 0x0010
#define EPOLLNVAL 0x0020
#define EPOLLRDNORM 0x0040

long sys_poll(const unsigned long a[6]);
long sys_ppoll(const unsigned long a[6]);

#endif
