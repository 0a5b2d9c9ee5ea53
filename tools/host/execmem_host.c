// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory for JIT images in the host build (the kernel's is
 * arch/x86_64/execmem.c). W^X at every moment: pages are mapped
 * PROT_READ|PROT_WRITE, filled, then switched to PROT_READ|PROT_EXEC with
 * mprotect; no mapping is ever writable and executable at once.
 */
#include <sys/mman.h>
#include <unistd.h>
#include <bpfkern/kernel.h>

#define NEAR_TEXT_GAP (256ul << 20) /* the first image goes this far below the text */
#define NEAR_TEXT_LIMIT (1536ul << 20) /* and none further below than this */

static size_t page_round(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (size + page - 1) / page * page;
}

/*
 * Where the next image should go: just below the previous one, starting
 * NEAR_TEXT_GAP below this program's text and starting over before the
 * window leaves the 2 GB a rel32 call reaches. Only a hint: mmap may put
 * the pages elsewhere, and the JIT then calls helpers through a register.
 */
static uintptr_t next_image_hint(size_t size)
{
	static uintptr_t cursor;
	uintptr_t text = (uintptr_t)&next_image_hint;

	if (text < NEAR_TEXT_LIMIT)
		return 0;
	if (!cursor || cursor - size < text - NEAR_TEXT_LIMIT)
		cursor = (text - NEAR_TEXT_GAP) & ~(uintptr_t)0xfff;
	cursor -= size;
	return cursor;
}

/*
 * Zeroed RW (not executable) pages, or NULL. Like the kernel's, images are
 * placed (when that address range is free) within 2 GB of this program's
 * text, so that the JIT can reach helpers with a direct call rel32.
 */
void *bpf_jit_alloc_exec(size_t size)
{
	void *p;

	if (!size)
		return NULL;
	size = page_round(size);
	p = mmap((void *)next_image_hint(size), size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Make [addr, addr + size) read+execute, never writable again. 0 or -EINVAL. */
int bpf_jit_protect_exec(void *addr, size_t size)
{
	if (!addr || mprotect(addr, page_round(size), PROT_READ | PROT_EXEC))
		return -EINVAL;
	return 0;
}

/* Unmap pages returned by bpf_jit_alloc_exec (NULL is a no-op). */
void bpf_jit_free_exec(void *addr, size_t size)
{
	if (addr)
		munmap(addr, page_round(size));
}
