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

#define GEN_MAX_INSNS 2048 /* well above what gen_xdp_prog() emits (< 1,300) */
#define GEN_MAX_PKT 256
#define GEN_MAX_OUT 4096 /* room for the packet after the adjust helpers (a page) */

/*
 * The atomics' own stack slots, [GEN_ATOMIC_OFF, GEN_ATOMIC_OFF + 32) from
 * r10 in every frame: only atomics write them (and a load may read them).
 * Linux 6.18's verifier tracks a value an atomic fetch reads from a spilled
 * constant but does not carry precision back through it, so it may prune a
 * path where that slot held something else and then hard-wire a branch the
 * wrong way (found by this test: seeds 0x79329ef6730bd6bf, 0xec8fecafdef8a71e
 * of an earlier generator). Slots that atomics alone write are unknown to
 * the verifier, which keeps Linux's results exact.
 */
#define GEN_ATOMIC_OFF (-104)
#define GEN_ATOMIC_SIZE 32

struct gen_prog {
	struct bpf_insn insns[GEN_MAX_INSNS];
	unsigned int len; /* instructions, counting lddw as two */
	uint8_t pkt[GEN_MAX_PKT]; /* the packet to run it on */
	unsigned int pkt_len;
	/* For bisecting: main's statements are [body_start, body_end); r0..r5
	 * and r7..r9 (but ctx_reg) hold scalars there, and stack_size bytes
	 * below r10. */
	unsigned int body_start, body_end, stack_size;
	unsigned int ctx_reg; /* main keeps the context here (0: nowhere) */
	/* An array map (u32 keys) when map_value_size != 0: Linux's is created
	 * per run and its fd patched into the lddw; ours is `--map array:...`. */
	unsigned int map_value_size, map_max_entries;
};

/* Fill @p with the program and packet of @seed. */
void gen_xdp_prog(uint64_t seed, struct gen_prog *p);

/* A well-mixed 64-bit function of @x (splitmix64's finaliser). */
uint64_t gen_mix64(uint64_t x);

#endif
