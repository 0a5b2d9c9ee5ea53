// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark, not a test: the round trip of getpid() and of
 * bpf(BPF_MAP_LOOKUP_ELEM) on an ARRAY map from ring 3, in guest TSC cycles
 * per call (the median of 11 batches of 1,000 calls; the same code as the
 * Linux guest's, tools/linuxguest/bench_cycles.h). Boot with
 * utest=b_syscall; prints "bench NAME CYCLES" lines.
 */
#include <stdio.h>
#include <string.h>
#include "user/bpfkern_user.h"
#include "tools/linuxguest/bench_cycles.h"

/* bpfkern's way of making the call. */
static long bpfkern_syscall(long nr, long a0, long a1, long a2)
{
	return raw_syscall(nr, a0, a1, a2, 0, 0, 0);
}

static unsigned long long per_call(long nr, long a0, long a1, long a2)
{
	return bench_cycles_per_call(bpfkern_syscall, nr, a0, a1, a2);
}

int main(void)
{
	union bpf_attr attr;
	unsigned int key = 0;
	unsigned long long value;
	long fd;

	printf("bench getpid_cycles %llu\n", per_call(__NR_getpid, 0, 0, 0));
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	fd = raw_syscall(__NR_bpf, BPF_MAP_CREATE, (long)&attr, sizeof(attr), 0, 0, 0);
	if (fd < 0) {
		printf("bench map create failed: %ld\n", fd);
		return 1;
	}
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (unsigned int)fd;
	attr.key = (unsigned long)&key;
	attr.value = (unsigned long)&value;
	printf("bench bpf_map_lookup_cycles %llu\n",
	       per_call(__NR_bpf, BPF_MAP_LOOKUP_ELEM, (long)&attr, sizeof(attr)));
	return 0;
}
