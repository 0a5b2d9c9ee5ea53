/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-guest tests. A test is a function registered with KTEST(suite, name);
 * the linker gathers them in the .ktests section and kernel/test.c runs the
 * ones the command line selects (test=all, test=mm, test=mm.buddy_split...),
 * printing one TAP-like line each ("ok mm.buddy_split" / "not ok ...") and a
 * summary, then exits QEMU through isa-debug-exit.
 *
 * Inside a test, KTEST_EXPECT records a failure with file and line and keeps
 * going; KTEST_ASSERT records it and returns from the test.
 */
#ifndef BPFKERN_KTEST_H
#define BPFKERN_KTEST_H

#include <bpfkern/compiler.h>
#include <bpfkern/types.h>

struct ktest_ctx {
	const char *name;
	unsigned int failures;
};

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *t);
};

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *expr);
/* Run the tests selected by selection (the test= value), print the summary, exit QEMU. */
__noreturn void ktest_run(const char *selection);

#define KTEST(suite_, name_)                                                    \
	static void ktest_fn_##suite_##_##name_(struct ktest_ctx *t);           \
	static const struct ktest ktest_##suite_##_##name_ __section(".ktests") \
		__attribute__((used, aligned(8))) = {                           \
			.suite = #suite_,                                       \
			.name = #name_,                                         \
			.fn = ktest_fn_##suite_##_##name_,                      \
		};                                                              \
	static void ktest_fn_##suite_##_##name_(struct ktest_ctx *t)

#define KTEST_EXPECT(cond)                                        \
	do {                                                      \
		if (!(cond))                                      \
			ktest_fail(t, __FILE__, __LINE__, #cond); \
	} while (0)

#define KTEST_ASSERT(cond)                                        \
	do {                                                      \
		if (!(cond)) {                                    \
			ktest_fail(t, __FILE__, __LINE__, #cond); \
			return;                                   \
		}                                                 \
	} while (0)

#endif
