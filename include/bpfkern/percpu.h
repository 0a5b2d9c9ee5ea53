/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data for the portable core. BPF programs run on one CPU today (in
 * the kernel and in the host tools), so NR_CPUS is 1 and this CPU is 0; the
 * per-CPU maps are nonetheless laid out per CPU (a copy of each value for
 * every possible CPU) so that SMP only has to change this header.
 */
#ifndef BPFKERN_PERCPU_H
#define BPFKERN_PERCPU_H

#include <bpfkern/types.h>

#define NR_CPUS 1

/* How many CPUs may ever run BPF programs: the number of copies per-CPU maps keep. */
static inline unsigned int num_possible_cpus(void)
{
	return NR_CPUS;
}

/* The CPU running the caller (programs run with preemption off). */
static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < num_possible_cpus(); (cpu)++)

#endif
