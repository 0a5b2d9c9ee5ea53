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

#define NEAR_TEXT_GAP (256ul << 20) /* images go this far below the text */

static size_t page_round(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (size + page - 1) / page * page;
}

/*
 * Zeroed RW (not executable) pages, or NULL. Like the kernel's, images are
 * placed (if that address range is free) within 2 GB of this program's
 * text, so that the JIT can reach helpers with a direct call rel32.
 */
void *bpf_jit_alloc_exec(size_t size)
{
	uintptr_t text = (uintptr_t)&bpf_jit_alloc_exec;
	void *hint =
		(void *)(text > NEAR_TEXT_GAP ? (text - NEAR_TEXT_GAP) & ~(uintptr_t)0xfff : 0);
	void *p;

	if (!size)
		return NULL;
	p = mmap(hint, page_round(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		 0);
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
