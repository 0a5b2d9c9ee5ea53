// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark program of bench_prog.h, encoded by hand (opcode numbers
 * are the BPF ISA's) so that it needs neither header set.
 */
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
	ST_W = 0x62, /* *(u32 *)(dst + off) = imm */
	STX_W = 0x63,
	LDX_W = 0x61,
	JEQ_K = 0x15,
	JLT_K = 0xa5,
	CALL = 0x85,
	EXIT = 0x95,
	PSEUDO_MAP_FD = 1,
	FUNC_map_lookup_elem = 1,
};

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

unsigned int bench_lpm_prog(struct bench_insn *insns, int lpm_fd, int state_fd)
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
	/* key { prefixlen 32, address w7 } at r10 - 8; lookup */
	*p++ = I(ST_W, 10, 0, -8, 32);
	*p++ = I(STX_W, 10, 7, -4, 0);
	p += ld_map(p, lpm_fd);
	*p++ = I(ALU64_MOV_X, 2, 10, 0, 0);
	*p++ = I(ALU64_ADD_K, 2, 0, 0, -8);
	*p++ = I(CALL, 0, 0, 0, FUNC_map_lookup_elem);
	*p++ = I(ALU64_ADD_K, 6, 0, 0, 1);
	*p = I(JLT_K, 6, 0, 0, BENCH_LOOKUPS);
	p->off = (int16_t)(loop - (p + 1));
	p++;
	*p++ = I(STX_W, 9, 7, 0, 0);
	exit_jump->off = (int16_t)(p - (exit_jump + 1));
	*p++ = I(ALU64_MOV_K, 0, 0, 0, 2); /* XDP_PASS */
	*p++ = I(EXIT, 0, 0, 0, 0);
	return (unsigned int)(p - insns);
}

void bench_prefix(uint64_t *rng, uint32_t *prefixlen, uint8_t addr[4])
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
