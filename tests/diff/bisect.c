// SPDX-License-Identifier: GPL-2.0
/*
 * Bisecting a disagreement (`difftest --bisect SEED`): where does the
 * program first go wrong?
 *
 * A probe inserted before main's instruction k ends the program the first
 * time execution reaches k and returns a digest of the state there:
 *
 *	if r10 == 0 goto +E	never taken; keeps the rest of the program
 *				reachable for Linux's control-flow check
 *	r0 = hash of r0..r5, r7..r9 and the initialised stack; exit
 *
 * (or one register's or stack slot's low or high half instead of the hash).
 * Jumps are re-aimed so that those that went to k reach the probe and those
 * that went past it skip it. A probe Linux never reaches returns the whole
 * program's result: those k are skipped. The first k Linux reaches whose
 * digest differs between Linux and ours is where the two states part; the
 * values of every register and stack slot there are then printed from both
 * sides.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

#define PROBE_MAX 64
#define MIX_K ((int32_t)0x9e3779b1)

static const uint8_t probe_regs[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9 };

static struct bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
	struct bpf_insn i;

	memset(&i, 0, sizeof(i));
	i.code = code;
	i.dst_reg = dst;
	i.src_reg = src;
	i.off = off;
	i.imm = imm;
	return i;
}

/* Main's stack slots: the initialised area, then the atomics' slots. */
static unsigned int nr_slots(const struct gen_prog *p)
{
	return p->stack_size / 8 + GEN_ATOMIC_SIZE / 8;
}

/* The offset from r10 of slot @i. */
static int16_t slot_off(const struct gen_prog *p, unsigned int i)
{
	if (i < p->stack_size / 8)
		return (int16_t)(-8 * (int)(i + 1));
	return (int16_t)(GEN_ATOMIC_OFF + 8 * (int)(i - p->stack_size / 8));
}

/* The probe that hashes the whole state into r0; returns its length. */
static unsigned int probe_hash(struct bpf_insn *out, const struct gen_prog *p)
{
	unsigned int n = 0, i;

	for (i = 1; i < sizeof(probe_regs); i++) {
		if (probe_regs[i] == p->ctx_reg)
			continue;
		out[n++] = insn(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, MIX_K);
		out[n++] = insn(BPF_ALU64 | BPF_XOR | BPF_X, 0, probe_regs[i], 0, 0);
	}
	for (i = 0; i < nr_slots(p); i++) {
		out[n++] = insn(BPF_LDX | BPF_MEM | BPF_DW, 1, BPF_REG_10, slot_off(p, i), 0);
		out[n++] = insn(BPF_ALU64 | BPF_MUL | BPF_K, 0, 0, 0, MIX_K);
		out[n++] = insn(BPF_ALU64 | BPF_XOR | BPF_X, 0, 1, 0, 0);
	}
	out[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, 1, 0, 0, 0);
	out[n++] = insn(BPF_ALU64 | BPF_RSH | BPF_K, 1, 0, 0, 32);
	out[n++] = insn(BPF_ALU64 | BPF_XOR | BPF_X, 0, 1, 0, 0);
	out[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

/*
 * The probe returning one half (@hi) of register @reg (>= 0) or of the
 * stack slot at r10 + @reg (< 0). Returns its length.
 */
static unsigned int probe_value(struct bpf_insn *out, int reg, int hi)
{
	unsigned int n = 0;

	if (reg < 0)
		out[n++] = insn(BPF_LDX | BPF_MEM | BPF_DW, 0, BPF_REG_10, (int16_t)reg, 0);
	else
		out[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, 0, (uint8_t)reg, 0, 0);
	if (hi)
		out[n++] = insn(BPF_ALU64 | BPF_RSH | BPF_K, 0, 0, 0, 32);
	out[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

/* Is @code a jump whose target is relative (not exit, not a helper call)? */
static int is_relative_jump(const struct bpf_insn *i)
{
	uint8_t cls = BPF_CLASS(i->code), op = BPF_OP(i->code);

	if (cls != BPF_JMP && cls != BPF_JMP32)
		return 0;
	if (op == BPF_EXIT)
		return 0;
	return op != BPF_CALL || i->src_reg == BPF_PSEUDO_CALL;
}

/* Does jump @i keep its offset in imm (ja32, calls) rather than off? */
static int target_in_imm(const struct bpf_insn *i)
{
	return BPF_OP(i->code) == BPF_CALL || i->code == (BPF_JMP32 | BPF_JA);
}

/*
 * @out = @p with the guard and @probe (@plen instructions) inserted before
 * instruction @k, every jump re-aimed. Returns 0, or -1 when it does not fit.
 */
static int insert_probe(const struct gen_prog *p, unsigned int k, const struct bpf_insn *probe,
			unsigned int plen, struct gen_prog *out)
{
	unsigned int e = plen + 1, i;

	if (p->len + e > GEN_MAX_INSNS)
		return -1;
	*out = *p;
	for (i = 0; i < p->len; i++) {
		struct bpf_insn j = p->insns[i];
		unsigned int ni = i < k ? i : i + e;
		int32_t t, nt;

		if (is_relative_jump(&j)) {
			t = (int32_t)i + 1 + (target_in_imm(&j) ? j.imm : j.off);
			nt = t <= (int32_t)k ? t : t + (int32_t)e;
			if (target_in_imm(&j))
				j.imm = nt - (int32_t)ni - 1;
			else
				j.off = (int16_t)(nt - (int32_t)ni - 1);
		}
		out->insns[ni] = j;
		if (p->insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) && i + 1 < p->len) {
			i++;
			out->insns[i < k ? i : i + e] = p->insns[i];
		}
	}
	out->insns[k] = insn(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_10, 0, (int16_t)plen, 0);
	memcpy(&out->insns[k + 1], probe, plen * sizeof(*probe));
	out->len = p->len + e;
	return 0;
}

/* Run @v on both sides. Returns 1 and fills @l, @r; 0 if Linux refused it. */
static int run_both(const struct options *o, struct scratch *s, int mode, const struct gen_prog *v,
		    struct linux_result *l, struct ours_result *r)
{
	if (run_linux(o, 0, v, l) <= 0)
		return 0;
	write_scratch(s, v);
	run_ours(o, s, mode, r);
	return 1;
}

/* Print the disassembly of @p's instructions [from, to] as comments. */
static void print_around(const struct options *o, struct scratch *s, const struct gen_prog *p,
			 unsigned int from, unsigned int to)
{
	static char text[1 << 17];
	char *argv[] = { (char *)o->bpfrun, "disasm", (char *)s->bin, NULL };
	char *line;

	write_scratch(s, p);
	run_capture(argv, text, sizeof(text));
	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long idx = strtoul(line, NULL, 10);

		if (idx >= from && idx <= to)
			say("#   %s%s\n", line, idx == to ? "    <- probe before this" : "");
	}
}

/* Print register @reg's (or stack slot's) value at @k on both sides. */
static void print_value(const struct options *o, struct scratch *s, int mode,
			const struct gen_prog *p, unsigned int k, int reg)
{
	struct bpf_insn probe[PROBE_MAX];
	uint64_t lv = 0, ov = 0;
	struct linux_result l;
	struct ours_result r;
	static struct gen_prog v;
	char name[16];
	int hi;

	for (hi = 0; hi < 2; hi++) {
		unsigned int n = probe_value(probe, reg, hi);

		if (insert_probe(p, k, probe, n, &v) || !run_both(o, s, mode, &v, &l, &r))
			return;
		lv |= (uint64_t)l.run.retval << (32 * hi);
		ov |= (uint64_t)(uint32_t)r.retval << (32 * hi);
	}
	if (reg >= 0)
		snprintf(name, sizeof(name), "r%d", reg);
	else
		snprintf(name, sizeof(name), "fp%d", reg);
	say("#   %-6s linux 0x%016" PRIx64 "  ours 0x%016" PRIx64 "%s\n", name, lv, ov,
	    lv != ov ? "  <- differs" : "");
}

int bisect(const struct options *o, struct scratch *s, uint64_t seed, int mode)
{
	struct options quiet = *o;
	struct bpf_insn probe[PROBE_MAX];
	static struct gen_prog p, v;
	struct linux_result l;
	struct ours_result r;
	unsigned int k, n, i;
	int after_lddw = 0;
	uint32_t whole;

	quiet.verbose = false;
	gen_xdp_prog(seed, &p);
	if (run_linux(&quiet, seed, &p, &l) <= 0) {
		say("# %016" PRIx64 ": Linux does not run this program\n", seed);
		return 1;
	}
	whole = l.run.retval;
	n = probe_hash(probe, &p);
	for (k = 0; k <= p.body_end; k++) {
		int skip = after_lddw;

		after_lddw = p.insns[k].code == (BPF_LD | BPF_DW | BPF_IMM);
		if (k < p.body_start || skip || insert_probe(&p, k, probe, n, &v))
			continue;
		if (run_both(&quiet, s, mode, &v, &l, &r) && l.run.retval != whole &&
		    disagreement(&l, &r))
			break;
	}
	if (k > p.body_end) {
		say("# %016" PRIx64 " %s: the states agree up to the epilogue; the difference "
		    "is in the epilogue or the subprogram\n",
		    seed, mode_names[mode]);
		return 1;
	}
	say("# %016" PRIx64 " %s: the states first differ on reaching insn %u:\n", seed,
	    mode_names[mode], k);
	print_around(o, s, &p, k > 12 ? k - 12 : 0, k);
	say("# values there (linux / ours):\n");
	for (i = 0; i < sizeof(probe_regs); i++)
		if (probe_regs[i] != p.ctx_reg)
			print_value(&quiet, s, mode, &p, k, probe_regs[i]);
	for (i = 0; i < nr_slots(&p); i++)
		print_value(&quiet, s, mode, &p, k, slot_off(&p, i));
	return 0;
}
