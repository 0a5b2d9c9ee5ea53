/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmalloc beyond what <bpfkern/kernel.h> declares (kernel/mm/slab.c).
 * kmalloc serves sizes up to KMALLOC_MAX_CACHE_SIZE from power-of-two slab
 * caches (objects aligned to their size), larger ones from alloc_pages, and
 * kvmalloc beyond the buddy's 4 MiB from alloc_contig_pages. kfree and kvfree
 * free any of them: the page metadata tells which.
 */
#ifndef BPFKERN_SLAB_H
#define BPFKERN_SLAB_H

#include <bpfkern/types.h>

#define KMALLOC_MIN_SIZE 8
#define KMALLOC_MAX_CACHE_SIZE 2048

/*
 * What kmalloc(0) returns, as in Linux: not NULL (so it is not mistaken for
 * -ENOMEM), faults when dereferenced, and kfree accepts it.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* Forget every slab (boot does not need it; tests call it after page_alloc_init). */
void kmem_cache_init(void);

/*
 * Give every empty slab back to the page allocator (each cache otherwise
 * keeps one), so that nr_free_pages() counts all memory kmalloc is not using.
 */
void kmem_cache_shrink_all(void);

/* Usable size of a kmalloc'd object (its size class), 0 for NULL/ZERO_SIZE_PTR. */
size_t ksize(const void *p);

/*
 * Debug poisoning of free objects (POISON_FREE, 0x6b, after the free
 * pointer); with the check on (default) kmalloc reports a write-after-free.
 * Returns the previous setting.
 */
bool slab_poison_check_set(bool on);

/* printk one line per kmalloc cache: size, slabs, objects in use (the `mem` command). */
void slab_show_info(void);
/* Objects currently handed out by the cache of this size class (tests). */
unsigned long kmalloc_cache_inuse(size_t size);

#endif
