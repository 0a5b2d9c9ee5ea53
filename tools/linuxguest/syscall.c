// SPDX-License-Identifier: GPL-2.0
/*
 * bench=syscall: the round trip of getpid() and of bpf(BPF_MAP_LOOKUP_ELEM)
 * on an ARRAY map, in TSC cycles per call, measured exactly as bpfkern's
 * tests/user/b_syscall.c measures it (median of 11 batches of 1,000 raw
 * system calls), so the two guests' lines compare one to one.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "guest.h"

#define BATCHES 11
#define CALLS 1000

static unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

/* Median cycles per call of the system call nr(a0, a1, a2) over BATCHES batches. */
static unsigned long long per_call(long nr, long a0, long a1, long a2)
{
	unsigned long long t[BATCHES];

	for (int b = 0; b < BATCHES; b++) {
		unsigned long long start = rdtsc();

		for (int i = 0; i < CALLS; i++)
			syscall(nr, a0, a1, a2);
		t[b] = (rdtsc() - start) / CALLS;
	}
	for (int i = 1; i < BATCHES; i++) /* insertion sort: 11 values */
		for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
			unsigned long long x = t[j];

			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[BATCHES / 2];
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
