// SPDX-License-Identifier: GPL-2.0
/*
 * The in-guest test runner (include/bpfkern/ktest.h). The command line's
 * test= selects what runs: "all", a suite ("mm"), one test ("mm.buddy_split"),
 * or a comma-separated list of those. Each test prints "ok SUITE.NAME" or
 * "not ok SUITE.NAME" (after "# file:line: expr" lines for its failures);
 * then "ktest: N passed, N failed", and QEMU exits through isa-debug-exit:
 * QEMU_EXIT_PASS when all passed, QEMU_EXIT_FAIL otherwise (also when the
 * selection matched nothing).
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/ktest.h>
#include <bpfkern/kernel.h>
#include <bpfkern/arch.h>

extern const struct ktest __ktests_start[], __ktests_end[];

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *expr)
{
	t->failures++;
	printk("# %s:%d: %s failed (in %s)\n", file, line, expr, t->name);
}

/* Does one comma-separated item ("all", "suite", "suite.name") select test? */
static bool item_matches(const struct ktest *test, const char *item, size_t len)
{
	size_t slen = strlen(test->suite);

	if (len == 3 && !strncmp(item, "all", 3))
		return true;
	if (len < slen || strncmp(item, test->suite, slen))
		return false;
	if (len == slen)
		return true;
	return item[slen] == '.' && strlen(test->name) == len - slen - 1 &&
	       !strncmp(item + slen + 1, test->name, len - slen - 1);
}

static bool selected(const struct ktest *test, const char *sel)
{
	while (*sel) {
		size_t len = strcspn(sel, ",");

		if (item_matches(test, sel, len))
			return true;
		sel += len + (sel[len] == ',');
	}
	return false;
}

/* Run one test and print its line; true when it passed. */
static bool run_one(const struct ktest *test)
{
	char name[96];
	struct ktest_ctx ctx = { .name = name, .failures = 0 };

	snprintf(name, sizeof(name), "%s.%s", test->suite, test->name);
	test->fn(&ctx);
	printk("%sok %s\n", ctx.failures ? "not " : "", name);
	return !ctx.failures;
}

__noreturn void ktest_run(const char *selection)
{
	unsigned int passed = 0, failed = 0;

	panic_exits_qemu = true;
	printk("ktest: running '%s'\n", selection);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (!selected(t, selection))
			continue;
		if (run_one(t))
			passed++;
		else
			failed++;
	}
	if (!passed && !failed) {
		printk("not ok ktest.selection no test matches '%s'\n", selection);
		failed++;
	}
	printk("ktest: %u passed, %u failed\n", passed, failed);
	arch_qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}
