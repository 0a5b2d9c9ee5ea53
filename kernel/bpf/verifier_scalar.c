// SPDX-License-Identifier: GPL-2.0
/*
 * Scalar tracking: what the verifier knows about a number. A scalar register
 * carries a tnum (known bits) and eight bounds: signed and unsigned, 64-bit
 * and 32-bit (its low half). Every ALU operation computes new bounds from
 * the operands' (Linux: adjust_scalar_min_max_vals), every conditional jump
 * narrows them on each side (Linux: is_branch_taken, regs_refine_cond_op),
 * and reg_bounds_sync() makes the nine facts agree with each other.
 */
#include "verifier_internal.h"

#define S64_MIN INT64_MIN
#define S64_MAX INT64_MAX
#define U64_MAX UINT64_MAX
#define S32_MIN INT32_MIN
#define S32_MAX INT32_MAX
#define U32_MAX UINT32_MAX

void __mark_reg_unbounded(struct bpf_reg_state *reg)
{
	reg->smin_value = S64_MIN;
	reg->smax_value = S64_MAX;
	reg->umin_value = 0;
	reg->umax_value = U64_MAX;
	reg->s32_min_value = S32_MIN;
	reg->s32_max_value = S32_MAX;
	reg->u32_min_value = 0;
	reg->u32_max_value = U32_MAX;
}

/* Forgets everything about reg's pointer side: no offset, range, map or id. */
static void clear_ptr_fields(struct bpf_reg_state *reg)
{
	reg->off = 0;
	reg->range = 0;
	reg->map_ptr = NULL;
	reg->id = 0;
	reg->ref_obj_id = 0;
	reg->frameno = 0;
}

void __mark_reg_known(struct bpf_reg_state *reg, u64 imm)
{
	clear_ptr_fields(reg);
	reg->var_off = tnum_const(imm);
	reg->smin_value = reg->smax_value = (s64)imm;
	reg->umin_value = reg->umax_value = imm;
	reg->s32_min_value = reg->s32_max_value = (s32)imm;
	reg->u32_min_value = reg->u32_max_value = (u32)imm;
}

void __mark_reg_known_zero(struct bpf_reg_state *reg)
{
	__mark_reg_known(reg, 0);
}

void __mark_reg_unknown(struct bpf_reg_state *reg)
{
	clear_ptr_fields(reg);
	reg->type = SCALAR_VALUE;
	reg->var_off = tnum_unknown;
	__mark_reg_unbounded(reg);
}

void mark_reg_not_init(struct bpf_reg_state *reg)
{
	__mark_reg_unknown(reg);
	reg->type = NOT_INIT;
}

bool register_is_const(const struct bpf_reg_state *reg)
{
	return reg->type == SCALAR_VALUE && tnum_is_const(reg->var_off);
}

/* Bounds implied by the known bits. */
static void update_bounds_from_tnum(struct bpf_reg_state *reg)
{
	struct tnum t = reg->var_off, t32 = tnum_subreg(reg->var_off);

	reg->smin_value = max(reg->smin_value, (s64)(t.value | (t.mask & (u64)S64_MIN)));
	reg->smax_value = min(reg->smax_value, (s64)(t.value | (t.mask & (u64)S64_MAX)));
	reg->umin_value = max(reg->umin_value, t.value);
	reg->umax_value = min(reg->umax_value, t.value | t.mask);
	reg->s32_min_value = max(reg->s32_min_value, (s32)(t32.value | (t32.mask & (u32)S32_MIN)));
	reg->s32_max_value = min(reg->s32_max_value, (s32)(t32.value | (t32.mask & S32_MAX)));
	reg->u32_min_value = max(reg->u32_min_value, (u32)t32.value);
	reg->u32_max_value = min(reg->u32_max_value, (u32)(t32.value | t32.mask));
}

/* Signed and unsigned 32-bit bounds agree where neither range crosses a sign change. */
static void deduce_bounds32(struct bpf_reg_state *reg)
{
	/* The 64-bit range pins the low half when its high half is fixed. */
	if ((reg->umin_value >> 32) == (reg->umax_value >> 32)) {
		reg->u32_min_value = max(reg->u32_min_value, (u32)reg->umin_value);
		reg->u32_max_value = min(reg->u32_max_value, (u32)reg->umax_value);
		if ((s32)reg->umin_value <= (s32)reg->umax_value) {
			reg->s32_min_value = max(reg->s32_min_value, (s32)reg->umin_value);
			reg->s32_max_value = min(reg->s32_max_value, (s32)reg->umax_value);
		}
	}
	if ((reg->smin_value >> 32) == (reg->smax_value >> 32)) {
		if ((u32)reg->smin_value <= (u32)reg->smax_value) {
			reg->u32_min_value = max(reg->u32_min_value, (u32)reg->smin_value);
			reg->u32_max_value = min(reg->u32_max_value, (u32)reg->smax_value);
		}
		if ((s32)reg->smin_value <= (s32)reg->smax_value) {
			reg->s32_min_value = max(reg->s32_min_value, (s32)reg->smin_value);
			reg->s32_max_value = min(reg->s32_max_value, (s32)reg->smax_value);
		}
	}
	/*
	 * A 64-bit range whose high halves are consecutive and whose low halves
	 * go from negative to non-negative is still one s32 range: [-1, 1].
	 */
	if ((u32)(reg->umin_value >> 32) + 1 == (u32)(reg->umax_value >> 32) &&
	    (s32)reg->umin_value < 0 && (s32)reg->umax_value >= 0) {
		reg->s32_min_value = max(reg->s32_min_value, (s32)reg->umin_value);
		reg->s32_max_value = min(reg->s32_max_value, (s32)reg->umax_value);
	}
	if ((u32)((u64)reg->smin_value >> 32) + 1 == (u32)((u64)reg->smax_value >> 32) &&
	    (s32)reg->smin_value < 0 && (s32)reg->smax_value >= 0) {
		reg->s32_min_value = max(reg->s32_min_value, (s32)reg->smin_value);
		reg->s32_max_value = min(reg->s32_max_value, (s32)reg->smax_value);
	}
	if ((s32)reg->u32_min_value <= (s32)reg->u32_max_value) {
		reg->s32_min_value = max(reg->s32_min_value, (s32)reg->u32_min_value);
		reg->s32_max_value = min(reg->s32_max_value, (s32)reg->u32_max_value);
	}
	if ((u32)reg->s32_min_value <= (u32)reg->s32_max_value) {
		reg->u32_min_value = max(reg->u32_min_value, (u32)reg->s32_min_value);
		reg->u32_max_value = min(reg->u32_max_value, (u32)reg->s32_max_value);
	}
}

static void deduce_bounds64(struct bpf_reg_state *reg)
{
	if ((s64)reg->umin_value <= (s64)reg->umax_value) {
		reg->smin_value = max(reg->smin_value, (s64)reg->umin_value);
		reg->smax_value = min(reg->smax_value, (s64)reg->umax_value);
	}
	if ((u64)reg->smin_value <= (u64)reg->smax_value) {
		reg->umin_value = max(reg->umin_value, (u64)reg->smin_value);
		reg->umax_value = min(reg->umax_value, (u64)reg->smax_value);
	} else if (reg->umax_value < (u64)reg->smin_value) {
		/*
		 * The signed range wraps; the unsigned one meets only its
		 * non-negative end [0, smax]. Compare as unsigned: umax may be
		 * past S64_MAX (a signed min would take it as negative).
		 */
		reg->smin_value = (s64)reg->umin_value;
		reg->smax_value = (s64)min((u64)reg->smax_value, reg->umax_value);
	} else if ((u64)reg->smax_value < reg->umin_value) {
		/* ... or only its negative end */
		reg->smin_value = (s64)max(reg->umin_value, (u64)reg->smin_value);
		reg->smax_value = (s64)reg->umax_value;
	}
	/* With the high half fixed, the 32-bit bounds tighten the 64-bit ones. */
	if ((reg->umin_value >> 32) == (reg->umax_value >> 32)) {
		u64 high = reg->umin_value & ~0xffffffffULL;

		reg->umin_value = max(reg->umin_value, high | reg->u32_min_value);
		reg->umax_value = min(reg->umax_value, high | reg->u32_max_value);
	}
}

/* Known bits implied by the bounds. */
static void bound_offset(struct bpf_reg_state *reg)
{
	struct tnum t64 =
		tnum_intersect(reg->var_off, tnum_range(reg->umin_value, reg->umax_value));
	struct tnum t32 = tnum_intersect(tnum_subreg(reg->var_off),
					 tnum_range(reg->u32_min_value, reg->u32_max_value));

	reg->var_off = tnum_or(tnum_clear_subreg(t64), t32);
}

/*
 * A value whose 64-bit signed range fits in s32 and whose 32-bit signed
 * range is non-negative is exactly its 32-bit range: Linux assigns the
 * 64-bit bounds from the 32-bit ones here (__reg_deduce_mixed_bounds), which
 * can also loosen a tighter 64-bit bound. We do the same, to decide as
 * Linux does.
 */
static void deduce_bounds_mixed(struct bpf_reg_state *reg)
{
	if (reg->s32_min_value >= 0 && reg->smin_value >= S32_MIN && reg->smax_value <= S32_MAX &&
	    reg->s32_min_value <= reg->s32_max_value) {
		reg->smin_value = reg->umin_value = (u64)reg->s32_min_value;
		reg->smax_value = reg->umax_value = (u64)reg->s32_max_value;
		reg->var_off =
			tnum_intersect(reg->var_off, tnum_range(reg->umin_value, reg->umax_value));
	}
}

/*
 * When the known bits allow exactly one value within the unsigned range,
 * the register is that constant (as Linux 6.18 concludes: with the low six
 * bits known to be 47 and umax 73, the value is 47).
 */
static void bounds_single_member(struct bpf_reg_state *reg)
{
	u64 x, next;

	if (tnum_is_const(reg->var_off) || !tnum_min_ge(reg->var_off, reg->umin_value, &x) ||
	    x > reg->umax_value)
		return;
	if (x != U64_MAX && tnum_min_ge(reg->var_off, x + 1, &next) && next <= reg->umax_value)
		return; /* at least two values */
	if ((s64)x < reg->smin_value || (s64)x > reg->smax_value || (u32)x < reg->u32_min_value ||
	    (u32)x > reg->u32_max_value || (s32)x < reg->s32_min_value ||
	    (s32)x > reg->s32_max_value)
		return; /* contradictory: leave it for the feasibility check */
	reg->var_off = tnum_const(x);
	reg->umin_value = reg->umax_value = x;
	reg->smin_value = reg->smax_value = (s64)x;
	reg->u32_min_value = reg->u32_max_value = (u32)x;
	reg->s32_min_value = reg->s32_max_value = (s32)x;
}

void reg_bounds_sync(struct bpf_reg_state *reg)
{
	update_bounds_from_tnum(reg);
	deduce_bounds32(reg);
	deduce_bounds64(reg);
	deduce_bounds_mixed(reg);
	deduce_bounds32(reg);
	deduce_bounds64(reg);
	bound_offset(reg);
	update_bounds_from_tnum(reg);
	bounds_single_member(reg);
}

/* False when the bounds describe no value at all (an impossible path). */
static bool reg_bounds_valid(const struct bpf_reg_state *reg)
{
	return reg->umin_value <= reg->umax_value && reg->smin_value <= reg->smax_value &&
	       reg->u32_min_value <= reg->u32_max_value &&
	       reg->s32_min_value <= reg->s32_max_value &&
	       tnum_umin(reg->var_off) <= reg->umax_value &&
	       reg->umin_value <= tnum_umax(reg->var_off);
}

/* The 32-bit result of an ALU32 op becomes the whole register, zero-extended. */
void zext_32_to_64(struct bpf_reg_state *reg)
{
	reg->var_off = tnum_subreg(reg->var_off);
	reg->umin_value = reg->u32_min_value;
	reg->umax_value = reg->u32_max_value;
	reg->smin_value = reg->u32_min_value;
	reg->smax_value = reg->u32_max_value;
}

/* A load of size bytes (or a truncation) keeps only the low bytes of reg. */
void coerce_reg_to_size(struct bpf_reg_state *reg, int size)
{
	u64 mask = size >= 8 ? U64_MAX : (1ULL << (size * 8)) - 1;
	u64 lo = 0, hi = mask;

	if (size >= 8)
		return;
	if ((reg->umin_value & ~mask) == (reg->umax_value & ~mask)) {
		lo = reg->umin_value & mask;
		hi = reg->umax_value & mask;
	}
	reg->var_off = tnum_cast(reg->var_off, size);
	__mark_reg_unbounded(reg);
	reg->umin_value = reg->smin_value = lo;
	reg->umax_value = reg->smax_value = hi;
	reg_bounds_sync(reg);
}

/* dst = src sign-extended from its low size bytes (MOVSX / LDSX). */
static void coerce_reg_to_size_sx(struct bpf_reg_state *reg, int size)
{
	s64 lo = -(1LL << (size * 8 - 1)), hi = (1LL << (size * 8 - 1)) - 1;

	if (reg->smin_value >= lo && reg->smax_value <= hi)
		return; /* already fits: sign extension changes nothing */
	if (tnum_is_const(reg->var_off)) {
		u64 v = reg->var_off.value << (64 - size * 8);

		__mark_reg_known(reg, (u64)((s64)v >> (64 - size * 8)));
		return;
	}
	__mark_reg_unknown(reg);
	reg->smin_value = lo;
	reg->smax_value = hi;
	reg_bounds_sync(reg);
}

static void scalar_add(struct bpf_reg_state *dst, const struct bpf_reg_state *src, bool alu32)
{
	if (alu32) {
		s32 smin, smax;
		u32 umin, umax;

		if (__builtin_add_overflow(dst->s32_min_value, src->s32_min_value, &smin) ||
		    __builtin_add_overflow(dst->s32_max_value, src->s32_max_value, &smax))
			smin = S32_MIN, smax = S32_MAX;
		if (__builtin_add_overflow(dst->u32_min_value, src->u32_min_value, &umin) ||
		    __builtin_add_overflow(dst->u32_max_value, src->u32_max_value, &umax))
			umin = 0, umax = U32_MAX;
		dst->s32_min_value = smin, dst->s32_max_value = smax;
		dst->u32_min_value = umin, dst->u32_max_value = umax;
	} else {
		s64 smin, smax;
		u64 umin, umax;

		if (__builtin_add_overflow(dst->smin_value, src->smin_value, &smin) ||
		    __builtin_add_overflow(dst->smax_value, src->smax_value, &smax))
			smin = S64_MIN, smax = S64_MAX;
		if (__builtin_add_overflow(dst->umin_value, src->umin_value, &umin) ||
		    __builtin_add_overflow(dst->umax_value, src->umax_value, &umax))
			umin = 0, umax = U64_MAX;
		dst->smin_value = smin, dst->smax_value = smax;
		dst->umin_value = umin, dst->umax_value = umax;
	}
	dst->var_off = tnum_add(dst->var_off, src->var_off);
}

static void scalar_sub(struct bpf_reg_state *dst, const struct bpf_reg_state *src, bool alu32)
{
	if (alu32) {
		s32 smin, smax;

		if (__builtin_sub_overflow(dst->s32_min_value, src->s32_max_value, &smin) ||
		    __builtin_sub_overflow(dst->s32_max_value, src->s32_min_value, &smax))
			smin = S32_MIN, smax = S32_MAX;
		dst->s32_min_value = smin, dst->s32_max_value = smax;
		if (dst->u32_min_value < src->u32_max_value) {
			dst->u32_min_value = 0, dst->u32_max_value = U32_MAX;
		} else {
			dst->u32_min_value -= src->u32_max_value;
			dst->u32_max_value -= src->u32_min_value;
		}
	} else {
		s64 smin, smax;

		if (__builtin_sub_overflow(dst->smin_value, src->smax_value, &smin) ||
		    __builtin_sub_overflow(dst->smax_value, src->smin_value, &smax))
			smin = S64_MIN, smax = S64_MAX;
		dst->smin_value = smin, dst->smax_value = smax;
		if (dst->umin_value < src->umax_value) {
			dst->umin_value = 0, dst->umax_value = U64_MAX;
		} else {
			dst->umin_value -= src->umax_value;
			dst->umax_value -= src->umin_value;
		}
	}
	dst->var_off = tnum_sub(dst->var_off, src->var_off);
}

/* Products of the four corners; false when any overflows. */
static bool mul_corners(s64 a0, s64 a1, s64 b0, s64 b1, s64 *lo, s64 *hi)
{
	s64 p[4];

	if (__builtin_mul_overflow(a0, b0, &p[0]) || __builtin_mul_overflow(a0, b1, &p[1]) ||
	    __builtin_mul_overflow(a1, b0, &p[2]) || __builtin_mul_overflow(a1, b1, &p[3]))
		return false;
	*lo = min(min(p[0], p[1]), min(p[2], p[3]));
	*hi = max(max(p[0], p[1]), max(p[2], p[3]));
	return true;
}

static void scalar_mul(struct bpf_reg_state *dst, const struct bpf_reg_state *src, bool alu32)
{
	s64 lo, hi;

	if (alu32) {
		u32 umin, umax;

		if (__builtin_mul_overflow(dst->u32_min_value, src->u32_min_value, &umin) ||
		    __builtin_mul_overflow(dst->u32_max_value, src->u32_max_value, &umax))
			umin = 0, umax = U32_MAX;
		dst->u32_min_value = umin, dst->u32_max_value = umax;
		if (mul_corners(dst->s32_min_value, dst->s32_max_value, src->s32_min_value,
				src->s32_max_value, &lo, &hi) &&
		    lo >= S32_MIN && hi <= S32_MAX)
			dst->s32_min_value = (s32)lo, dst->s32_max_value = (s32)hi;
		else
			dst->s32_min_value = S32_MIN, dst->s32_max_value = S32_MAX;
	} else {
		u64 umin, umax;

		if (__builtin_mul_overflow(dst->umin_value, src->umin_value, &umin) ||
		    __builtin_mul_overflow(dst->umax_value, src->umax_value, &umax))
			umin = 0, umax = U64_MAX;
		dst->umin_value = umin, dst->umax_value = umax;
		if (mul_corners(dst->smin_value, dst->smax_value, src->smin_value, src->smax_value,
				&lo, &hi))
			dst->smin_value = lo, dst->smax_value = hi;
		else
			dst->smin_value = S64_MIN, dst->smax_value = S64_MAX;
	}
	dst->var_off = tnum_mul(dst->var_off, src->var_off);
}

/*
 * AND, OR, XOR: the known bits decide; the bounds are re-derived from them,
 * keeping the one fact each op preserves (AND can only shrink, OR only grow).
 */
static void scalar_bitwise(struct bpf_reg_state *dst, const struct bpf_reg_state *src, int op,
			   bool alu32)
{
	u64 umax = alu32 ? min(dst->u32_max_value, src->u32_max_value)
			 : min(dst->umax_value, src->umax_value);
	u64 umin = alu32 ? max(dst->u32_min_value, src->u32_min_value)
			 : max(dst->umin_value, src->umin_value);

	if (op == BPF_AND)
		dst->var_off = tnum_and(dst->var_off, src->var_off);
	else if (op == BPF_OR)
		dst->var_off = tnum_or(dst->var_off, src->var_off);
	else
		dst->var_off = tnum_xor(dst->var_off, src->var_off);
	__mark_reg_unbounded(dst);
	if (op == BPF_AND && alu32)
		dst->u32_max_value = (u32)umax;
	else if (op == BPF_AND)
		dst->umax_value = umax;
	else if (op == BPF_OR && alu32)
		dst->u32_min_value = (u32)umin;
	else if (op == BPF_OR)
		dst->umin_value = umin;
}

/* Shifts by the constant amount sh (< the operation's width). */
static void scalar_shift(struct bpf_reg_state *dst, int op, u8 sh, bool alu32)
{
	struct bpf_reg_state old = *dst;

	__mark_reg_unbounded(dst);
	if (alu32) {
		struct tnum t = tnum_subreg(old.var_off);

		if (op == BPF_LSH) {
			dst->var_off = tnum_lshift(t, sh);
			if (!sh || !(old.u32_max_value >> (32 - sh))) {
				dst->u32_min_value = old.u32_min_value << sh;
				dst->u32_max_value = old.u32_max_value << sh;
			}
		} else if (op == BPF_RSH) {
			dst->var_off = tnum_rshift(t, sh);
			dst->u32_min_value = old.u32_min_value >> sh;
			dst->u32_max_value = old.u32_max_value >> sh;
		} else {
			dst->var_off = tnum_arshift(t, sh, 32);
			dst->s32_min_value = old.s32_min_value >> sh;
			dst->s32_max_value = old.s32_max_value >> sh;
		}
		return;
	}
	if (op == BPF_LSH) {
		dst->var_off = tnum_lshift(old.var_off, sh);
		if (!sh || !(old.umax_value >> (64 - sh))) {
			dst->umin_value = old.umin_value << sh;
			dst->umax_value = old.umax_value << sh;
		}
	} else if (op == BPF_RSH) {
		dst->var_off = tnum_rshift(old.var_off, sh);
		dst->umin_value = old.umin_value >> sh;
		dst->umax_value = old.umax_value >> sh;
	} else {
		dst->var_off = tnum_arshift(old.var_off, sh, 64);
		dst->smin_value = old.smin_value >> sh;
		dst->smax_value = old.smax_value >> sh;
	}
}

/*
 * Whether the result's bounds can be computed at all (Linux:
 * is_safe_to_compute_dst_reg_range): shifts need a constant in-range
 * amount; division, modulo and byte swaps give an unknown scalar.
 */
static bool safe_to_compute(const struct bpf_insn *insn, const struct bpf_reg_state *src)
{
	u32 bits = BPF_CLASS(insn->code) == BPF_ALU64 ? 64 : 32;

	switch (BPF_OP(insn->code)) {
	case BPF_ADD:
	case BPF_SUB:
	case BPF_MUL:
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
	case BPF_NEG:
		return true;
	case BPF_LSH:
	case BPF_RSH:
	case BPF_ARSH:
		return tnum_is_const(src->var_off) && src->umax_value < bits;
	default:
		return false;
	}
}

/*
 * dst = dst OP src for two scalars (src is a constant register for BPF_K),
 * with 32-bit semantics for BPF_ALU. Returns 0; the result is always some
 * scalar.
 */
int adjust_scalar_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn,
			       struct bpf_reg_state *dst, struct bpf_reg_state src)
{
	bool alu32 = BPF_CLASS(insn->code) != BPF_ALU64;
	int op = BPF_OP(insn->code);
	struct bpf_reg_state zero;

	(void)env;
	if (!safe_to_compute(insn, &src)) {
		__mark_reg_unknown(dst); /* as Linux: not even the zero extension is known */
		return 0;
	}
	dst->id = 0;
	dst->off = 0;
	switch (op) {
	case BPF_ADD:
		scalar_add(dst, &src, alu32);
		break;
	case BPF_SUB:
		scalar_sub(dst, &src, alu32);
		break;
	case BPF_NEG: /* 0 - dst */
		__mark_reg_known_zero(&zero);
		zero.type = SCALAR_VALUE;
		scalar_sub(&zero, dst, alu32);
		*dst = zero;
		break;
	case BPF_MUL:
		scalar_mul(dst, &src, alu32);
		break;
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
		scalar_bitwise(dst, &src, op, alu32);
		break;
	default:
		scalar_shift(dst, op, (u8)src.var_off.value, alu32);
		break;
	}
	if (alu32) {
		/* the 64-bit half of the computation is meaningless: drop it */
		dst->smin_value = S64_MIN, dst->smax_value = S64_MAX;
		dst->umin_value = 0, dst->umax_value = U64_MAX;
		reg_bounds_sync(dst);
		zext_32_to_64(dst);
	} else {
		dst->s32_min_value = S32_MIN, dst->s32_max_value = S32_MAX;
		dst->u32_min_value = 0, dst->u32_max_value = U32_MAX;
	}
	reg_bounds_sync(dst);
	return 0;
}

/* MOVSX: dst = (s8/s16/s32)src, then for ALU32 zero-extended. */
void scalar_movsx(struct bpf_reg_state *dst, int size, bool alu32)
{
	coerce_reg_to_size_sx(dst, size);
	if (alu32) {
		coerce_reg_to_size(dst, 4);
	}
}

/* True when a refined scalar still describes some value. */
bool scalar_feasible(const struct bpf_reg_state *reg)
{
	return reg->type != SCALAR_VALUE || reg_bounds_valid(reg);
}

/* JLT is JGT with the operands swapped, and so on (Linux: flip_opcode). */
u8 flip_opcode(u8 opcode)
{
	switch (opcode) {
	case BPF_JGT:
		return BPF_JLT;
	case BPF_JLT:
		return BPF_JGT;
	case BPF_JGE:
		return BPF_JLE;
	case BPF_JLE:
		return BPF_JGE;
	case BPF_JSGT:
		return BPF_JSLT;
	case BPF_JSLT:
		return BPF_JSGT;
	case BPF_JSGE:
		return BPF_JSLE;
	case BPF_JSLE:
		return BPF_JSGE;
	default: /* JEQ, JNE, JSET are symmetric */
		return opcode;
	}
}

/* The condition of the fall-through side (Linux: rev_opcode); JSET becomes JSET_NOT. */
u8 rev_opcode(u8 opcode)
{
	switch (opcode) {
	case BPF_JEQ:
		return BPF_JNE;
	case BPF_JNE:
		return BPF_JEQ;
	case BPF_JSET:
		return BPF_JSET_NOT;
	case BPF_JSET_NOT:
		return BPF_JSET;
	case BPF_JGT:
		return BPF_JLE;
	case BPF_JLE:
		return BPF_JGT;
	case BPF_JGE:
		return BPF_JLT;
	case BPF_JLT:
		return BPF_JGE;
	case BPF_JSGT:
		return BPF_JSLE;
	case BPF_JSLE:
		return BPF_JSGT;
	case BPF_JSGE:
		return BPF_JSLT;
	default:
		return BPF_JSGE;
	}
}

/* The bounds of one width, as plain numbers, to compare ranges generically. */
struct range {
	u64 umin, umax;
	s64 smin, smax;
	struct tnum t;
};

static struct range reg_range(const struct bpf_reg_state *reg, bool is_jmp32)
{
	if (is_jmp32)
		return (struct range){ reg->u32_min_value, reg->u32_max_value, reg->s32_min_value,
				       reg->s32_max_value, tnum_subreg(reg->var_off) };
	return (struct range){ reg->umin_value, reg->umax_value, reg->smin_value, reg->smax_value,
			       reg->var_off };
}

/*
 * 1 if "reg1 OP reg2" holds for every value the scalars may have, 0 if it
 * holds for none, -1 if it depends.
 */
static int scalar_branch_taken(const struct range *a, const struct range *b, u8 op)
{
	switch (op) {
	case BPF_JEQ:
		if (tnum_is_const(a->t) && tnum_is_const(b->t))
			return a->t.value == b->t.value;
		if (a->umin > b->umax || a->umax < b->umin || a->smin > b->smax ||
		    a->smax < b->smin)
			return 0;
		if ((a->t.value ^ b->t.value) & ~(a->t.mask | b->t.mask))
			return 0;
		return -1;
	case BPF_JNE: {
		int r = scalar_branch_taken(a, b, BPF_JEQ);

		return r < 0 ? r : !r;
	}
	case BPF_JSET:
		if (a->t.value & b->t.value)
			return 1;
		if (!((a->t.value | a->t.mask) & (b->t.value | b->t.mask)))
			return 0;
		return -1;
	case BPF_JSET_NOT: {
		int r = scalar_branch_taken(a, b, BPF_JSET);

		return r < 0 ? r : !r;
	}
	case BPF_JGT:
		return a->umin > b->umax ? 1 : a->umax <= b->umin ? 0 : -1;
	case BPF_JGE:
		return a->umin >= b->umax ? 1 : a->umax < b->umin ? 0 : -1;
	case BPF_JSGT:
		return a->smin > b->smax ? 1 : a->smax <= b->smin ? 0 : -1;
	case BPF_JSGE:
		return a->smin >= b->smax ? 1 : a->smax < b->smin ? 0 : -1;
	default: /* JLT, JLE, JSLT, JSLE: the mirror of the above */
		return scalar_branch_taken(b, a, flip_opcode(op));
	}
}

/* Pointers that can never be NULL (Linux: reg_not_null). */
static bool reg_not_null(const struct bpf_reg_state *reg)
{
	switch ((enum bpf_reg_type)(reg->type & ~MEM_RINGBUF)) {
	case PTR_TO_CTX:
	case PTR_TO_STACK:
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MAP_KEY:
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_MEM:
	case CONST_PTR_TO_MAP:
		return true;
	default:
		return false;
	}
}

/*
 * A packet pointer already known to be at or beyond data_end, compared with
 * data_end again (Linux: is_pkt_ptr_branch_taken).
 */
static int pkt_ptr_branch_taken(const struct bpf_reg_state *reg1, const struct bpf_reg_state *reg2,
				u8 op)
{
	const struct bpf_reg_state *pkt = reg1;

	if (reg1->type == PTR_TO_PACKET_END) {
		pkt = reg2;
		op = flip_opcode(op);
	}
	if (!reg_is_pkt_pointer(pkt) || pkt->range >= 0)
		return -1;
	if ((op == BPF_JLE || op == BPF_JGT) && pkt->range == BEYOND_PKT_END)
		return op == BPF_JGT;
	if ((op == BPF_JLT || op == BPF_JGE) &&
	    (pkt->range == BEYOND_PKT_END || pkt->range == AT_PKT_END))
		return op == BPF_JGE;
	return -1;
}

/*
 * Linux's is_branch_taken(): for two scalars, from their bounds; for a
 * non-null pointer against the constant 0, JEQ never and JNE always.
 * Returns 1, 0 or -1 (unknown: explore both sides).
 */
int is_branch_taken(struct bpf_reg_state *reg1, struct bpf_reg_state *reg2, u8 opcode,
		    bool is_jmp32)
{
	struct range a, b;

	if (!is_jmp32 && (reg1->type == PTR_TO_PACKET_END || reg2->type == PTR_TO_PACKET_END))
		return pkt_ptr_branch_taken(reg1, reg2, opcode);

	if (reg_is_pointer(reg1) || reg_is_pointer(reg2)) {
		struct bpf_reg_state *ptr = reg_is_pointer(reg1) ? reg1 : reg2;
		struct bpf_reg_state *other = ptr == reg1 ? reg2 : reg1;

		if (reg_is_pointer(other) || is_jmp32 || !reg_not_null(ptr) ||
		    !register_is_const(other) || other->var_off.value)
			return -1;
		if (opcode == BPF_JEQ)
			return 0;
		if (opcode == BPF_JNE)
			return 1;
		return -1;
	}
	a = reg_range(reg1, is_jmp32);
	b = reg_range(reg2, is_jmp32);
	return scalar_branch_taken(&a, &b, opcode);
}

/* Writes a narrowed range back into the 32- or 64-bit half of reg. */
static void set_range(struct bpf_reg_state *reg, const struct range *r, bool is_jmp32)
{
	if (is_jmp32) {
		reg->u32_min_value = (u32)r->umin, reg->u32_max_value = (u32)r->umax;
		reg->s32_min_value = (s32)r->smin, reg->s32_max_value = (s32)r->smax;
		reg->var_off = tnum_with_subreg(reg->var_off, r->t);
	} else {
		reg->umin_value = r->umin, reg->umax_value = r->umax;
		reg->smin_value = r->smin, reg->smax_value = r->smax;
		reg->var_off = r->t;
	}
}

/* Narrows a and b so that "a OP b" holds (op is JGT, JGE, JSGT or JSGE). */
static void refine_greater(struct range *a, struct range *b, u8 op)
{
	bool strict = op == BPF_JGT || op == BPF_JSGT;

	if (op == BPF_JGT || op == BPF_JGE) {
		u64 lo = b->umin + strict, hi = a->umax - strict;

		if (strict && (b->umin == UINT64_MAX || a->umax == 0)) {
			a->umin = 1, a->umax = 0; /* impossible */
			return;
		}
		a->umin = max(a->umin, lo);
		b->umax = min(b->umax, hi);
	} else {
		s64 lo = b->smin + strict, hi = a->smax - strict;

		if (strict && (b->smin == INT64_MAX || a->smax == INT64_MIN)) {
			a->smin = 1, a->smax = 0;
			return;
		}
		a->smin = max(a->smin, lo);
		b->smax = min(b->smax, hi);
	}
}

/* a != b where b is the constant v: trim v off a's ends. */
static void refine_not_equal(struct range *a, u64 v, bool is_jmp32)
{
	s64 sv = is_jmp32 ? (s32)v : (s64)v;

	if (a->umin == v && a->umin != a->umax)
		a->umin++;
	else if (a->umax == v && a->umin != a->umax)
		a->umax--;
	if (a->smin == sv && a->smin != a->smax)
		a->smin++;
	else if (a->smax == sv && a->smin != a->smax)
		a->smax--;
}

static bool range_valid(const struct range *r)
{
	return r->umin <= r->umax && r->smin <= r->smax;
}

/*
 * Narrows the scalars reg1 and reg2 on the side of a branch where
 * "reg1 OP reg2" is known to hold (Linux: regs_refine_cond_op). Returns
 * false when no values satisfy it: that side of the branch is dead.
 */
bool regs_refine_cond_op(struct bpf_reg_state *reg1, struct bpf_reg_state *reg2, u8 opcode,
			 bool is_jmp32)
{
	struct range a = reg_range(reg1, is_jmp32), b = reg_range(reg2, is_jmp32);

	switch (opcode) {
	case BPF_JEQ:
		a.umin = b.umin = max(a.umin, b.umin);
		a.umax = b.umax = min(a.umax, b.umax);
		a.smin = b.smin = max(a.smin, b.smin);
		a.smax = b.smax = min(a.smax, b.smax);
		a.t = b.t = tnum_intersect(a.t, b.t);
		break;
	case BPF_JNE:
		if (tnum_is_const(b.t))
			refine_not_equal(&a, b.t.value, is_jmp32);
		else if (tnum_is_const(a.t))
			refine_not_equal(&b, a.t.value, is_jmp32);
		break;
	case BPF_JSET:
		if (tnum_is_const(b.t) && b.t.value && !(b.t.value & (b.t.value - 1)))
			a.t = tnum_or(a.t, b.t);
		break;
	case BPF_JSET_NOT:
		if (tnum_is_const(b.t))
			a.t = tnum_and(a.t, tnum_const(~b.t.value));
		else if (tnum_is_const(a.t))
			b.t = tnum_and(b.t, tnum_const(~a.t.value));
		break;
	case BPF_JGT:
	case BPF_JGE:
	case BPF_JSGT:
	case BPF_JSGE:
		refine_greater(&a, &b, opcode);
		break;
	default: /* JLT, JLE, JSLT, JSLE */
		refine_greater(&b, &a, flip_opcode(opcode));
		break;
	}
	if (!range_valid(&a) || !range_valid(&b))
		return false;
	set_range(reg1, &a, is_jmp32);
	set_range(reg2, &b, is_jmp32);
	reg_bounds_sync(reg1);
	reg_bounds_sync(reg2);
	return scalar_feasible(reg1) && scalar_feasible(reg2);
}
