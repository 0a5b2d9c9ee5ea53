// SPDX-License-Identifier: GPL-2.0
/*
 * vgen: the seeded generator of the verifier differential corpus. It writes
 * plausible XDP and socket-filter programs, each a .s file in the
 * verifier-log syntax of lib/bpf/asm.c with the corpus header (README.md):
 * header parsing with and without bounds checks, map lookups with and
 * without null checks, stack use, loops bounded and not, subprograms,
 * helpers with good and bad arguments, scalar-bounds chains, ctx accesses,
 * and one-token mutations of all those; about 7% (no loops) load with
 * CAP_BPF only ("; priv: bpf"). The generator does not decide
 * safety: each file's "; intent:" line is only what the family meant to
 * produce; Linux (vlinux) and our verifier decide.
 *
 *   vgen [--seed S] [--count N] OUTDIR
 *
 * Program i depends only on (S, i), so any one program can be regenerated.
 * Jumps and calls are written as "goto pc+N" / "call pc+N" (no labels).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GMAX_LINES 512
#define GMAX_LABELS 64
#define GLINE 96

/* A program under construction: text lines, each one or two instruction slots. */
struct gprog {
	char text[GMAX_LINES][GLINE];
	int target[GMAX_LINES]; /* label the line jumps or calls to, or -1 */
	int slots[GMAX_LINES];
	int label_line[GMAX_LABELS]; /* line index the label is placed before */
	int n, nlabels;
	const char *type; /* "xdp" or "socket_filter" */
	char maps[128];
	const char *intent; /* what the family meant: accept, reject or either */
	bool cap_bpf; /* load with CAP_BPF only ("; priv: bpf"): the pointer-leak rules */
};

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % n : 0;
}

static bool chance(int percent)
{
	return (int)rnd(100) < percent;
}

static void vadd(struct gprog *p, int slots, int target, const char *fmt, va_list ap)
{
	if (p->n == GMAX_LINES)
		return; /* a family never gets near; truncation would only give a reject */
	vsnprintf(p->text[p->n], GLINE, fmt, ap);
	p->slots[p->n] = slots;
	p->target[p->n] = target;
	p->n++;
}

/* Appends one instruction. */
static void __attribute__((format(printf, 2, 3))) ins(struct gprog *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, 1, -1, fmt, ap);
	va_end(ap);
}

/* Appends an lddw (two slots). */
static void __attribute__((format(printf, 2, 3))) ins_ld64(struct gprog *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, 2, -1, fmt, ap);
	va_end(ap);
}

/* Appends a jump or call whose text ends with " pc+N" resolved to label. */
static void __attribute__((format(printf, 3, 4)))
jmp(struct gprog *p, int label, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(p, 1, label, fmt, ap);
	va_end(ap);
}

static int new_label(struct gprog *p)
{
	p->label_line[p->nlabels] = -1;
	return p->nlabels++;
}

static void place(struct gprog *p, int label)
{
	p->label_line[label] = p->n;
}

/* Slot index where line i starts. */
static int line_pc(const struct gprog *p, int i)
{
	int pc = 0;

	for (int k = 0; k < i; k++)
		pc += p->slots[k];
	return pc;
}

static void write_prog(const struct gprog *p, FILE *f, const char *family, uint64_t seed)
{
	fprintf(f, "; gen: %s seed %llu\n; type: %s\n", family, (unsigned long long)seed, p->type);
	if (p->maps[0])
		fprintf(f, "; maps: %s\n", p->maps);
	if (p->cap_bpf)
		fprintf(f, "; priv: bpf\n");
	fprintf(f, "; intent: %s\n", p->intent);
	for (int i = 0; i < p->n; i++) {
		fprintf(f, "\t%s", p->text[i]);
		if (p->target[i] >= 0) {
			int to = p->label_line[p->target[i]];
			int off = (to < 0 ? line_pc(p, p->n) + 5 : line_pc(p, to)) - line_pc(p, i) -
				  1;

			fprintf(f, " pc%+d", off);
		}
		fputc('\n', f);
	}
}

static const char *const sizes[] = { "u8", "u16", "u32", "u64" };
static const int size_bytes[] = { 1, 2, 4, 8 };

/* Ends the program: r0 = action; exit. */
static void ret(struct gprog *p, int action)
{
	ins(p, "r0 = %d", action);
	ins(p, "exit");
}

/* r2 = data, r3 = data_end from the XDP ctx in r6. */
static void load_pkt_ptrs(struct gprog *p)
{
	ins(p, "r2 = *(u32 *)(r6 +0)");
	ins(p, "r3 = *(u32 *)(r6 +4)");
}

/*
 * Emits "if data + len > data_end goto drop" in one of Linux's accepted
 * shapes, or (bad) a check on the wrong side or against the wrong pointer.
 */
static void bounds_check(struct gprog *p, int len, int drop, bool bad)
{
	ins(p, "r4 = r2");
	ins(p, "r4 += %d", len);
	switch (bad ? 3 + rnd(2) : rnd(3)) {
	case 0:
		jmp(p, drop, "if r4 > r3 goto");
		break;
	case 1:
		jmp(p, drop, "if r3 < r4 goto");
		break;
	case 2:
		jmp(p, drop, "if r4 >= r3 goto");
		break;
	case 3:
		jmp(p, drop, "if r4 < r3 goto"); /* inverted: falls through when too short */
		break;
	default:
		jmp(p, drop, "if r4 > r2 goto"); /* compares against data, not data_end */
		break;
	}
}

/* XDP header parsing: Ethernet (+ IPv4 with a variable header length). */
static void gen_parse(struct gprog *p)
{
	int drop = new_label(p), len = 14 + 20 * rnd(2) + 8 * rnd(2);
	int nreads = 1 + rnd(4), slack = chance(20) ? 1 + rnd(8) : 0;

	p->type = "xdp";
	p->intent = slack ? "reject" : "accept";
	ins(p, "r6 = r1");
	load_pkt_ptrs(p);
	bool checked = chance(90);

	if (!checked)
		p->intent = "reject"; /* no check at all */
	else
		bounds_check(p, len, drop, chance(10) && (p->intent = "reject"));
	for (int i = 0; i < nreads; i++) {
		int sz = rnd(3), off = rnd(len + slack - size_bytes[sz] + 1);

		ins(p, "r%d = *(%s *)(r2 +%d)", 5 + (i & 1), sizes[sz], off);
	}
	if (len >= 34 && chance(50)) {
		/* IPv4 options: ihl * 4 bytes, then the next header, re-checked or not */
		ins(p, "r5 = *(u8 *)(r2 +14)");
		ins(p, "r5 &= %d", chance(85) ? 15 : 255);
		ins(p, "r5 <<= 2");
		ins(p, "r2 += r5");
		if (chance(80) && checked)
			bounds_check(p, 14 + 8, drop, false);
		else
			p->intent = "reject";
		ins(p, "r0 = *(u16 *)(r2 +%d)", 14 + 2 * rnd(4));
	}
	ret(p, 2);
	if (checked) {
		place(p, drop);
		ret(p, 1);
	}
}

/* A map lookup with a key on the stack; null check and value access vary. */
static void gen_map(struct gprog *p)
{
	static const int vsizes[] = { 4, 8, 16, 64 };
	int out = new_label(p), vs = vsizes[rnd(4)], sz = rnd(4), off, null = rnd(100);

	p->type = chance(70) ? "xdp" : "socket_filter";
	p->intent = "accept";
	snprintf(p->maps, sizeof(p->maps), "%s:4:%d:16", chance(50) ? "hash" : "array", vs);
	ins(p, "r6 = r1");
	if (chance(85))
		ins(p, "*(u32 *)(r10 -4) = %u", rnd(20));
	else if (chance(50))
		ins(p, "*(u16 *)(r10 -4) = 1"), p->intent = "reject";
	else
		p->intent = "reject";
	ins(p, "r2 = r10");
	ins(p, "r2 += %d", chance(90) ? -4 : -2);
	if (chance(95))
		ins_ld64(p, "r1 = map[fd:0]");
	else
		ins(p, "r1 = r6"), p->intent = "reject";
	ins(p, "call bpf_map_lookup_elem#1");
	if (null < 75)
		jmp(p, out, "if r0 == 0 goto");
	else if (null < 85)
		jmp(p, out, "if r0 != 0 goto"), p->intent = "reject";
	else
		p->intent = "reject";
	if (size_bytes[sz] > vs)
		sz = 2;
	off = chance(80) ? (int)rnd(vs - size_bytes[sz] + 1)
			 : vs - size_bytes[sz] + 1 + (int)rnd(8);
	if (off + size_bytes[sz] > vs)
		p->intent = "reject";
	if (chance(50))
		ins(p, "r1 = *(%s *)(r0 +%d)", sizes[sz], off);
	else
		ins(p, "*(%s *)(r0 +%d) = %u", sizes[sz], off, rnd(1000));
	if (chance(30)) {
		/* a variable index into the value, masked or not */
		ins(p, "r7 = r0");
		ins(p, "call bpf_get_prandom_u32#7");
		ins(p, "r0 &= %d", chance(70) ? vs - 1 : 2 * vs - 1);
		ins(p, "r7 += r0");
		ins(p, "r0 = *(u8 *)(r7 +0)");
	}
	place(p, out);
	ret(p, 2);
}

/* Stack stores and loads of every size, some uninitialised or out of range. */
static void gen_stack(struct gprog *p)
{
	int nops = 2 + rnd(8);
	bool written[64] = { false };

	p->type = chance(50) ? "xdp" : "socket_filter";
	p->intent = "accept";
	ins(p, "r6 = r1");
	ins(p, "r7 = %u", rnd(1000));
	for (int i = 0; i < nops; i++) {
		int sz = rnd(4), slot = rnd(chance(95) ? 8 : 70), off = -8 * (slot + 1);

		if (chance(10))
			off += 8 - size_bytes[sz] * (1 + rnd(2)); /* unaligned or crossing */
		if (off < -512 || off + size_bytes[sz] > 0)
			p->intent = "reject";
		if (chance(55) || !i) {
			if (chance(50))
				ins(p, "*(%s *)(r10 %d) = %d", sizes[sz], off, (int)rnd(200) - 100);
			else
				ins(p, "*(%s *)(r10 %d) = r%d", sizes[sz], off,
				    sz == 3 && chance(50) ? 6
				    : chance(95)	  ? 7
							  : 10);
			if (slot < 64)
				written[slot] = true;
		} else {
			if (slot >= 64 || !written[slot])
				p->intent = "reject";
			ins(p, "r%d = *(%s *)(r10 %d)", 1 + rnd(5), sizes[sz], off);
		}
	}
	if (chance(30)) {
		/* spill the ctx pointer, fill it back and use it as ctx */
		ins(p, "*(u64 *)(r10 -16) = r6");
		if (chance(30))
			ins(p, "*(u8 *)(r10 -%d) = 0", 9 + rnd(8)), p->intent = "reject";
		ins(p, "r1 = *(u64 *)(r10 -16)");
		ins(p, "r0 = *(u32 *)(r1 +0)");
	}
	ret(p, chance(50) ? 1 : 2);
}

/* Loops: bounded counters (Linux >= 5.3 explores them), and unbounded ones. */
static void gen_loop(struct gprog *p)
{
	static const int bounds[] = { 2, 8, 16, 64, 100, 300, 1000, 20000 };
	int top = new_label(p), n = bounds[rnd(chance(99) ? 7 : 8)];
	int step = chance(90) ? 1 + rnd(3) : 0;
	bool w = chance(25), ne;

	p->type = chance(60) ? "xdp" : "socket_filter";
	p->intent = step && n <= 1000 ? "accept" : "reject";
	ins(p, "%c6 = 0", w ? 'w' : 'r');
	ins(p, "r7 = 0");
	if (chance(20)) {
		/* an unknown start: bounded by a mask, with < (fine) or != (may never meet) */
		ins(p, "call bpf_get_prandom_u32#7");
		ins(p, "r6 = r0");
		ins(p, "r6 &= %d", chance(70) ? 63 : 0xffff);
		p->intent = "either";
	}
	place(p, top);
	for (int i = rnd(4); i >= 0; i--)
		ins(p, "r7 %s %u", chance(70) ? "^=" : "|=", rnd(100));
	if (chance(2))
		ins(p, "r6 = 0"), p->intent = "reject"; /* reset: never terminates */
	ins(p, "%c6 += %d", w ? 'w' : 'r', step);
	/* != ends only when step divides n; otherwise the counter runs past n
	 * (the 1M-insn limit: a few such programs, they are slow for Linux too) */
	ne = chance(10) && ((step && n % step == 0) || chance(10));
	jmp(p, top, "if %c6 %s %d goto", w ? 'w' : 'r', ne ? "!=" : "<", n);
	ins(p, "r0 = r7");
	ins(p, "r0 &= 3");
	ins(p, "exit");
}

/* Emits one subprogram body at label l; a frame of `stack` bytes. */
static void subprog_body(struct gprog *p, int l, int stack, bool uses_r2, bool sets_r0)
{
	place(p, l);
	if (stack)
		ins(p, "*(u64 *)(r10 -%d) = r1", stack);
	if (uses_r2)
		ins(p, "r1 += r2");
	if (sets_r0)
		ins(p, "r0 = r1");
	ins(p, "exit");
}

/* BPF-to-BPF calls: arguments, frames, stack depth, call depth. */
static void gen_subprog(struct gprog *p)
{
	int depth = 1 + rnd(chance(85) ? 3 : 9), l[10],
	    stack = chance(80) ? 8 * (1 + rnd(16)) : 200;
	bool r2 = chance(50), r2_set = chance(85), r0_set = chance(90);

	p->type = chance(50) ? "xdp" : "socket_filter";
	p->intent = (r2 && !r2_set) || !r0_set || depth > 8 || stack * (depth + 1) > 512 ? "reject"
											 : "accept";
	for (int i = 0; i < depth; i++)
		l[i] = new_label(p);
	ins(p, "r1 = %u", rnd(50));
	if (r2 && r2_set)
		ins(p, "r2 = %u", rnd(50));
	ins(p, "*(u64 *)(r10 -%d) = r1", stack);
	jmp(p, l[0], "call");
	ins(p, "r0 &= 3");
	ins(p, "exit");
	for (int i = 0; i < depth; i++) {
		if (i + 1 < depth) {
			place(p, l[i]);
			ins(p, "*(u64 *)(r10 -%d) = r1", stack);
			if (r2 && r2_set)
				ins(p, "r2 = %u", rnd(9));
			jmp(p, l[i + 1], "call");
			ins(p, "exit");
		} else {
			subprog_body(p, l[i], stack, r2, r0_set);
		}
	}
}

/* One helper argument of the wanted kind, or (bad) a random other kind, into rN. */
static void helper_arg(struct gprog *p, int reg, char kind, bool bad)
{
	static const char kinds[] = "sckmpn";

	if (bad)
		kind = kinds[rnd(6)];
	switch (kind) {
	case 's': /* scalar */
		ins(p, "r%d = %u", reg, rnd(64));
		break;
	case 'c': /* ctx */
		ins(p, "r%d = r6", reg);
		break;
	case 'k': /* initialised stack, 16 bytes at fp-16 */
		ins(p, "r%d = r10", reg);
		ins(p, "r%d += -16", reg);
		break;
	case 'm': /* the map */
		ins_ld64(p, "r%d = map[fd:0]", reg);
		break;
	case 'p': /* uninitialised stack */
		ins(p, "r%d = r10", reg);
		ins(p, "r%d += -64", reg);
		break;
	default: /* null */
		ins(p, "r%d = 0", reg);
		break;
	}
}

/* Helpers of XDP and socket filters with their argument kinds (see helper_arg). */
static const struct {
	const char *name;
	int id;
	const char *args;
	bool xdp, skb;
} helpers[] = {
	{ "bpf_map_lookup_elem", 1, "mk", true, true },
	{ "bpf_map_update_elem", 2, "mkks", true, true },
	{ "bpf_map_delete_elem", 3, "mk", true, true },
	{ "bpf_ktime_get_ns", 5, "", true, true },
	{ "bpf_get_prandom_u32", 7, "", true, true },
	{ "bpf_get_smp_processor_id", 8, "", true, true },
	{ "bpf_redirect", 23, "ss", true, false },
	{ "bpf_skb_load_bytes", 26, "csks", false, true },
	{ "bpf_csum_diff", 28, "sksss", true, true },
	{ "bpf_xdp_adjust_head", 44, "cs", true, false },
	{ "bpf_redirect_map", 51, "mss", true, false },
	{ "bpf_xdp_adjust_meta", 54, "cs", true, false },
	{ "bpf_xdp_adjust_tail", 65, "cs", true, false },
	{ "bpf_get_socket_cookie", 46, "c", false, true },
};

/* Calls 1-3 helpers with good or bad arguments; packet pointers may go stale. */
static void gen_helper(struct gprog *p)
{
	int ncalls = 1 + rnd(3);
	bool xdp = chance(60);

	p->type = xdp ? "xdp" : "socket_filter";
	p->intent = "accept";
	snprintf(p->maps, sizeof(p->maps), "%s:4:4:16", chance(50) ? "hash" : "array");
	ins(p, "r6 = r1");
	ins(p, "*(u64 *)(r10 -16) = 0");
	ins(p, "*(u64 *)(r10 -8) = 0");
	if (xdp && chance(30)) {
		ins(p, "r7 = *(u32 *)(r6 +0)");
		ins(p, "r8 = *(u32 *)(r6 +4)");
	}
	for (int c = 0; c < ncalls; c++) {
		int h = rnd(sizeof(helpers) / sizeof(helpers[0]));
		bool bad_arg = chance(20);

		if ((xdp && !helpers[h].xdp) || (!xdp && !helpers[h].skb))
			p->intent = "reject";
		for (int a = 0; helpers[h].args[a]; a++)
			helper_arg(p, a + 1, helpers[h].args[a], bad_arg && chance(50));
		if (helpers[h].args[1] == 'k' && helpers[h].id == 28)
			ins(p, "r3 = 8"); /* csum_diff: from, from_size */
		ins(p, "call %s#%d", helpers[h].name, helpers[h].id);
		if (bad_arg)
			p->intent = "either";
	}
	if (xdp && chance(30)) {
		/* use the packet pointers loaded before the calls */
		int out = new_label(p);

		ins(p, "r4 = r7");
		ins(p, "r4 += 4");
		jmp(p, out, "if r4 > r8 goto");
		ins(p, "r0 = *(u32 *)(r7 +0)");
		place(p, out);
		p->intent = "either";
	}
	ret(p, 2);
}

static const char *const alu_ops[] = { "&=", "|=", ">>=", "<<=", "+=", "-=", "*=", "%=", "^=" };

/* A scalar through random ALU and branches, then an index into a 64-byte value. */
static void gen_alu(struct gprog *p)
{
	int out = new_label(p), nops = 1 + rnd(6);

	p->type = chance(70) ? "xdp" : "socket_filter";
	p->intent = "either";
	strcpy(p->maps, "array:4:64:4");
	ins(p, "r6 = r1");
	ins(p, "call bpf_get_prandom_u32#7");
	ins(p, "r7 = r0");
	for (int i = 0; i < nops; i++) {
		const char *op = alu_ops[rnd(9)];
		char reg = chance(25) ? 'w' : 'r';
		uint32_t imm = !strcmp(op, ">>=") || !strcmp(op, "<<=") ? rnd(40) : rnd(300);

		if (!strcmp(op, "%=") && !imm)
			imm = 7;
		if (chance(20))
			jmp(p, out, "if r7 %s %u goto", chance(50) ? ">" : "s>", rnd(128));
		else
			ins(p, "%c7 %s %u", reg, op, imm);
	}
	if (chance(50))
		jmp(p, out, "if r7 %s %u goto", chance(70) ? ">" : ">=", 32 + rnd(48));
	ins(p, "*(u32 *)(r10 -4) = 0");
	ins(p, "r2 = r10");
	ins(p, "r2 += -4");
	ins_ld64(p, "r1 = map[fd:0]");
	ins(p, "call bpf_map_lookup_elem#1");
	jmp(p, out, "if r0 == 0 goto");
	ins(p, "r0 += r7");
	ins(p, "r0 = *(u8 *)(r0 +0)");
	place(p, out);
	ret(p, 2);
}

/* Field offsets of struct xdp_md and struct __sk_buff (u32 fields and u64 ones). */
static const int xdp_fields[] = { 0, 4, 8, 12, 16, 20 };
static const int skb_fields[] = { 0,   4,   8,	 12,  16,  20,	24,  28,  32,  36,  40,	 44, 48,
				  52,  56,  60,	 64,  68,  72,	76,  80,  84,  88,  92,	 96, 100,
				  116, 132, 136, 140, 160, 164, 176, 180, 144, 152, 168, 184 };

/* A read or write of a ctx field (mostly real ones) or of a random offset. */
static void gen_ctx(struct gprog *p)
{
	bool xdp = chance(40);
	int sz = rnd(4), off;

	p->type = xdp ? "xdp" : "socket_filter";
	p->intent = "either";
	if (chance(75)) {
		off = xdp ? xdp_fields[rnd(6)] : skb_fields[rnd(sizeof(skb_fields) / sizeof(int))];
		sz = chance(80) ? 2 : rnd(4);
	} else {
		off = xdp ? rnd(32) : rnd(200);
		if (chance(70))
			off &= ~(size_bytes[sz] - 1);
	}
	if (chance(75))
		ins(p, "r0 = *(%s *)(r1 +%d)", sizes[sz], off);
	else if (chance(50))
		ins(p, "*(%s *)(r1 +%d) = r%d", sizes[sz], off, chance(70) ? 1 : 10);
	else
		ins(p, "*(%s *)(r1 +%d) = 1", sizes[sz], off);
	if (chance(20)) {
		ins(p, "r1 += %d", 4 * rnd(4));
		ins(p, "r0 = *(u32 *)(r1 +0)");
	}
	ret(p, 1);
}

static void (*const families[])(struct gprog *) = {
	gen_parse, gen_map, gen_stack, gen_loop, gen_subprog, gen_helper, gen_alu, gen_ctx,
};
static const char *const family_names[] = {
	"parse", "map", "stack", "loop", "subprog", "helper", "alu", "ctx", "mutate",
};
#define NFAMILIES 9

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * True when the digit at d may change and the line still assembles: a digit
 * of a number operand or offset, or a one-digit register number (r0-r9).
 * Not access sizes (u32), helper ids (#7) or map indexes (fd:0).
 */
static bool mutable_digit(const char *s, const char *d)
{
	const char *start = d, *end = d;

	if (!is_digit(*d))
		return false;
	while (start > s && is_digit(start[-1]))
		start--;
	while (is_digit(*end))
		end++;
	if (start == s)
		return false;
	if (start[-1] == 'r' || start[-1] == 'w')
		return end - start == 1 && (start - 1 == s || start[-2] == ' ' || start[-2] == '(');
	return start[-1] == ' ' || start[-1] == '+' || start[-1] == '-';
}

/*
 * One-token mutation of a program of another family: a register number, a
 * number or a jump offset changes, or an instruction disappears.
 */
static void mutate(struct gprog *p)
{
	int i = rnd(p->n), tries = 0;
	char *s = p->text[i], *d;

	p->intent = "either";
	if (chance(10) && p->n > 1) {
		memmove(&p->text[i], &p->text[i + 1], (p->n - i - 1) * sizeof(p->text[0]));
		memmove(&p->target[i], &p->target[i + 1], (p->n - i - 1) * sizeof(int));
		memmove(&p->slots[i], &p->slots[i + 1], (p->n - i - 1) * sizeof(int));
		p->n--;
		for (int l = 0; l < p->nlabels; l++)
			if (p->label_line[l] > i)
				p->label_line[l]--;
		return;
	}
	if (p->target[i] >= 0 && chance(30)) {
		p->label_line[p->target[i]] = rnd(p->n + 2);
		return;
	}
	do {
		d = s + rnd(strlen(s));
	} while (!mutable_digit(s, d) && ++tries < 50);
	if (mutable_digit(s, d))
		*d = (char)('0' + rnd(10));
}

/* Generates program `index` of the corpus for `seed` into p; returns its family. */
static int generate(struct gprog *p, uint64_t seed, int index)
{
	int fam = index % NFAMILIES;

	memset(p, 0, sizeof(*p));
	rng_state = (seed * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)index * 0xD1B54A32D192ED03ULL) ^ 1;
	for (int i = 0; i < 4; i++)
		rnd(1);
	if (fam < NFAMILIES - 1) {
		families[fam](p);
	} else {
		families[rnd(NFAMILIES - 1)](p);
		mutate(p);
	}
	/* not loops: without CAP_PERFMON Linux explores them to the 1M-insn limit */
	p->cap_bpf = fam != 3 && fam < NFAMILIES - 1 && chance(9);
	return fam;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	int count = 100, i = 1;
	static struct gprog p;
	char path[512];

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--count"))
			count = atoi(argv[i + 1]);
		else
			break;
	}
	if (i + 1 != argc || count < 0) {
		fprintf(stderr, "usage: vgen [--seed S] [--count N] OUTDIR\n");
		return 2;
	}
	for (int k = 0; k < count; k++) {
		int fam = generate(&p, seed, k);
		FILE *f;

		snprintf(path, sizeof(path), "%s/gen-%s-%05d.s", argv[i], family_names[fam], k);
		f = fopen(path, "w");
		if (!f) {
			perror(path);
			return 2;
		}
		write_prog(&p, f, family_names[fam], seed);
		fclose(f);
	}
	return 0;
}
