/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The map benchmark (make bench, scripts/bench-maps.sh): one XDP program,
 * built here as raw instructions so that the Linux side (bench_linux.c,
 * system headers) and ours (bench_ours.c, our loader and JIT) run the very
 * same code. It does BENCH_LOOKUPS LPM lookups of pseudo-random IPv4
 * addresses per run; the random state lives in element 0 of an ARRAY map
 * so that successive runs look up different addresses.
 */
#ifndef TESTS_MAPS_BENCH_PROG_H
#define TESTS_MAPS_BENCH_PROG_H

#include <stdint.h>

#define BENCH_LOOKUPS 64

struct bench_insn {
	uint8_t code;
	uint8_t dst_src; /* dst in the low nibble, src in the high one */
	int16_t off;
	int32_t imm;
};

/* Fills insns (room for 64) for the maps with these fds; returns the count. */
unsigned int bench_lpm_prog(struct bench_insn *insns, int lpm_fd, int state_fd);

/* The seeded generator both sides fill the trie with: count prefixes /8../32. */
void bench_prefix(uint64_t *rng, uint32_t *prefixlen, uint8_t addr[4]);

#endif
