// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF verifier (Linux: kernel/bpf/verifier.c, whose behaviour, decisions
 * and log wording this follows; the code is bpfkern's own).
 *
 * bpf_check() runs in passes:
 *  1. check_subprogs: BPF-to-BPF call targets split the program into
 *     subprograms; jumps stay inside theirs; each ends in exit or jump;
 *  2. resolve_pseudo_ldimm64: opcodes known, lddw well formed, map fds resolved;
 *  3. check_cfg: depth-first walk of the control-flow graph: every insn
 *     reachable, no jump out of range or into an lddw, no loop unless
 *     privileged; marks the prune points;
 *  4. do_check: symbolic execution of every path with an abstract state
 *     (struct bpf_verifier_state), pending branches on a stack, and pruning
 *     of paths whose state is covered by one already proven safe;
 *  5. the stack-depth check over the call graph, then rewrites on success.
 * Passes 1-3 and 5 live in verifier_cfg.c, states and pruning in
 * verifier_state.c. See docs/verifier.md for a walkthrough.
 */
#include <string.h>
#include <bpfkern/btf.h>
#include <bpfkern/patch.h>
#include "verifier_internal.h"

/* ---------------------------------------------------------------------------
 * Registers.
 */

/* Linux's check_reg_arg(): a source must be initialised; r10 is never a destination. */
int check_reg_arg(struct bpf_verifier_env *env, u32 regno, bool is_src)
{
	struct bpf_reg_state *regs = cur_regs(env);

	if (regno >= MAX_BPF_REG) {
		verbose(env, "R%d is invalid\n", regno);
		return -EINVAL;
	}
	if (is_src) {
		if (regs[regno].type == NOT_INIT) {
			verbose(env, "R%d !read_ok\n", regno);
			bpf_vlog_hint(env, "r%d is read before anything was written to it", regno);
			return -EACCES;
		}
		return 0;
	}
	if (regno == BPF_REG_10) {
		verbose(env, "frame pointer is read only\n");
		bpf_vlog_hint(env, "r10 (the frame pointer) cannot be written; copy it first");
		return -EACCES;
	}
	return 0;
}

void mark_reg_unknown(struct bpf_verifier_env *env, struct bpf_reg_state *regs, u32 regno)
{
	(void)env;
	__mark_reg_unknown(&regs[regno]);
}

/* A fresh frame: r1 = ctx for the main program, r10 = its frame pointer. */
void init_func_state(struct bpf_verifier_env *env, struct bpf_func_state *state, int callsite,
		     u32 frameno, u32 subprogno)
{
	(void)env;
	memset(state, 0, FUNC_STATE_SIZE(MAX_STACK_SLOTS));
	state->callsite = callsite;
	state->frameno = frameno;
	state->subprogno = subprogno;
	for (int i = 0; i < MAX_BPF_REG; i++)
		mark_reg_not_init(&state->regs[i]);
	__mark_reg_known_zero(&state->regs[BPF_REG_10]);
	state->regs[BPF_REG_10].type = PTR_TO_STACK;
	state->regs[BPF_REG_10].frameno = frameno;
}

/* ---------------------------------------------------------------------------
 * Pass 4: do_check, one instruction at a time.
 */

static const char *const bpf_alu_string[16] = {
	"+=",  "-=", "*=", "/=", "|=",	 "&=",	   "<<=", ">>=",
	"neg", "%=", "^=", "=",	 "s>>=", "endian", "?",	  "?",
};

/* A value that must not exceed this far from a pointer's object (Linux: check_reg_sane_offset). */
static bool check_reg_sane_offset(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
				  enum bpf_reg_type type)
{
	const s64 lim = 1 << 29;
	s64 val = (s64)reg->var_off.value;

	if (tnum_is_const(reg->var_off) && (val >= lim || val <= -lim)) {
		verbose(env, "math between %s pointer and %lld is not allowed\n",
			reg_type_str(type), (long long)val);
		return false;
	}
	if (reg->off >= lim || reg->off <= -lim) {
		verbose(env, "%s pointer offset %d is not allowed\n", reg_type_str(type), reg->off);
		return false;
	}
	if (reg->smin_value == INT64_MIN) {
		verbose(env,
			"math between %s pointer and register with unbounded min value is not allowed\n",
			reg_type_str(type));
		bpf_vlog_hint(env,
			      "bound the value added to the pointer (e.g. if (x > N) goto out)");
		return false;
	}
	if (reg->smin_value >= lim || reg->smin_value <= -lim) {
		verbose(env, "value %lld makes %s pointer be out of bounds\n",
			(long long)reg->smin_value, reg_type_str(type));
		return false;
	}
	return true;
}

/*
 * Without CAP_PERFMON (Spectre v1 hardening), pointer arithmetic must keep
 * a stack pointer constant and in the frame, and a map value pointer in
 * the value (Linux: sanitize_check_bounds).
 */
static int sanitize_check_bounds(struct bpf_verifier_env *env, u32 regno,
				 const struct bpf_reg_state *dst)
{
	char tn[48];
	s64 off;

	if (env->allow_ptr_leaks)
		return 0;
	if (dst->type == PTR_TO_STACK) {
		if (!tnum_is_const(dst->var_off)) {
			tnum_strn(tn, sizeof(tn), dst->var_off);
			verbose(env,
				"R%d variable stack access prohibited for !root, var_off=%s off=%d\n",
				regno, tn, dst->off);
			return -EACCES;
		}
		off = dst->off + (s64)dst->var_off.value;
		if (off < -MAX_BPF_STACK || off > 0) {
			verbose(env,
				"R%d stack pointer arithmetic goes out of range, prohibited for !root; off=%lld\n",
				regno, (long long)off);
			return -EACCES;
		}
	} else if (dst->type == PTR_TO_MAP_VALUE &&
		   check_map_value_bounds(env, regno, dst->off, 1)) {
		verbose(env,
			"R%d pointer arithmetic of map value goes out of range, prohibited for !root\n",
			regno);
		return -EACCES;
	}
	return 0;
}

/* ptr += / -= a scalar off: the rules for which pointers allow which math. */
static int adjust_ptr_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn,
				   const struct bpf_reg_state *ptr_reg,
				   const struct bpf_reg_state *off_reg)
{
	struct bpf_reg_state *dst = &cur_regs(env)[insn->dst_reg], ptr = *ptr_reg, off = *off_reg;
	u8 op = BPF_OP(insn->code);
	bool known = tnum_is_const(off.var_off);
	s64 val = off.smin_value;

	if (BPF_CLASS(insn->code) != BPF_ALU64) {
		if (op == BPF_SUB && env->allow_ptr_leaks) {
			__mark_reg_unknown(dst);
			return 0;
		}
		verbose(env, "R%d 32-bit pointer arithmetic prohibited\n", insn->dst_reg);
		return -EACCES;
	}
	if (ptr.type & PTR_MAYBE_NULL) {
		verbose(env, "R%d pointer arithmetic on %s prohibited, null-check it first\n",
			insn->dst_reg, reg_type_str(ptr.type));
		bpf_vlog_hint(env, "test r%d against NULL before doing math on it", insn->dst_reg);
		return -EACCES;
	}
	if (ptr.type == PTR_TO_PACKET_END ||
	    (ptr.type == CONST_PTR_TO_MAP && !(known && val == 0 && op == BPF_ADD))) {
		verbose(env, "R%d pointer arithmetic on %s prohibited\n", insn->dst_reg,
			reg_type_str(ptr.type));
		return -EACCES;
	}
	if (!check_reg_sane_offset(env, &off, ptr.type) ||
	    !check_reg_sane_offset(env, &ptr, ptr.type))
		return -EINVAL;
	/* Spectre v1: without CAP_PERFMON only stack and map value pointers take a register */
	if (!env->allow_ptr_leaks && BPF_SRC(insn->code) == BPF_X &&
	    (op == BPF_ADD || op == BPF_SUB) && ptr.type != PTR_TO_STACK &&
	    ptr.type != PTR_TO_MAP_VALUE) {
		verbose(env,
			"R%d has pointer with unsupported alu operation, pointer arithmetic with it prohibited for !root\n",
			off_reg == &cur_regs(env)[insn->dst_reg] ? insn->src_reg : insn->dst_reg);
		return -EACCES;
	}
	*dst = ptr;
	if (op == BPF_AND || op == BPF_OR || op == BPF_XOR) {
		verbose(env, "R%d bitwise operator %s on pointer prohibited\n", insn->dst_reg,
			bpf_alu_string[op >> 4]);
		return -EACCES;
	}
	if (op != BPF_ADD && op != BPF_SUB) {
		verbose(env, "R%d pointer arithmetic with %s operator prohibited\n", insn->dst_reg,
			bpf_alu_string[op >> 4]);
		return -EACCES;
	}
	if (op == BPF_SUB && off_reg == &cur_regs(env)[insn->dst_reg]) {
		verbose(env, "R%d tried to subtract pointer from scalar\n", insn->dst_reg);
		return -EACCES;
	}
	if (op == BPF_SUB && ptr.type == PTR_TO_STACK) {
		verbose(env, "R%d subtraction from stack pointer prohibited\n", insn->dst_reg);
		return -EACCES;
	}
	if (op == BPF_SUB) { /* ptr - x is ptr + (-x) for the bounds below */
		struct bpf_insn neg = BPF_ALU64_IMM(BPF_NEG, 0, 0);

		adjust_scalar_min_max_vals(env, &neg, &off, off);
		val = -val;
	}
	if (known && (s64)ptr.off + val == (s64)(s32)((s64)ptr.off + val)) {
		dst->off = (s32)(ptr.off + val); /* accumulate into the fixed offset */
	} else {
		struct bpf_insn add = BPF_ALU64_REG(BPF_ADD, 0, 0);

		adjust_scalar_min_max_vals(env, &add, dst, off);
		dst->type = ptr.type;
		dst->off = ptr.off;
		dst->map_ptr = ptr.map_ptr;
		dst->frameno = ptr.frameno;
		dst->id = ptr.id;
		dst->range = ptr.range;
		if (reg_is_pkt_pointer(&ptr)) {
			dst->id = ++env->id_gen;
			if (op == BPF_ADD || off_reg->smin_value < 0)
				dst->range = 0;
		}
	}
	if (!check_reg_sane_offset(env, dst, ptr.type))
		return -EINVAL;
	return sanitize_check_bounds(env, insn->dst_reg, dst);
}

/*
 * Two scalars. "r += K" on a copy keeps it linked to the original with the
 * constant recorded, so a bound learnt on either applies to both (privileged
 * only, one constant per link, as Linux 6.10+).
 */
static int adjust_scalar_add_linked(struct bpf_verifier_env *env, const struct bpf_insn *insn,
				    struct bpf_reg_state *dst, struct bpf_reg_state src)
{
	u32 id = dst->id;
	bool link = env->bpf_capable && BPF_OP(insn->code) == BPF_ADD &&
		    BPF_CLASS(insn->code) == BPF_ALU64 && id && !(id & BPF_ADD_CONST) &&
		    tnum_is_const(src.var_off) && (s64)src.var_off.value == (s32)src.var_off.value;
	int err = adjust_scalar_min_max_vals(env, insn, dst, src);

	if (!err && link && dst->type == SCALAR_VALUE) {
		dst->id = id | BPF_ADD_CONST;
		dst->off = (s32)src.var_off.value;
	}
	return err;
}

/* dst OP= src (or imm) where at least one side may be a pointer (Linux: adjust_reg_min_max_vals). */
static int adjust_reg_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env), *dst = &regs[insn->dst_reg], src;
	u8 op = BPF_OP(insn->code);

	if (BPF_SRC(insn->code) == BPF_X) {
		src = regs[insn->src_reg];
		if (src.type != SCALAR_VALUE) {
			if (dst->type != SCALAR_VALUE) {
				if (op == BPF_SUB && env->allow_ptr_leaks) {
					__mark_reg_unknown(dst);
					return 0;
				}
				verbose(env, "R%d pointer %s pointer prohibited\n", insn->dst_reg,
					bpf_alu_string[op >> 4]);
				return -EACCES;
			}
			return adjust_ptr_min_max_vals(env, insn, &regs[insn->src_reg], dst);
		}
		if (dst->type != SCALAR_VALUE)
			return adjust_ptr_min_max_vals(env, insn, dst, &regs[insn->src_reg]);
	} else {
		memset(&src, 0, sizeof(src));
		src.type = SCALAR_VALUE;
		__mark_reg_known(&src, (u64)(s64)insn->imm);
		if (dst->type != SCALAR_VALUE)
			return adjust_ptr_min_max_vals(env, insn, dst, &src);
	}
	return adjust_scalar_add_linked(env, insn, dst, src);
}

/* Reserved-field checks of ALU instructions, with Linux's messages. */
static int check_alu_fields(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	u8 op = BPF_OP(insn->code);
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64, x = BPF_SRC(insn->code) == BPF_X;

	if (op == BPF_NEG) {
		if (x || insn->src_reg || insn->off || insn->imm)
			goto reserved;
	} else if (op == BPF_END) {
		if (insn->src_reg || insn->off ||
		    (insn->imm != 16 && insn->imm != 32 && insn->imm != 64) || (alu64 && x))
			goto reserved;
	} else if (op == BPF_MOV) {
		if (x ? insn->imm || (insn->off && insn->off != 8 && insn->off != 16 &&
				      (!alu64 || insn->off != 32))
		      : insn->src_reg || insn->off)
			goto reserved;
	} else if (op > BPF_END) {
		verbose(env, "invalid BPF_ALU opcode %x\n", op);
		return -EINVAL;
	} else if ((x ? insn->imm != 0 : insn->src_reg != 0) || (insn->off && insn->off != 1) ||
		   (insn->off == 1 && op != BPF_MOD && op != BPF_DIV)) {
		verbose(env, "BPF_ALU uses reserved fields\n");
		return -EINVAL;
	}
	return 0;
reserved:
	verbose(env, "BPF_%s uses reserved fields\n",
		op == BPF_NEG	? "NEG"
		: op == BPF_END ? "END"
				: "MOV");
	return -EINVAL;
}

/* dst = src or imm, copying register state (Linux: the BPF_MOV half of check_alu_op). */
static int check_mov(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env), *dst = &regs[insn->dst_reg];
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	int err;

	if (BPF_SRC(insn->code) == BPF_K) {
		err = check_reg_arg(env, insn->dst_reg, false);
		if (err)
			return err;
		__mark_reg_unknown(dst);
		__mark_reg_known(dst, alu64 ? (u64)(s64)insn->imm : (u32)insn->imm);
		return 0;
	}
	err = check_reg_arg(env, insn->src_reg, true) ?: check_reg_arg(env, insn->dst_reg, false);
	if (err)
		return err;
	if (regs[insn->src_reg].type != SCALAR_VALUE && (insn->off || !alu64)) {
		if (is_pointer_value(env, &regs[insn->src_reg])) {
			verbose(env, "R%d %s of pointer\n", insn->src_reg,
				insn->off ? "sign-extension part" : "partial copy");
			return -EACCES;
		}
		__mark_reg_unknown(dst);
		if (!alu64)
			zext_32_to_64(dst);
		return 0;
	}
	/* copies of a scalar share an id, so a later bound on one bounds both */
	if (regs[insn->src_reg].type == SCALAR_VALUE && !regs[insn->src_reg].id &&
	    !tnum_is_const(regs[insn->src_reg].var_off) && !insn->off &&
	    (alu64 || regs[insn->src_reg].umax_value <= 0xffffffffULL))
		regs[insn->src_reg].id = ++env->id_gen;
	*dst = regs[insn->src_reg];
	if (insn->off)
		scalar_movsx(dst, insn->off / 8, !alu64);
	else if (!alu64) {
		if (dst->umax_value > 0xffffffffULL || (dst->id & BPF_ADD_CONST))
			dst->id = 0, dst->off = 0;
		zext_32_to_64(dst);
		reg_bounds_sync(dst);
	}
	return 0;
}

/* Any ALU or ALU64 instruction (Linux: check_alu_op). */
static int check_alu_op(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	u8 op = BPF_OP(insn->code);
	int err = check_alu_fields(env, insn);

	if (err)
		return err;
	if (op == BPF_MOV)
		return check_mov(env, insn);
	if (op == BPF_NEG || op == BPF_END) {
		err = check_reg_arg(env, insn->dst_reg, true);
		if (err)
			return err;
		if (is_pointer_value(env, &regs[insn->dst_reg])) {
			verbose(env, "R%d pointer arithmetic prohibited\n", insn->dst_reg);
			return -EACCES;
		}
		err = check_reg_arg(env, insn->dst_reg, false);
		if (err)
			return err;
		if (op == BPF_NEG && regs[insn->dst_reg].type == SCALAR_VALUE)
			return adjust_scalar_min_max_vals(env, insn, &regs[insn->dst_reg],
							  regs[insn->dst_reg]);
		__mark_reg_unknown(&regs[insn->dst_reg]);
		return 0;
	}
	if (BPF_SRC(insn->code) == BPF_X && (err = check_reg_arg(env, insn->src_reg, true)))
		return err;
	err = check_reg_arg(env, insn->dst_reg, true);
	if (err)
		return err;
	if ((op == BPF_MOD || op == BPF_DIV) && BPF_SRC(insn->code) == BPF_K && !insn->imm) {
		verbose(env, "div by zero\n");
		return -EINVAL;
	}
	if ((op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH) && BPF_SRC(insn->code) == BPF_K &&
	    (insn->imm < 0 || insn->imm >= (BPF_CLASS(insn->code) == BPF_ALU64 ? 64 : 32))) {
		verbose(env, "invalid shift %d\n", insn->imm);
		return -EINVAL;
	}
	err = check_reg_arg(env, insn->dst_reg, false);
	return err ?: adjust_reg_min_max_vals(env, insn);
}

/* Calls fn on every register and spilled register of every frame of st. */
#define for_each_reg_in_state(st, reg, body)                                                     \
	for (u32 _f = 0; _f <= (st)->curframe; _f++) {                                           \
		struct bpf_func_state *_fs = (st)->frame[_f];                                    \
		for (int _i = 0; _i < MAX_BPF_REG + _fs->allocated_stack / BPF_REG_SIZE; _i++) { \
			struct bpf_reg_state *reg;                                               \
			if (_i < MAX_BPF_REG)                                                    \
				reg = &_fs->regs[_i];                                            \
			else if (_fs->stack[_i - MAX_BPF_REG].slot_type[BPF_REG_SIZE - 1] ==     \
				 STACK_SPILL)                                                    \
				reg = &_fs->stack[_i - MAX_BPF_REG].spilled_ptr;                 \
			else                                                                     \
				continue;                                                        \
			body;                                                                    \
		}                                                                                \
	}

/*
 * After a null test on the register with id: NULL (scalar 0) or the plain
 * pointer everywhere. A map-of-maps value is the inner map (typed by the
 * outer map's template); a NULL reference needs no release.
 */
static void mark_ptr_or_null_regs(struct bpf_verifier_state *st, u32 id, bool is_null)
{
	if (is_null)
		release_reference_state(st, id);
	for_each_reg_in_state(st, reg, {
		if ((reg->type & PTR_MAYBE_NULL) && reg->id == id) {
			if (is_null) {
				__mark_reg_known_zero(reg);
				reg->type = SCALAR_VALUE;
			} else {
				reg->type &= ~PTR_MAYBE_NULL;
				/* a value with a lock keeps its id: it names the lock */
				if (!(reg->type == PTR_TO_MAP_VALUE &&
				      map_has_spin_lock(reg->map_ptr)))
					reg->id = 0;
			}
			if (reg->type == PTR_TO_MAP_VALUE && reg->map_ptr->inner_map_meta) {
				reg->type = CONST_PTR_TO_MAP;
				reg->map_ptr = reg->map_ptr->inner_map_meta;
			}
		}
	});
}

/* Packet pointers of id and type are now known good for new_range bytes. */
static void find_good_pkt_pointers(struct bpf_verifier_state *st, const struct bpf_reg_state *dst,
				   bool range_right_open)
{
	int new_range = dst->off;
	enum bpf_reg_type type = dst->type;
	u32 id = dst->id;

	if (dst->off < 0 || (dst->off == 0 && range_right_open))
		return;
	if (dst->umax_value > MAX_PACKET_OFF || dst->umax_value + dst->off > MAX_PACKET_OFF)
		return;
	if (range_right_open)
		new_range++;
	for_each_reg_in_state(st, reg, {
		if (reg->type == type && reg->id == id && reg->range < new_range)
			reg->range = new_range;
	});
}

/*
 * On the side of a comparison where the packet pointer regno is known to be
 * at (or beyond, range_open) data_end, remember it: any access through it
 * fails, and later comparisons with data_end are decided (Linux: mark_pkt_end).
 */
static void mark_pkt_end(struct bpf_verifier_state *st, u32 regno, bool range_open)
{
	struct bpf_reg_state *reg = &st->frame[st->curframe]->regs[regno];

	if (reg->type == PTR_TO_PACKET)
		reg->range = range_open ? BEYOND_PKT_END : AT_PKT_END;
}

static bool is_init_pkt_pointer(const struct bpf_reg_state *reg, enum bpf_reg_type type)
{
	return reg->type == type && !reg->id && !reg->off && tnum_equals_const(reg->var_off, 0);
}

/*
 * "pkt' OP pkt_end" (or pkt_meta' against pkt) proves a range on one side
 * (Linux: try_match_pkt_pointers). this = fall-through, other = jump taken.
 */
static bool try_match_pkt_pointers(const struct bpf_insn *insn, const struct bpf_reg_state *dst,
				   const struct bpf_reg_state *src, struct bpf_verifier_state *this,
				   struct bpf_verifier_state *other)
{
	bool dst_lhs, src_lhs; /* which side holds the moving pointer */
	u8 op = BPF_OP(insn->code);

	if (BPF_SRC(insn->code) != BPF_X || BPF_CLASS(insn->code) == BPF_JMP32)
		return false;
	dst_lhs = (dst->type == PTR_TO_PACKET && src->type == PTR_TO_PACKET_END) ||
		  (dst->type == PTR_TO_PACKET_META && is_init_pkt_pointer(src, PTR_TO_PACKET));
	src_lhs = (dst->type == PTR_TO_PACKET_END && src->type == PTR_TO_PACKET) ||
		  (is_init_pkt_pointer(dst, PTR_TO_PACKET) && src->type == PTR_TO_PACKET_META);
	if (!dst_lhs && !src_lhs)
		return false;
	switch (op) {
	case BPF_JGT: /* ptr > end: fall-through has ptr <= end */
		if (dst_lhs)
			find_good_pkt_pointers(this, dst, false),
				mark_pkt_end(other, insn->dst_reg, true);
		else
			find_good_pkt_pointers(other, src, true),
				mark_pkt_end(this, insn->src_reg, false);
		return true;
	case BPF_JLT:
		if (dst_lhs)
			find_good_pkt_pointers(other, dst, true),
				mark_pkt_end(this, insn->dst_reg, false);
		else
			find_good_pkt_pointers(this, src, false),
				mark_pkt_end(other, insn->src_reg, true);
		return true;
	case BPF_JGE:
		if (dst_lhs)
			find_good_pkt_pointers(this, dst, true),
				mark_pkt_end(other, insn->dst_reg, false);
		else
			find_good_pkt_pointers(other, src, false),
				mark_pkt_end(this, insn->src_reg, true);
		return true;
	case BPF_JLE:
		if (dst_lhs)
			find_good_pkt_pointers(other, dst, false),
				mark_pkt_end(this, insn->dst_reg, true);
		else
			find_good_pkt_pointers(this, src, true),
				mark_pkt_end(other, insn->src_reg, false);
		return true;
	default:
		return false;
	}
}

/* reg = known + (reg's constant - known's constant), keeping reg's link. */
static void sync_linked_reg(struct bpf_reg_state *reg, const struct bpf_reg_state *known)
{
	u32 id = reg->id;
	s32 off = reg->off;
	struct bpf_reg_state delta;
	struct bpf_insn add = BPF_ALU64_REG(BPF_ADD, 0, 0);

	*reg = *known;
	reg->id = id;
	reg->off = off;
	if (off == known->off)
		return;
	memset(&delta, 0, sizeof(delta));
	delta.type = SCALAR_VALUE;
	__mark_reg_known(&delta, (u64)(s64)((s64)off - known->off));
	adjust_scalar_min_max_vals(NULL, &add, reg, delta);
	reg->id = id;
	reg->off = off;
}

/* Copies the refined bounds of a scalar to every register sharing its id. */
static void sync_linked_regs(struct bpf_verifier_state *st, const struct bpf_reg_state *known)
{
	u32 base = known->id & ~BPF_ADD_CONST;

	if (known->type != SCALAR_VALUE || !base)
		return;
	for_each_reg_in_state(st, reg, {
		if (reg->type == SCALAR_VALUE && (reg->id & ~BPF_ADD_CONST) == base && reg != known)
			sync_linked_reg(reg, known);
	});
}

/* Narrows both sides of a scalar comparison; false when the jump side is impossible. */
static int refine_branches(struct bpf_verifier_env *env, const struct bpf_insn *insn,
			   struct bpf_reg_state *src_fake, struct bpf_verifier_state *other,
			   bool *this_dead, bool *other_dead)
{
	struct bpf_reg_state *regs = cur_regs(env);
	struct bpf_reg_state *o_regs = other->frame[other->curframe]->regs;
	bool x = BPF_SRC(insn->code) == BPF_X, jmp32 = BPF_CLASS(insn->code) == BPF_JMP32;
	struct bpf_reg_state *t_dst = &regs[insn->dst_reg], *o_dst = &o_regs[insn->dst_reg];
	struct bpf_reg_state o_fake = *src_fake, t_fake = *src_fake;
	struct bpf_reg_state *t_src = x ? &regs[insn->src_reg] : &t_fake;
	struct bpf_reg_state *o_src = x ? &o_regs[insn->src_reg] : &o_fake;
	u8 op = BPF_OP(insn->code);

	(void)env;
	if (t_dst->type != SCALAR_VALUE || t_src->type != SCALAR_VALUE)
		return 0;
	*other_dead = !regs_refine_cond_op(o_dst, o_src, op, jmp32);
	*this_dead = !regs_refine_cond_op(t_dst, t_src, rev_opcode(op), jmp32);
	sync_linked_regs(other, o_dst);
	sync_linked_regs(env->cur_state, t_dst);
	if (x) {
		sync_linked_regs(other, o_src);
		sync_linked_regs(env->cur_state, t_src);
	}
	return 0;
}

/* Drops the state pushed last (its path turned out impossible). */
static void discard_pushed(struct bpf_verifier_env *env)
{
	struct bpf_verifier_stack_elem *elem = env->head;

	env->head = elem->next;
	env->stack_size--;
	update_branch_counts(elem->st.parent);
	free_verifier_state(&elem->st, false);
	kfree(elem);
}

/*
 * Without CAP_PERFMON the CPU may still run the side of a jump the bounds
 * rule out (Spectre v1): that side is pushed as a speculative path, with
 * the compared registers unknown, since their bounds are what it contradicts
 * (Linux: sanitize_speculative_path). NULL when it could not be pushed.
 */
static struct bpf_verifier_state *sanitize_speculative_path(struct bpf_verifier_env *env,
							    const struct bpf_insn *insn,
							    int next_idx, int curr_idx)
{
	struct bpf_verifier_state *branch = push_stack(env, next_idx, curr_idx, true);
	struct bpf_reg_state *regs;

	if (!branch)
		return NULL;
	regs = branch->frame[branch->curframe]->regs;
	mark_reg_unknown(env, regs, insn->dst_reg);
	if (BPF_SRC(insn->code) == BPF_X)
		mark_reg_unknown(env, regs, insn->src_reg);
	return branch;
}

/* A conditional jump (Linux: check_cond_jmp_op); *insn_idx moves when only the jump is taken. */
static int check_cond_jmp_op(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx,
			     bool *path_dead)
{
	struct bpf_reg_state *regs = cur_regs(env), *dst = &regs[insn->dst_reg], fake, *src;
	bool jmp32 = BPF_CLASS(insn->code) == BPF_JMP32, this_dead = false, other_dead = false;
	u8 op = BPF_OP(insn->code);
	struct bpf_verifier_state *other;
	int err, pred;

	if (op > BPF_JSLE) {
		verbose(env, "invalid BPF_JMP/JMP32 opcode %x\n", op);
		return -EINVAL;
	}
	err = check_reg_arg(env, insn->dst_reg, true);
	if (err)
		return err;
	if (BPF_SRC(insn->code) == BPF_X) {
		if (insn->imm) {
			verbose(env, "BPF_JMP/JMP32 uses reserved fields\n");
			return -EINVAL;
		}
		err = check_reg_arg(env, insn->src_reg, true);
		if (err)
			return err;
		src = &regs[insn->src_reg];
		if (!(reg_is_pkt_pointer(dst) || dst->type == PTR_TO_PACKET_END ||
		      reg_is_pkt_pointer(src) || src->type == PTR_TO_PACKET_END) &&
		    is_pointer_value(env, src)) {
			verbose(env, "R%d pointer comparison prohibited\n", insn->src_reg);
			return -EACCES;
		}
	} else {
		if (insn->src_reg) {
			verbose(env, "BPF_JMP/JMP32 uses reserved fields\n");
			return -EINVAL;
		}
		memset(&fake, 0, sizeof(fake));
		fake.type = SCALAR_VALUE;
		__mark_reg_known(&fake, (u64)(s64)insn->imm);
		src = &fake;
	}
	pred = is_branch_taken(dst, src, op, jmp32);
	env->branch_decided = pred >= 0; /* Linux's trace shows no state then */
	if (pred >= 0 && !env->bypass_spec_v1 &&
	    !sanitize_speculative_path(env, insn, pred ? *insn_idx + 1 : *insn_idx + insn->off + 1,
				       *insn_idx))
		return -ENOMEM;
	if (pred == 1) {
		*insn_idx += insn->off;
		return 0;
	}
	if (pred == 0)
		return 0;
	other = push_stack(env, *insn_idx + insn->off + 1, *insn_idx, false);
	if (!other)
		return -ENOMEM;
	err = refine_branches(env, insn, src, other, &this_dead, &other_dead);
	if (err)
		return err;
	if (!jmp32 && BPF_SRC(insn->code) == BPF_K && !insn->imm &&
	    (op == BPF_JEQ || op == BPF_JNE) && (dst->type & PTR_MAYBE_NULL)) {
		u32 id = dst->id;

		mark_ptr_or_null_regs(env->cur_state, id, op == BPF_JNE);
		mark_ptr_or_null_regs(other, id, op == BPF_JEQ);
	} else if (!try_match_pkt_pointers(insn, dst, src, env->cur_state, other) &&
		   is_pointer_value(env, dst)) {
		verbose(env, "R%d pointer comparison prohibited\n", insn->dst_reg);
		return -EACCES;
	}
	if (other_dead)
		discard_pushed(env);
	*path_dead = this_dead;
	return 0;
}

/*
 * lddw of a subprogram's address (BPF_PSEUDO_FUNC): dst becomes PTR_TO_FUNC
 * naming the subprogram. Linux wants BTF func_info saying the subprogram is
 * static ("missing btf func_info", "callback function not static": -EINVAL).
 */
static int check_ld_func(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx)
{
	struct bpf_reg_state *dst = &cur_regs(env)[insn->dst_reg];
	int subprog = find_subprog(env, (int)idx + insn->imm + 1);
	const struct btf_type *t;

	if (!env->func_info) {
		verbose(env, "missing btf func_info\n");
		bpf_vlog_hint(env, "callbacks (bpf_loop, bpf_for_each_map_elem) need BTF "
				   "func_info: compile with clang -g");
		return -EINVAL;
	}
	if (subprog < 0 || (u32)subprog >= env->func_info_cnt || !env->opts->btf) {
		verbose(env, "verifier bug: no func_info for the callback at insn %d\n",
			(int)idx + insn->imm + 1);
		return -EFAULT;
	}
	t = btf_type_by_id(env->opts->btf, env->func_info[subprog].type_id);
	if (!t || BTF_INFO_VLEN(t->info) != BTF_FUNC_STATIC) {
		verbose(env, "callback function not static\n");
		bpf_vlog_hint(env, "declare the callback static");
		return -EINVAL;
	}
	__mark_reg_known_zero(dst);
	dst->type = PTR_TO_FUNC;
	dst->subprogno = (u32)subprog;
	return 0;
}

/* lddw: a 64-bit constant, or a map pointer / map value address (Linux: check_ld_imm). */
static int check_ld_imm(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx)
{
	struct bpf_reg_state *dst = &cur_regs(env)[insn->dst_reg];
	const struct bpf_insn_aux_data *aux = &env->insn_aux[idx];
	int err;

	if (BPF_SIZE(insn->code) != BPF_DW) {
		verbose(env, "invalid BPF_LD_IMM insn\n");
		return -EINVAL;
	}
	if (insn->off) {
		verbose(env, "BPF_LD_IMM64 uses reserved fields\n");
		return -EINVAL;
	}
	err = check_reg_arg(env, insn->dst_reg, false);
	if (err)
		return err;
	if (insn->src_reg == 0) {
		__mark_reg_unknown(dst);
		__mark_reg_known(dst, (u64)(u32)insn[0].imm | ((u64)(u32)insn[1].imm << 32));
		return 0;
	}
	if (insn->src_reg == BPF_PSEUDO_FUNC)
		return check_ld_func(env, insn, idx);
	__mark_reg_known_zero(dst);
	dst->map_ptr = aux->map_ptr;
	if (insn->src_reg == BPF_PSEUDO_MAP_VALUE) {
		dst->type = PTR_TO_MAP_VALUE;
		dst->off = (s32)aux->map_off;
	} else {
		dst->type = CONST_PTR_TO_MAP;
	}
	return 0;
}

/* Legacy packet loads of socket filters (Linux: check_ld_abs). */
static int check_ld_abs(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	int err;

	if (env->prog_type != BPF_PROG_TYPE_SOCKET_FILTER) {
		verbose(env, "BPF_LD_[ABS|IND] instructions not allowed for this program type\n");
		return -EINVAL;
	}
	if (insn->dst_reg != BPF_REG_0 || insn->off != 0 ||
	    (BPF_MODE(insn->code) == BPF_ABS && insn->src_reg != BPF_REG_0)) {
		verbose(env, "BPF_LD_[ABS|IND] uses reserved fields\n");
		return -EINVAL;
	}
	err = check_reg_arg(env, BPF_REG_6, true);
	if (err)
		return err;
	/* a failed load ends the program: no reference may be held */
	err = check_reference_leak(env, "BPF_LD_[ABS|IND]");
	if (err)
		return err;
	if (regs[BPF_REG_6].type != PTR_TO_CTX) {
		verbose(env, "at the time of BPF_LD_ABS|IND R6 != pointer to skb\n");
		return -EINVAL;
	}
	if (BPF_MODE(insn->code) == BPF_IND && (err = check_reg_arg(env, insn->src_reg, true)))
		return err;
	for (int i = BPF_REG_1; i <= BPF_REG_5; i++)
		mark_reg_not_init(&regs[i]);
	__mark_reg_unknown(&regs[BPF_REG_0]);
	coerce_reg_to_size(&regs[BPF_REG_0], BPF_SIZE(insn->code) == BPF_B   ? 1
					     : BPF_SIZE(insn->code) == BPF_H ? 2
									     : 4);
	return 0;
}

/* Atomic read-modify-write on memory (Linux: check_atomic). */
static int check_atomic(struct bpf_verifier_env *env, int insn_idx, const struct bpf_insn *insn)
{
	struct bpf_reg_state *regs = cur_regs(env);
	int size = BPF_SIZE(insn->code);
	int err, load_reg;

	switch (insn->imm) {
	case BPF_ADD:
	case BPF_ADD | BPF_FETCH:
	case BPF_AND:
	case BPF_AND | BPF_FETCH:
	case BPF_OR:
	case BPF_OR | BPF_FETCH:
	case BPF_XOR:
	case BPF_XOR | BPF_FETCH:
	case BPF_XCHG:
	case BPF_CMPXCHG:
		break;
	default:
		verbose(env, "BPF_ATOMIC uses invalid atomic opcode %02x\n", insn->imm);
		return -EINVAL;
	}
	err = check_reg_arg(env, insn->src_reg, true) ?: check_reg_arg(env, insn->dst_reg, true);
	if (!err && insn->imm == BPF_CMPXCHG)
		err = check_reg_arg(env, BPF_REG_0, true);
	if (err)
		return err;
	if (is_pointer_value(env, &regs[insn->src_reg]) ||
	    (insn->imm == BPF_CMPXCHG && is_pointer_value(env, &regs[BPF_REG_0]))) {
		verbose(env, "R%d leaks addr into mem\n", insn->src_reg);
		return -EACCES;
	}
	if (regs[insn->dst_reg].type == PTR_TO_CTX || reg_is_pkt_pointer(&regs[insn->dst_reg])) {
		verbose(env, "BPF_ATOMIC stores into R%d %s is not allowed\n", insn->dst_reg,
			reg_type_str(regs[insn->dst_reg].type));
		return -EACCES;
	}
	load_reg = insn->imm == BPF_CMPXCHG  ? BPF_REG_0
		   : (insn->imm & BPF_FETCH) ? insn->src_reg
					     : -1;
	err = check_mem_access(env, insn_idx, insn->dst_reg, insn->off, size, BPF_READ, load_reg);
	if (!err && load_reg >= 0 && regs[load_reg].type != SCALAR_VALUE)
		__mark_reg_unknown(&regs[load_reg]);
	return err
		       ?: check_mem_access(env, insn_idx, insn->dst_reg, insn->off, size, BPF_WRITE,
					   -1);
}

/* Loads and stores (LDX, ST, STX): fields, registers, then the access itself. */
static int check_load_store(struct bpf_verifier_env *env, int insn_idx, struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code);
	int err;

	if (cls == BPF_LDX) {
		err = check_reg_arg(env, insn->src_reg, true)
			      ?: check_reg_arg(env, insn->dst_reg, false);
		return err
			       ?: check_mem_access(env, insn_idx, insn->src_reg, insn->off,
						   BPF_SIZE(insn->code), BPF_READ, insn->dst_reg);
	}
	if (cls == BPF_STX && BPF_MODE(insn->code) == BPF_ATOMIC)
		return check_atomic(env, insn_idx, insn);
	if (cls == BPF_STX) {
		if (BPF_MODE(insn->code) != BPF_MEM || insn->imm) {
			verbose(env, "BPF_STX uses reserved fields\n");
			return -EINVAL;
		}
		err = check_reg_arg(env, insn->src_reg, true)
			      ?: check_reg_arg(env, insn->dst_reg, true);
		return err
			       ?: check_mem_access(env, insn_idx, insn->dst_reg, insn->off,
						   BPF_SIZE(insn->code), BPF_WRITE, insn->src_reg);
	}
	if (BPF_MODE(insn->code) != BPF_MEM || insn->src_reg) {
		verbose(env, "BPF_ST uses reserved fields\n");
		return -EINVAL;
	}
	err = check_reg_arg(env, insn->dst_reg, true);
	return err
		       ?: check_mem_access(env, insn_idx, insn->dst_reg, insn->off,
					   BPF_SIZE(insn->code), BPF_WRITE, -1);
}

/* BPF_JMP class except conditional jumps: call, ja, exit. *done: the path ended. */
static int check_jmp_misc(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx,
			  bool *done)
{
	u8 op = BPF_OP(insn->code);
	int err;

	if (op == BPF_CALL) {
		if (BPF_SRC(insn->code) != BPF_K || insn->off || insn->dst_reg ||
		    (insn->src_reg != 0 && insn->src_reg != BPF_PSEUDO_CALL) ||
		    BPF_CLASS(insn->code) == BPF_JMP32) {
			verbose(env, "BPF_CALL uses reserved fields\n");
			return -EINVAL;
		}
		if (env->cur_state->active_lock_map && !insn->src_reg &&
		    insn->imm != BPF_FUNC_spin_unlock) {
			verbose(env, "function calls are not allowed while holding a lock\n");
			bpf_vlog_hint(env, "call bpf_spin_unlock before any other helper");
			return -EINVAL;
		}
		if (insn->src_reg == BPF_PSEUDO_CALL)
			return check_func_call(env, insn, insn_idx);
		return check_helper_call(env, insn, insn_idx);
	}
	if (op == BPF_JA) {
		if (BPF_SRC(insn->code) != BPF_K || insn->dst_reg || insn->src_reg ||
		    (BPF_CLASS(insn->code) == BPF_JMP ? insn->imm : insn->off)) {
			verbose(env, "BPF_JA uses reserved fields\n");
			return -EINVAL;
		}
		*insn_idx += BPF_CLASS(insn->code) == BPF_JMP ? insn->off : insn->imm;
		return 0;
	}
	/* BPF_EXIT */
	if (BPF_SRC(insn->code) != BPF_K || insn->imm || insn->src_reg || insn->dst_reg ||
	    insn->off || BPF_CLASS(insn->code) == BPF_JMP32) {
		verbose(env, "BPF_EXIT uses reserved fields\n");
		return -EINVAL;
	}
	if (env->cur_state->curframe)
		return prepare_func_exit(env, insn_idx);
	err = check_return_code(env);
	if (err)
		return err;
	*done = true;
	return 0;
}

/* One instruction; *insn_idx is left at the last insn handled (the loop adds one). */
static int do_check_insn(struct bpf_verifier_env *env, int *insn_idx, bool *done)
{
	struct bpf_insn *insn = &env->insns[*insn_idx];
	u8 cls = BPF_CLASS(insn->code);
	int err;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu_op(env, insn);
	case BPF_LDX:
	case BPF_STX:
	case BPF_ST:
		return check_load_store(env, *insn_idx, insn);
	case BPF_JMP:
	case BPF_JMP32:
		env->jmps_processed++;
		if (BPF_OP(insn->code) == BPF_CALL || BPF_OP(insn->code) == BPF_JA ||
		    BPF_OP(insn->code) == BPF_EXIT)
			return check_jmp_misc(env, insn, insn_idx, done);
		return check_cond_jmp_op(env, insn, insn_idx, done);
	default: /* BPF_LD */
		if (BPF_MODE(insn->code) == BPF_ABS || BPF_MODE(insn->code) == BPF_IND)
			return check_ld_abs(env, insn);
		err = check_ld_imm(env, insn, (u32)*insn_idx);
		if (!err)
			(*insn_idx)++; /* skip the second half */
		return err;
	}
}

/* The log line of a pruned path (Linux's wording). */
static void print_safe(struct bpf_verifier_env *env, bool print_from, int prev_insn_idx,
		       int insn_idx)
{
	if (print_from)
		verbose(env, "\nfrom %d to %d%s: safe\n", prev_insn_idx, insn_idx,
			env->cur_state->speculative ? " (speculative execution)" : "");
	else
		verbose(env, "%d: safe\n", insn_idx);
}

/*
 * An error a speculative path may end with: the insn gets a speculation
 * barrier (nospec) and the program can still be safe. Resource errors are
 * not, as the next real path would meet them too (Linux:
 * error_recoverable_with_nospec).
 */
static bool error_recoverable_with_nospec(int err)
{
	return err == -EPERM || err == -EACCES || err == -EINVAL;
}

/*
 * The main loop (Linux: do_check): follows one path to its exit, then pops
 * the next pending branch, until none is left or an error is found. A
 * speculative path ends at a nospec insn or at a recoverable error.
 */
static int do_check(struct bpf_verifier_env *env)
{
	int insn_idx = 0, prev_insn_idx = -1, err;
	bool print_from = false;
	u32 frame;

	for (;;) {
		bool done = false;

		if (insn_idx < 0 || (u32)insn_idx >= env->insn_cnt) {
			verbose(env, "invalid insn idx %d insn_cnt %d\n", insn_idx, env->insn_cnt);
			return -EFAULT;
		}
		if (++env->insn_processed > BPF_COMPLEXITY_LIMIT_INSNS) {
			verbose(env, "BPF program is too large. Processed %d insn\n",
				env->insn_processed);
			bpf_vlog_hint(env, "too many paths or loop iterations to explore: simplify "
					   "the loops or bound them more tightly");
			return -E2BIG;
		}
		env->insn_idx = (u32)insn_idx;
		if (!env->cur_state->speculative) /* mispredicted runs keep no code alive */
			env->insn_aux[insn_idx].seen = true;
		if (env->insn_aux[insn_idx].prune_point) {
			err = is_state_visited(env, insn_idx);
			if (err < 0)
				return err;
			if (err == 1) {
				if (env->log.level & BPF_LOG_LEVEL)
					print_safe(env, print_from, prev_insn_idx, insn_idx);
				done = true;
				goto path_end;
			}
		}
		if (env->log.level & BPF_LOG_LEVEL) {
			if (print_from) {
				verbose(env, "\nfrom %d to %d%s:", prev_insn_idx, insn_idx,
					env->cur_state->speculative ? " (speculative execution)"
								    : "");
				print_verifier_state(env, cur_func(env));
			}
			if ((print_from && (env->log.level & BPF_LOG_LEVEL2)) ||
			    env->insn_processed == 1) {
				verbose(env, "%d:", insn_idx);
				print_verifier_state(env, cur_func(env));
			}
			print_insn(env, &env->insns[insn_idx], (u32)insn_idx);
		}
		print_from = false;
		prev_insn_idx = insn_idx;
		if (env->cur_state->speculative && env->insn_aux[insn_idx].nospec) {
			done = true; /* a barrier stops the misprediction here */
			goto path_end;
		}
		frame = env->cur_state->curframe;
		err = do_check_insn(env, &insn_idx, &done);
		if (err && env->cur_state->speculative && error_recoverable_with_nospec(err)) {
			/* Linux 6.17+: a barrier before this insn, not a rejection */
			env->insn_aux[env->insn_idx].nospec = true;
			env->hint[0] = '\0';
			env->branch_decided = false;
			done = true;
			goto path_end;
		}
		if (err) {
			if (!env->hint[0])
				bpf_vlog_hint(env, "insn %u is unsafe as written", env->insn_idx);
			return err;
		}
		if (frame == env->cur_state->curframe && !done && !env->branch_decided)
			print_insn_state(env, &env->insns[prev_insn_idx]);
		env->branch_decided = false;
		if (!done) {
			insn_idx++;
			continue;
		}
	path_end:
		update_branch_counts(env->cur_state->parent);
		env->cur_state->parent = NULL;
		err = pop_stack(env, &prev_insn_idx, &insn_idx);
		if (err == -ENOENT)
			return 0;
		if (err)
			return err;
		print_from = true;
	}
}

/* ---------------------------------------------------------------------------
 * bpf_check.
 */

/* Rewrites map lddws to the map's address (what fixups and the runtimes expect). */
static void convert_pseudo_ld_imm64(struct bpf_verifier_env *env)
{
	for (u32 i = 0; i < env->insn_cnt; i++) {
		struct bpf_insn *insn = &env->insns[i];
		const struct bpf_insn_aux_data *aux = &env->insn_aux[i];
		u64 addr;

		if (insn->code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		if (aux->map_ptr) {
			addr = (u64)(uintptr_t)aux->map_ptr;
			if (insn->src_reg == BPF_PSEUDO_MAP_VALUE)
				addr = (u64)(uintptr_t)((struct bpf_array *)aux->map_ptr)->value +
				       aux->map_off;
			insn[0].imm = (s32)(u32)addr;
			insn[1].imm = (s32)(u32)(addr >> 32);
		}
		i++;
	}
}

/* Linux's checks of the log attributes (bpf_verifier_log_attr_valid). */
static int init_log(struct bpf_verifier_env *env, const struct bpf_verifier_opts *opts)
{
	struct bpf_verifier_log *log = &env->log;

	if (!!opts->log_buf != !!opts->log_size || (opts->log_buf && !opts->log_level) ||
	    (opts->log_level & ~BPF_LOG_MASK) || (opts->log_level && !opts->log_buf) ||
	    opts->log_size > (UINT32_MAX >> 2))
		return -EINVAL;
	log->level = opts->log_level;
	log->buf = opts->log_buf;
	log->size = opts->log_size;
	if (log->buf && log->size)
		log->buf[0] = '\0';
	return 0;
}

/* The final lines: Linux's statistics, then our plain-language summary on failure. */
static void print_verification_stats(struct bpf_verifier_env *env, int err)
{
	if (env->log.level & BPF_LOG_STATS) {
		verbose(env, "verification time %llu usec\n",
			(unsigned long long)(ktime_get_ns() - env->start_time) / 1000);
		verbose(env, "stack depth ");
		for (u32 i = 0; i < env->subprog_cnt; i++)
			verbose(env, "%s%u", i ? "+" : "", env->subprog_info[i].stack_depth);
		verbose(env, "\n");
	}
	verbose(env,
		"processed %d insns (limit %d) max_states_per_insn %d total_states %d peak_states %d mark_read %d\n",
		env->insn_processed, BPF_COMPLEXITY_LIMIT_INSNS, env->max_states_per_insn,
		env->total_states, env->peak_states, env->mark_read);
	if (err && env->hint[0])
		verbose(env, "hint: insn %u: %s\n", env->insn_idx, env->hint);
}

static void fill_stats(struct bpf_verifier_env *env)
{
	struct bpf_verifier_stats *st = env->opts->stats;

	if (!st)
		return;
	st->insn_processed = env->insn_processed;
	st->max_states_per_insn = env->max_states_per_insn;
	st->total_states = env->total_states;
	st->peak_states = env->peak_states;
	st->mark_read = env->mark_read;
	st->stack_depth = env->subprog_info[0].stack_depth;
}

/* Sets up the main program's initial state: r1 = ctx, r10 = frame pointer. */
static int init_main_state(struct bpf_verifier_env *env)
{
	struct bpf_verifier_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->frame[0] = kmalloc(FUNC_STATE_SIZE(MAX_STACK_SLOTS), GFP_KERNEL);
	if (!st->frame[0]) {
		kfree(st);
		return -ENOMEM;
	}
	init_func_state(env, st->frame[0], -1, 0, 0);
	__mark_reg_known_zero(&st->frame[0]->regs[BPF_REG_1]);
	st->frame[0]->regs[BPF_REG_1].type = PTR_TO_CTX;
	env->cur_state = st;
	return 0;
}

/* The verification passes in order; 0 when the program is safe. */
static int run_passes(struct bpf_verifier_env *env)
{
	int err;

	env->insn_aux = kvzalloc((env->insn_cnt + 1) * sizeof(*env->insn_aux), GFP_KERNEL);
	env->explored_states = kvzalloc(env->insn_cnt * sizeof(*env->explored_states), GFP_KERNEL);
	if (!env->insn_aux || !env->explored_states)
		return -ENOMEM;
	err = check_subprogs(env);
	err = err ?: resolve_pseudo_ldimm64(env);
	err = err ?: check_cfg(env);
	if (!err) {
		compute_live_registers(env);
		while (compute_stack_precision(env))
			compute_live_registers(env);
	}
	if (!err && (env->log.level & BPF_LOG_LEVEL2))
		print_live_registers(env);
	err = err ?: init_main_state(env);
	err = err ?: do_check(env);
	/* as Linux, a level-1 log of an accepted program keeps only the summary */
	if (!err && !(env->log.level & BPF_LOG_LEVEL2))
		env->log.len_total = env->log.len_used = 0;
	err = err ?: check_max_stack_depth(env);
	return err;
}

/*
 * Instructions no path reaches become "goto -1" traps, so that nothing the
 * verifier did not check can run (Linux: sanitize_dead_code).
 */
static void sanitize_dead_code(struct bpf_verifier_env *env)
{
	const struct bpf_insn trap = BPF_JMP_A(-1);

	for (u32 i = 0; i < env->insn_cnt; i++) {
		bool lddw = env->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW);

		if (env->insn_aux[i].seen) {
			i += lddw; /* its second half was checked with it */
			continue;
		}
		env->insns[i] = trap;
		if (lddw)
			env->insns[++i] = trap;
	}
}

/*
 * Linux's inline map lookups (the map_gen_lookup part of do_misc_fixups):
 * in a program that will be JIT'd, a reached bpf_map_lookup_elem call that
 * always sees the same map, whose type has map_gen_lookup, becomes that
 * map's straight-line lookup. Runs after convert_pseudo_ld_imm64 (the
 * generated code takes r1 as the map's address). Back to front, so that
 * each patch leaves the indexes still to visit alone. 0 or -errno; on an
 * error the program may be half patched (the load fails).
 */
static int inline_map_lookups(struct bpf_verifier_env *env)
{
	struct bpf_insn buf[16];

	if (!env->prog->jit_requested)
		return 0;
	for (s64 i = (s64)env->insn_cnt - 1; i >= 0; i--) {
		const struct bpf_insn *insn = &env->prog->insnsi[i];
		const struct bpf_insn_aux_data *aux = &env->insn_aux[i];
		struct bpf_map *map = aux->call_map;
		int cnt, err;

		if (insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg ||
		    insn->imm != BPF_FUNC_map_lookup_elem || !aux->seen || !map ||
		    aux->call_map_poisoned || !map->ops || !map->ops->map_gen_lookup)
			continue;
		cnt = map->ops->map_gen_lookup(map, buf);
		if (cnt == -EOPNOTSUPP)
			continue;
		if (cnt <= 0 || cnt > (int)ARRAY_SIZE(buf)) {
			verbose(env, "verifier bug: map_gen_lookup gave %d insns\n", cnt);
			return -EFAULT;
		}
		err = bpf_patch_insn_single(env->prog, (u32)i, buf, (u32)cnt);
		if (err)
			return err;
	}
	env->insns = env->prog->insnsi; /* insn_cnt and insn_aux keep the verified layout */
	return 0;
}

/* Hands the results of a successful check to the program; 0 or -errno. */
static int commit_to_prog(struct bpf_verifier_env *env)
{
	struct bpf_prog_aux *aux = env->prog->aux;
	int err;

	convert_pseudo_ld_imm64(env);
	sanitize_dead_code(env);
	/* before inline_map_lookups grows the program: the record moves with it */
	err = aux ? record_ctx_accesses(env) : 0;
	err = err ?: inline_map_lookups(env);
	if (err || !aux)
		return err;
	kfree(aux->used_maps);
	aux->used_maps = env->used_maps;
	aux->used_map_cnt = env->used_map_cnt;
	env->used_maps = NULL;
	aux->stack_depth = env->subprog_info[0].stack_depth;
	return 0;
}

static void free_env(struct bpf_verifier_env *env)
{
	free_all_pending(env);
	if (env->cur_state)
		free_verifier_state(env->cur_state, true);
	free_explored_states(env);
	kvfree(env->insn_aux);
	kfree(env->used_maps);
	kfree(env);
}

int bpf_check(struct bpf_prog **progp, const struct bpf_verifier_opts *opts)
{
	struct bpf_prog *prog = *progp;
	struct bpf_verifier_env *env;
	int err, log_err;

	if (opts->prog_type != BPF_PROG_TYPE_XDP && opts->prog_type != BPF_PROG_TYPE_SOCKET_FILTER)
		return -EINVAL;
	if (opts->prog_type == BPF_PROG_TYPE_XDP && !opts->bpf_capable)
		return -EPERM; /* only socket filters load unprivileged */
	env = kzalloc(sizeof(*env), GFP_KERNEL);
	if (!env)
		return -ENOMEM;
	err = init_log(env, opts);
	if (err) {
		kfree(env);
		return err;
	}
	env->start_time = ktime_get_ns();
	env->prog = prog;
	env->insns = prog->insnsi;
	env->insn_cnt = prog->len;
	env->opts = opts;
	env->prog_type = opts->prog_type;
	env->bpf_capable = opts->bpf_capable;
	env->allow_ptr_leaks = opts->bpf_capable && !opts->cap_bpf_only; /* perfmon_capable() */
	env->allow_uninit_stack = env->allow_ptr_leaks;
	env->bypass_spec_v1 = env->allow_ptr_leaks; /* perfmon_capable() too */
	if (prog->aux && prog->aux->func_info_cnt) {
		env->func_info = prog->aux->func_info;
		env->func_info_cnt = prog->aux->func_info_cnt;
	} else if (opts->func_info_cnt) {
		env->func_info = opts->func_info;
		env->func_info_cnt = opts->func_info_cnt;
	}
	if (!env->insn_cnt) {
		err = -EINVAL;
	} else if (env->insn_cnt > (opts->bpf_capable ? BPF_MAXINSNS_PRIV : BPF_MAXINSNS_UNPRIV)) {
		bpf_vlog_hint(env, "the program has %u insns; the limit is %u", env->insn_cnt,
			      opts->bpf_capable ? BPF_MAXINSNS_PRIV : BPF_MAXINSNS_UNPRIV);
		err = -E2BIG;
	} else {
		err = run_passes(env);
	}
	if (err != -E2BIG || env->insn_processed)
		print_verification_stats(env, err);
	else if (env->hint[0])
		verbose(env, "hint: %s\n", env->hint);
	fill_stats(env);
	if (!err)
		err = commit_to_prog(env);
	log_err = bpf_vlog_finalize(&env->log);
	free_env(env);
	return err ?: log_err;
}

int bpf_verify_insns(const struct bpf_insn *insns, u32 cnt, const struct bpf_verifier_opts *opts)
{
	struct bpf_prog_aux aux;
	struct bpf_prog prog, *p = &prog;
	int err;

	memset(&prog, 0, sizeof(prog));
	memset(&aux, 0, sizeof(aux));
	prog.len = cnt;
	prog.type = opts->prog_type;
	prog.aux = &aux;
	prog.insnsi = kvmalloc((cnt ? cnt : 1) * sizeof(*insns), GFP_KERNEL);
	if (!prog.insnsi)
		return -ENOMEM;
	if (cnt)
		memcpy(prog.insnsi, insns, cnt * sizeof(*insns));
	err = bpf_check(&p, opts);
	kfree(aux.used_maps);
	kvfree(aux.ctx_access_insns);
	kvfree(prog.insnsi);
	return err;
}
