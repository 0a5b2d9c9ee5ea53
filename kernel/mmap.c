// SPDX-License-Identifier: GPL-2.0
/*
 * mmap(2) and munmap(2) for ring 3 (Linux: mm/mmap.c and kernel/bpf's
 * bpf_map_mmap, reduced): anonymous private memory, and shared mappings of
 * BPF map fds (include/bpfkern/mman.h). Address space is handed out upwards
 * from each process's mmap_base, with an unmapped guard page after each
 * mapping, and not reused after munmap.
 *
 * A map mapping puts the map's own pages (bpf_map_ops.map_mmap_page) into
 * the page tables; they are never given back to the allocator by munmap or
 * exit: the map frees them when its last reference goes, and every mapping
 * holds one (through its file).
 */
#include <bpfkern/process.h>
#include <bpfkern/bpf.h>
#include <bpfkern/file.h>
#include <bpfkern/mm.h>
#include <bpfkern/mman.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <string.h>

/* Linux's uapi values. */
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000

#define MAP_FLAGS_KNOWN (MAP_TYPE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE)

/* syscall.c names its map files so (struct file_operations.name). */
#define BPF_MAP_FILE_NAME "bpf-map"

struct bpf_map *bpf_map_from_file(const struct file *file)
{
	if (!file || !file->f_op || !file->f_op->name ||
	    strcmp(file->f_op->name, BPF_MAP_FILE_NAME))
		return NULL;
	return file->private_data;
}

/* The start of a fresh range of nr pages for current, or 0 when the space is used up. */
static unsigned long mmap_region(unsigned long nr)
{
	unsigned long va = current->mmap_base;

	if (nr > (USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE - va) / PAGE_SIZE - 1)
		return 0;
	current->mmap_base = va + (nr + 1) * PAGE_SIZE;
	return va;
}

/*
 * MAP_PRIVATE | MAP_ANONYMOUS: nr zeroed pages with permissions vm (none at
 * all for PROT_NONE: the range is only reserved). The address or -ENOMEM.
 */
static long mmap_anonymous(unsigned long nr, unsigned long prot, unsigned int vm)
{
	unsigned long va;

	if (nr > nr_free_pages() || !(va = mmap_region(nr)))
		return -ENOMEM;
	for (unsigned long i = 0; prot != 0 && i < nr; i++) {
		void *page = get_zeroed_page();

		if (!page || user_map_pages(current->pgd, va + i * PAGE_SIZE, __pa(page), 1, vm)) {
			free_page(page);
			user_unmap_pages(current->pgd, va, i, true);
			return -ENOMEM;
		}
	}
	return (long)va;
}

/*
 * Linux's bpf_map_mmap checks for a shared mapping of map: the type must
 * offer mmap (-ENOTSUPP), the mapping must be shared (-EINVAL), and a
 * writable one needs a map that is not frozen (-EPERM) nor read-only to
 * programs (-EACCES); then the type's own range and permission checks.
 */
static int bpf_map_mmap_check(struct bpf_map *map, unsigned long flags, u64 pgoff, u64 nr,
			      bool write)
{
	if (!map->ops->map_mmap || !map->ops->map_mmap_page)
		return -ENOTSUPP;
	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (write && map->frozen)
		return -EPERM;
	if (write && (map->map_flags & BPF_F_RDONLY_PROG))
		return -EACCES;
	return map->ops->map_mmap(map, pgoff, nr, write);
}

/*
 * Maps pages [pgoff, pgoff + nr) of file's map into current at a fresh
 * address and records the mapping (which keeps a reference on file).
 * The address, or -EACCES (the fd's mode forbids it), -EPERM (PROT_EXEC:
 * map memory is never executable), the checks above, -ENOMEM.
 */
static long mmap_bpf_map(struct file *file, unsigned long nr, unsigned long prot,
			 unsigned long flags, u64 pgoff)
{
	struct bpf_map *map = bpf_map_from_file(file);
	bool write = prot & PROT_WRITE;
	struct vm_area_struct *vma;
	unsigned long va;
	long err;

	if (!map)
		return -ENODEV;
	if (!(file->f_mode & FMODE_READ) || (write && !(file->f_mode & FMODE_WRITE)))
		return -EACCES;
	if (prot & PROT_EXEC)
		return -EPERM;
	err = bpf_map_mmap_check(map, flags, pgoff, nr, write);
	if (err)
		return err;
	vma = kzalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma || !(va = mmap_region(nr))) {
		kfree(vma);
		return -ENOMEM;
	}
	for (unsigned long i = 0; prot != 0 && i < nr; i++) {
		void *page = map->ops->map_mmap_page(map, pgoff + i);

		if (user_map_pages(current->pgd, va + i * PAGE_SIZE, __pa(page), 1,
				   write ? VM_WRITE : 0)) {
			user_unmap_pages(current->pgd, va, i, false);
			kfree(vma);
			return -ENOMEM;
		}
	}
	*vma = (struct vm_area_struct){ .vm_start = va,
					.vm_end = va + nr * PAGE_SIZE,
					.vm_pgoff = pgoff,
					.vm_file = get_file(file),
					.vm_write = write,
					.vm_next = current->mmap };
	map->writecnt += write;
	current->mmap = vma;
	return (long)va;
}

/*
 * mmap at an address of the kernel's choosing (the hint is ignored;
 * MAP_FIXED is -EINVAL). MAP_PRIVATE | MAP_ANONYMOUS gets zeroed pages
 * (W+X refused: user space keeps W^X too); anything else maps the file at
 * fd, which must be a map's (-EBADF, -ENODEV), at page offset off.
 */
long ksys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long off)
{
	unsigned long nr = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned int vm = (prot & PROT_WRITE ? VM_WRITE : 0) | (prot & PROT_EXEC ? VM_EXEC : 0);
	struct file *file;
	long ret;

	if (!len || (off & (PAGE_SIZE - 1)) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) ||
	    (flags & ~MAP_FLAGS_KNOWN) || ((prot & PROT_WRITE) && (prot & PROT_EXEC)))
		return -EINVAL;
	if (len > USER_SPACE_END)
		return -ENOMEM;
	if (flags & MAP_ANONYMOUS) {
		if ((flags & MAP_TYPE) != MAP_PRIVATE)
			return -EINVAL;
		return mmap_anonymous(nr, prot, vm);
	}
	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_SHARED_VALIDATE &&
	    (flags & MAP_TYPE) != MAP_PRIVATE)
		return -EINVAL;
	file = fget((int)fd);
	if (!file)
		return -EBADF;
	ret = mmap_bpf_map(file, nr, prot, flags, off / PAGE_SIZE);
	fput(file);
	return ret;
}

/* Ends a mapping: its pages leave the page tables (not the map), its reference goes. */
static void vma_free(struct vm_area_struct *vma, struct pgd *pgd)
{
	user_unmap_pages(pgd, vma->vm_start, (vma->vm_end - vma->vm_start) / PAGE_SIZE, false);
	if (vma->vm_write)
		bpf_map_from_file(vma->vm_file)->writecnt--;
	fput(vma->vm_file);
	kfree(vma);
}

/*
 * Takes [start, end) out of the file mapping *link points at: unmaps that
 * part, then shrinks the mapping, splits it in two (a hole in the middle),
 * or ends it (all of it). 0 or -ENOMEM (a split, nothing changed).
 */
static int vma_unmap_range(struct vm_area_struct **link, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = *link, *tail;

	start = start > vma->vm_start ? start : vma->vm_start;
	end = end < vma->vm_end ? end : vma->vm_end;
	if (start == vma->vm_start && end == vma->vm_end) {
		*link = vma->vm_next;
		vma_free(vma, current->pgd);
		return 0;
	}
	if (start > vma->vm_start && end < vma->vm_end) {
		tail = kzalloc(sizeof(*tail), GFP_KERNEL);
		if (!tail)
			return -ENOMEM;
		*tail = (struct vm_area_struct){ .vm_start = end,
						 .vm_end = vma->vm_end,
						 .vm_pgoff = vma->vm_pgoff +
							     (end - vma->vm_start) / PAGE_SIZE,
						 .vm_file = get_file(vma->vm_file),
						 .vm_write = vma->vm_write,
						 .vm_next = vma->vm_next };
		bpf_map_from_file(vma->vm_file)->writecnt += vma->vm_write;
		vma->vm_next = tail;
		vma->vm_end = start;
	} else if (start == vma->vm_start) {
		vma->vm_pgoff += (end - start) / PAGE_SIZE;
		vma->vm_start = end;
	} else {
		vma->vm_end = start;
	}
	user_unmap_pages(current->pgd, start, (end - start) / PAGE_SIZE, false);
	return 0;
}

/*
 * munmap: file mappings inside [addr, addr + len) are cut out first (their
 * pages stay the map's); every other mapped page of the range goes back to
 * the allocator. -EINVAL for a bad range, -ENOMEM when a split fails.
 */
long ksys_munmap(unsigned long addr, unsigned long len)
{
	unsigned long nr = (len + PAGE_SIZE - 1) / PAGE_SIZE, end;
	struct vm_area_struct **link = &current->mmap;

	if (!len || len > USER_SPACE_END || (addr & (PAGE_SIZE - 1)) || addr >= USER_SPACE_END ||
	    nr > (USER_SPACE_END - addr) / PAGE_SIZE)
		return -EINVAL;
	end = addr + nr * PAGE_SIZE;
	while (*link) {
		struct vm_area_struct *vma = *link;

		if (vma->vm_start < end && addr < vma->vm_end) {
			if (vma_unmap_range(link, addr, end))
				return -ENOMEM;
			if (*link != vma)
				continue; /* it was ended: *link is the next one */
		}
		link = &vma->vm_next;
	}
	user_unmap_pages(current->pgd, addr, nr, true);
	return 0;
}

void exit_mmap(struct task_struct *t)
{
	while (t->mmap) {
		struct vm_area_struct *vma = t->mmap;

		t->mmap = vma->vm_next;
		vma_free(vma, t->pgd);
	}
}
