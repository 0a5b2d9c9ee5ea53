/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the boot loader told us, in one form for both protocols: multiboot2
 * (GRUB, the ISO) and multiboot1 (QEMU -kernel). kernel/multiboot.c parses
 * the loader's structures with bounds checks and copies what it keeps, so
 * nothing refers to loader memory afterwards.
 */
#ifndef BPFKERN_MULTIBOOT_H
#define BPFKERN_MULTIBOOT_H

#include <bpfkern/types.h>

#ifndef MULTIBOOT1_BOOTLOADER_MAGIC /* the loaders' EAX at entry */
#define MULTIBOOT1_BOOTLOADER_MAGIC 0x2badb002
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289
#endif

#define COMMAND_LINE_SIZE 1024 /* bytes kept, with the NUL */
#define BOOT_MEM_MAX 32
#define BOOT_MODULES_MAX 24 /* tier 56 boots with every BPF object of the tree */
#define BOOT_MODULE_CMDLINE_SIZE 64
#define BOOT_RESERVED_MAX (BOOT_MODULES_MAX + 8)

struct mem_range {
	phys_addr_t start, end; /* [start, end) */
};

struct boot_module {
	phys_addr_t start, end;
	char cmdline[BOOT_MODULE_CMDLINE_SIZE];
};

struct boot_info {
	int protocol; /* 1 or 2 */
	char loader[32];
	char cmdline[COMMAND_LINE_SIZE];
	bool cmdline_truncated;
	/* Available RAM, sorted, overlaps merged. */
	struct mem_range mem[BOOT_MEM_MAX];
	unsigned int nr_mem;
	bool mem_truncated;
	struct boot_module modules[BOOT_MODULES_MAX];
	unsigned int nr_modules;
	/* Loader memory that must not be handed out: the info, mmap, strings, modules. */
	struct mem_range reserved[BOOT_RESERVED_MAX];
	unsigned int nr_reserved;
	/* Problems found in the loader's data (each also printed). */
	unsigned int errors;
};

/*
 * What this boot's loader passed (kernel/main.c fills it before anything
 * else runs). Module contents are reachable at __va(modules[i].start) and
 * stay reserved from the page allocator.
 */
extern struct boot_info boot_info;

/*
 * Parse the loader's information at physical address info_pa, given the
 * magic it passed in EAX. Every structure is checked against its declared
 * size and against the 4 GiB the loaders can address before it is read.
 * Returns 0, or -EINVAL when the magic is unknown or the info unusable
 * (bi then holds whatever could be parsed safely; never a crash).
 */
int multiboot_parse(u32 magic, phys_addr_t info_pa, struct boot_info *bi);

/* Add [start, end) to bi's available RAM, keeping it sorted and merged. */
void boot_mem_add(struct boot_info *bi, phys_addr_t start, phys_addr_t end);

/*
 * Keep [start, end) out of the free memory (the kernel image, low memory...).
 * -ENOSPC when the reserved table is full.
 */
int boot_reserve(struct boot_info *bi, phys_addr_t start, phys_addr_t end);

/*
 * Call fn(start, end, arg) for each piece of available RAM below limit that
 * lies outside every reserved range of bi, in ascending order.
 */
void boot_mem_for_each_free(const struct boot_info *bi, phys_addr_t limit,
			    void (*fn)(phys_addr_t start, phys_addr_t end, void *arg), void *arg);

#endif
