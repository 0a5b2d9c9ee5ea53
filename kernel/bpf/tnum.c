// SPDX-License-Identifier: GPL-2.0
/*
 * Tristate numbers: known-bits arithmetic for the verifier. The algorithms
 * are those of Linux's kernel/bpf/tnum.c (add/sub by carry propagation,
 * mul by shift-and-add of partial products), written here afresh. See
 * include/bpfkern/tnum.h for the representation and the contract.
 */
#include <bpfkern/tnum.h>

const struct tnum tnum_unknown = { .value = 0, .mask = ~0ULL };

struct tnum tnum_const(u64 v)
{
	return TNUM(v, 0);
}

/* Index of the highest set bit plus one (0 for 0), as Linux's fls64(). */
static unsigned int fls64(u64 x)
{
	return x ? 64 - (unsigned int)__builtin_clzll(x) : 0;
}

struct tnum tnum_range(u64 min, u64 max)
{
	/* Bits above the highest bit where min and max differ are common. */
	unsigned int bits = fls64(min ^ max);
	u64 delta;

	if (bits > 63)
		return tnum_unknown;
	delta = (1ULL << bits) - 1;
	return TNUM(min & ~delta, delta);
}

struct tnum tnum_lshift(struct tnum a, u8 shift)
{
	return TNUM(a.value << shift, a.mask << shift);
}

struct tnum tnum_rshift(struct tnum a, u8 shift)
{
	return TNUM(a.value >> shift, a.mask >> shift);
}

/*
 * Arithmetic shift of the low insn_bitness (32 or 64) bits. An unknown sign
 * bit shifts its unknown-ness into the vacated bits, so value and mask are
 * each shifted arithmetically. A 32-bit result is zero-extended.
 */
struct tnum tnum_arshift(struct tnum a, u8 min_shift, u8 insn_bitness)
{
	if (insn_bitness == 32)
		return TNUM((u32)((s32)a.value >> min_shift), (u32)((s32)a.mask >> min_shift));
	return TNUM((u64)((s64)a.value >> min_shift), (u64)((s64)a.mask >> min_shift));
}

/*
 * Sum: add the known parts and the maximal values; wherever the two sums
 * differ a carry may or may not have happened, so that bit is unknown.
 */
struct tnum tnum_add(struct tnum a, struct tnum b)
{
	u64 sum_mask = a.mask + b.mask;
	u64 sum_value = a.value + b.value;
	u64 carries = (sum_mask + sum_value) ^ sum_value;
	u64 unknown = carries | a.mask | b.mask;

	return TNUM(sum_value & ~unknown, unknown);
}

/* Difference: the extreme borrows are a - b with a's unknowns all 1 or b's all 1. */
struct tnum tnum_sub(struct tnum a, struct tnum b)
{
	u64 diff = a.value - b.value;
	u64 high = diff + a.mask;
	u64 low = diff - b.mask;
	u64 unknown = (high ^ low) | a.mask | b.mask;

	return TNUM(diff & ~unknown, unknown);
}

struct tnum tnum_neg(struct tnum a)
{
	return tnum_sub(tnum_const(0), a);
}

struct tnum tnum_and(struct tnum a, struct tnum b)
{
	u64 maybe_a = a.value | a.mask;
	u64 maybe_b = b.value | b.mask;
	u64 known_one = a.value & b.value;

	return TNUM(known_one, maybe_a & maybe_b & ~known_one);
}

struct tnum tnum_or(struct tnum a, struct tnum b)
{
	u64 known_one = a.value | b.value;
	u64 unknown = a.mask | b.mask;

	return TNUM(known_one, unknown & ~known_one);
}

struct tnum tnum_xor(struct tnum a, struct tnum b)
{
	u64 unknown = a.mask | b.mask;

	return TNUM((a.value ^ b.value) & ~unknown, unknown);
}

/*
 * Product by long multiplication: the known parts multiply exactly; for each
 * bit of a, the partial product b << i is added as an unknown quantity when
 * that bit may be 1, accumulating only the uncertainty, then the two sums
 * are combined with tnum_add.
 */
struct tnum tnum_mul(struct tnum a, struct tnum b)
{
	u64 known_product = a.value * b.value;
	struct tnum uncertainty = tnum_const(0);

	while (a.value || a.mask) {
		if (a.value & 1) /* bit known 1: only b's unknown bits are unsure */
			uncertainty = tnum_add(uncertainty, TNUM(0, b.mask));
		else if (a.mask & 1) /* bit unknown: the whole partial product is */
			uncertainty = tnum_add(uncertainty, TNUM(0, b.value | b.mask));
		a = tnum_rshift(a, 1);
		b = tnum_lshift(b, 1);
	}
	return tnum_add(tnum_const(known_product), uncertainty);
}

struct tnum tnum_intersect(struct tnum a, struct tnum b)
{
	u64 known_one = a.value | b.value;
	u64 unknown = a.mask & b.mask;

	return TNUM(known_one & ~unknown, unknown);
}

struct tnum tnum_cast(struct tnum a, u8 size)
{
	u64 keep = size >= 8 ? ~0ULL : (1ULL << (size * 8)) - 1;

	return TNUM(a.value & keep, a.mask & keep);
}

bool tnum_is_aligned(struct tnum a, u64 size)
{
	if (!size)
		return true;
	return !((a.value | a.mask) & (size - 1));
}

bool tnum_in(struct tnum a, struct tnum b)
{
	if (b.mask & ~a.mask)
		return false;
	return a.value == (b.value & ~a.mask);
}

struct tnum tnum_subreg(struct tnum a)
{
	return tnum_cast(a, 4);
}

struct tnum tnum_clear_subreg(struct tnum a)
{
	return tnum_lshift(tnum_rshift(a, 32), 32);
}

struct tnum tnum_with_subreg(struct tnum reg, struct tnum subreg)
{
	return tnum_or(tnum_clear_subreg(reg), tnum_subreg(subreg));
}

struct tnum tnum_const_subreg(struct tnum a, u32 value)
{
	return tnum_with_subreg(a, tnum_const(value));
}

bool tnum_max_le(struct tnum t, u64 u, u64 *out)
{
	int cand = -1; /* highest unknown bit where u has a 1: can be lowered to 0 */
	u64 x = 0;
	int i;

	for (i = 63; i >= 0; i--) {
		u64 b = 1ULL << i;
		bool ub = u & b, vb = t.value & b;

		if (t.mask & b) {
			if (ub) {
				x |= b;
				cand = i;
			}
		} else if (vb && !ub) {
			break; /* must exceed u here: lower an earlier unknown bit */
		} else if (!vb && ub) { /* below u from here on: take the largest rest */
			*out = x | ((t.value | t.mask) & (b - 1));
			return true;
		} else {
			x |= t.value & b;
		}
	}
	if (i < 0) {
		*out = x; /* u itself */
		return true;
	}
	if (cand < 0)
		return false;
	x &= cand == 63 ? 0 : ~((2ULL << cand) - 1);
	*out = x | ((t.value | t.mask) & ((1ULL << cand) - 1));
	return true;
}

bool tnum_min_ge(struct tnum t, u64 l, u64 *out)
{
	struct tnum not_t = TNUM(~t.value & ~t.mask, t.mask);
	u64 y;

	if (!tnum_max_le(not_t, ~l, &y))
		return false;
	*out = ~y;
	return true;
}

/* Appends "0x<hex>" for v at buf[pos], within size; returns the new position wanted. */
static size_t put_hex(char *buf, size_t size, size_t pos, u64 v)
{
	char digits[16];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	if (pos + 1 < size)
		buf[pos] = '0';
	pos++;
	if (pos + 1 < size)
		buf[pos] = 'x';
	pos++;
	while (n) {
		if (pos + 1 < size)
			buf[pos] = digits[n - 1];
		pos++;
		n--;
	}
	return pos;
}

static size_t put_str(char *buf, size_t size, size_t pos, const char *s)
{
	for (; *s; s++, pos++)
		if (pos + 1 < size)
			buf[pos] = *s;
	return pos;
}

int tnum_strn(char *str, size_t size, struct tnum a)
{
	size_t pos = 0;

	pos = put_str(str, size, pos, "(");
	pos = put_hex(str, size, pos, a.value);
	pos = put_str(str, size, pos, "; ");
	pos = put_hex(str, size, pos, a.mask);
	pos = put_str(str, size, pos, ")");
	if (size)
		str[pos < size ? pos : size - 1] = '\0';
	return (int)pos;
}
