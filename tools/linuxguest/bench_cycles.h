/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system-call round trip both guests' benchmarks time, one copy for
 * both: tools/linuxguest/syscall.c (the Linux guest's bench=syscall, over
 * glibc's syscall()) and tests/user/b_syscall.c (bpfkern's ring 3, over
 * raw_syscall()) pass their own way of making the call, so their lines
 * compare one to one. x86-64 only (rdtsc).
 */
#ifndef LINUXGUEST_BENCH_CYCLES_H
#define LINUXGUEST_BENCH_CYCLES_H

#define BENCH_BATCHES 11
#define BENCH_CALLS 1000

/* One system call nr(a0, a1, a2), made the caller's way. */
typedef long (*bench_syscall_fn)(long nr, long a0, long a1, long a2);

static inline unsigned long long bench_rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

/* Median TSC cycles per call of nr(a0, a1, a2) over BENCH_BATCHES batches of BENCH_CALLS. */
static unsigned long long bench_cycles_per_call(bench_syscall_fn call, long nr, long a0, long a1,
						long a2)
{
	unsigned long long t[BENCH_BATCHES];

	for (int b = 0; b < BENCH_BATCHES; b++) {
		unsigned long long start = bench_rdtsc();

		for (int i = 0; i < BENCH_CALLS; i++)
			call(nr, a0, a1, a2);
		t[b] = (bench_rdtsc() - start) / BENCH_CALLS;
	}
	for (int i = 1; i < BENCH_BATCHES; i++) /* insertion sort: 11 values */
		for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
			unsigned long long x = t[j];

			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[BENCH_BATCHES / 2];
}

#endif
