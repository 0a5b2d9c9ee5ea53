// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format with newlib's vsnprintf into a stack buffer and write the
 * result to the console. Lines longer than PRINTK_LINE_MAX are cut and end
 * with "...". Safe in interrupt and exception context (no allocation for the
 * integer and string conversions the kernel uses).
 */
#include <stdio.h>
#include <bpfkern/kernel.h>
#include <bpfkern/console.h>

#define PRINTK_LINE_MAX 512

int vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_LINE_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf)) {
		n = sizeof(buf) - 1;
		buf[n - 4] = '.';
		buf[n - 3] = '.';
		buf[n - 2] = '.';
		buf[n - 1] = '\n';
	}
	console_write(buf, (size_t)n);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
