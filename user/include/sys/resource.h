/* SPDX-License-Identifier: GPL-2.0 */
/*
 * newlib's <sys/resource.h> has only getrusage; ring-3 programs also get
 * Linux's resource limits (user/syscalls.c: over prlimit64). This directory
 * comes before newlib's on the include path of user programs.
 */
#ifndef BPFKERN_USER_SYS_RESOURCE_H
#define BPFKERN_USER_SYS_RESOURCE_H

#include_next <sys/resource.h>

typedef unsigned long rlim_t;
struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0UL)

int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);

#endif
