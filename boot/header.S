/*
 * Multiboot headers: one for GRUB's `multiboot2` command (the ISO path) and
 * one for multiboot1 with the a.out kludge (flag bit 16) for QEMU -kernel.
 * QEMU's loader refuses ELF64, so it gets build/bpfkern.bin (objcopy -O
 * binary, starting at the load address) and learns from the addresses below
 * where to put it (load_addr..load_end_addr), how much to zero after it
 * (up to bss_end_addr) and where to jump (entry_addr). Both headers must sit
 * in the first 8 KiB of the file, so they come first in the .boot section.
 */
#include "arch/x86_64/x86.h"

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0
#define MB1_HEADER_MAGIC 0x1badb002
#define MB1_PAGE_ALIGN (1 << 0)	/* modules page aligned */
#define MB1_MEMORY_INFO (1 << 1)	/* we want mem_* and the mmap */
#define MB1_AOUT_KLUDGE (1 << 16)	/* use the address fields below */
#define MB1_FLAGS (MB1_PAGE_ALIGN | MB1_MEMORY_INFO | MB1_AOUT_KLUDGE)

	.section .multiboot, "a"
	.align 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* end tag */
	.short 0
	.short 0
	.long 8
mb2_header_end:

	.align 4
mb1_header:
	.long MB1_HEADER_MAGIC
	.long MB1_FLAGS
	.long 0x100000000 - (MB1_HEADER_MAGIC + MB1_FLAGS)
	.long mb1_header	/* header_addr */
	.long __boot_start	/* load_addr: first byte of bpfkern.bin */
	.long _edata_phys	/* load_end_addr */
	.long _end_phys		/* bss_end_addr */
	.long _start		/* entry_addr */

	.section .note.GNU-stack, "", @progbits
