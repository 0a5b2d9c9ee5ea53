/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring-3 tests' one helper: expect(name, got, want) prints "ok user.NAME"
 * or "not ok user.NAME got X, wanted Y" and counts failures; a program ends
 * with `return failed ? 1 : 0` so that init sees the result in its status.
 */
#ifndef TESTS_USER_CHECK_H
#define TESTS_USER_CHECK_H

#include <stdio.h>

static int failed;

static inline void expect(const char *name, long got, long want)
{
	if (got == want) {
		printf("ok user.%s\n", name);
		return;
	}
	printf("not ok user.%s got %ld, wanted %ld\n", name, got, want);
	failed++;
}

/* The same for a condition: ok when cond holds. */
static inline void expect_true(const char *name, int cond, long got)
{
	if (cond) {
		printf("ok user.%s\n", name);
		return;
	}
	printf("not ok user.%s (value %ld)\n", name, got);
	failed++;
}

#endif
