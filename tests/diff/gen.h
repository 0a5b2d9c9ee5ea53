/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A seeded generator of random XDP programs meant to pass Linux's verifier:
 * scalar ALU/ALU64/JMP/JMP32 (division by zero, shifts, movsx, byte swaps,
 * signed division included), loads and stores over the bounds-checked packet
 * and the initialised stack, atomics on the stack, forward branches and
 * bounded loops. The same seed always gives the same program and packet.
 */
#ifndef DIFF_GEN_H
#define DIFF_GEN_H

#include <stdint.h>
#include <linux/bpf.h>

#define GEN_MAX_INSNS 1024
#define GEN_MAX_PKT 256

struct gen_prog {
	struct bpf_insn insns[GEN_MAX_INSNS];
	unsigned int len; /* instructions, counting lddw as two */
	uint8_t pkt[GEN_MAX_PKT]; /* the packet to run it on */
	unsigned int pkt_len;
};

/* Fill @p with the program and packet of @seed. */
void gen_xdp_prog(uint64_t seed, struct gen_prog *p);

/* A well-mixed 64-bit function of @x (splitmix64's finaliser). */
uint64_t gen_mix64(uint64_t x);

#endif
