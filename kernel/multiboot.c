// SPDX-License-Identifier: GPL-2.0
/*
 * Multiboot information (protocol 1 from QEMU -kernel, 2 from GRUB) parsed
 * into struct boot_info. The loader's data is input like any other: every
 * size is checked against its container and every physical pointer against
 * the 4 GiB a 32-bit loader can hand over, before anything is read.
 * Problems are printed, counted in bi->errors, and the bad part is skipped.
 */
#include <string.h>
#include <bpfkern/multiboot.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/cmdline.h>

#define LOADER_LIMIT (4ULL << 30) /* loaders pass 32-bit physical addresses */
#define MB2_INFO_MAX (1U << 20) /* sanity bound for total_size */
#define MB_MEMORY_AVAILABLE 1

#define MB1_INFO_MEMORY BIT(0)
#define MB1_INFO_CMDLINE BIT(2)
#define MB1_INFO_MODS BIT(3)
#define MB1_INFO_MMAP BIT(6)
#define MB1_INFO_LOADER BIT(9)

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MEMINFO 4
#define MB2_TAG_MMAP 6

struct mb1_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr, drives_length, drives_addr, config_table, boot_loader_name;
} __packed;

struct mb1_module {
	u32 mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap_entry {
	u32 size; /* of the rest of the entry, not counting this field */
	u64 addr, len;
	u32 type;
} __packed;

struct mb2_tag {
	u32 type, size;
} __packed;

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, reserved;
} __packed;

static void mb_error(struct boot_info *bi, const char *what)
{
	bi->errors++;
	printk("multiboot: %s; ignored\n", what);
}

/* Loader memory [pa, pa+len) through the direct map, or NULL if out of bounds. */
static const void *loader_ptr(phys_addr_t pa, u64 len)
{
	if (pa >= LOADER_LIMIT || len > LOADER_LIMIT - pa)
		return NULL;
	return __va(pa);
}

/* Copy a NUL-terminated string of at most max bytes at src (not NUL-terminated if longer). */
static bool copy_bounded_string(char *dst, size_t size, const char *src, size_t max)
{
	size_t n = strnlen(src, max);
	size_t keep = min(n, size - 1);

	memcpy(dst, src, keep);
	dst[keep] = '\0';
	return n > keep;
}

/* A string at a loader physical address: bounded by the 4 GiB limit. */
static bool copy_loader_string(struct boot_info *bi, char *dst, size_t size, phys_addr_t pa)
{
	const char *s = loader_ptr(pa, 1);

	dst[0] = '\0';
	if (!s) {
		mb_error(bi, "string pointer beyond 4 GiB");
		return false;
	}
	return copy_bounded_string(dst, size, s, min(LOADER_LIMIT - pa, (u64)size));
}

void boot_mem_add(struct boot_info *bi, phys_addr_t start, phys_addr_t end)
{
	unsigned int i = 0, j;

	if (end <= start)
		return;
	/* Skip ranges entirely before; absorb every range overlapping or touching. */
	while (i < bi->nr_mem && bi->mem[i].end < start)
		i++;
	for (j = i; j < bi->nr_mem && bi->mem[j].start <= end; j++) {
		start = min(start, bi->mem[j].start);
		end = max(end, bi->mem[j].end);
	}
	if (j == i && bi->nr_mem == BOOT_MEM_MAX) {
		bi->mem_truncated = true;
		return;
	}
	/* Replace mem[i..j) by the one merged range. */
	memmove(&bi->mem[i + 1], &bi->mem[j], (bi->nr_mem - j) * sizeof(bi->mem[0]));
	bi->nr_mem = bi->nr_mem - (j - i) + 1;
	bi->mem[i].start = start;
	bi->mem[i].end = end;
}

int boot_reserve(struct boot_info *bi, phys_addr_t start, phys_addr_t end)
{
	if (end <= start)
		return 0;
	if (bi->nr_reserved == BOOT_RESERVED_MAX)
		return -ENOSPC;
	bi->reserved[bi->nr_reserved].start = start;
	bi->reserved[bi->nr_reserved].end = end;
	bi->nr_reserved++;
	return 0;
}

static void add_module(struct boot_info *bi, phys_addr_t start, phys_addr_t end, const char *str,
		       size_t str_max)
{
	struct boot_module *m;

	if (end < start || end > LOADER_LIMIT) {
		mb_error(bi, "module with a bad address range");
		return;
	}
	if (bi->nr_modules == BOOT_MODULES_MAX) {
		mb_error(bi, "too many modules");
		return;
	}
	boot_reserve(bi, start, end); /* cannot fail: room for every module */
	m = &bi->modules[bi->nr_modules++];
	m->start = start;
	m->end = end;
	copy_bounded_string(m->cmdline, sizeof(m->cmdline), str ? str : "", str ? str_max : 1);
}

/* Multiboot1 memory map: entries of self-described size within mmap_length. */
static void mb1_parse_mmap(struct boot_info *bi, const struct mb1_info *mbi)
{
	const u8 *map = loader_ptr(mbi->mmap_addr, mbi->mmap_length);
	u32 off = 0;

	if (!map) {
		mb_error(bi, "memory map beyond 4 GiB");
		return;
	}
	boot_reserve(bi, mbi->mmap_addr, (u64)mbi->mmap_addr + mbi->mmap_length);
	while (mbi->mmap_length - off >= sizeof(struct mb1_mmap_entry)) {
		const struct mb1_mmap_entry *e = (const void *)(map + off);

		if (e->size < sizeof(*e) - 4 || e->size > mbi->mmap_length - off - 4) {
			mb_error(bi, "memory map entry with a bad size");
			return;
		}
		if (e->addr + e->len < e->addr)
			mb_error(bi, "memory map entry wraps around");
		else if (e->type == MB_MEMORY_AVAILABLE)
			boot_mem_add(bi, e->addr, e->addr + e->len);
		off += e->size + 4;
	}
}

static void mb1_parse_modules(struct boot_info *bi, const struct mb1_info *mbi)
{
	const struct mb1_module *mods =
		loader_ptr(mbi->mods_addr, (u64)mbi->mods_count * sizeof(*mods));

	if (!mods) {
		mb_error(bi, "module list beyond 4 GiB");
		return;
	}
	boot_reserve(bi, mbi->mods_addr, mbi->mods_addr + (u64)mbi->mods_count * sizeof(*mods));
	for (u32 i = 0; i < mbi->mods_count; i++) {
		if (bi->nr_modules == BOOT_MODULES_MAX) {
			mb_error(bi, "too many modules");
			break;
		}
		const char *str = loader_ptr(mods[i].string, 1);
		size_t max = str ? min(LOADER_LIMIT - mods[i].string, (u64)BOOT_MODULE_CMDLINE_SIZE)
				 : 0;

		add_module(bi, mods[i].mod_start, mods[i].mod_end, str, max);
	}
}

static int mb1_parse(struct boot_info *bi, phys_addr_t info_pa)
{
	const struct mb1_info *mbi = loader_ptr(info_pa, sizeof(*mbi));

	if (!mbi) {
		mb_error(bi, "information structure beyond 4 GiB");
		return -EINVAL;
	}
	bi->protocol = 1;
	boot_reserve(bi, info_pa, info_pa + sizeof(*mbi));
	if (mbi->flags & MB1_INFO_CMDLINE)
		bi->cmdline_truncated =
			copy_loader_string(bi, bi->cmdline, sizeof(bi->cmdline), mbi->cmdline);
	if (mbi->flags & MB1_INFO_LOADER)
		copy_loader_string(bi, bi->loader, sizeof(bi->loader), mbi->boot_loader_name);
	if (mbi->flags & MB1_INFO_MMAP)
		mb1_parse_mmap(bi, mbi);
	if (!bi->nr_mem && (mbi->flags & MB1_INFO_MEMORY)) { /* no map: the two classic ranges */
		boot_mem_add(bi, 0, (u64)mbi->mem_lower << 10);
		boot_mem_add(bi, 1 << 20, (1 << 20) + ((u64)mbi->mem_upper << 10));
	}
	if (mbi->flags & MB1_INFO_MODS)
		mb1_parse_modules(bi, mbi);
	return 0;
}

/* Multiboot2 memory map tag: fixed-size entries after a 16-byte header. */
static void mb2_parse_mmap(struct boot_info *bi, const struct mb2_tag *tag)
{
	const u8 *base = (const u8 *)tag;
	u32 entry_size;

	if (tag->size < 16) {
		mb_error(bi, "memory map tag too small");
		return;
	}
	entry_size = *(const u32 *)(base + 8);
	if (entry_size < sizeof(struct mb2_mmap_entry)) {
		mb_error(bi, "memory map entry size too small");
		return;
	}
	for (u32 off = 16; tag->size - off >= entry_size; off += entry_size) {
		const struct mb2_mmap_entry *e = (const void *)(base + off);

		if (e->addr + e->len < e->addr)
			mb_error(bi, "memory map entry wraps around");
		else if (e->type == MB_MEMORY_AVAILABLE)
			boot_mem_add(bi, e->addr, e->addr + e->len);
	}
}

/* One tag, already known to lie inside the information structure. */
static void mb2_parse_tag(struct boot_info *bi, const struct mb2_tag *tag, bool *have_mmap)
{
	const u8 *p = (const u8 *)tag;
	const u32 *w = (const u32 *)(p + 8);

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		bi->cmdline_truncated = copy_bounded_string(bi->cmdline, sizeof(bi->cmdline),
							    (const char *)p + 8, tag->size - 8);
		break;
	case MB2_TAG_LOADER:
		copy_bounded_string(bi->loader, sizeof(bi->loader), (const char *)p + 8,
				    tag->size - 8);
		break;
	case MB2_TAG_MODULE:
		if (tag->size < 16)
			mb_error(bi, "module tag too small");
		else
			add_module(bi, w[0], w[1], (const char *)p + 16, tag->size - 16);
		break;
	case MB2_TAG_MEMINFO:
		if (tag->size >= 16 && !*have_mmap) {
			boot_mem_add(bi, 0, (u64)w[0] << 10);
			boot_mem_add(bi, 1 << 20, (1 << 20) + ((u64)w[1] << 10));
		}
		break;
	case MB2_TAG_MMAP:
		if (!*have_mmap) { /* the map supersedes basic meminfo */
			bi->nr_mem = 0;
			*have_mmap = true;
		}
		mb2_parse_mmap(bi, tag);
		break;
	}
}

static int mb2_parse(struct boot_info *bi, phys_addr_t info_pa)
{
	const u32 *hdr = loader_ptr(info_pa, 8); /* total_size, reserved */
	bool have_mmap = false;
	const u8 *info;
	u32 total, off;

	if (!hdr || hdr[0] < 8 || hdr[0] > MB2_INFO_MAX || !(info = loader_ptr(info_pa, hdr[0]))) {
		mb_error(bi, "information structure with a bad total size");
		return -EINVAL;
	}
	total = hdr[0];
	bi->protocol = 2;
	boot_reserve(bi, info_pa, info_pa + total);
	off = 8;
	while (off <= total && total - off >= sizeof(struct mb2_tag)) {
		const struct mb2_tag *tag = (const void *)(info + off);

		if (tag->size < sizeof(*tag) || tag->size > total - off) {
			mb_error(bi, "tag with a bad size");
			break;
		}
		if (tag->type == MB2_TAG_END)
			break;
		mb2_parse_tag(bi, tag, &have_mmap);
		off += ALIGN(tag->size, 8);
	}
	return 0;
}

int multiboot_parse(u32 magic, phys_addr_t info_pa, struct boot_info *bi)
{
	int ret;

	memset(bi, 0, sizeof(*bi));
	if (magic == MULTIBOOT2_BOOTLOADER_MAGIC)
		ret = mb2_parse(bi, info_pa);
	else if (magic == MULTIBOOT1_BOOTLOADER_MAGIC)
		ret = mb1_parse(bi, info_pa);
	else {
		printk("multiboot: unknown boot loader magic 0x%x\n", magic);
		return -EINVAL;
	}
	if (bi->cmdline_truncated)
		printk("multiboot: command line longer than %d bytes: truncated\n",
		       COMMAND_LINE_SIZE - 1);
	if (bi->mem_truncated)
		printk("multiboot: more than %d RAM ranges: the rest is unused\n", BOOT_MEM_MAX);
	return ret;
}

void boot_mem_for_each_free(const struct boot_info *bi, phys_addr_t limit,
			    void (*fn)(phys_addr_t start, phys_addr_t end, void *arg), void *arg)
{
	for (unsigned int i = 0; i < bi->nr_mem; i++) {
		phys_addr_t cur = bi->mem[i].start, end = min(bi->mem[i].end, limit);

		while (cur < end) {
			/* The reserved range overlapping [cur, end) that starts first. */
			const struct mem_range *first = NULL;

			for (unsigned int r = 0; r < bi->nr_reserved; r++) {
				const struct mem_range *rr = &bi->reserved[r];

				if (rr->end > cur && rr->start < end &&
				    (!first || rr->start < first->start))
					first = rr;
			}
			if (!first) {
				fn(cur, end, arg);
				break;
			}
			if (first->start > cur)
				fn(cur, first->start, arg);
			cur = first->end;
		}
	}
}
