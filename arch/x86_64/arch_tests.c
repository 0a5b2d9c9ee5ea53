// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of the x86-64 layer (suite "arch"): descriptor tables,
 * exception entry and FPU preservation, page-table permissions and W^X,
 * the map/unmap/protect interface, executable memory, the clock.
 */
#include <bpfkern/ktest.h>
#include <bpfkern/arch.h>
#include <bpfkern/kernel.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/traps.h"

#define TEST_VA 0xffffe80000000000UL /* unused by anything else */

void kernel_main(u32 magic, u32 info_pa);
extern const struct ktest __ktests_start[];

static int test_data_var = 1;
static int test_bss_var;
static const int test_rodata_var = 2;

KTEST(arch, gdt_layout)
{
	unsigned int nr;
	const u64 *gdt = gdt_table(&nr);
	u64 tss_lo = gdt[GDT_TSS_SEL >> 3];

	KTEST_ASSERT(nr == GDT_ENTRIES);
	KTEST_EXPECT(gdt[0] == 0);
	KTEST_EXPECT((gdt[__KERNEL_CS >> 3] >> 53) & 1); /* L: 64-bit */
	KTEST_EXPECT(((gdt[__KERNEL_CS >> 3] >> 45) & 3) == 0); /* DPL 0 */
	KTEST_EXPECT(((gdt[__USER_CS >> 3] >> 45) & 3) == 3);
	KTEST_EXPECT((gdt[__USER_CS >> 3] >> 53) & 1);
	KTEST_EXPECT(((gdt[__USER_DS >> 3] >> 45) & 3) == 3);
	/* SYSRET: SS = base + 8, CS = base + 16 */
	KTEST_EXPECT((__USER_DS & ~3) == (__USER32_CS & ~3) + 8);
	KTEST_EXPECT((__USER_CS & ~3) == (__USER32_CS & ~3) + 16);
	KTEST_EXPECT(((tss_lo >> 40) & 0xf) == 0xb); /* 64-bit TSS, busy after ltr */
}

KTEST(arch, idt_gates)
{
	for (unsigned int v = 0; v < NR_VECTORS; v++) {
		struct idt_gate_info g;

		idt_gate(v, &g);
		KTEST_EXPECT(g.present && g.type == 0xe && g.selector == __KERNEL_CS);
		KTEST_EXPECT(g.handler >= (u64)_stext && g.handler < (u64)_etext);
	}
	for (unsigned int v = 0, ist; v < NR_VECTORS; v++) {
		struct idt_gate_info g;

		idt_gate(v, &g);
		ist = v == X86_TRAP_DF	  ? IST_DOUBLE_FAULT
		      : v == X86_TRAP_NMI ? IST_NMI
		      : v == X86_TRAP_MC  ? IST_MACHINE_CHECK
					  : 0;
		KTEST_EXPECT(g.ist == ist);
	}
	for (unsigned int i = 0; i < IST_COUNT; i++)
		KTEST_EXPECT(tss_ist(i) && kernel_range_mapped(tss_ist(i) - 16, 16));
	KTEST_EXPECT(tss_ist(0) != tss_ist(1) && tss_ist(1) != tss_ist(2));
}

static volatile unsigned int bp_hits;

/* #BP handler that clobbers xmm0: the entry stub must restore it. */
static bool test_bp_handler(struct pt_regs *regs)
{
	bp_hits++;
	__asm__ __volatile__("pcmpeqd %%xmm0, %%xmm0" : : : "xmm0");
	return true;
}

KTEST(arch, trap_resumes_and_keeps_sse)
{
	u64 in[2] __aligned(16) = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL };
	u64 out[2] __aligned(16) = { 0, 0 };

	KTEST_ASSERT(trap_register(X86_TRAP_BP, test_bp_handler) == 0);
	__asm__ __volatile__("movdqa %1, %%xmm0\n\t"
			     "int3\n\t"
			     "movdqa %%xmm0, %0"
			     : "=m"(out)
			     : "m"(in)
			     : "xmm0");
	trap_register(X86_TRAP_BP, NULL);
	KTEST_EXPECT(bp_hits == 1);
	KTEST_EXPECT(out[0] == in[0] && out[1] == in[1]);
	KTEST_EXPECT(trap_register(NR_EXCEPTIONS, test_bp_handler) == -EINVAL);
}

static void dummy_irq(unsigned int irq, void *data)
{
}

static void *demand_page;
static unsigned int demand_faults;

/* #PF handler that maps a page at the faulting address in TEST_VA's page. */
static bool test_pf_handler(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();

	if (ALIGN_DOWN(addr, PAGE_SIZE) != TEST_VA || !(regs->error_code & BIT(1)))
		return false;
	demand_faults++;
	return map_pages(TEST_VA, __pa(demand_page), 1, VM_WRITE) == 0;
}

KTEST(arch, page_fault_handler_resumes)
{
	volatile u32 *p = (volatile u32 *)(TEST_VA + 0x10);

	demand_page = get_zeroed_page();
	KTEST_ASSERT(demand_page);
	KTEST_ASSERT(trap_register(X86_TRAP_PF, test_pf_handler) == 0);
	*p = 0xc0ffee; /* faults once, the handler maps, the store is retried */
	trap_register(X86_TRAP_PF, NULL);
	KTEST_EXPECT(demand_faults == 1);
	KTEST_EXPECT(((u32 *)demand_page)[4] == 0xc0ffee);
	KTEST_EXPECT(unmap_pages(TEST_VA, 1) == 0);
	free_page(demand_page);
}

KTEST(arch, irq_register_checks)
{
	KTEST_EXPECT(irq_register(NR_IRQS, dummy_irq, NULL) == -EINVAL);
	KTEST_EXPECT(irq_register(0, dummy_irq, NULL) == -EBUSY); /* the timer */
	KTEST_EXPECT(irq_register(5, NULL, NULL) == -EINVAL);
}

/* The effective permissions of the page holding p, or -1 when unmapped. */
static int prot_of(const void *p)
{
	unsigned int prot;
	phys_addr_t pa;

	return page_query((unsigned long)p, &prot, &pa) ? -1 : (int)prot;
}

KTEST(arch, kernel_image_permissions)
{
	int stack_var;

	KTEST_EXPECT(prot_of(_stext) == VM_EXEC);
	KTEST_EXPECT(prot_of((void *)kernel_main) == VM_EXEC);
	KTEST_EXPECT(prot_of(&test_rodata_var) == VM_READ);
	KTEST_EXPECT(prot_of(__ktests_start) == VM_READ);
	KTEST_EXPECT(prot_of(&test_data_var) == VM_WRITE);
	KTEST_EXPECT(prot_of(&test_bss_var) == VM_WRITE);
	KTEST_EXPECT(prot_of(&stack_var) == VM_WRITE);
	KTEST_EXPECT(prot_of((void *)PAGE_OFFSET) == VM_WRITE);
	KTEST_EXPECT(read_cr0() & X86_CR0_WP);
	KTEST_EXPECT(rdmsr(MSR_EFER) & EFER_NXE);
	KTEST_EXPECT(!boot_cpu.smep || (read_cr4() & X86_CR4_SMEP));
}

KTEST(arch, no_page_writable_and_executable)
{
	KTEST_EXPECT(paging_count_wx_pages() == 0);
}

KTEST(arch, boot_identity_map_gone)
{
	KTEST_EXPECT(prot_of((void *)0x100000UL) == -1);
	KTEST_EXPECT(prot_of((void *)0x1000UL) == -1);
	KTEST_EXPECT(prot_of((void *)0x0UL) == -1);
}

KTEST(arch, direct_map_aliases_image)
{
	unsigned int prot;
	phys_addr_t pa;
	const int *alias = __va(kernel_image_pa(&test_data_var));

	KTEST_ASSERT(page_query((unsigned long)alias, &prot, &pa) == 0);
	KTEST_EXPECT(pa == kernel_image_pa(&test_data_var));
	KTEST_EXPECT(*alias == test_data_var);
	KTEST_EXPECT(prot_of(alias) == VM_WRITE);
	/* the alias of code and constants is read-only too */
	KTEST_EXPECT(prot_of(__va(kernel_image_pa(_stext))) == VM_READ);
	KTEST_EXPECT(prot_of(__va(kernel_image_pa(&test_rodata_var))) == VM_READ);
	KTEST_EXPECT(prot_of(__va(kernel_image_pa(__end_rodata) - PAGE_SIZE)) == VM_READ);
	KTEST_EXPECT(direct_map_end() >= (4ULL << 30));
}

KTEST(arch, map_protect_unmap)
{
	void *page = get_zeroed_page();
	volatile u64 *p = (volatile u64 *)TEST_VA;
	unsigned int prot;
	phys_addr_t pa;

	KTEST_ASSERT(page);
	KTEST_ASSERT(map_pages(TEST_VA, __pa(page), 1, VM_WRITE) == 0);
	KTEST_EXPECT(page_query(TEST_VA, &prot, &pa) == 0 && pa == __pa(page));
	KTEST_EXPECT(prot == VM_WRITE);
	*p = 0x1234;
	KTEST_EXPECT(*(u64 *)page == 0x1234);
	KTEST_EXPECT(map_pages(TEST_VA, __pa(page), 1, VM_WRITE) == -EEXIST);
	KTEST_EXPECT(protect_pages(TEST_VA, 1, VM_READ) == 0);
	KTEST_EXPECT(prot_of((void *)TEST_VA) == VM_READ);
	KTEST_EXPECT(*p == 0x1234);
	KTEST_EXPECT(unmap_pages(TEST_VA, 1) == 0);
	KTEST_EXPECT(prot_of((void *)TEST_VA) == -1);
	KTEST_EXPECT(unmap_pages(TEST_VA, 1) == -ENOENT);
	KTEST_EXPECT(protect_pages(TEST_VA, 1, VM_WRITE) == -ENOENT);
	/* bad arguments */
	KTEST_EXPECT(map_pages(TEST_VA + 1, __pa(page), 1, 0) == -EINVAL);
	KTEST_EXPECT(map_pages(TEST_VA, __pa(page) + 1, 1, 0) == -EINVAL);
	KTEST_EXPECT(map_pages(0x0000800000000000UL, __pa(page), 1, 0) == -EINVAL);
	KTEST_EXPECT(map_pages(TEST_VA, __pa(page), 0, 0) == -EINVAL);
	/* a 4 KiB page cannot go inside the direct map's large pages */
	KTEST_EXPECT(map_pages(PAGE_OFFSET, __pa(page), 1, 0) == -EEXIST);
	free_page(page);
}

KTEST(arch, ioremap_uncached)
{
	/* The LAPIC's registers: device memory at a fixed physical address. */
	volatile u32 *lapic = ioremap(0xfee00000, 0x400);
	u64 pte_flags;
	unsigned int prot;
	phys_addr_t pa;

	KTEST_ASSERT(lapic);
	KTEST_EXPECT(page_query((unsigned long)lapic, &prot, &pa) == 0 && pa == 0xfee00000);
	KTEST_EXPECT(prot == VM_WRITE);
	pte_flags = lookup_pte_flags((unsigned long)lapic);
	KTEST_EXPECT((pte_flags & (_PAGE_PCD | _PAGE_PWT)) == (_PAGE_PCD | _PAGE_PWT));
	KTEST_EXPECT((lapic[0x30 / 4] & 0xff) >= 0x10); /* version register: an APIC */
	iounmap((void *)lapic, 0x400);
	KTEST_EXPECT(prot_of((void *)lapic) == -1);
	KTEST_EXPECT(ioremap(0x1000, 0) == NULL);
	KTEST_EXPECT(ioremap(~0ULL - 10, 100) == NULL);
}

KTEST(arch, execmem_rw_then_rx)
{
	static const u8 ret42[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 }; /* mov $42,%eax; ret */
	u8 *img = bpf_jit_alloc_exec(5000);
	unsigned long free_before = nr_free_pages();
	long dist;

	KTEST_ASSERT(img);
	KTEST_EXPECT(prot_of(img) == VM_WRITE && prot_of(img + 4096) == VM_WRITE);
	KTEST_EXPECT(prot_of(img + 8192) == -1); /* guard page */
	KTEST_EXPECT(img[0] == 0 && img[4999] == 0);
	for (unsigned int i = 0; i < sizeof(ret42); i++)
		img[i] = ret42[i];
	KTEST_EXPECT(bpf_jit_protect_exec(img, 5000) == 0);
	KTEST_EXPECT(prot_of(img) == VM_EXEC && prot_of(img + 4096) == VM_EXEC);
	KTEST_EXPECT(((int (*)(void))(void *)img)() == 42);
	dist = (long)((unsigned long)img - (unsigned long)printk);
	KTEST_EXPECT(dist < (1L << 31) && dist > -(1L << 31)); /* rel32 reaches helpers */
	KTEST_EXPECT(bpf_jit_protect_exec(img + 4096 * 4, 10) == -EINVAL);
	KTEST_EXPECT(bpf_jit_protect_exec((void *)printk, 10) == -EINVAL);
	bpf_jit_free_exec(img, 5000);
	KTEST_EXPECT(prot_of(img) == -1);
	KTEST_EXPECT(nr_free_pages() == free_before + 2);
	KTEST_EXPECT(bpf_jit_alloc_exec(0) == NULL);
	KTEST_EXPECT(bpf_jit_alloc_exec(1UL << 40) == NULL);
}

KTEST(arch, execmem_reuse)
{
	void *a = bpf_jit_alloc_exec(100), *b = bpf_jit_alloc_exec(100), *c;

	KTEST_ASSERT(a && b && a != b);
	bpf_jit_free_exec(a, 100);
	c = bpf_jit_alloc_exec(100);
	KTEST_EXPECT(c == a); /* first fit reuses the hole */
	bpf_jit_free_exec(b, 100);
	bpf_jit_free_exec(c, 100);
}

/* Spin (sleeping) until jiffies passes target, giving up after many TSC cycles. */
static bool wait_jiffies(u64 target)
{
	u64 start = rdtsc();

	while (jiffies < target) {
		if (rdtsc() - start > 100ULL * 1000 * 1000 * 1000)
			return false;
		arch_wait_for_interrupt();
	}
	return true;
}

KTEST(arch, timer_ticks_and_clock_advances)
{
	u64 j = jiffies, t0 = ktime_get_ns();

	KTEST_EXPECT(!irqs_disabled());
	KTEST_ASSERT(wait_jiffies(j + 3));
	KTEST_EXPECT(ktime_get_ns() > t0);
	KTEST_EXPECT(irq_count(0) >= 3);
	KTEST_EXPECT(tsc_khz() > 0);
}

KTEST(arch, ktime_monotonic)
{
	u64 prev = ktime_get_ns();
	unsigned int backwards = 0;

	for (int i = 0; i < 100000; i++) {
		u64 now = ktime_get_ns();

		backwards += now < prev;
		prev = now;
	}
	KTEST_EXPECT(backwards == 0);
}

KTEST(arch, random_varies)
{
	u32 first = get_random_u32();
	unsigned int same = 0;

	for (int i = 0; i < 16; i++)
		same += get_random_u32() == first;
	KTEST_EXPECT(same < 16);
}
