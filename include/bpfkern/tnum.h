/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tristate numbers (Linux: include/linux/tnum.h): what the verifier knows
 * about the bits of a 64-bit value. Each bit is known 0, known 1 or unknown:
 * a bit set in mask is unknown; where mask is clear, value gives the bit.
 * value & mask is always 0. A tnum t "contains" x when (x & ~t.mask) ==
 * t.value. Every operation returns a tnum that contains op(x, y) for every
 * x and y the inputs contain (soundness); it tries to stay as narrow as the
 * inputs allow (precision).
 */
#ifndef BPFKERN_TNUM_H
#define BPFKERN_TNUM_H

#include <bpfkern/types.h>

struct tnum {
	u64 value;
	u64 mask;
};

#define TNUM(_v, _m) ((struct tnum){ .value = (_v), .mask = (_m) })
/* Nothing known: every 64-bit value. */
extern const struct tnum tnum_unknown;

/* The single value v. */
struct tnum tnum_const(u64 v);
/* The smallest tnum containing every value of [min, max] (unsigned). */
struct tnum tnum_range(u64 min, u64 max);

/* Shifts by a known amount (< 64). arshift sign-extends from bit insn_bitness-1. */
struct tnum tnum_lshift(struct tnum a, u8 shift);
struct tnum tnum_rshift(struct tnum a, u8 shift);
struct tnum tnum_arshift(struct tnum a, u8 min_shift, u8 insn_bitness);

/* Arithmetic and logic, modulo 2^64. */
struct tnum tnum_add(struct tnum a, struct tnum b);
struct tnum tnum_sub(struct tnum a, struct tnum b);
struct tnum tnum_neg(struct tnum a);
struct tnum tnum_mul(struct tnum a, struct tnum b);
struct tnum tnum_and(struct tnum a, struct tnum b);
struct tnum tnum_or(struct tnum a, struct tnum b);
struct tnum tnum_xor(struct tnum a, struct tnum b);

/* Values contained in both a and b (a and b must have some value in common). */
struct tnum tnum_intersect(struct tnum a, struct tnum b);
/* a truncated to its low size bytes (size 1, 2, 4 or 8): zero-extension. */
struct tnum tnum_cast(struct tnum a, u8 size);

/* True when every value a contains is a multiple of size (a power of two). */
bool tnum_is_aligned(struct tnum a, u64 size);
/* True when every value b contains is contained in a. */
bool tnum_in(struct tnum a, struct tnum b);
/* True when a contains exactly one value. */
static inline bool tnum_is_const(struct tnum a)
{
	return !a.mask;
}
/* True when a is the constant b. */
static inline bool tnum_equals_const(struct tnum a, u64 b)
{
	return tnum_is_const(a) && a.value == b;
}
/* True when nothing is known about a. */
static inline bool tnum_is_unknown(struct tnum a)
{
	return !~a.mask;
}
static inline bool tnum_contains(struct tnum a, u64 x)
{
	return (x & ~a.mask) == a.value;
}
/* Smallest and largest unsigned values a contains. */
static inline u64 tnum_umin(struct tnum a)
{
	return a.value;
}
static inline u64 tnum_umax(struct tnum a)
{
	return a.value | a.mask;
}

/* Largest member of t that is <= u / smallest >= l; false when there is none. */
bool tnum_max_le(struct tnum t, u64 u, u64 *out);
bool tnum_min_ge(struct tnum t, u64 l, u64 *out);

/* 32-bit subregister views: the low half, the high half cleared, combinations. */
struct tnum tnum_subreg(struct tnum a);
struct tnum tnum_clear_subreg(struct tnum a);
struct tnum tnum_with_subreg(struct tnum reg, struct tnum subreg);
struct tnum tnum_const_subreg(struct tnum a, u32 value);
static inline bool tnum_subreg_is_const(struct tnum a)
{
	return !(a.mask & 0xffffffffULL);
}

/* "(0x5; 0xf0)" as Linux's log prints a var_off. Returns the length it wanted. */
int tnum_strn(char *str, size_t size, struct tnum a);

#endif
