/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for physical memory, for the kernel/mm unit tests
 * (tests/unit/lib/mm_host.c). "Physical" addresses
 * [MM_HOST_PHYS_BASE, MM_HOST_PHYS_BASE + size) are backed by one malloc'd
 * arena aligned like the physical addresses (4 MiB), so __va/__pa are an
 * offset and buddy alignment means the same thing on both sides.
 * It also provides printk (to stderr), vprintk and panic (abort).
 */
#ifndef BPFKERN_MM_HOST_H
#define BPFKERN_MM_HOST_H

#include <bpfkern/types.h>
#include <bpfkern/arch.h>

#define MM_HOST_PHYS_BASE (16UL << 20)

/*
 * Replace the arena by a fresh one of size bytes (filled with 0x5c, "junk")
 * and reset the allocators (page_alloc_init, kmem_cache_init); no memory is
 * added: the test calls page_alloc_add_range on parts of the arena.
 */
void mm_host_setup(size_t size);
/* Release the arena (tests end with it so LeakSanitizer stays quiet). */
void mm_host_teardown(void);

/*
 * Install an mm bug handler that records instead of panicking, with the
 * record cleared: how many reports, and the last one's text and address.
 */
void mm_host_record_bugs(void);
extern int mm_host_nr_bugs;
extern const char *mm_host_last_bug;
extern unsigned long mm_host_last_bug_addr;
extern bool mm_host_last_bug_irqs_off; /* was the report made inside mm_lock? */

/*
 * The host's interrupt flag for <bpfkern/arch.h>'s local_irq_enable,
 * local_irq_disable and irqs_disabled: a variable, "enabled" at start, so
 * tests can check the allocators restore it.
 */

#endif
