/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny host unit-test helper, header only. One binary per
 * tests/unit/test_*.c:
 *
 *	#define UNIT_SUITE "slab"	// optional: names print as "slab.NAME"
 *	#include "lib/unit.h"
 *
 *	UNIT_TEST(kmalloc_aligned)
 *	{
 *		void *p = kmalloc(64, GFP_KERNEL);
 *		ASSERT(p != NULL);		// record a failure and return
 *		EXPECT_EQ((uintptr_t)p % 64, 0);	// record a failure, go on
 *		EXPECT(ksize(p) == 64);
 *		kfree(p);
 *	}
 *
 *	UNIT_MAIN()
 *
 * Tests run in source order. Each prints "ok SUITE.NAME", or, after "# "
 * lines giving every failed check with file and line, "not ok SUITE.NAME".
 * The binary exits 1 if any test failed. With arguments, only the tests so
 * named run. At most UNIT_MAX_TESTS tests per binary.
 *
 * unit_srand(seed) / unit_rand() give a reproducible xorshift64 sequence for
 * randomised tests (a test that wants its own sequence seeds it first).
 */
#ifndef BPFKERN_UNIT_H
#define BPFKERN_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef UNIT_SUITE
#define UNIT_SUITE ""
#endif
#define UNIT_MAX_TESTS 512

struct unit_test {
	const char *name;
	int line;
	void (*fn)(void);
};

static struct unit_test unit_tests[UNIT_MAX_TESTS];
static int unit_nr_tests;
static int unit_failed_checks; /* in the running test */

static inline void unit_register(const char *name, int line, void (*fn)(void))
{
	if (unit_nr_tests == UNIT_MAX_TESTS) {
		fprintf(stderr, "unit.h: more than %d tests\n", UNIT_MAX_TESTS);
		exit(2);
	}
	unit_tests[unit_nr_tests++] = (struct unit_test){ name, line, fn };
}

static inline void unit_fail(const char *file, int line, const char *expr)
{
	printf("# %s:%d: check failed: %s\n", file, line, expr);
	unit_failed_checks++;
}

static inline void unit_fail_eq(const char *file, int line, const char *a, const char *b,
				unsigned long long va, unsigned long long vb)
{
	printf("# %s:%d: check failed: %s == %s (0x%llx != 0x%llx)\n", file, line, a, b, va, vb);
	unit_failed_checks++;
}

#define UNIT_TEST(name)                                                \
	static void unit_fn_##name(void);                              \
	__attribute__((constructor)) static void unit_reg_##name(void) \
	{                                                              \
		unit_register(#name, __LINE__, unit_fn_##name);        \
	}                                                              \
	static void unit_fn_##name(void)

#define EXPECT(cond)                                          \
	do {                                                  \
		if (!(cond))                                  \
			unit_fail(__FILE__, __LINE__, #cond); \
	} while (0)

#define ASSERT(cond)                                          \
	do {                                                  \
		if (!(cond)) {                                \
			unit_fail(__FILE__, __LINE__, #cond); \
			return;                               \
		}                                             \
	} while (0)

/* Compares as unsigned long long; integers and pointers (cast them) alike. */
#define EXPECT_EQ(a, b)                                                             \
	do {                                                                        \
		unsigned long long unit_a_ = (unsigned long long)(a);               \
		unsigned long long unit_b_ = (unsigned long long)(b);               \
		if (unit_a_ != unit_b_)                                             \
			unit_fail_eq(__FILE__, __LINE__, #a, #b, unit_a_, unit_b_); \
	} while (0)

static unsigned long long unit_rng_state = 0x9e3779b97f4a7c15ULL;

static inline void unit_srand(unsigned long long seed)
{
	unit_rng_state = seed ? seed : 1; /* xorshift never leaves 0 */
}

static inline unsigned long long unit_rand(void)
{
	unit_rng_state ^= unit_rng_state << 13;
	unit_rng_state ^= unit_rng_state >> 7;
	unit_rng_state ^= unit_rng_state << 17;
	return unit_rng_state;
}

static inline int unit_cmp_line(const void *a, const void *b)
{
	return ((const struct unit_test *)a)->line - ((const struct unit_test *)b)->line;
}

static inline int unit_selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return 0;
}

/* Run the registered tests (all, or those named in argv); 0 if all passed. */
static inline int unit_run_all(int argc, char **argv)
{
	const char *sep = UNIT_SUITE[0] ? "." : "";
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	qsort(unit_tests, (size_t)unit_nr_tests, sizeof(unit_tests[0]), unit_cmp_line);
	for (int i = 0; i < unit_nr_tests; i++) {
		if (!unit_selected(unit_tests[i].name, argc, argv))
			continue;
		unit_failed_checks = 0;
		unit_tests[i].fn();
		printf("%s %s%s%s\n", unit_failed_checks ? "not ok" : "ok", UNIT_SUITE, sep,
		       unit_tests[i].name);
		failed += unit_failed_checks != 0;
	}
	return failed ? 1 : 0;
}

#define UNIT_MAIN()                              \
	int main(int argc, char **argv)          \
	{                                        \
		return unit_run_all(argc, argv); \
	}

#endif
