// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of boot-information handling (suite "boot"): multiboot1
 * and multiboot2 parsing of well-formed and malformed synthetic structures
 * (built in a page from the page allocator, so they have a physical address
 * like the loader's), the RAM-range bookkeeping, and the command line.
 */
#include <string.h>
#include <bpfkern/ktest.h>
#include <bpfkern/kernel.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/mm.h>
#include <bpfkern/multiboot.h>
#include <bpfkern/page_alloc.h>

static struct boot_info bi; /* too big for the stack */

/* Builder for a multiboot2 information structure in one page. */
struct mb2_builder {
	u8 *buf;
	u32 off;
};

static void *mb2_tag(struct mb2_builder *b, u32 type, u32 size)
{
	u32 *t = (u32 *)(b->buf + b->off);

	t[0] = type;
	t[1] = size;
	b->off += ALIGN(size, 8);
	return t;
}

static void mb2_finish(struct mb2_builder *b)
{
	mb2_tag(b, 0, 8);
	((u32 *)b->buf)[0] = b->off;
}

static void mb2_mmap(struct mb2_builder *b, const u64 (*ents)[3], unsigned int n)
{
	u32 *t = mb2_tag(b, 6, 16 + 24 * n);

	t[2] = 24;
	t[3] = 0;
	for (unsigned int i = 0; i < n; i++) {
		u64 *e = (u64 *)((u8 *)t + 16 + 24 * i);

		e[0] = ents[i][0];
		e[1] = ents[i][1];
		e[2] = ents[i][2]; /* type, reserved */
	}
}

KTEST(boot, mb2_wellformed)
{
	static const u64 map[][3] = {
		{ 0x100000, 0x700000, 1 }, { 0, 0x9f000, 1 }, /* out of order */
		{ 0x9f000, 0x61000, 2 },   { 0x800000, 0x100000, 3 }, /* not RAM */
		{ 0x900000, 0x100000, 1 }, { 0x400000, 0x100000, 1 }, /* overlaps */
	};
	struct mb2_builder b = { get_zeroed_page(), 8 };
	u32 *mod;

	KTEST_ASSERT(b.buf);
	strcpy((char *)mb2_tag(&b, 1, 8 + 12) + 8, "test=x a=b");
	strcpy((char *)mb2_tag(&b, 2, 8 + 5) + 8, "GRUB");
	mod = mb2_tag(&b, 3, 16 + 4);
	mod[2] = 0x2000000;
	mod[3] = 0x2001000;
	strcpy((char *)&mod[4], "m1");
	mb2_mmap(&b, map, ARRAY_SIZE(map));
	mb2_finish(&b);

	KTEST_ASSERT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(bi.protocol == 2 && bi.errors == 0);
	KTEST_EXPECT(!strcmp(bi.cmdline, "test=x a=b") && !bi.cmdline_truncated);
	KTEST_EXPECT(!strcmp(bi.loader, "GRUB"));
	KTEST_EXPECT(bi.nr_modules == 1 && bi.modules[0].start == 0x2000000 &&
		     bi.modules[0].end == 0x2001000 && !strcmp(bi.modules[0].cmdline, "m1"));
	KTEST_ASSERT(bi.nr_mem == 3);
	KTEST_EXPECT(bi.mem[0].start == 0 && bi.mem[0].end == 0x9f000);
	KTEST_EXPECT(bi.mem[1].start == 0x100000 && bi.mem[1].end == 0x800000);
	KTEST_EXPECT(bi.mem[2].start == 0x900000 && bi.mem[2].end == 0xa00000);
	KTEST_EXPECT(bi.nr_reserved == 2); /* the info and the module */
	free_page(b.buf);
}

KTEST(boot, mb2_malformed)
{
	static const u64 map[][3] = { { 0x100000, 0x100000, 1 } };
	struct mb2_builder b = { get_zeroed_page(), 8 };
	u32 *hdr = (u32 *)b.buf, *tag;

	KTEST_ASSERT(b.buf);
	/* total_size below the header, and absurdly large */
	hdr[0] = 4;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == -EINVAL);
	hdr[0] = 0x7fffffff;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == -EINVAL);
	/* info at the top of the 32-bit space: would run past 4 GiB */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, 0xfffffffcULL, &bi) == -EINVAL);

	/* a tag whose size runs past total_size: parsing stops there */
	mb2_mmap(&b, map, 1);
	tag = mb2_tag(&b, 1, 8 + 4);
	memcpy(tag + 2, "abc", 4);
	mb2_finish(&b);
	tag[1] = 4000;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1 && bi.nr_mem == 1 && bi.cmdline[0] == 0);
	/* a tag smaller than its header */
	tag[1] = 4;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1);
	/* an unterminated string in a tag: bounded by the tag */
	tag[1] = 8 + 4;
	memcpy(tag + 2, "abcd", 4);
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(!strcmp(bi.cmdline, "abcd"));
	/* memory map entries smaller than an entry */
	((u32 *)(b.buf + 8))[2] = 8;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1 && bi.nr_mem == 0);
	/* unknown magic */
	KTEST_EXPECT(multiboot_parse(0x12345678, __pa(b.buf), &bi) == -EINVAL);
	free_page(b.buf);
}

KTEST(boot, mb2_long_cmdline_truncated)
{
	struct mb2_builder b = { get_zeroed_page(), 8 };
	char *s;

	KTEST_ASSERT(b.buf);
	s = (char *)mb2_tag(&b, 1, 8 + 3001) + 8;
	memset(s, 'x', 3000);
	s[3000] = '\0';
	mb2_finish(&b);
	KTEST_EXPECT(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, __pa(b.buf), &bi) == 0);
	KTEST_EXPECT(bi.cmdline_truncated && strlen(bi.cmdline) == COMMAND_LINE_SIZE - 1);
	free_page(b.buf);
}

/* The multiboot1 layout (kernel/multiboot.c keeps its own private copy). */
struct test_mb1_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
} __packed;

struct test_mb1_mmap {
	u32 size;
	u64 addr, len;
	u32 type;
} __packed;

/* A multiboot1 info at the page start, mmap at +256, modules at +512, strings at +1024. */
static struct test_mb1_info *mb1_build(u8 *page)
{
	struct test_mb1_info *mbi = (void *)page;
	struct test_mb1_mmap *mm = (void *)(page + 256);
	u32 *mod = (u32 *)(page + 512);
	u32 pa = (u32)__pa(page);

	mbi->flags = BIT(0) | BIT(2) | BIT(3) | BIT(6);
	mbi->mem_lower = 639;
	mbi->mem_upper = 15 * 1024;
	strcpy((char *)page + 1024, "console test=y");
	mbi->cmdline = pa + 1024;
	mm[0] = (struct test_mb1_mmap){ 20, 0, 0x9fc00, 1 };
	mm[1] = (struct test_mb1_mmap){ 20, 0x100000, 0xf00000, 1 };
	mm[2] = (struct test_mb1_mmap){ 20, 0xfffc0000, 0x40000, 2 };
	mbi->mmap_addr = pa + 256;
	mbi->mmap_length = 3 * sizeof(*mm);
	mod[0] = 0x300000;
	mod[1] = 0x380000;
	mod[2] = pa + 1100;
	strcpy((char *)page + 1100, "prog.o");
	mbi->mods_addr = pa + 512;
	mbi->mods_count = 1;
	return mbi;
}

KTEST(boot, mb1_wellformed)
{
	u8 *page = get_zeroed_page();

	KTEST_ASSERT(page);
	mb1_build(page);
	KTEST_ASSERT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.protocol == 1 && bi.errors == 0);
	KTEST_EXPECT(!strcmp(bi.cmdline, "console test=y"));
	KTEST_ASSERT(bi.nr_mem == 2);
	KTEST_EXPECT(bi.mem[1].start == 0x100000 && bi.mem[1].end == 0x1000000);
	KTEST_EXPECT(bi.nr_modules == 1 && bi.modules[0].end == 0x380000 &&
		     !strcmp(bi.modules[0].cmdline, "prog.o"));
	free_page(page);
}

KTEST(boot, mb1_malformed)
{
	u8 *page = get_zeroed_page();
	struct test_mb1_info *mbi;
	struct test_mb1_mmap *mm = (void *)(page + 256);

	KTEST_ASSERT(page);
	mbi = mb1_build(page);
	mm[1].size = 0; /* an entry too small: the map stops there */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1 && bi.nr_mem == 1);
	mm[1].size = 0x10000; /* an entry larger than the map */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1 && bi.nr_mem == 1);
	mm[1].size = 20;
	mm[1].len = ~0ULL; /* wraps around */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.errors == 1 && bi.nr_mem == 1);
	mbi->mmap_addr = 0xfffff000; /* runs past 4 GiB */
	mbi->mmap_length = 0x2000;
	mbi->mods_count = 0x40000000; /* a module list past 4 GiB */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.errors == 2 && bi.nr_modules == 0);
	KTEST_EXPECT(bi.nr_mem == 2); /* fell back to mem_lower/mem_upper */
	mbi->mods_count = 100; /* more modules than we keep */
	for (int i = 0; i < 100; i++) {
		u32 *mod = (u32 *)(page + 512 + 16 * (i % 32));

		mod[0] = mod[1] = 0x400000;
		mod[2] = 0xffffffff; /* string at the very end of 4 GiB */
	}
	mbi->mods_count = 32;
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, __pa(page), &bi) == 0);
	KTEST_EXPECT(bi.nr_modules == BOOT_MODULES_MAX);
	/* the information structure itself out of reach */
	KTEST_EXPECT(multiboot_parse(MULTIBOOT1_BOOTLOADER_MAGIC, 0xfffffff0ULL, &bi) == -EINVAL);
	free_page(page);
}

static void collect_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct boot_info *out = arg;

	if (out->nr_mem < BOOT_MEM_MAX) {
		out->mem[out->nr_mem].start = start;
		out->mem[out->nr_mem].end = end;
		out->nr_mem++;
	}
}

KTEST(boot, free_ranges_skip_reserved)
{
	static struct boot_info out;

	memset(&bi, 0, sizeof(bi));
	memset(&out, 0, sizeof(out));
	boot_mem_add(&bi, 0x100000, 0x800000);
	boot_mem_add(&bi, 0x1000000, 0x2000000);
	boot_mem_add(&bi, 0x800000, 0x900000); /* touches: merged */
	KTEST_EXPECT(bi.nr_mem == 2 && bi.mem[0].end == 0x900000);
	boot_reserve(&bi, 0, 0x100000);
	boot_reserve(&bi, 0x200000, 0x300000);
	boot_reserve(&bi, 0x280000, 0x400000); /* overlaps the previous */
	boot_reserve(&bi, 0x1800000, 0x3000000);
	boot_mem_for_each_free(&bi, 0x1400000, collect_range, &out);
	KTEST_ASSERT(out.nr_mem == 3);
	KTEST_EXPECT(out.mem[0].start == 0x100000 && out.mem[0].end == 0x200000);
	KTEST_EXPECT(out.mem[1].start == 0x400000 && out.mem[1].end == 0x900000);
	KTEST_EXPECT(out.mem[2].start == 0x1000000 && out.mem[2].end == 0x1400000);
}

KTEST(boot, mem_map_full)
{
	memset(&bi, 0, sizeof(bi));
	for (u64 i = 0; i < BOOT_MEM_MAX + 4; i++)
		boot_mem_add(&bi, i * 0x200000, i * 0x200000 + 0x1000);
	KTEST_EXPECT(bi.nr_mem == BOOT_MEM_MAX && bi.mem_truncated);
	for (unsigned int i = 1; i < bi.nr_mem; i++)
		KTEST_EXPECT(bi.mem[i - 1].end < bi.mem[i].start);
}

KTEST(boot, cmdline_lookup)
{
	char v[8];

	KTEST_EXPECT(cmdline_find("a=1 test=mm.x  b", "test", v, sizeof(v)) == 4 &&
		     !strcmp(v, "mm.x"));
	KTEST_EXPECT(cmdline_find("a=1 test=mm.x  b", "b", v, sizeof(v)) == 0 && !v[0]);
	KTEST_EXPECT(cmdline_find("a=1 test=mm.x", "tes", v, sizeof(v)) == -1);
	KTEST_EXPECT(cmdline_find("x=1 x=22", "x", v, sizeof(v)) == 2 && !strcmp(v, "22"));
	KTEST_EXPECT(cmdline_find("k=0123456789", "k", v, sizeof(v)) == 10 &&
		     !strcmp(v, "0123456"));
	KTEST_EXPECT(cmdline_find("", "k", v, sizeof(v)) == -1);
}

KTEST(boot, cmdline_truncated_safely)
{
	static char saved[COMMAND_LINE_SIZE], longline[3000];

	strcpy(saved, cmdline_get_all());
	memset(longline, 'y', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	cmdline_init(longline);
	KTEST_EXPECT(strlen(cmdline_get_all()) == COMMAND_LINE_SIZE - 1);
	cmdline_init(saved);
	KTEST_EXPECT(!strcmp(cmdline_get_all(), saved));
}
