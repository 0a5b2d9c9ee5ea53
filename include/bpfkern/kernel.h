/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small kernel interface that the portable parts (kernel/bpf, the
 * allocators' clients, lib/) are written against. The kernel implements it
 * natively (kernel/printk.c, kernel/mm/slab.c, arch/x86_64/...); the host
 * build implements it with libc in tools/host/port.c. Nothing in this file
 * knows which of the two it is linked into.
 */
#ifndef BPFKERN_KERNEL_H
#define BPFKERN_KERNEL_H

#include <stdarg.h>
#include <bpfkern/types.h>
#include <bpfkern/compiler.h>
#include <bpfkern/errno.h>
#include <bpfkern/err.h>

/* Console output. printk takes a printf format; vprintk its va_list form. */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

/* A broken invariant: report and stop. Never for bad input. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define BUG_ON(cond)                                                             \
	do {                                                                     \
		if (unlikely(cond))                                              \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

/* Small-object allocation. NULL on exhaustion; kfree(NULL) is a no-op. */
#define GFP_KERNEL 0u
#define __GFP_ZERO 1u
void *kmalloc(size_t size, unsigned int flags);
void *kzalloc(size_t size, unsigned int flags);
void *kcalloc(size_t n, size_t size, unsigned int flags);
void *krealloc(void *p, size_t size, unsigned int flags);
void kfree(const void *p);
/* Large, page-granular allocations (instruction arrays, big maps). */
void *kvmalloc(size_t size, unsigned int flags);
void *kvzalloc(size_t size, unsigned int flags);
void kvfree(const void *p);

/* Monotonic time since boot, in nanoseconds. */
u64 ktime_get_ns(void);

/* Uniform 32-bit pseudo-random numbers (not for secrets). */
u32 get_random_u32(void);

/*
 * Interrupts off on this CPU for a short critical section (Linux's
 * local_irq_save/local_irq_restore): save returns the state that restore
 * puts back, so sections nest. The host build has no interrupts: no-ops.
 */
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);

/*
 * Executable memory for JIT images, W^X at every moment:
 * bpf_jit_alloc_exec() returns zeroed pages mapped RW and NX; the JIT writes
 * its image, then bpf_jit_protect_exec() turns the whole range RX (never
 * writable again); bpf_jit_free_exec() unmaps it. size is rounded up to pages.
 */
void *bpf_jit_alloc_exec(size_t size);
int bpf_jit_protect_exec(void *addr, size_t size);
void bpf_jit_free_exec(void *addr, size_t size);

#endif
