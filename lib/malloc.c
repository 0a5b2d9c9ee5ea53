// SPDX-License-Identifier: GPL-2.0
/*
 * newlib's heap is kmalloc: one heap story for the whole kernel.
 *
 * newlib's libc.a has its own allocator (dlmalloc, growing one arena with
 * sbrk). Instead of feeding it a region of pages through sbrk, every entry
 * point of it is defined here on top of kernel/mm, so the linker never pulls
 * newlib's copy in: the public names (malloc, free, ...) and the reentrant
 * _r forms that the rest of libc.a calls internally (vfprintf, strdup,
 * asprintf, the dtoa code). Why not sbrk: kmalloc already has size classes,
 * poisoning and double-free detection, freed memory returns to the page
 * allocator instead of staying in a second arena, and nr_free_pages() then
 * accounts for all of it. sbrk exists only to fail, so that any stray use
 * reports ENOMEM instead of corrupting memory.
 *
 * Sizes beyond 4 MiB go to kvmalloc; every block comes back through kfree.
 * Alignment comes from the size classes: an object of a power-of-two class
 * is aligned to its size, a page block to its own size (docs/memory.md).
 */
#include <reent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/slab.h>

/* The reentrant names newlib calls (its <malloc.h> would macro them away). */
void *_malloc_r(struct _reent *r, size_t size);
void _free_r(struct _reent *r, void *p);
void *_calloc_r(struct _reent *r, size_t n, size_t size);
void *_realloc_r(struct _reent *r, void *p, size_t size);
void *_memalign_r(struct _reent *r, size_t align, size_t size);
void *_valloc_r(struct _reent *r, size_t size);
void *_pvalloc_r(struct _reent *r, size_t size);
size_t _malloc_usable_size_r(struct _reent *r, void *p);
void *memalign(size_t align, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
size_t malloc_usable_size(void *p);
void *sbrk(ptrdiff_t incr);

/* Largest alignment a block can have: the buddy's biggest block. */
#define MALLOC_MAX_ALIGN (PAGE_SIZE << MAX_PAGE_ORDER)

static void *set_errno_null(struct _reent *r, int err)
{
	r->_errno = err;
	return NULL;
}

/* malloc(0) returns a real, unique object (C allows NULL, callers rarely expect it). */
void *_malloc_r(struct _reent *r, size_t size)
{
	void *p = kvmalloc(size ? size : 1, GFP_KERNEL);

	return p ? p : set_errno_null(r, ENOMEM);
}

void _free_r(struct _reent *r, void *p)
{
	kvfree(p);
}

void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (size && n > SIZE_MAX / size)
		return set_errno_null(r, ENOMEM);
	bytes = n * size;
	p = kvzalloc(bytes ? bytes : 1, GFP_KERNEL);
	return p ? p : set_errno_null(r, ENOMEM);
}

/* realloc(p, 0) frees p and returns NULL, as glibc does. */
void *_realloc_r(struct _reent *r, void *p, size_t size)
{
	size_t old;
	void *n;

	if (!p)
		return _malloc_r(r, size);
	if (!size) {
		kvfree(p);
		return NULL;
	}
	old = ksize(p);
	if (size <= old)
		return p;
	n = _malloc_r(r, size);
	if (!n)
		return NULL;
	memcpy(n, p, old);
	kvfree(p);
	return n;
}

/*
 * align must be a power of two up to 4 MiB. Asking for max(size, align)
 * bytes gets a block of a power-of-two class (or page order) at least
 * align big, and such blocks are aligned to their size; runs beyond 4 MiB
 * start on a 4 MiB boundary.
 */
void *_memalign_r(struct _reent *r, size_t align, size_t size)
{
	if (!align || (align & (align - 1)) || align > MALLOC_MAX_ALIGN)
		return set_errno_null(r, EINVAL);
	return _malloc_r(r, max(size, align));
}

void *_valloc_r(struct _reent *r, size_t size)
{
	return _memalign_r(r, PAGE_SIZE, size);
}

void *_pvalloc_r(struct _reent *r, size_t size)
{
	if (size > SIZE_MAX - PAGE_SIZE)
		return set_errno_null(r, ENOMEM);
	return _memalign_r(r, PAGE_SIZE, ALIGN(size, PAGE_SIZE));
}

size_t _malloc_usable_size_r(struct _reent *r, void *p)
{
	return ksize(p);
}

void *malloc(size_t size)
{
	return _malloc_r(_REENT, size);
}

void free(void *p)
{
	_free_r(_REENT, p);
}

void *calloc(size_t n, size_t size)
{
	return _calloc_r(_REENT, n, size);
}

void *realloc(void *p, size_t size)
{
	return _realloc_r(_REENT, p, size);
}

void *memalign(size_t align, size_t size)
{
	return _memalign_r(_REENT, align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return _memalign_r(_REENT, align, size);
}

/* POSIX: align a power-of-two multiple of sizeof(void *); errors returned, not in errno. */
int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)) || align > MALLOC_MAX_ALIGN)
		return EINVAL;
	p = _memalign_r(_REENT, align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *valloc(size_t size)
{
	return _valloc_r(_REENT, size);
}

void *pvalloc(size_t size)
{
	return _pvalloc_r(_REENT, size);
}

size_t malloc_usable_size(void *p)
{
	return ksize(p);
}

/* There is no program break: the heap is kmalloc's (see the top of this file). */
void *sbrk(ptrdiff_t incr)
{
	_REENT->_errno = ENOMEM;
	return (void *)-1;
}
