// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's page tables (4-level, 4 KiB pages, plus 2 MiB / 1 GiB leaves
 * in the direct map).
 *
 * paging_init replaces the boot tables (boot/entry.S: everything RWX) with
 * the final ones: the kernel image with one permission per section, the
 * direct map RW+NX, no identity map, nothing both writable and executable.
 * Its tables come from a static pool because it runs before the page
 * allocator; later tables (map_pages) come from get_zeroed_page().
 * Every table is reached through the direct map (__va of its physical
 * address), which also covers the pool's pages inside the kernel image.
 */
#include <bpfkern/paging.h>
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

#define PTRS_PER_TABLE 512
#define PTE_ADDR_MASK 0x000ffffffffff000ULL
#define LEVEL_SHIFT(level) (12 + 9 * ((level)-1)) /* level 4 = PML4 .. 1 = PT */
#define PT_POOL_PAGES 24
#define PT_POOL_RESERVE 4 /* kept back from the direct map for splitting its large pages */
#define SZ_1G (1ULL << 30)
#define SZ_2M (1ULL << 21)
/* Device mappings (ioremap): Linux's vmalloc base, 1 GiB. */
#define IOREMAP_START 0xffffc90000000000UL
#define IOREMAP_SIZE (1UL << 30)

typedef u64 pte_t;

extern char boot_stack_guard[]; /* boot/entry.S */

static pte_t pt_pool[PT_POOL_PAGES][PTRS_PER_TABLE] __aligned(4096);
static unsigned int pt_pool_used;
static pte_t *kernel_pml4;
static phys_addr_t dm_end;
static u64 nx_bit;
static unsigned long ioremap_next =
	IOREMAP_START; /* _PAGE_NX when the CPU has NX; the bit is reserved otherwise */

static unsigned long table_index(unsigned long va, int level)
{
	return (va >> LEVEL_SHIFT(level)) & (PTRS_PER_TABLE - 1);
}

static phys_addr_t table_pa(const pte_t *table)
{
	unsigned long va = (unsigned long)table;

	return va >= KERNEL_VMA ? kernel_image_pa(table) : __pa(table);
}

static pte_t *pte_table(pte_t entry)
{
	return __va(entry & PTE_ADDR_MASK);
}

/* A zeroed page-table page: from the static pool, then from the page allocator. */
static pte_t *pt_alloc(void)
{
	if (pt_pool_used < PT_POOL_PAGES)
		return pt_pool[pt_pool_used++];
	return get_zeroed_page();
}

static pte_t prot_to_pte(unsigned int prot)
{
	pte_t pte = _PAGE_PRESENT;

	if (prot & VM_WRITE)
		pte |= _PAGE_RW;
	if (prot & VM_USER)
		pte |= _PAGE_USER;
	if (!(prot & VM_EXEC))
		pte |= nx_bit;
	if (prot & VM_UNCACHED)
		pte |= _PAGE_PCD | _PAGE_PWT;
	return pte;
}

/*
 * The entry for va at the given level, walking down from the PML4. With
 * create, missing tables are allocated (user-accessible when user is set,
 * since the CPU ANDs the U bits of every level). NULL when a table is
 * missing (and not created / no memory) or a large page is in the way.
 */
static pte_t *walk_in(pte_t *pml4, unsigned long va, int level, bool create, bool user)
{
	pte_t *table = pml4;

	for (int l = 4; l > level; l--) {
		pte_t *e = &table[table_index(va, l)];

		if (!(*e & _PAGE_PRESENT)) {
			pte_t *next;

			if (!create)
				return NULL;
			/* user tables are freed page by page: never from the static pool */
			next = pml4 == kernel_pml4 ? pt_alloc() : get_zeroed_page();
			if (!next)
				return NULL;
			*e = table_pa(next) | _PAGE_PRESENT | _PAGE_RW;
		} else if (*e & _PAGE_PSE) {
			return NULL;
		}
		if (user)
			*e |= _PAGE_USER;
		table = pte_table(*e);
	}
	return &table[table_index(va, level)];
}

/* walk in the kernel's own tables. */
static pte_t *walk(unsigned long va, int level, bool create, bool user)
{
	return walk_in(kernel_pml4, va, level, create, user);
}

static bool va_canonical(unsigned long va)
{
	return ((long)(va << 16) >> 16) == (long)va;
}

static bool range_ok(unsigned long va, unsigned long nr)
{
	unsigned long end = va + nr * PAGE_SIZE;

	return nr && IS_ALIGNED(va, PAGE_SIZE) && va_canonical(va) && end > va &&
	       va_canonical(end - 1) && (va >> 47) == ((end - 1) >> 47);
}

int map_pages(unsigned long va, phys_addr_t pa, unsigned long nr, unsigned int prot)
{
	if (!range_ok(va, nr) || !IS_ALIGNED(pa, PAGE_SIZE))
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) { /* check first: all or nothing */
		unsigned int old_prot;
		phys_addr_t old_pa;

		if (!page_query(va + i * PAGE_SIZE, &old_prot, &old_pa))
			return -EEXIST;
	}
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *e = walk(va + i * PAGE_SIZE, 1, true, prot & VM_USER);

		if (!e) {
			unmap_pages(va, i);
			return -ENOMEM;
		}
		*e = (pa + i * PAGE_SIZE) | prot_to_pte(prot);
		invlpg(va + i * PAGE_SIZE);
	}
	return 0;
}

int unmap_pages(unsigned long va, unsigned long nr)
{
	int ret = 0;

	if (!nr)
		return 0;
	if (!range_ok(va, nr))
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *e = walk(va + i * PAGE_SIZE, 1, false, false);

		if (!e || !(*e & _PAGE_PRESENT)) {
			ret = -ENOENT;
			continue;
		}
		*e = 0;
		invlpg(va + i * PAGE_SIZE);
	}
	return ret;
}

int protect_pages(unsigned long va, unsigned long nr, unsigned int prot)
{
	if (!range_ok(va, nr))
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *e = walk(va + i * PAGE_SIZE, 1, false, false);

		if (!e || !(*e & _PAGE_PRESENT))
			return -ENOENT;
	}
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *e = walk(va + i * PAGE_SIZE, 1, false, false);

		*e = (*e & PTE_ADDR_MASK) | prot_to_pte(prot);
		invlpg(va + i * PAGE_SIZE);
	}
	return 0;
}

/* page_query in the tables rooted at pml4. */
static int page_query_in(pte_t *pml4, unsigned long va, unsigned int *prot, phys_addr_t *pa)
{
	pte_t *table = pml4;
	bool writable = true, exec = true, user = true;

	if (!va_canonical(va))
		return -ENOENT;
	for (int l = 4; l >= 1; l--) {
		pte_t e = table[table_index(va, l)];

		if (!(e & _PAGE_PRESENT))
			return -ENOENT;
		writable &= !!(e & _PAGE_RW);
		user &= !!(e & _PAGE_USER);
		exec &= !(e & nx_bit) || !nx_bit;
		if (l == 1 || (l <= 3 && (e & _PAGE_PSE))) {
			u64 size = 1ULL << LEVEL_SHIFT(l);

			*prot = (writable ? VM_WRITE : 0) | (exec ? VM_EXEC : 0) |
				(user ? VM_USER : 0);
			*pa = (e & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
			return 0;
		}
		table = pte_table(e);
	}
	return -ENOENT;
}

int page_query(unsigned long va, unsigned int *prot, phys_addr_t *pa)
{
	return page_query_in(kernel_pml4, va, prot, pa);
}

u64 lookup_pte_flags(unsigned long va)
{
	pte_t *e = walk(va, 1, false, false);

	return e ? *e & ~PTE_ADDR_MASK : 0;
}

bool kernel_range_mapped(unsigned long va, size_t len)
{
	unsigned int prot;
	phys_addr_t pa;

	if (!kernel_pml4) /* still on the boot tables: trust the caller */
		return va >= KERNEL_VMA || (va >= PAGE_OFFSET && va < PAGE_OFFSET + (4ULL << 30));
	for (unsigned long p = ALIGN_DOWN(va, PAGE_SIZE); p < va + len; p += PAGE_SIZE)
		if (page_query(p, &prot, &pa))
			return false;
	return true;
}

/* Map [start, end) of the kernel image at its link address with prot. */
static void map_kernel_section(const char *start, const char *end, unsigned int prot)
{
	unsigned long va = (unsigned long)start;
	unsigned long nr = ((unsigned long)end - va) / PAGE_SIZE;

	if (nr && map_pages(va, kernel_image_pa(start), nr, prot))
		panic("paging: cannot map kernel section %016lx..%016lx", va, (unsigned long)end);
}

/*
 * The direct map: physical [0, end) at PAGE_OFFSET, RW+NX, with 1 GiB
 * pages when the CPU has them, else 2 MiB pages (one pool table per GiB).
 * Returns how far it got (less than end when the pool ran out).
 */
static phys_addr_t map_direct(phys_addr_t end)
{
	pte_t *pdpt = pt_alloc();
	const pte_t leaf = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | nx_bit;
	u64 gb;

	kernel_pml4[table_index(PAGE_OFFSET, 4)] = table_pa(pdpt) | _PAGE_PRESENT | _PAGE_RW;
	for (gb = 0; gb < end / SZ_1G && gb < PTRS_PER_TABLE; gb++) {
		pte_t *pd;

		if (boot_cpu.gbpages) {
			pdpt[gb] = gb * SZ_1G | leaf;
			continue;
		}
		if (pt_pool_used + PT_POOL_RESERVE >= PT_POOL_PAGES)
			break;
		pd = pt_alloc();
		for (u64 i = 0; i < PTRS_PER_TABLE; i++)
			pd[i] = (gb * SZ_1G + i * SZ_2M) | leaf;
		pdpt[gb] = table_pa(pd) | _PAGE_PRESENT | _PAGE_RW;
	}
	return gb * SZ_1G;
}

/*
 * Replace the large-page entry *e at level (3: 1 GiB, 2: 2 MiB) by a table
 * of 512 entries of the next size down with the same permissions.
 */
static int split_large_page(pte_t *e, int level)
{
	pte_t *t = pt_alloc();
	u64 step = 1ULL << LEVEL_SHIFT(level - 1);
	/* In a 4 KiB entry bit 7 means PAT, not "large": drop it going to level 1. */
	pte_t flags = (*e & ~PTE_ADDR_MASK) & ~(level == 2 ? (pte_t)_PAGE_PSE : 0);
	phys_addr_t base = *e & PTE_ADDR_MASK;

	if (!t)
		return -ENOMEM;
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		t[i] = (base + i * step) | flags;
	*e = table_pa(t) | _PAGE_PRESENT | _PAGE_RW;
	return 0;
}

/* Make va mapped by a 4 KiB entry, splitting the large pages above it. */
static int split_to_4k(unsigned long va)
{
	pte_t *table = kernel_pml4;

	for (int l = 4; l > 1; l--) {
		pte_t *e = &table[table_index(va, l)];

		if (!(*e & _PAGE_PRESENT))
			return -ENOENT;
		if ((*e & _PAGE_PSE) && split_large_page(e, l))
			return -ENOMEM;
		table = pte_table(*e);
	}
	return 0;
}

/*
 * The direct map aliases the kernel image: make the alias of text and
 * rodata read-only (and, like all of the direct map, NX), so that no
 * mapping anywhere can write kernel code.
 */
static void protect_image_alias(void)
{
	unsigned long start = (unsigned long)__va(kernel_image_pa(_stext));
	unsigned long end = (unsigned long)__va(kernel_image_pa(__end_rodata));

	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		if (split_to_4k(va)) {
			printk("paging: cannot make the kernel text alias read-only\n");
			return;
		}
	}
	protect_pages(start, (end - start) / PAGE_SIZE, VM_READ);
}

void paging_init(phys_addr_t ram_end)
{
	phys_addr_t want = ALIGN(max(ram_end, 4ULL << 30), SZ_1G);

	nx_bit = boot_cpu.nx ? _PAGE_NX : 0;
	if (!nx_bit)
		printk("paging: CPU has no NX bit: data will be executable\n");
	kernel_pml4 = pt_alloc();
	map_kernel_section(_stext, _etext, VM_EXEC);
	map_kernel_section(__start_rodata, __end_rodata, VM_READ);
	map_kernel_section(_sdata, _end, VM_WRITE);
	dm_end = map_direct(want);
	if (dm_end < want)
		printk("paging: direct map limited to %lu MiB of %lu MiB\n",
		       (unsigned long)(dm_end >> 20), (unsigned long)(want >> 20));
	protect_image_alias();
	unmap_pages((unsigned long)boot_stack_guard, 1);
	write_cr3(table_pa(kernel_pml4));
}

int direct_map_set_present(void *addr, bool present)
{
	unsigned long va = (unsigned long)addr;
	pte_t *e;

	if (!IS_ALIGNED(va, PAGE_SIZE) || va < PAGE_OFFSET || va >= PAGE_OFFSET + dm_end)
		return -EINVAL;
	if (split_to_4k(va))
		return -ENOMEM;
	e = walk(va, 1, false, false);
	if (!e)
		return -ENOMEM;
	*e = present ? *e | _PAGE_PRESENT : *e & ~(pte_t)_PAGE_PRESENT;
	invlpg(va);
	return 0;
}

void *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t first = ALIGN_DOWN(pa, PAGE_SIZE);
	unsigned long nr, va = ioremap_next;

	if (!size || pa + size < pa)
		return NULL;
	nr = (ALIGN(pa + size, PAGE_SIZE) - first) / PAGE_SIZE;
	if (nr > (IOREMAP_START + IOREMAP_SIZE - va) / PAGE_SIZE - 1)
		return NULL;
	if (map_pages(va, first, nr, VM_WRITE | VM_UNCACHED))
		return NULL;
	ioremap_next = va + (nr + 1) * PAGE_SIZE; /* + an unmapped guard page */
	return (void *)(va + (pa - first));
}

void iounmap(void *addr, size_t size)
{
	unsigned long va = ALIGN_DOWN((unsigned long)addr, PAGE_SIZE);
	unsigned long end = ALIGN((unsigned long)addr + size, PAGE_SIZE);

	if (va < IOREMAP_START || end > IOREMAP_START + IOREMAP_SIZE || end <= va) {
		printk("iounmap: %p is not an ioremap address\n", addr);
		return;
	}
	unmap_pages(va, (end - va) / PAGE_SIZE);
}

void kernel_image_range(phys_addr_t *start, phys_addr_t *end)
{
	extern char __boot_start[]; /* linked at its load address */

	*start = (unsigned long)__boot_start;
	*end = kernel_image_pa(_end);
}

phys_addr_t direct_map_end(void)
{
	return dm_end;
}

/* W+X pages (4 KiB units) under table at level, given the permissions above it. */
static unsigned long count_wx(const pte_t *table, int level, bool writable, bool exec)
{
	unsigned long n = 0;
	int first = level == 4 ? PTRS_PER_TABLE / 2 : 0; /* the kernel half only */

	for (int i = first; i < PTRS_PER_TABLE; i++) {
		pte_t e = table[i];
		bool w = writable && (e & _PAGE_RW);
		bool x = exec && !(e & nx_bit);

		if (!(e & _PAGE_PRESENT))
			continue;
		if (level == 1 || (level <= 3 && (e & _PAGE_PSE)))
			n += (w && x) ? 1UL << (LEVEL_SHIFT(level) - PAGE_SHIFT) : 0;
		else
			n += count_wx(pte_table(e), level - 1, w, x);
	}
	return n;
}

unsigned long paging_count_wx_pages(void)
{
	return count_wx(kernel_pml4, 4, true, true);
}

/*
 * User address spaces. A struct pgd is the PML4 page itself (through the
 * direct map): entries 256..511 copy the kernel's, so every process shares
 * the kernel half (supervisor-only), and entries 0..255 lead to tables of
 * its own. Every user leaf maps one page-allocator page that the address
 * space owns: pgd_free and user_unmap_pages(.., true) give them back.
 */
#define USER_PML4_ENTRIES (PTRS_PER_TABLE / 2)

static pte_t *pgd_table(struct pgd *pgd)
{
	return (pte_t *)pgd;
}

struct pgd *pgd_alloc(void)
{
	pte_t *pml4 = get_zeroed_page();

	if (!pml4)
		return NULL;
	for (int i = USER_PML4_ENTRIES; i < PTRS_PER_TABLE; i++)
		pml4[i] = kernel_pml4[i];
	return (struct pgd *)pml4;
}

/* Free the tables under table (level 3..1) and, at level 1, the frames they map. */
static void free_user_tables(pte_t *table, int level)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		pte_t e = table[i];

		if (!(e & _PAGE_PRESENT))
			continue;
		if (level == 1)
			free_page(__va(e & PTE_ADDR_MASK));
		else
			free_user_tables(pte_table(e), level - 1);
	}
	free_page(table);
}

void pgd_free(struct pgd *pgd)
{
	pte_t *pml4 = pgd_table(pgd);

	if (!pgd)
		return;
	BUG_ON(table_pa(pml4) == (read_cr3() & PTE_ADDR_MASK));
	for (int i = 0; i < USER_PML4_ENTRIES; i++)
		if (pml4[i] & _PAGE_PRESENT)
			free_user_tables(pte_table(pml4[i]), 3);
	free_page(pml4);
}

static bool user_range_ok(unsigned long va, unsigned long nr)
{
	return range_ok(va, nr) && va + nr * PAGE_SIZE <= USER_SPACE_END;
}

int user_map_pages(struct pgd *pgd, unsigned long va, phys_addr_t pa, unsigned long nr,
		   unsigned int prot)
{
	unsigned int old_prot;
	phys_addr_t old_pa;

	if (!user_range_ok(va, nr) || !IS_ALIGNED(pa, PAGE_SIZE))
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++)
		if (!page_query_in(pgd_table(pgd), va + i * PAGE_SIZE, &old_prot, &old_pa))
			return -EEXIST;
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *e = walk_in(pgd_table(pgd), va + i * PAGE_SIZE, 1, true, true);

		if (!e) {
			user_unmap_pages(pgd, va, i, false);
			return -ENOMEM;
		}
		*e = (pa + i * PAGE_SIZE) | prot_to_pte(prot | VM_USER);
		invlpg(va + i * PAGE_SIZE);
	}
	return 0;
}

/*
 * Pages (from va, up to nr) that cannot hold a mapping because a table above
 * them is missing in pml4: the rest of that table's span. 0 if a PT exists.
 */
static unsigned long unmapped_span(pte_t *pml4, unsigned long va, unsigned long nr)
{
	pte_t *table = pml4;

	for (int l = 4; l > 1; l--) {
		pte_t e = table[table_index(va, l)];

		if (!(e & _PAGE_PRESENT)) {
			unsigned long span = 1UL << LEVEL_SHIFT(l);

			return min(nr, (ALIGN(va + 1, span) - va) / PAGE_SIZE);
		}
		table = pte_table(e);
	}
	return 0;
}

int user_unmap_pages(struct pgd *pgd, unsigned long va, unsigned long nr, bool free_frames)
{
	int ret = 0;

	if (!nr)
		return 0;
	if (!user_range_ok(va, nr))
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long hole = unmapped_span(pgd_table(pgd), va + i * PAGE_SIZE, nr - i);
		pte_t *e;

		if (hole) {
			ret = -ENOENT;
			i += hole - 1;
			continue;
		}
		e = walk_in(pgd_table(pgd), va + i * PAGE_SIZE, 1, false, false);
		if (!e || !(*e & _PAGE_PRESENT)) {
			ret = -ENOENT;
			continue;
		}
		if (free_frames)
			free_page(__va(*e & PTE_ADDR_MASK));
		*e = 0;
		invlpg(va + i * PAGE_SIZE);
	}
	return ret;
}

int user_page_query(struct pgd *pgd, unsigned long va, unsigned int *prot, phys_addr_t *pa)
{
	if (va >= USER_SPACE_END)
		return -ENOENT;
	return page_query_in(pgd_table(pgd), va, prot, pa);
}

void switch_pgd(struct pgd *pgd)
{
	write_cr3(table_pa(pgd ? pgd_table(pgd) : kernel_pml4));
}

bool pgd_sync_kernel(unsigned long va)
{
	pte_t *live = __va(read_cr3() & PTE_ADDR_MASK);
	unsigned long i = table_index(va, 4);

	if (va < USER_SPACE_END || live == kernel_pml4 || live[i] == kernel_pml4[i] ||
	    !(kernel_pml4[i] & _PAGE_PRESENT))
		return false;
	live[i] = kernel_pml4[i];
	return true;
}
