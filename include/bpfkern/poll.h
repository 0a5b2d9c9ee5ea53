/* SPDX-License-Identifier: GPL-2.0 */
/*
 * poll(2) and ppoll(2) for ring 3 (kernel/poll.c): the way user space waits
 * for an fd to become ready (a ring buffer map with data to consume).
 */
#ifndef BPFKERN_POLL_H
#define BPFKERN_POLL_H

long sys_poll(const unsigned long a[6]);
long sys_ppoll(const unsigned long a[6]);

#endif
