// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF64 loader for static ring-3 programs (include/bpfkern/process.h).
 * Every check comes before the first allocation that would need undoing is
 * kept: a bad file is -ENOEXEC, never a crash. Pages are filled through the
 * direct map, never through the user addresses (SMAP forbids that, and the
 * new address space is not the live one).
 */
#include <bpfkern/process.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <elf.h>
#include <string.h>

#define USER_IMAGE_START 0x10000UL /* nothing below: NULL pointers fault */
#define ARGV_MAX 32

/* Whether the ELF header and program headers describe a program we can run. */
static bool elf_header_ok(const Elf64_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || !eh->e_phnum)
		return false;
	return eh->e_phoff < size && eh->e_phnum <= (size - eh->e_phoff) / sizeof(Elf64_Phdr);
}

/* Whether a PT_LOAD segment lies in the file and in the image area, and is not W+X. */
static bool segment_ok(const Elf64_Phdr *ph, size_t size)
{
	return ph->p_filesz <= ph->p_memsz && ph->p_offset <= size &&
	       ph->p_filesz <= size - ph->p_offset && ph->p_vaddr >= USER_IMAGE_START &&
	       ph->p_memsz <= USER_IMAGE_END - ph->p_vaddr &&
	       (ph->p_vaddr & (PAGE_SIZE - 1)) == (ph->p_offset & (PAGE_SIZE - 1)) &&
	       !((ph->p_flags & PF_W) && (ph->p_flags & PF_X));
}

/* Fresh zeroed pages for [va, va + nr pages) in pgd with prot; their direct-map addresses are not kept. */
static int map_zeroed(struct pgd *pgd, unsigned long va, unsigned long nr, unsigned int prot)
{
	for (unsigned long i = 0; i < nr; i++) {
		void *page = get_zeroed_page();
		int err;

		if (!page)
			return -ENOMEM;
		err = user_map_pages(pgd, va + i * PAGE_SIZE, __pa(page), 1, prot);
		if (err) {
			free_page(page);
			return err;
		}
	}
	return 0;
}

/* Copy n bytes from src to user address va of pgd (mapped) through the direct map. */
static void copy_to_pgd(struct pgd *pgd, unsigned long va, const void *src, size_t n)
{
	while (n) {
		unsigned int prot;
		phys_addr_t pa;
		size_t chunk = min(n, PAGE_SIZE - (va & (PAGE_SIZE - 1)));

		BUG_ON(user_page_query(pgd, va, &prot, &pa));
		memcpy(__va(pa), src, chunk);
		va += chunk;
		src = (const char *)src + chunk;
		n -= chunk;
	}
}

/*
 * Maps a PT_LOAD segment's pages and copies its file bytes in. The pages past
 * the file bytes of the first writable segment that has any (the .bss: a
 * program's heap arena lives there) are left unmapped and recorded in
 * t->bss_start/bss_end, for exec_bss_fault to map as they are touched.
 */
static int load_segment(struct task_struct *t, struct pgd *pgd, const u8 *image,
			const Elf64_Phdr *ph)
{
	unsigned long start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	unsigned long end = ALIGN(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned long file_end = ALIGN(ph->p_vaddr + ph->p_filesz, PAGE_SIZE);
	unsigned int prot = (ph->p_flags & PF_W ? VM_WRITE : 0) |
			    (ph->p_flags & PF_X ? VM_EXEC : 0);
	int err;

	if (end == start)
		return 0;
	if ((ph->p_flags & PF_W) && !t->bss_end && file_end < end) {
		t->bss_start = file_end > start ? file_end : start;
		t->bss_end = end;
		end = t->bss_start;
	}
	if (end == start)
		return 0;
	err = map_zeroed(pgd, start, (end - start) / PAGE_SIZE, prot);
	if (err)
		return err == -EEXIST ? -ENOEXEC : err; /* overlapping segments */
	copy_to_pgd(pgd, ph->p_vaddr, image + ph->p_offset, ph->p_filesz);
	return 0;
}

/*
 * The initial stack, as Linux builds it: from the top, the argument
 * strings, then (16-byte aligned) argc, argv[], NULL, envp NULL, auxv AT_NULL.
 * It is built in a kernel page and copied into the stack's top page.
 */
static int setup_stack(struct pgd *pgd, char *const argv[], unsigned long *sp)
{
	u8 *buf = get_zeroed_page();
	unsigned long strings[ARGV_MAX], top = PAGE_SIZE, argc = 0, *w;
	int err;

	if (!buf)
		return -ENOMEM;
	for (; argv && argv[argc]; argc++) {
		size_t len = strlen(argv[argc]) + 1;

		if (argc == ARGV_MAX || len > top / 2) {
			free_page(buf);
			return -E2BIG;
		}
		top -= len;
		memcpy(buf + top, argv[argc], len);
		strings[argc] = USER_STACK_TOP - PAGE_SIZE + top;
	}
	top = ALIGN_DOWN(top, 16) - 8 * (argc + 5 + ((argc + 5) & 1));
	if (top < 64) {
		free_page(buf);
		return -E2BIG;
	}
	w = (unsigned long *)(buf + top);
	*w++ = argc;
	for (unsigned long i = 0; i < argc; i++)
		*w++ = strings[i];
	*w++ = 0; /* argv end */
	*w++ = 0; /* envp end */
	*w++ = 0; /* AT_NULL */
	*w++ = 0;
	err = map_zeroed(pgd, USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE, USER_STACK_PAGES,
			 VM_WRITE);
	if (!err) {
		copy_to_pgd(pgd, USER_STACK_TOP - PAGE_SIZE, buf, PAGE_SIZE);
		*sp = USER_STACK_TOP - PAGE_SIZE + top;
	}
	free_page(buf);
	return err;
}

int exec_load(struct task_struct *t, const void *image, size_t size, char *const argv[],
	      unsigned long *entry, unsigned long *sp)
{
	const Elf64_Ehdr *eh = image;
	const Elf64_Phdr *ph;
	struct pgd *pgd;
	int err = 0;

	if (!elf_header_ok(eh, size))
		return -ENOEXEC;
	ph = (const Elf64_Phdr *)((const u8 *)image + eh->e_phoff);
	for (unsigned int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && !segment_ok(&ph[i], size))
			return -ENOEXEC;
	if (eh->e_entry < USER_IMAGE_START || eh->e_entry >= USER_IMAGE_END)
		return -ENOEXEC;
	pgd = pgd_alloc();
	if (!pgd)
		return -ENOMEM;
	t->bss_start = t->bss_end = 0;
	for (unsigned int i = 0; i < eh->e_phnum && !err; i++)
		if (ph[i].p_type == PT_LOAD)
			err = load_segment(t, pgd, image, &ph[i]);
	if (!err)
		err = setup_stack(pgd, argv, sp);
	if (err) {
		pgd_free(pgd);
		return err;
	}
	t->pgd = pgd;
	*entry = eh->e_entry;
	return 0;
}

bool exec_bss_fault(unsigned long addr)
{
	struct task_struct *t = current;
	void *page;

	if (!t || !t->pgd || addr < t->bss_start || addr >= t->bss_end)
		return false;
	page = get_zeroed_page();
	if (!page)
		return false;
	if (user_map_pages(t->pgd, ALIGN_DOWN(addr, PAGE_SIZE), __pa(page), 1, VM_WRITE)) {
		free_page(page);
		return false;
	}
	return true;
}
