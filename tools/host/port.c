// SPDX-License-Identifier: GPL-2.0
/*
 * The host implementation of include/bpfkern/kernel.h: the portable BPF
 * core linked into bpfrun and the unit tests runs on libc. Only the
 * executable-memory functions live elsewhere (tools/host/execmem_host.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpfkern/kernel.h>

int vprintk(const char *fmt, va_list ap)
{
	return vfprintf(stderr, fmt, ap);
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

void panic(const char *fmt, ...)
{
	va_list ap;

	fputs("panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *kmalloc(size_t size, unsigned int flags)
{
	return (flags & __GFP_ZERO) ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
}

void *kzalloc(size_t size, unsigned int flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, unsigned int flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

void *krealloc(void *p, size_t size, unsigned int flags)
{
	return realloc(p, size ? size : 1);
}

void kfree(const void *p)
{
	free((void *)p);
}

void *kvmalloc(size_t size, unsigned int flags)
{
	return kmalloc(size, flags);
}

void *kvzalloc(size_t size, unsigned int flags)
{
	return kzalloc(size, flags);
}

void kvfree(const void *p)
{
	kfree(p);
}

u64 ktime_get_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/* A host process takes no interrupts: nothing to turn off. */
unsigned long arch_local_irq_save(void)
{
	return 0;
}

void arch_local_irq_restore(unsigned long flags)
{
}

/* xorshift64*: fast, seeded from the clock once; not for secrets. */
u32 get_random_u32(void)
{
	static u64 state;

	if (!state)
		state = ktime_get_ns() | 1;
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (u32)((state * 0x2545F4914F6CDD1Dull) >> 32);
}
