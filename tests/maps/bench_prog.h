/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The map benchmark (make bench, scripts/bench-maps.sh): one XDP program
 * per case, built here as raw instructions so that the Linux side
 * (bench_linux.c, system headers) and ours (bench_ours.c, our loader and
 * JIT) run the very same code on maps filled the same way. A run does
 * BENCH_OPS lookups or updates of pseudo-random keys (a xorshift32 whose
 * state lives in element 0 of an ARRAY map, so successive runs differ):
 * ARRAY, HASH and LRU_HASH take u32 keys below N (the hash maps hold all N,
 * so lookups hit and updates replace); LPM_TRIE holds N prefixes /8../32,
 * is looked up with random /32 addresses and updated with N /32 keys.
 */
#ifndef TESTS_MAPS_BENCH_PROG_H
#define TESTS_MAPS_BENCH_PROG_H

#include <stdint.h>

#define BENCH_OPS 64

struct bench_insn {
	uint8_t code;
	uint8_t dst_src; /* dst in the low nibble, src in the high one */
	int16_t off;
	int32_t imm;
};

enum bench_map { BENCH_ARRAY, BENCH_HASH, BENCH_LRU_HASH, BENCH_LPM };
enum bench_op { BENCH_LOOKUP, BENCH_UPDATE };

/* One case: bench-{linux,ours} MAP OP N REPEAT (array|hash|lru_hash|lpm, lookup|update). */
struct bench_spec {
	enum bench_map map;
	enum bench_op op;
	uint32_t n, repeat;
};

/* The case argv names; 0, or -1 with a usage line on stderr. */
int bench_parse(int argc, char **argv, struct bench_spec *s);

/* BPF_MAP_CREATE's attributes for the case's map (Linux's type and flag numbers). */
struct bench_map_attr {
	uint32_t type, key_size, value_size, max_entries, flags;
};
struct bench_map_attr bench_map_attr(const struct bench_spec *s);

/* Fills the map through update (BPF_MAP_UPDATE_ELEM's contract); the elements added. */
typedef int (*bench_update_fn)(void *ctx, const void *key, const void *value, uint64_t flags);
uint32_t bench_fill(const struct bench_spec *s, bench_update_fn update, void *ctx);

/* Fills insns (room for BENCH_MAX_INSNS) for the maps with these fds; returns the count. */
#define BENCH_MAX_INSNS 64
unsigned int bench_map_prog(struct bench_insn *insns, const struct bench_spec *s, int map_fd,
			    int state_fd);

#endif
