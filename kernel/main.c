// SPDX-License-Identifier: GPL-2.0
/*
 * kernel_main: the boot sequence, from the first C instruction to user/init
 * (which runs the appliance console) or the in-guest tests. boot/entry.S calls it in long
 * mode on the boot stack with the loader's magic and information address.
 * docs/boot.md walks through it.
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/kernel.h>
#include <bpfkern/arch.h>
#include <bpfkern/console.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/fs.h>
#include <bpfkern/ktest.h>
#include <bpfkern/mm.h>
#include <bpfkern/multiboot.h>
#include <bpfkern/net.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <bpfkern/process.h>
#include <bpfkern/slab.h>

#define LOW_MEMORY_END (1ULL << 20) /* BIOS data, EBDA, VGA, ROMs */

struct boot_info boot_info;

void kernel_main(u32 magic, u32 info_pa);

/* Whole pages of [start, end) to the page allocator; slivers are dropped. */
static void add_free_range(phys_addr_t start, phys_addr_t end, void *arg)
{
	start = ALIGN(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	if (start < end)
		page_alloc_add_range(start, end);
}

/*
 * Hand every byte of available RAM to the page allocator except low memory,
 * the kernel image and what the loader left for us (info, modules).
 */
static void mem_init(struct boot_info *bi)
{
	phys_addr_t ram_end = bi->nr_mem ? bi->mem[bi->nr_mem - 1].end : 0;
	phys_addr_t image_start, image_end;

	kernel_image_range(&image_start, &image_end);
	boot_reserve(bi, 0, LOW_MEMORY_END);
	boot_reserve(bi, image_start, image_end);
	paging_init(ram_end);
	page_alloc_init();
	boot_mem_for_each_free(bi, direct_map_end(), add_free_range, NULL);
}

static void print_boot_summary(const struct boot_info *bi)
{
	printk("bpfkern: multiboot%d from %s, command line \"%s\"\n", bi->protocol,
	       bi->loader[0] ? bi->loader : "unknown loader", bi->cmdline);
	for (unsigned int i = 0; i < bi->nr_mem; i++)
		printk("  RAM [0x%010lx-0x%010lx) %lu KiB\n", (unsigned long)bi->mem[i].start,
		       (unsigned long)bi->mem[i].end,
		       (unsigned long)((bi->mem[i].end - bi->mem[i].start) >> 10));
	for (unsigned int i = 0; i < bi->nr_modules; i++)
		printk("  module [%#lx-%#lx) %s\n", (unsigned long)bi->modules[i].start,
		       (unsigned long)bi->modules[i].end, bi->modules[i].cmdline);
}

/*
 * Ring 3: start user/init and wait until it exits. With utest on the command
 * line, init runs the ring-3 tests (tests/user/), with utest=NAME only the
 * program NAME; init's exit status ends the QEMU run, and every page the
 * processes used must be free again. Otherwise init carries out the boot
 * configuration and runs the appliance console (user/console.c) for good.
 */
static void start_init(bool testing, char *program)
{
	char unpriv[8] = "2";
	char *argv[] = { "init", testing ? "test" : NULL, unpriv, NULL };
	char *warmup[] = { "init", "warmup", NULL };
	unsigned long free_before, leaked;
	int status;

	cmdline_get("unprivileged_bpf_disabled", unpriv, sizeof(unpriv));
	if (program[0]) {
		argv[1] = "run";
		argv[2] = program;
	}
	if (testing) {
		panic_exits_qemu = true;
		run_init(warmup); /* fills the slab caches a spawn uses: they keep their pages */
	}
	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	status = run_init(argv);
	printk("init: exit status %#x\n", status);
	if (!testing)
		return;
	kmem_cache_shrink_all();
	leaked = free_before - nr_free_pages();
	printk("%sok kernel.user_pages_freed (%ld pages not back)\n", leaked ? "not " : "",
	       (long)leaked);
	arch_qemu_exit(status == 0 && !leaked ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}

/* Entered from boot/entry.S; never returns. */
void kernel_main(u32 magic, u32 info_pa)
{
	char arg[256];
	u64 ns;

	uart_init();
	printk("\nbpfkern: booting\n");
	gdt_init();
	idt_init();
	cpu_init();
	if (multiboot_parse(magic, info_pa, &boot_info))
		panic("no usable multiboot information (magic 0x%x)", magic);
	cmdline_init(boot_info.cmdline);
	fs_init(&boot_info);
	/* A test run must end in a QEMU exit status, even after a panic. */
	if (cmdline_get("test", arg, sizeof(arg)) >= 0 ||
	    cmdline_get("fault", arg, sizeof(arg)) >= 0)
		panic_exits_qemu = true;
	print_boot_summary(&boot_info);
	mem_init(&boot_info);
	timer_init();
	uart_enable_rx_irq();
	local_irq_enable();
	virtio_net_init();
	net_init();

	ns = ktime_get_ns();
	printk("bpfkern: ready in %lu.%03lu ms (%s, %lu MiB free, TSC %lu MHz)\n",
	       (unsigned long)(ns / 1000000), (unsigned long)(ns / 1000 % 1000),
	       boot_info.protocol == 2 ? "multiboot2" : "multiboot1",
	       nr_free_pages() >> (20 - PAGE_SHIFT), (unsigned long)(tsc_khz() / 1000));

	if (cmdline_get("fault", arg, sizeof(arg)) >= 0 && arch_trigger_fault(arg)) {
		printk("fault: unknown kind '%s' (pagefault, gp, ud, divide, stack, panic)\n", arg);
		arch_qemu_exit(QEMU_EXIT_FAIL);
	}
	net_wait_and_exit();
	if (cmdline_get("test", arg, sizeof(arg)) >= 0)
		ktest_run(arg);
	arg[0] = '\0';
	start_init(cmdline_get("utest", arg, sizeof(arg)) >= 0, arg);
	panic("init exited: nothing left to run the console");
}
