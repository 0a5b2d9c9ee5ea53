// SPDX-License-Identifier: GPL-2.0
/*
 * mmap(2) and munmap(2) for ring 3 (Linux: mm/mmap.c, reduced): anonymous
 * private memory today. Address space is handed out upwards from each
 * process's mmap_base.
 */
#include <bpfkern/process.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>

/* Linux's uapi values. */
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000

/*
 * mmap for MAP_PRIVATE | MAP_ANONYMOUS only, at an address of the kernel's
 * choosing (the hint is ignored; MAP_FIXED is -EINVAL), populated at once
 * with zeroed pages. W+X is refused (-EINVAL): user space keeps W^X too.
 * Address space is handed out upwards from USER_MMAP_BASE, with an unmapped
 * guard page after each mapping, and not reused after munmap.
 */
long ksys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long off)
{
	unsigned long va = current->mmap_base, nr = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned int vm = (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0);

	if (!len || (off & (PAGE_SIZE - 1)) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    (flags & ~(MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE)) ||
	    !(flags & MAP_PRIVATE) || !(flags & MAP_ANONYMOUS) ||
	    ((prot & PROT_WRITE) && (prot & PROT_EXEC)))
		return -EINVAL;
	if (len > USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE - va - PAGE_SIZE ||
	    nr > nr_free_pages())
		return -ENOMEM;
	for (unsigned long i = 0; prot != 0 && i < nr; i++) {
		void *page = get_zeroed_page();

		if (!page || user_map_pages(current->pgd, va + i * PAGE_SIZE, __pa(page), 1, vm)) {
			free_page(page);
			user_unmap_pages(current->pgd, va, i, true);
			return -ENOMEM;
		}
	}
	current->mmap_base = va + (nr + 1) * PAGE_SIZE;
	return (long)va;
}

/* munmap: the pages of [addr, addr + len) that are mapped go back to the allocator. */
long ksys_munmap(unsigned long addr, unsigned long len)
{
	unsigned long nr = (len + PAGE_SIZE - 1) / PAGE_SIZE;

	if (!len || len > USER_SPACE_END || (addr & (PAGE_SIZE - 1)) || addr >= USER_SPACE_END ||
	    nr > (USER_SPACE_END - addr) / PAGE_SIZE)
		return -EINVAL;
	user_unmap_pages(current->pgd, addr, nr, true);
	return 0;
}
