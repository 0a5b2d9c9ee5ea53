/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel page tables: the map/unmap/protect interface used by the JIT's
 * executable memory (arch/x86_64/execmem.c) and later by user space.
 *
 * Permissions are a combination of VM_* below; a page without VM_WRITE is
 * read-only, without VM_EXEC it is no-execute (EFER.NXE is on). Mappings
 * are 4 KiB pages; va and pa must be page aligned and va canonical. All
 * functions work on the one kernel address space and flush the TLB for the
 * pages they change.
 */
#ifndef BPFKERN_PAGING_H
#define BPFKERN_PAGING_H

#include <bpfkern/types.h>

#define VM_READ 0x0 /* every present page is readable */
#define VM_WRITE 0x1
#define VM_EXEC 0x2
#define VM_USER 0x4
#define VM_UNCACHED 0x8 /* device memory: caching off (PCD|PWT) */

/*
 * Build the final kernel page tables and switch to them: kernel text RX,
 * rodata R+NX, data/bss RW+NX, and the direct map of [0, max(4 GiB,
 * ram_end)) RW+NX at PAGE_OFFSET; the boot identity map is gone afterwards.
 * Runs before the page allocator (its tables come from a static pool).
 */
void paging_init(phys_addr_t ram_end);
/* End of the physical range the direct map covers (__va is valid below it). */
phys_addr_t direct_map_end(void);

/*
 * Map nr pages at va to pa.. with prot. -EINVAL for unaligned or
 * non-canonical addresses or a range crossing a large page, -EEXIST when a
 * page is already mapped (nothing is changed then), -ENOMEM when a page
 * table cannot be allocated.
 */
int map_pages(unsigned long va, phys_addr_t pa, unsigned long nr, unsigned int prot);
/* Unmap nr pages at va; -ENOENT (after unmapping the rest) if one was not mapped. */
int unmap_pages(unsigned long va, unsigned long nr);
/* Change the permissions of nr mapped 4 KiB pages; -ENOENT if one is not mapped. */
int protect_pages(unsigned long va, unsigned long nr, unsigned int prot);

/*
 * Make the direct-map page at addr absent (a guard: any access faults) or
 * present again (before it goes back to the page allocator, which writes
 * to free pages). Splits large direct-map pages as needed. -EINVAL for an
 * address outside the direct map, -ENOMEM when a page table cannot be had.
 */
int direct_map_set_present(void *addr, bool present);

/*
 * Device memory (MMIO BARs): map physical [pa, pa+size) uncached, RW+NX,
 * in a dedicated virtual area, and return the address corresponding to pa
 * (any offset within the page kept). NULL when the area is exhausted or on
 * bad arguments. iounmap unmaps it; its virtual space is not reused (drivers
 * map their BARs once).
 */
void *ioremap(phys_addr_t pa, size_t size);
void iounmap(void *addr, size_t size);

/*
 * Look up the mapping of va at any page size: its effective permissions
 * (VM_WRITE only if every level allows writes, VM_EXEC only if no level
 * says NX) and physical address. -ENOENT when not mapped.
 */
int page_query(unsigned long va, unsigned int *prot, phys_addr_t *pa);

/*
 * Scan every present leaf of the kernel half of the address space and count
 * the pages (in 4 KiB units) that are both writable and executable.
 */
unsigned long paging_count_wx_pages(void);

/*
 * User address spaces (arch/x86_64/paging.c), one per process: a PML4 of
 * its own whose kernel half is shared with every other (supervisor-only)
 * and whose user half [0, USER_SPACE_END) is private. Each user page is a
 * page-allocator page owned by the address space.
 */
#define USER_SPACE_END 0x0000800000000000UL
struct pgd;
/* A new address space with an empty user half; NULL on -ENOMEM. */
struct pgd *pgd_alloc(void);
/* Free its tables and every page its user half maps. Never the live one. */
void pgd_free(struct pgd *pgd);
/*
 * map_pages/unmap_pages/page_query for the user half of pgd (VM_USER is
 * implied). user_unmap_pages with free_frames gives the pages back to the
 * page allocator. Same error values as the kernel versions; -EINVAL for a
 * range reaching USER_SPACE_END.
 */
int user_map_pages(struct pgd *pgd, unsigned long va, phys_addr_t pa, unsigned long nr,
		   unsigned int prot);
int user_unmap_pages(struct pgd *pgd, unsigned long va, unsigned long nr, bool free_frames);
int user_page_query(struct pgd *pgd, unsigned long va, unsigned int *prot, phys_addr_t *pa);
/* Load pgd into CR3 (NULL: the kernel's own tables, with an empty user half). */
void switch_pgd(struct pgd *pgd);
/*
 * A kernel-half top-level entry created after the live address space was
 * copied: copy it in and return true (the page-fault path then retries).
 */
bool pgd_sync_kernel(unsigned long va);

/* Physical [start, end) of the loaded kernel image, boot code to the end of .bss. */
void kernel_image_range(phys_addr_t *start, phys_addr_t *end);

/* Kernel image layout (linker.ld) for tests and the mem command. */
extern char _stext[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _edata[], _end[];

#endif
