// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/tnum.c. Each operation is checked against brute
 * force: for every pair of tnums over a few bit positions and every pair of
 * concrete values they contain, the concrete result must be contained in
 * the tnum result (soundness). The positions include the top bits so that
 * carries and sign bits wrap. Prints one "ok NAME" / "not ok NAME" per test.
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/tnum.h>

static int failures;

static void report(bool pass, const char *name, const char *detail)
{
	if (pass)
		printf("ok tnum %s\n", name);
	else
		printf("not ok tnum %s %s\n", name, detail);
	failures += !pass;
}

/* The four tracked bit positions of one "layout" (low bits, or low + top). */
struct layout {
	const char *name;
	u8 pos[4];
};

static const struct layout layouts[] = {
	{ "low", { 0, 1, 2, 3 } },
	{ "mid", { 30, 31, 32, 33 } },
	{ "top", { 0, 1, 62, 63 } },
};

/* Tnum number idx (0 .. 80) of a layout: each tracked bit is 0, 1 or unknown. */
static struct tnum make_tnum(const struct layout *l, unsigned int idx)
{
	struct tnum t = TNUM(0, 0);

	for (int i = 0; i < 4; i++, idx /= 3) {
		if (idx % 3 == 1)
			t.value |= 1ULL << l->pos[i];
		else if (idx % 3 == 2)
			t.mask |= 1ULL << l->pos[i];
	}
	return t;
}

/* Concrete member number k (0 .. 15) of t: unknown bits taken from k's bits. */
static bool member(struct tnum t, const struct layout *l, unsigned int k, u64 *out)
{
	u64 v = t.value;

	for (int i = 0; i < 4; i++) {
		u64 bit = 1ULL << l->pos[i];

		if (k & (1u << i)) {
			if (!(t.mask & bit))
				return false; /* this k is a duplicate of another */
			v |= bit;
		}
	}
	*out = v;
	return true;
}

enum op { OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR, OP_NEG, OP_INTERSECT };

static struct tnum tnum_op(enum op op, struct tnum a, struct tnum b)
{
	switch (op) {
	case OP_ADD:
		return tnum_add(a, b);
	case OP_SUB:
		return tnum_sub(a, b);
	case OP_MUL:
		return tnum_mul(a, b);
	case OP_AND:
		return tnum_and(a, b);
	case OP_OR:
		return tnum_or(a, b);
	case OP_XOR:
		return tnum_xor(a, b);
	case OP_NEG:
		return tnum_neg(a);
	default:
		return tnum_intersect(a, b);
	}
}

static u64 concrete_op(enum op op, u64 x, u64 y)
{
	switch (op) {
	case OP_ADD:
		return x + y;
	case OP_SUB:
		return x - y;
	case OP_MUL:
		return x * y;
	case OP_AND:
		return x & y;
	case OP_OR:
		return x | y;
	case OP_XOR:
		return x ^ y;
	case OP_NEG:
		return -x;
	default:
		return x;
	}
}

/* Soundness of a binary op over all tnum pairs of a layout. */
static void check_binary(const char *name, enum op op)
{
	char detail[160] = "";
	bool pass = true;

	for (size_t li = 0; li < sizeof(layouts) / sizeof(layouts[0]) && pass; li++) {
		const struct layout *l = &layouts[li];

		for (unsigned int ia = 0; ia < 81 && pass; ia++) {
			for (unsigned int ib = 0; ib < 81 && pass; ib++) {
				struct tnum a = make_tnum(l, ia), b = make_tnum(l, ib);
				struct tnum r = tnum_op(op, a, b);

				for (unsigned int ka = 0; ka < 16 && pass; ka++) {
					for (unsigned int kb = 0; kb < 16 && pass; kb++) {
						u64 x, y, z;

						if (!member(a, l, ka, &x) || !member(b, l, kb, &y))
							continue;
						/* intersect: only values in both inputs */
						if (op == OP_INTERSECT && x != y)
							continue;
						z = concrete_op(op, x, y);
						if ((r.value & r.mask) || !tnum_contains(r, z)) {
							pass = false;
							snprintf(
								detail, sizeof(detail),
								"%s: x=%#llx y=%#llx z=%#llx not in "
								"(%#llx;%#llx)",
								l->name, (unsigned long long)x,
								(unsigned long long)y,
								(unsigned long long)z,
								(unsigned long long)r.value,
								(unsigned long long)r.mask);
						}
					}
				}
			}
		}
	}
	report(pass, name, detail);
}

/* Soundness of shifts (and of cast) over every tnum and every amount. */
static void check_unary_shifts(void)
{
	bool ok_l = true, ok_r = true, ok_a64 = true, ok_a32 = true, ok_cast = true;

	for (size_t li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++) {
		const struct layout *l = &layouts[li];

		for (unsigned int ia = 0; ia < 81; ia++) {
			struct tnum a = make_tnum(l, ia);

			for (unsigned int k = 0; k < 16; k++) {
				u64 x;

				if (!member(a, l, k, &x))
					continue;
				for (u8 s = 0; s < 64; s++) {
					ok_l &= tnum_contains(tnum_lshift(a, s), x << s);
					ok_r &= tnum_contains(tnum_rshift(a, s), x >> s);
					ok_a64 &= tnum_contains(tnum_arshift(a, s, 64),
								(u64)((s64)x >> s));
					if (s < 32)
						ok_a32 &= tnum_contains(tnum_arshift(a, s, 32),
									(u32)((s32)x >> s));
				}
				ok_cast &= tnum_contains(tnum_cast(a, 1), (u8)x) &&
					   tnum_contains(tnum_cast(a, 2), (u16)x) &&
					   tnum_contains(tnum_cast(a, 4), (u32)x) &&
					   tnum_contains(tnum_cast(a, 8), x);
			}
		}
	}
	report(ok_l, "lshift", "");
	report(ok_r, "rshift", "");
	report(ok_a64, "arshift64", "");
	report(ok_a32, "arshift32", "");
	report(ok_cast, "cast", "");
}

/* tnum_range contains every value of the range, and is exact for constants. */
static void check_range(void)
{
	static const u64 points[] = { 0,
				      1,
				      2,
				      3,
				      7,
				      8,
				      255,
				      256,
				      0x7fffffff,
				      0x80000000,
				      0xffffffff,
				      0x100000000ULL,
				      0x7fffffffffffffffULL,
				      0x8000000000000000ULL,
				      ~0ULL };
	bool pass = true;
	size_t n = sizeof(points) / sizeof(points[0]);

	for (size_t i = 0; i < n; i++) {
		for (size_t j = i; j < n; j++) {
			struct tnum r = tnum_range(points[i], points[j]);

			pass &= tnum_contains(r, points[i]) && tnum_contains(r, points[j]);
			pass &= tnum_contains(r, points[i] + (points[j] - points[i]) / 2);
		}
		pass &= tnum_is_const(tnum_range(points[i], points[i]));
	}
	pass &= tnum_range(0, 255).value == 0 && tnum_range(0, 255).mask == 0xff;
	pass &= tnum_is_unknown(tnum_range(0, ~0ULL));
	report(pass, "range", "");
}

/* tnum_in(a, b) holds exactly when every member of b is a member of a. */
static void check_in(void)
{
	const struct layout *l = &layouts[0];
	bool pass = true;

	for (unsigned int ia = 0; ia < 81; ia++) {
		for (unsigned int ib = 0; ib < 81; ib++) {
			struct tnum a = make_tnum(l, ia), b = make_tnum(l, ib);
			bool all = true;

			for (unsigned int k = 0; k < 16; k++) {
				u64 y;

				if (member(b, l, k, &y))
					all &= tnum_contains(a, y);
			}
			pass &= tnum_in(a, b) == all;
		}
	}
	report(pass, "in", "");
}

/* tnum_max_le / tnum_min_ge against brute force over the members. */
static void check_member_bounds(void)
{
	bool pass = true;

	for (size_t li = 0; li < sizeof(layouts) / sizeof(layouts[0]); li++) {
		const struct layout *l = &layouts[li];

		for (unsigned int ia = 0; ia < 81; ia++) {
			struct tnum a = make_tnum(l, ia);

			for (unsigned int ku = 0; ku < 16; ku++) {
				u64 u = 0, best_le = 0, best_ge = 0, got;
				bool any_le = false, any_ge = false;

				for (int i = 0; i < 4; i++) /* probe values around the members */
					if (ku & (1u << i))
						u |= 1ULL << l->pos[i];
				u += (ku & 1) ? 1 : 0;
				for (unsigned int k = 0; k < 16; k++) {
					u64 x;

					if (!member(a, l, k, &x))
						continue;
					if (x <= u && (!any_le || x > best_le))
						best_le = x, any_le = true;
					if (x >= u && (!any_ge || x < best_ge))
						best_ge = x, any_ge = true;
				}
				pass &= tnum_max_le(a, u, &got) == any_le &&
					(!any_le || got == best_le);
				pass &= tnum_min_ge(a, u, &got) == any_ge &&
					(!any_ge || got == best_ge);
			}
		}
	}
	report(pass, "max_le_min_ge", "");
}

/* Known answers, including precision where Linux's results are exact. */
static void check_known_answers(void)
{
	char buf[64];
	struct tnum t;

	t = tnum_add(tnum_const(3), tnum_const(4));
	report(tnum_equals_const(t, 7), "add_const", "");
	t = tnum_and(tnum_unknown, tnum_const(0xff));
	report(t.value == 0 && t.mask == 0xff, "and_mask", "");
	t = tnum_mul(tnum_range(0, 3), tnum_const(4));
	report(t.value == 0 && t.mask == 0xc, "mul_shift", "");
	t = tnum_or(TNUM(0, 0xf0), tnum_const(1));
	report(t.value == 1 && t.mask == 0xf0, "or_known", "");
	report(tnum_is_aligned(TNUM(8, 0xf0), 8) && !tnum_is_aligned(TNUM(8, 0xf4), 8), "aligned",
	       "");
	t = tnum_with_subreg(TNUM(0x100000000ULL, 0), tnum_const(5));
	report(tnum_equals_const(t, 0x100000005ULL), "with_subreg", "");
	report(tnum_subreg_is_const(TNUM(0, 0xffffffff00000000ULL)), "subreg_is_const", "");
	tnum_strn(buf, sizeof(buf), TNUM(0x5, 0xf0));
	report(!strcmp(buf, "(0x5; 0xf0)"), "strn", buf);
	tnum_strn(buf, 6, TNUM(0x5, 0xf0));
	report(!strcmp(buf, "(0x5;"), "strn_truncated", buf);
}

int main(void)
{
	check_binary("add", OP_ADD);
	check_binary("sub", OP_SUB);
	check_binary("mul", OP_MUL);
	check_binary("and", OP_AND);
	check_binary("or", OP_OR);
	check_binary("xor", OP_XOR);
	check_binary("neg", OP_NEG);
	check_binary("intersect", OP_INTERSECT);
	check_unary_shifts();
	check_range();
	check_in();
	check_member_bounds();
	check_known_answers();
	return failures ? 1 : 0;
}
