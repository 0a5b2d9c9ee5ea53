// SPDX-License-Identifier: GPL-2.0
/*
 * Random XDP program generator; see gen.h.
 *
 * Shape of every program (registers: r6 = packet start, r10 = frame pointer,
 * every other register a scalar):
 *
 *	r7 = r1 (the context; only in programs that call helpers)
 *	r2 = data; r3 = data_end; r6 = r2
 *	r4 = r2; r4 += N; if r4 > r3 goto short	  Linux's bounds check
 *	stack[-S..0) = random; r0..r5, r7..r9 = random; atomics' slots
 *	body: structured statements (if / if-else / bounded loop / simple)
 *	done: fold every scalar, stack slot (and map value) into r0; store
 *	      it into the packet; fold its high half into the low half; exit
 *	short: r0 = XDP_PASS; exit
 *	sub:   (sometimes) a subprogram that main calls with "call pc+N":
 *	       its own stack, every register r0..r9 a scalar, no packet;
 *	       after each call main gives r1..r5 new values (the call
 *	       clobbered them)
 *
 * data_end is also spilled to r10-72 for the variable-offset packet
 * accesses, each of which repeats Linux's bounds check. Calls of
 * bpf_xdp_adjust_head/_tail/_meta (r1 = r7) make the check again (failing
 * it also goes to "short"). Programs with an array map look keys up
 * (key at r10-112) and use the value r0 points to when it is not NULL.
 * Statements only ever jump forward, except the back edge of a loop whose
 * counter (r9) the body never writes, so Linux's verifier sees a bounded loop.
 * Packet accesses stay inside the N checked bytes; stack accesses are
 * aligned (Linux insists) and stay inside the S initialised bytes.
 */
#include <stdbool.h>
#include <string.h>

#include "gen.h"

#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80 /* sign-extending load (cpu v4); newer than the system header */
#endif

#define REG_PKT 6
#define REG_LOOP 9
#define OFF_DATA_END -72 /* stack slot holding data_end, below the scalars' area */
#define REG_CTX 7 /* holds the xdp_md pointer in programs that call helpers */
#define OFF_KEY -112 /* the u32 key of map lookups */
#define MAX_STACK 64
#define MAX_DEPTH 3
#define MAX_CALLS 4
#define MAX_HELPERS 4
#define MAX_LOOKUPS 4

struct gen {
	uint64_t rng;
	struct gen_prog *p;
	unsigned int pkt_range; /* N: bytes readable and writable at r6 */
	unsigned int stack_size; /* S: initialised bytes below r10 */
	unsigned int limit; /* stop adding statements past this length */
	bool in_loop; /* r9 is a loop counter: do not write it */
	const uint8_t *regs; /* the current frame's scalar registers */
	unsigned int nregs;
	bool can_call; /* main may call the subprogram */
	unsigned int calls[MAX_CALLS]; /* the call instructions to patch */
	unsigned int ncalls;
	unsigned int shorts[1 + MAX_HELPERS]; /* bounds checks that jump to "short" */
	unsigned int nshorts;
	unsigned int nhelpers;
	unsigned int nlookups;
};

/*
 * Main's scalars (r6 is the packet; r7 the context when main calls helpers)
 * and the subprogram's (no packet).
 */
static const uint8_t scalar_regs[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9 };
static const uint8_t helper_regs[] = { 0, 1, 2, 3, 4, 5, 8, 9 };
static const uint8_t sub_regs[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

uint64_t gen_mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t rnd64(struct gen *g)
{
	g->rng += 0x9e3779b97f4a7c15ull;
	return gen_mix64(g->rng);
}

/* A uniform number in [0, n). */
static unsigned int rnd(struct gen *g, unsigned int n)
{
	return (unsigned int)(rnd64(g) % n);
}

/* True with probability pct percent. */
static bool chance(struct gen *g, unsigned int pct)
{
	return rnd(g, 100) < pct;
}

/* An immediate biased towards the edge cases of arithmetic. */
static int32_t rnd_imm(struct gen *g)
{
	static const int32_t edges[] = { 0,	 1,	 -1,	 2,    INT32_MIN, INT32_MAX,
					 0x7fff, 0x8000, 0xffff, 0x7f, 0x80,	  0xff,
					 -128,	 63,	 64,	 31,   32 };

	switch (rnd(g, 4)) {
	case 0:
		return (int32_t)rnd(g, 33) - 16;
	case 1:
		return edges[rnd(g, sizeof(edges) / sizeof(edges[0]))];
	default:
		return (int32_t)(uint32_t)rnd64(g);
	}
}

static uint64_t rnd_imm64(struct gen *g)
{
	static const uint64_t edges[] = { 0x8000000000000000ull, 0x7fffffffffffffffull,
					  0xffffffff00000000ull, 0x00000000ffffffffull,
					  0xffffffff80000000ull, 0x0000000080000000ull };

	if (chance(g, 30))
		return edges[rnd(g, sizeof(edges) / sizeof(edges[0]))];
	if (chance(g, 30))
		return (uint64_t)(int64_t)rnd_imm(g);
	return rnd64(g);
}

static uint8_t any_scalar(struct gen *g)
{
	return g->regs[rnd(g, g->nregs)];
}

/* A scalar register the current statement may overwrite. */
static uint8_t dst_scalar(struct gen *g)
{
	uint8_t r;

	do
		r = any_scalar(g);
	while (g->in_loop && r == REG_LOOP);
	return r;
}

/* Append one instruction; returns its index. The caller keeps room. */
static unsigned int emit(struct gen *g, uint8_t code, uint8_t dst, uint8_t src, int16_t off,
			 int32_t imm)
{
	struct bpf_insn *insn = &g->p->insns[g->p->len];

	memset(insn, 0, sizeof(*insn));
	insn->code = code;
	insn->dst_reg = dst & 0xf;
	insn->src_reg = src & 0xf;
	insn->off = off;
	insn->imm = imm;
	return g->p->len++;
}

static void emit_lddw(struct gen *g, uint8_t dst, uint64_t v)
{
	emit(g, BPF_LD | BPF_DW | BPF_IMM, dst, 0, 0, (int32_t)(uint32_t)v);
	emit(g, 0, 0, 0, 0, (int32_t)(uint32_t)(v >> 32));
}

/* Point the jump at @at (emitted earlier) to the next instruction to come. */
static void patch_to_here(struct gen *g, unsigned int at)
{
	struct bpf_insn *insn = &g->p->insns[at];
	int32_t delta = (int32_t)g->p->len - (int32_t)at - 1;

	if (insn->code == (BPF_JMP32 | BPF_JA))
		insn->imm = delta;
	else
		insn->off = (int16_t)delta;
}

static const uint8_t size_codes[] = { BPF_B, BPF_H, BPF_W, BPF_DW };
static const unsigned int size_bytes[] = { 1, 2, 4, 8 };

/* A random ALU or ALU64 instruction on scalars, valid for Linux. */
static void gen_alu(struct gen *g)
{
	static const uint8_t ops[] = { BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,
				       BPF_AND, BPF_LSH, BPF_RSH, BPF_NEG, BPF_MOD,
				       BPF_XOR, BPF_MOV, BPF_ARSH };
	uint8_t op = ops[rnd(g, sizeof(ops))];
	uint8_t cls = chance(g, 50) ? BPF_ALU64 : BPF_ALU;
	unsigned int bits = cls == BPF_ALU64 ? 64 : 32;
	uint8_t dst = dst_scalar(g);
	bool use_reg = chance(g, 50);
	int16_t off = 0;
	int32_t imm = 0;

	if (op == BPF_NEG) {
		emit(g, cls | BPF_NEG | BPF_K, dst, 0, 0, 0);
		return;
	}
	if ((op == BPF_DIV || op == BPF_MOD) && chance(g, 40))
		off = 1; /* sdiv / smod */
	if (op == BPF_MOV && use_reg && chance(g, 30)) {
		static const int16_t sx[] = { 8, 16, 32 };

		off = sx[rnd(g, cls == BPF_ALU64 ? 3 : 2)]; /* movsx */
	}
	if (use_reg) {
		emit(g, cls | op | BPF_X, dst, any_scalar(g), off, 0);
		return;
	}
	if (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)
		imm = (int32_t)rnd(g, bits);
	else
		imm = rnd_imm(g);
	if ((op == BPF_DIV || op == BPF_MOD) && imm == 0)
		imm = chance(g, 50) ? -1 : 3;
	emit(g, cls | op | BPF_K, dst, 0, off, imm);
}

/* be16/32/64, le16/32/64 (ALU | END) or bswap16/32/64 (ALU64 | END). */
static void gen_end(struct gen *g)
{
	static const int32_t widths[] = { 16, 32, 64 };
	int32_t w = widths[rnd(g, 3)];

	switch (rnd(g, 3)) {
	case 0:
		emit(g, BPF_ALU | BPF_END | BPF_TO_BE, dst_scalar(g), 0, 0, w);
		break;
	case 1:
		emit(g, BPF_ALU | BPF_END | BPF_TO_LE, dst_scalar(g), 0, 0, w);
		break;
	default:
		emit(g, BPF_ALU64 | BPF_END | BPF_TO_LE, dst_scalar(g), 0, 0, w);
	}
}

/* An aligned offset from r10 for @size bytes inside the initialised stack. */
static int16_t stack_off(struct gen *g, unsigned int size)
{
	unsigned int slots = g->stack_size / size;

	return (int16_t) - (int)((rnd(g, slots) + 1) * size);
}

/* An aligned offset from r10 for @size bytes inside the atomics' slots. */
static int16_t atomic_off(struct gen *g, unsigned int size)
{
	return (int16_t)(GEN_ATOMIC_OFF + (int)(rnd(g, GEN_ATOMIC_SIZE / size) * size));
}

/* Any offset from r6 for @size bytes inside the checked packet range. */
static int16_t pkt_off(struct gen *g, unsigned int size)
{
	return (int16_t)rnd(g, g->pkt_range - size + 1);
}

/* A load from the packet or the stack, sometimes sign-extending. */
static void gen_load(struct gen *g)
{
	unsigned int s = rnd(g, 4);
	uint8_t mode = BPF_MEM;
	bool stack = !g->pkt_range || chance(g, 50);

	if (s < 3 && chance(g, 30))
		mode = BPF_MEMSX;
	if (stack)
		emit(g, BPF_LDX | mode | size_codes[s], dst_scalar(g), BPF_REG_10,
		     chance(g, 25) ? atomic_off(g, size_bytes[s]) : stack_off(g, size_bytes[s]), 0);
	else
		emit(g, BPF_LDX | mode | size_codes[s], dst_scalar(g), REG_PKT,
		     pkt_off(g, size_bytes[s]), 0);
}

/* A store of a register or an immediate into the packet or the stack. */
static void gen_store(struct gen *g)
{
	unsigned int s = rnd(g, 4);
	bool stack = !g->pkt_range || chance(g, 50);
	uint8_t base = stack ? BPF_REG_10 : REG_PKT;
	int16_t off = stack ? stack_off(g, size_bytes[s]) : pkt_off(g, size_bytes[s]);

	if (chance(g, 60))
		emit(g, BPF_STX | BPF_MEM | size_codes[s], base, any_scalar(g), off, 0);
	else
		emit(g, BPF_ST | BPF_MEM | size_codes[s], base, 0, off, rnd_imm(g));
}

/* Three distinct scalar registers the statement may overwrite. */
static void three_temps(struct gen *g, uint8_t t[3])
{
	do {
		t[0] = dst_scalar(g);
		t[1] = dst_scalar(g);
		t[2] = dst_scalar(g);
	} while (t[0] == t[1] || t[1] == t[2] || t[0] == t[2]);
}

/* A scalar register other than the three in @t. */
static uint8_t other_scalar(struct gen *g, const uint8_t t[3])
{
	uint8_t r;

	do
		r = any_scalar(g);
	while (r == t[0] || r == t[1] || r == t[2]);
	return r;
}

/*
 * A packet access at a variable offset, checked against data_end first as
 * Linux's verifier wants:
 *	t0 = idx & mask; t1 = r6 + t0; t2 = t1 + K; t0 = data_end (spilled)
 *	if t2 > t0 goto skip; load or store at [t1 + off]
 *   skip:
 *	t0, t1, t2 = constants (no pointer may leak into the scalars)
 */
static void gen_var_access(struct gen *g)
{
	unsigned int s = rnd(g, 4), size = size_bytes[s];
	int16_t off = (int16_t)rnd(g, 9);
	uint8_t t[3], idx = any_scalar(g);
	unsigned int j, i;

	three_temps(g, t);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, t[0], idx, 0, 0);
	emit(g, BPF_ALU64 | BPF_AND | BPF_K, t[0], 0, 0, chance(g, 50) ? 0x3f : 0xff);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, t[1], REG_PKT, 0, 0);
	emit(g, BPF_ALU64 | BPF_ADD | BPF_X, t[1], t[0], 0, 0);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, t[2], t[1], 0, 0);
	emit(g, BPF_ALU64 | BPF_ADD | BPF_K, t[2], 0, 0, off + (int32_t)size);
	emit(g, BPF_LDX | BPF_MEM | BPF_DW, t[0], BPF_REG_10, OFF_DATA_END, 0);
	j = emit(g, BPF_JMP | BPF_JGT | BPF_X, t[2], t[0], 0, 0);
	if (chance(g, 50))
		emit(g, BPF_LDX | BPF_MEM | size_codes[s], t[rnd(g, 3) == 0 ? 0 : 2], t[1], off, 0);
	else if (chance(g, 50))
		emit(g, BPF_STX | BPF_MEM | size_codes[s], t[1], other_scalar(g, t), off, 0);
	else
		emit(g, BPF_ST | BPF_MEM | size_codes[s], t[1], 0, off, rnd_imm(g));
	patch_to_here(g, j);
	for (i = 0; i < 3; i++)
		emit(g, BPF_ALU64 | BPF_MOV | BPF_K, t[i], 0, 0, rnd_imm(g));
}

/*
 * An atomic read-modify-write on the stack (Linux refuses atomics on packet
 * pointers): add/or/and/xor with and without fetch, xchg, cmpxchg; 32 and 64
 * bits.
 */
static void gen_atomic(struct gen *g)
{
	static const int32_t ops[] = { BPF_ADD,
				       BPF_OR,
				       BPF_AND,
				       BPF_XOR,
				       BPF_ADD | BPF_FETCH,
				       BPF_OR | BPF_FETCH,
				       BPF_AND | BPF_FETCH,
				       BPF_XOR | BPF_FETCH,
				       BPF_XCHG,
				       BPF_CMPXCHG };
	int32_t op = ops[rnd(g, sizeof(ops) / sizeof(ops[0]))];
	unsigned int s = chance(g, 50) ? 2 : 3;
	uint8_t src = (op & BPF_FETCH) ? dst_scalar(g) : any_scalar(g);

	emit(g, BPF_STX | BPF_ATOMIC | size_codes[s], BPF_REG_10, src, atomic_off(g, size_bytes[s]),
	     op);
	/*
	 * A 32-bit cmpxchg zero-extends r0 (RFC 9669), but Linux 6.18 does
	 * not always: its verifier omits the zero-extension its x86 JIT relies
	 * on, and "lock cmpxchg" leaves r0's high half alone when the values
	 * match (found by this test: seeds 0x79bba1c33628db4c and
	 * 0x8c77f59e5668e68a from --seed 777). w0 = w0 makes the result exact
	 * either way.
	 */
	if (op == BPF_CMPXCHG && s == 2)
		emit(g, BPF_ALU | BPF_MOV | BPF_X, 0, 0, 0, 0);
}

/*
 * Give the atomics' slots their first values: a store, then an atomic add
 * (after which Linux's verifier no longer knows the value). @src must hold a
 * scalar.
 */
static void init_atomic_slots(struct gen *g, uint8_t src)
{
	int off;

	for (off = GEN_ATOMIC_OFF; off < GEN_ATOMIC_OFF + GEN_ATOMIC_SIZE; off += 8) {
		emit(g, BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, (int16_t)off, rnd_imm(g));
		emit(g, BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_10, src, (int16_t)off, BPF_ADD);
	}
}

/* A conditional jump on scalars, its offset left for patch_to_here(). */
static unsigned int gen_cond_jump(struct gen *g)
{
	static const uint8_t ops[] = { BPF_JEQ,	 BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
				       BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE };
	uint8_t cls = chance(g, 50) ? BPF_JMP : BPF_JMP32;
	uint8_t op = ops[rnd(g, sizeof(ops))];

	if (chance(g, 50))
		return emit(g, cls | op | BPF_X, any_scalar(g), any_scalar(g), 0, 0);
	return emit(g, cls | op | BPF_K, any_scalar(g), 0, 0, rnd_imm(g));
}

/* An unconditional forward jump: ja (16-bit offset) or gotol (ja32). */
static unsigned int gen_goto(struct gen *g)
{
	if (chance(g, 30))
		return emit(g, BPF_JMP32 | BPF_JA, 0, 0, 0, 0);
	return emit(g, BPF_JMP | BPF_JA, 0, 0, 0, 0);
}

static void gen_block(struct gen *g, unsigned int depth, unsigned int stmts);

/* New values for r1..r5 after a call clobbered them. */
static void reinit_args(struct gen *g)
{
	uint8_t r;

	for (r = 1; r <= 5; r++) {
		if (chance(g, 50)) {
			emit(g, BPF_ALU64 | BPF_MOV | BPF_X, r, 0, 0, 0);
			emit(g, BPF_ALU64 | BPF_XOR | BPF_K, r, 0, 0, rnd_imm(g));
		} else {
			emit(g, BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, rnd_imm(g));
		}
	}
}

/*
 * "call sub" (patched once the subprogram exists), then new values for the
 * argument registers r1..r5, which Linux's verifier marks unreadable after a
 * call.
 */
static void gen_call(struct gen *g)
{
	g->calls[g->ncalls++] = emit(g, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0);
	reinit_args(g);
}

/*
 * Linux's bounds check, with r1 = the xdp_md: r6 = data, checked for N
 * bytes (failing jumps to "short"); data_end spilled for gen_var_access().
 */
static void gen_pkt_check(struct gen *g)
{
	emit(g, BPF_LDX | BPF_MEM | BPF_W, 2, 1, 0, 0); /* r2 = xdp_md->data */
	emit(g, BPF_LDX | BPF_MEM | BPF_W, 3, 1, 4, 0); /* r3 = xdp_md->data_end */
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, REG_PKT, 2, 0, 0);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0);
	emit(g, BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, (int32_t)g->pkt_range);
	g->shorts[g->nshorts++] = emit(g, BPF_JMP | BPF_JGT | BPF_X, 4, 3, 0, 0);
	emit(g, BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, 3, OFF_DATA_END, 0);
}

/* A delta for an XDP adjust helper: mostly small, sometimes out of range. */
static int32_t helper_delta(struct gen *g, int32_t helper)
{
	static const int32_t meta[] = { -32, -36, -8, -4, -3, 0, 4, 8 };
	static const int32_t wild[] = { -256, -217, -216, -215, -200, 300, 4000, -4000 };

	if (helper == BPF_FUNC_xdp_adjust_meta)
		return meta[rnd(g, sizeof(meta) / sizeof(meta[0]))];
	if (chance(g, 10))
		return wild[rnd(g, sizeof(wild) / sizeof(wild[0]))];
	return (int32_t)rnd(g, 73) - 40; /* -40..32 */
}

/*
 * bpf_xdp_adjust_head / _tail / _meta(ctx, delta): the packet may move or
 * change length (data_out shows it). The call invalidates every packet
 * pointer and r1..r5, so the bounds check is made again and r1..r5 get new
 * values.
 */
static void gen_xdp_helper(struct gen *g)
{
	static const int32_t helpers[] = { BPF_FUNC_xdp_adjust_head, BPF_FUNC_xdp_adjust_tail,
					   BPF_FUNC_xdp_adjust_meta };
	int32_t helper = helpers[rnd(g, 3)];

	g->nhelpers++;
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 1, REG_CTX, 0, 0);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, helper_delta(g, helper));
	emit(g, BPF_JMP | BPF_CALL, 0, 0, 0, helper);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 1, REG_CTX, 0, 0);
	gen_pkt_check(g);
	reinit_args(g);
}

/* A scalar register other than r0, which holds a map value pointer. */
static uint8_t scalar_not_r0(struct gen *g)
{
	uint8_t r;

	do
		r = dst_scalar(g);
	while (r == 0);
	return r;
}

/*
 * A callee-saved scalar (r7..r9, but the context's register; written: not
 * a loop counter): after a helper call r1..r5 cannot be read.
 */
static uint8_t saved_scalar(struct gen *g, bool written)
{
	uint8_t r;

	do
		r = (uint8_t)(7 + rnd(g, 3));
	while (r == g->p->ctx_reg || (written && g->in_loop && r == REG_LOOP));
	return r;
}

/* r1 = the map (lddw with BPF_PSEUDO_MAP_FD: ours' map 0, Linux's fd). */
static void emit_map_ref(struct gen *g)
{
	emit(g, BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, 0);
	emit(g, 0, 0, 0, 0, 0);
}

/* r0 = bpf_map_lookup_elem(map, &key) for the key stored at OFF_KEY. */
static void emit_lookup(struct gen *g)
{
	emit_map_ref(g);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 2, BPF_REG_10, 0, 0);
	emit(g, BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, OFF_KEY);
	emit(g, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem);
}

/* One load, store or atomic on the map value r0 points to. */
static void gen_value_access(struct gen *g)
{
	static const int32_t atomics[] = { BPF_ADD, BPF_OR | BPF_FETCH, BPF_XOR,
					   BPF_AND | BPF_FETCH, BPF_XCHG };
	unsigned int vs = g->p->map_value_size, s = rnd(g, 4), size = size_bytes[s];
	int16_t off = (int16_t)rnd(g, vs - size + 1);
	int32_t op;

	switch (rnd(g, 4)) {
	case 0:
		emit(g, BPF_LDX | BPF_MEM | size_codes[s], scalar_not_r0(g), 0, off, 0);
		break;
	case 1:
		emit(g, BPF_STX | BPF_MEM | size_codes[s], 0, saved_scalar(g, false), off, 0);
		break;
	case 2:
		emit(g, BPF_ST | BPF_MEM | size_codes[s], 0, 0, off, rnd_imm(g));
		break;
	default:
		s = chance(g, 50) ? 2 : 3; /* atomics must be aligned */
		off = (int16_t)(rnd(g, vs / size_bytes[s]) * size_bytes[s]);
		op = atomics[rnd(g, sizeof(atomics) / sizeof(atomics[0]))];
		emit(g, BPF_STX | BPF_ATOMIC | size_codes[s], 0, saved_scalar(g, op & BPF_FETCH),
		     off, op);
	}
}

/*
 * Look a key up in the program's array map (sometimes one past the end:
 * NULL) and, when found, read, write or atomically update the value. r0 and
 * r1..r5 get new scalar values afterwards.
 */
static void gen_map_access(struct gen *g)
{
	unsigned int j, n = 1 + rnd(g, 3);

	g->nlookups++;
	emit(g, BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, OFF_KEY,
	     (int32_t)rnd(g, g->p->map_max_entries + 1));
	emit_lookup(g);
	j = emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0);
	while (n--)
		gen_value_access(g);
	patch_to_here(g, j);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, rnd_imm(g));
	reinit_args(g);
}

static void gen_if(struct gen *g, unsigned int depth)
{
	unsigned int j = gen_cond_jump(g);

	gen_block(g, depth + 1, 1 + rnd(g, 5));
	patch_to_here(g, j);
}

static void gen_if_else(struct gen *g, unsigned int depth)
{
	unsigned int j = gen_cond_jump(g), over;

	gen_block(g, depth + 1, 1 + rnd(g, 4));
	over = gen_goto(g);
	patch_to_here(g, j);
	gen_block(g, depth + 1, 1 + rnd(g, 4));
	patch_to_here(g, over);
}

/*
 * for (r9 = K; r9 != 0; r9--) body. The counter is a known constant, so
 * Linux's verifier walks every iteration and accepts the back edge.
 */
static void gen_loop(struct gen *g, unsigned int depth)
{
	unsigned int head;
	int32_t delta;

	emit(g, BPF_ALU64 | BPF_MOV | BPF_K, REG_LOOP, 0, 0, 1 + (int32_t)rnd(g, 6));
	head = g->p->len;
	g->in_loop = true;
	gen_block(g, depth + 1, 2 + rnd(g, 6));
	g->in_loop = false;
	emit(g, BPF_ALU64 | BPF_ADD | BPF_K, REG_LOOP, 0, 0, -1);
	delta = (int32_t)head - (int32_t)g->p->len - 1;
	emit(g, (chance(g, 50) ? BPF_JMP : BPF_JMP32) | BPF_JNE | BPF_K, REG_LOOP, 0,
	     (int16_t)delta, 0);
}

static void gen_stmt(struct gen *g, unsigned int depth)
{
	unsigned int k = rnd(g, 100);

	/*
	 * Branches inside a loop body multiply the paths Linux's verifier walks
	 * (it walks every iteration): keep them rare and unnested there.
	 */
	if (k >= 80 && (depth >= MAX_DEPTH || (g->in_loop && (depth > 1 || chance(g, 60)))))
		k = rnd(g, 80);
	if (k < 40)
		gen_alu(g);
	else if (k < 45)
		gen_end(g);
	else if (k < 48)
		emit_lddw(g, dst_scalar(g), rnd_imm64(g));
	else if (k < 55)
		gen_load(g);
	else if (k < 58 && g->pkt_range)
		gen_var_access(g);
	else if (k < 58)
		gen_load(g);
	else if (k < 68)
		gen_store(g);
	else if (k < 76)
		gen_atomic(g);
	else if (k < 80)
		gen_alu(g);
	else if (k < 89)
		gen_if(g, depth);
	else if (k < 95)
		gen_if_else(g, depth);
	else if (k < 97 && g->can_call && g->ncalls < MAX_CALLS)
		gen_call(g);
	else if (k < 98 && g->p->ctx_reg && g->pkt_range && g->nhelpers < MAX_HELPERS)
		gen_xdp_helper(g);
	else if (k < 99 && g->p->map_value_size && g->pkt_range && g->nlookups < MAX_LOOKUPS)
		gen_map_access(g);
	else if (!g->in_loop && depth == 0)
		gen_loop(g, depth);
	else
		gen_alu(g);
}

/* Up to @stmts statements, fewer once the program reaches its length limit. */
static void gen_block(struct gen *g, unsigned int depth, unsigned int stmts)
{
	while (stmts-- && g->p->len < g->limit)
		gen_stmt(g, depth);
}

/* Keep the context if needed, check the packet, give the stack and scalars values. */
static void gen_prologue(struct gen *g)
{
	unsigned int i;

	if (g->p->ctx_reg)
		emit(g, BPF_ALU64 | BPF_MOV | BPF_X, REG_CTX, 1, 0, 0);
	gen_pkt_check(g);
	for (i = 8; i <= g->stack_size; i += 8)
		emit(g, BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, (int16_t) - (int)i, rnd_imm(g));
	for (i = 0; i < g->nregs; i++) {
		uint8_t r = g->regs[i];

		switch (rnd(g, 4)) {
		case 0:
			emit_lddw(g, r, rnd_imm64(g));
			break;
		case 1:
			emit(g, BPF_LDX | BPF_MEM | BPF_DW, r, REG_PKT, pkt_off(g, 8), 0);
			break;
		case 2:
			emit(g, BPF_ALU | BPF_MOV | BPF_K, r, 0, 0, rnd_imm(g));
			break;
		default:
			emit(g, BPF_ALU64 | BPF_MOV | BPF_K, r, 0, 0, rnd_imm(g));
		}
	}
	init_atomic_slots(g, 0);
}

/* r0 = r0 * K ^ the stack slot at r10 + @off (clobbers r1). */
static void fold_slot(struct gen *g, int off)
{
	emit(g, BPF_LDX | BPF_MEM | BPF_DW, 1, BPF_REG_10, (int16_t)off, 0);
	emit(g, BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, (int32_t)0x9e3779b1);
	emit(g, BPF_ALU64 | BPF_XOR | BPF_X, 0, 1, 0, 0);
}

/* r0 = a hash of the frame's scalars and stack slots (clobbers r1). */
static void gen_fold(struct gen *g)
{
	unsigned int i;
	int off;

	for (i = 1; i < g->nregs; i++) {
		emit(g, BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, (int32_t)0x9e3779b1);
		emit(g, BPF_ALU64 | BPF_XOR | BPF_X, 0, g->regs[i], 0, 0);
	}
	for (i = 8; i <= g->stack_size; i += 8)
		fold_slot(g, -(int)i);
	for (off = GEN_ATOMIC_OFF; off < GEN_ATOMIC_OFF + GEN_ATOMIC_SIZE; off += 8)
		fold_slot(g, off);
}

/* r0 = r0 hashed with every map value (r9 keeps the hash over the calls). */
static void fold_map(struct gen *g)
{
	unsigned int key, w, j;

	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 9, 0, 0, 0);
	for (key = 0; key < g->p->map_max_entries; key++) {
		emit(g, BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, OFF_KEY, (int32_t)key);
		emit_lookup(g);
		j = emit(g, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0);
		for (w = 0; w < g->p->map_value_size; w += 8) {
			emit(g, BPF_LDX | BPF_MEM | BPF_DW, 1, 0, (int16_t)w, 0);
			emit(g, BPF_ALU64 | BPF_MUL | BPF_K, 9, 0, 0, (int32_t)0x9e3779b1);
			emit(g, BPF_ALU64 | BPF_XOR | BPF_X, 9, 1, 0, 0);
		}
		patch_to_here(g, j);
	}
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 0, 9, 0, 0);
}

/* Fold the state into r0, store it, return it; then "short". */
static void gen_epilogue(struct gen *g)
{
	unsigned int i;

	gen_fold(g);
	if (g->p->map_value_size)
		fold_map(g);
	emit(g, BPF_STX | BPF_MEM | BPF_DW, REG_PKT, 0, 0, 0);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 0, 0);
	emit(g, BPF_ALU64 | BPF_RSH | BPF_K, 1, 0, 0, 32);
	emit(g, BPF_ALU64 | BPF_XOR | BPF_X, 0, 1, 0, 0);
	emit(g, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	for (i = 0; i < g->nshorts; i++)
		patch_to_here(g, g->shorts[i]);
	emit(g, BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 2 /* XDP_PASS */);
	emit(g, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

/*
 * The subprogram main calls: its own initialised stack, r0 and r6..r9 set
 * (r1..r5 are the arguments), a body of statements without the packet, then
 * the fold into r0. Patches every call to point at it.
 */
static void gen_subprog(struct gen *g)
{
	static const uint8_t set[] = { 0, 6, 7, 8, 9 };
	unsigned int start = g->p->len, i;

	g->regs = sub_regs;
	g->nregs = sizeof(sub_regs);
	g->pkt_range = 0;
	g->can_call = false;
	g->stack_size = 8 * (1 + rnd(g, MAX_STACK / 8));
	for (i = 8; i <= g->stack_size; i += 8)
		emit(g, BPF_ST | BPF_MEM | BPF_DW, BPF_REG_10, 0, (int16_t) - (int)i, rnd_imm(g));
	for (i = 0; i < sizeof(set); i++) {
		if (chance(g, 30))
			emit_lddw(g, set[i], rnd_imm64(g));
		else
			emit(g, BPF_ALU64 | BPF_MOV | BPF_K, set[i], 0, 0, rnd_imm(g));
	}
	init_atomic_slots(g, 1);
	g->limit = g->p->len + 10 + rnd(g, 40);
	gen_block(g, 0, 1000);
	gen_fold(g);
	emit(g, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	for (i = 0; i < g->ncalls; i++)
		g->p->insns[g->calls[i]].imm = (int32_t)start - (int32_t)g->calls[i] - 1;
}

/* The packet: random bytes, usually at least N long, sometimes shorter. */
static void gen_packet(struct gen *g)
{
	struct gen_prog *p = g->p;
	unsigned int i, len;

	if (chance(g, 5))
		len = 14 + rnd(g, g->pkt_range - 14 + 1); /* may fail the bounds check */
	else
		len = g->pkt_range + rnd(g, GEN_MAX_PKT - g->pkt_range + 1);
	if (len > GEN_MAX_PKT)
		len = GEN_MAX_PKT;
	for (i = 0; i < len; i++)
		p->pkt[i] = (uint8_t)rnd64(g);
	p->pkt_len = len;
}

void gen_xdp_prog(uint64_t seed, struct gen_prog *p)
{
	struct gen g = { .rng = seed, .p = p, .regs = scalar_regs, .nregs = sizeof(scalar_regs) };
	p->len = 0;
	p->ctx_reg = 0;
	p->map_value_size = 0;
	p->map_max_entries = 0;
	g.can_call = chance(&g, 25);
	if (chance(&g, 25)) {
		p->map_value_size = 8 * (1 + rnd(&g, 8));
		p->map_max_entries = 1 + rnd(&g, 4);
	}
	if (chance(&g, 30)) {
		p->ctx_reg = REG_CTX;
		g.regs = helper_regs;
		g.nregs = sizeof(helper_regs);
	}
	g.pkt_range = 16 + rnd(&g, 113); /* 16..128 bytes */
	g.stack_size = 8 * (1 + rnd(&g, MAX_STACK / 8)); /* 8..64 bytes */
	/* Now and then a long one: far jumps for the JIT's rel8/rel32 choice. */
	g.limit = chance(&g, 5) ? 300 + rnd(&g, 500) : 40 + rnd(&g, 200);
	gen_prologue(&g);
	p->body_start = p->len;
	p->stack_size = g.stack_size;
	gen_block(&g, 0, 1000);
	p->body_end = p->len;
	gen_epilogue(&g);
	gen_packet(&g);
	if (g.ncalls)
		gen_subprog(&g);
}
