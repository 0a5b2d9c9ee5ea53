// SPDX-License-Identifier: GPL-2.0
/*
 * bench=syscall: the round trip of getpid() and of bpf(BPF_MAP_LOOKUP_ELEM)
 * on an ARRAY map, in TSC cycles per call, measured by the same code as
 * bpfkern's tests/user/b_syscall.c (bench_cycles.h: median of 11 batches
 * of 1,000 raw system calls), so the two guests' lines compare one to one.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "bench_cycles.h"
#include "guest.h"

/* glibc's way of making the call. */
static long linux_syscall(long nr, long a0, long a1, long a2)
{
	return syscall(nr, a0, a1, a2);
}

static unsigned long long per_call(long nr, long a0, long a1, long a2)
{
	return bench_cycles_per_call(linux_syscall, nr, a0, a1, a2);
}

int bench_syscall(void)
{
	union bpf_attr attr;
	unsigned int key = 0;
	unsigned long long value;
	long fd;

	printf("bench getpid_cycles %llu\n", per_call(SYS_getpid, 0, 0, 0));
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	fd = guest_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0) {
		perror("bench map create failed");
		return 1;
	}
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (unsigned int)fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&value;
	printf("bench bpf_map_lookup_cycles %llu\n",
	       per_call(SYS_bpf, BPF_MAP_LOOKUP_ELEM, (long)&attr, sizeof(attr)));
	close((int)fd);
	return 0;
}
