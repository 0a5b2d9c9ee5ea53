// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark cases of bench_prog.h: argument parsing, map attributes,
 * the fill, and the program, encoded by hand (opcode numbers are the BPF
 * ISA's) so that it needs neither header set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_prog.h"

enum {
	LD_IMM64 = 0x18,
	ALU64_MOV_K = 0xb7,
	ALU64_MOV_X = 0xbf,
	ALU64_ADD_K = 0x07,
	ALU_MOV_X = 0xbc,
	ALU_LSH_K = 0x64,
	ALU_RSH_K = 0x74,
	ALU_XOR_X = 0xac,
	ALU_MOD_K = 0x94,
	ALU_MUL_K = 0x24,
	ST_W = 0x62, /* *(u32 *)(dst + off) = imm */
	STX_W = 0x63,
	STX_DW = 0x7b,
	LDX_W = 0x61,
	JEQ_K = 0x15,
	JLT_K = 0xa5,
	CALL = 0x85,
	EXIT = 0x95,
	PSEUDO_MAP_FD = 1,
	FUNC_map_lookup_elem = 1,
	FUNC_map_update_elem = 2,
	/* Linux's map type and flag numbers */
	MAP_HASH = 1,
	MAP_ARRAY = 2,
	MAP_LRU_HASH = 9,
	MAP_LPM_TRIE = 11,
	F_NO_PREALLOC = 1,
	NOEXIST = 1,
};

static const char *const map_names[] = { "array", "hash", "lru_hash", "lpm" };
static const char *const op_names[] = { "lookup", "update" };

static int name_index(const char *name, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

int bench_parse(int argc, char **argv, struct bench_spec *s)
{
	int map = argc > 4 ? name_index(argv[1], map_names, 4) : -1;
	int op = argc > 4 ? name_index(argv[2], op_names, 2) : -1;
	long n = argc > 4 ? strtol(argv[3], NULL, 10) : 0;
	long repeat = argc > 4 ? strtol(argv[4], NULL, 10) : 0;

	if (map < 0 || op < 0 || n <= 0 || n > 1 << 24 || repeat <= 0) {
		fprintf(stderr, "usage: %s array|hash|lru_hash|lpm lookup|update N REPEAT\n",
			argv[0]);
		return -1;
	}
	*s = (struct bench_spec){ (enum bench_map)map, (enum bench_op)op, (uint32_t)n,
				  (uint32_t)repeat };
	return 0;
}

struct bench_map_attr bench_map_attr(const struct bench_spec *s)
{
	switch (s->map) {
	case BENCH_ARRAY:
		return (struct bench_map_attr){ MAP_ARRAY, 4, 8, s->n, 0 };
	case BENCH_HASH:
		return (struct bench_map_attr){ MAP_HASH, 4, 8, s->n, 0 };
	case BENCH_LRU_HASH:
		return (struct bench_map_attr){ MAP_LRU_HASH, 4, 8, s->n, 0 };
	default: /* room for the N updated /32s beside the N prefixes */
		return (struct bench_map_attr){ MAP_LPM_TRIE, 8, 8,
						s->op == BENCH_UPDATE ? 2 * s->n : s->n,
						F_NO_PREALLOC };
	}
}

/* The seeded generator both sides fill the trie with: prefixes /8../32. */
static void bench_prefix(uint64_t *rng, uint32_t *prefixlen, uint8_t addr[4])
{
	uint64_t x = *rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*rng = x;
	*prefixlen = 8 + (uint32_t)(x % 25);
	for (int i = 0; i < 4; i++)
		addr[i] = (uint8_t)(x >> (16 + 8 * i));
}

uint32_t bench_fill(const struct bench_spec *s, bench_update_fn update, void *ctx)
{
	struct {
		uint32_t prefixlen;
		uint8_t addr[4];
	} lpm_key;
	uint64_t rng = 0x9e3779b97f4a7c15ull, v = 1;
	uint32_t added = 0;

	if (s->map == BENCH_ARRAY)
		return s->n;
	if (s->map != BENCH_LPM) {
		for (uint32_t key = 0; key < s->n; key++)
			added += update(ctx, &key, &v, NOEXIST) == 0;
		return added;
	}
	for (uint32_t tries = 0; added < s->n && tries < 4 * s->n; tries++) {
		bench_prefix(&rng, &lpm_key.prefixlen, lpm_key.addr);
		added += update(ctx, &lpm_key, &v, NOEXIST) == 0;
	}
	return added;
}

static struct bench_insn I(uint8_t code, int dst, int src, int16_t off, int32_t imm) {
	struct bench_insn insn = { code, (uint8_t)(dst | src << 4), off, imm };

	return insn;
}

/* r1 = map (two slots). */
static unsigned int
ld_map(struct bench_insn *p, int fd)
{
	p[0] = I(LD_IMM64, 1, PSEUDO_MAP_FD, 0, fd);
	p[1] = I(0, 0, 0, 0, 0);
	return 2;
}

/* The key at r10 - 8 from the generator w7: u32 below N, or an LPM /32 key. */
static unsigned int emit_key(struct bench_insn *p, const struct bench_spec *s)
{
	struct bench_insn *start = p;

	if (s->map == BENCH_LPM)
		*p++ = I(ST_W, 10, 0, -8, 32);
	if (s->map == BENCH_LPM && s->op == BENCH_LOOKUP) {
		*p++ = I(STX_W, 10, 7, -4, 0);
		return (unsigned int)(p - start);
	}
	*p++ = I(ALU_MOV_X, 8, 7, 0, 0);
	*p++ = I(ALU_MOD_K, 8, 0, 0, (int32_t)s->n);
	if (s->map != BENCH_LPM) {
		*p++ = I(STX_W, 10, 8, -8, 0);
		return (unsigned int)(p - start);
	}
	*p++ = I(ALU_MUL_K, 8, 0, 0, (int32_t)0x9e3779b1u); /* spread the N addresses */
	*p++ = I(STX_W, 10, 8, -4, 0);
	return (unsigned int)(p - start);
}

unsigned int bench_map_prog(struct bench_insn *insns, const struct bench_spec *s, int map_fd,
			    int state_fd)
{
	struct bench_insn *p = insns;
	struct bench_insn *loop, *exit_jump;

	/* r9 = &state[0]; r7 = *r9 (the generator), r6 = 0 (the counter) */
	*p++ = I(ST_W, 10, 0, -12, 0);
	p += ld_map(p, state_fd);
	*p++ = I(ALU64_MOV_X, 2, 10, 0, 0);
	*p++ = I(ALU64_ADD_K, 2, 0, 0, -12);
	*p++ = I(CALL, 0, 0, 0, FUNC_map_lookup_elem);
	exit_jump = p;
	*p++ = I(JEQ_K, 0, 0, 0, 0); /* offset patched below */
	*p++ = I(ALU64_MOV_X, 9, 0, 0, 0);
	*p++ = I(LDX_W, 7, 9, 0, 0);
	*p++ = I(ALU64_MOV_K, 6, 0, 0, 0);
	loop = p;
	/* xorshift32: w7 ^= w7 << 13; w7 ^= w7 >> 17; w7 ^= w7 << 5 */
	*p++ = I(ALU_MOV_X, 8, 7, 0, 0);
	*p++ = I(ALU_LSH_K, 8, 0, 0, 13);
	*p++ = I(ALU_XOR_X, 7, 8, 0, 0);
	*p++ = I(ALU_MOV_X, 8, 7, 0, 0);
	*p++ = I(ALU_RSH_K, 8, 0, 0, 17);
	*p++ = I(ALU_XOR_X, 7, 8, 0, 0);
	*p++ = I(ALU_MOV_X, 8, 7, 0, 0);
	*p++ = I(ALU_LSH_K, 8, 0, 0, 5);
	*p++ = I(ALU_XOR_X, 7, 8, 0, 0);
	p += emit_key(p, s);
	p += ld_map(p, map_fd);
	*p++ = I(ALU64_MOV_X, 2, 10, 0, 0);
	*p++ = I(ALU64_ADD_K, 2, 0, 0, -8);
	if (s->op == BENCH_UPDATE) { /* value: the generator, at r10 - 24; BPF_ANY */
		*p++ = I(STX_DW, 10, 7, -24, 0);
		*p++ = I(ALU64_MOV_X, 3, 10, 0, 0);
		*p++ = I(ALU64_ADD_K, 3, 0, 0, -24);
		*p++ = I(ALU64_MOV_K, 4, 0, 0, 0);
	}
	*p++ = I(CALL, 0, 0, 0,
		 s->op == BENCH_UPDATE ? FUNC_map_update_elem : FUNC_map_lookup_elem);
	*p++ = I(ALU64_ADD_K, 6, 0, 0, 1);
	*p = I(JLT_K, 6, 0, 0, BENCH_OPS);
	p->off = (int16_t)(loop - (p + 1));
	p++;
	*p++ = I(STX_W, 9, 7, 0, 0);
	exit_jump->off = (int16_t)(p - (exit_jump + 1));
	*p++ = I(ALU64_MOV_K, 0, 0, 0, 2); /* XDP_PASS */
	*p++ = I(EXIT, 0, 0, 0, 0);
	return (unsigned int)(p - insns);
}
