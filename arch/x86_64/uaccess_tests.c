// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest tests of user memory from the kernel's side: copies through a
 * real user address space (pgd_alloc, switch_pgd), faults on unmapped and
 * read-only user pages resolved by the exception table into short counts,
 * kernel addresses refused, SMAP stopping a plain kernel access to a user
 * page, SMEP stopping the kernel from executing one, address spaces private
 * to each other, the ELF loader's checks, and kernel stacks' guard pages.
 */
#include <bpfkern/arch.h>
#include <bpfkern/ktest.h>
#include <bpfkern/mm.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <bpfkern/process.h>
#include <bpfkern/uaccess.h>
#include <string.h>
#include "arch/x86_64/x86.h"
#include "arch/x86_64/traps.h"

#define TEST_VA 0x500000UL /* page 0 RW, page 1 read-only, page 2 unmapped */

/* arch/x86_64/uaccess.S: an 8-byte read without stac; 0, or -1 when it faulted. */
int smap_probe_read(const void *addr, unsigned long *val);

/*
 * A user address space with TEST_VA's two pages (the read-only one ends in
 * eight 'y' without a NUL); the RW page's kernel alias in *rw.
 */
static struct pgd *test_space(u8 **rw)
{
	struct pgd *pgd = pgd_alloc();
	u8 *p0 = get_zeroed_page(), *p1 = get_zeroed_page();

	if (!pgd || !p0 || !p1 || user_map_pages(pgd, TEST_VA, __pa(p0), 1, VM_WRITE) ||
	    user_map_pages(pgd, TEST_VA + PAGE_SIZE, __pa(p1), 1, VM_READ)) {
		pgd_free(pgd);
		return NULL;
	}
	memset(p1 + PAGE_SIZE - 8, 'y', 8); /* a string running into the unmapped page */
	*rw = p0;
	return pgd;
}

KTEST(uaccess, copy_and_fixups)
{
	u8 *rw, buf[16];
	struct pgd *pgd = test_space(&rw);
	char s[16];

	KTEST_ASSERT(pgd);
	memcpy(rw, "hello", 6);
	memset(rw + PAGE_SIZE - 4, 'x', 4);
	switch_pgd(pgd);
	KTEST_EXPECT(copy_from_user(buf, (void *)TEST_VA, 6) == 0 && !memcmp(buf, "hello", 6));
	KTEST_EXPECT(copy_to_user((void *)(TEST_VA + 8), "abc", 4) == 0);
	/* the last 4 bytes of the RW page, then the read-only page: a full copy */
	KTEST_EXPECT(copy_from_user(buf, (void *)(TEST_VA + PAGE_SIZE - 4), 8) == 0);
	/* a write into the read-only page faults: 4 of 8 bytes done */
	KTEST_EXPECT(copy_to_user((void *)(TEST_VA + PAGE_SIZE - 4), "12345678", 8) == 4);
	/* a read running into the unmapped page: the rest is zeroed */
	memset(buf, 0xff, sizeof(buf));
	KTEST_EXPECT(copy_from_user(buf, (void *)(TEST_VA + 2 * PAGE_SIZE - 4), 8) == 4);
	KTEST_EXPECT(buf[4] == 0 && buf[7] == 0);
	KTEST_EXPECT(copy_from_user(buf, (void *)(TEST_VA + 2 * PAGE_SIZE), 8) == 8);
	KTEST_EXPECT(clear_user((void *)(TEST_VA + 16), 32) == 0);
	KTEST_EXPECT(clear_user((void *)(TEST_VA + PAGE_SIZE), 8) == 8);
	KTEST_EXPECT(strncpy_from_user(s, (void *)TEST_VA, sizeof(s)) == 5 && !strcmp(s, "hello"));
	KTEST_EXPECT(strncpy_from_user(s, (void *)(TEST_VA + 2 * PAGE_SIZE - 2), sizeof(s)) ==
		     -EFAULT);
	switch_pgd(NULL);
	KTEST_EXPECT(!memcmp(rw + 8, "abc", 4) && rw[16] == 0);
	pgd_free(pgd);
}

KTEST(uaccess, kernel_addresses_refused)
{
	static char kbuf[16] = "kernel";
	char buf[16], s[16];

	KTEST_EXPECT(copy_from_user(buf, kbuf, sizeof(buf)) == sizeof(buf));
	KTEST_EXPECT(copy_to_user(kbuf, "x", 1) == 1 && kbuf[0] == 'k');
	KTEST_EXPECT(clear_user(kbuf, 4) == 4 && kbuf[0] == 'k');
	KTEST_EXPECT(strncpy_from_user(s, kbuf, sizeof(s)) == -EFAULT);
	KTEST_EXPECT(copy_from_user(buf, (void *)0x00007ffffffffff8UL, 16) == 16);
	KTEST_EXPECT(copy_from_user(buf, NULL, 4) == 4);
}

KTEST(uaccess, smap_stops_plain_access)
{
	u8 *rw;
	unsigned long v = 0;
	struct pgd *pgd;
	int plain;

	if (!boot_cpu.smap) {
		printk("# CPU without SMAP: nothing to test\n");
		return;
	}
	syscall_init(); /* turns SMAP on */
	pgd = test_space(&rw);
	KTEST_ASSERT(pgd);
	rw[0] = 0x42;
	switch_pgd(pgd);
	plain = smap_probe_read((void *)TEST_VA, &v);
	KTEST_EXPECT(copy_from_user(&v, (void *)TEST_VA, 1) == 0);
	switch_pgd(NULL);
	KTEST_EXPECT(plain == -1);
	KTEST_EXPECT(v == 0x42);
	pgd_free(pgd);
}

KTEST(uaccess, address_spaces_are_private)
{
	u8 *a, *b;
	struct pgd *pa = test_space(&a), *pb = test_space(&b);
	u8 va = 0, vb = 0;
	unsigned int prot;
	phys_addr_t phys;

	KTEST_ASSERT(pa && pb);
	a[0] = 1;
	b[0] = 2;
	switch_pgd(pa);
	KTEST_EXPECT(copy_from_user(&va, (void *)TEST_VA, 1) == 0);
	switch_pgd(pb);
	KTEST_EXPECT(copy_from_user(&vb, (void *)TEST_VA, 1) == 0);
	switch_pgd(NULL);
	KTEST_EXPECT(va == 1 && vb == 2);
	/* the kernel's own tables have no user half */
	KTEST_EXPECT(page_query(TEST_VA, &prot, &phys) == -ENOENT);
	KTEST_EXPECT(user_page_query(pa, TEST_VA, &prot, &phys) == 0 && (prot & VM_USER) &&
		     (prot & VM_WRITE) && !(prot & VM_EXEC));
	KTEST_EXPECT(user_map_pages(pa, TEST_VA, 0, 1, VM_WRITE) == -EEXIST);
	KTEST_EXPECT(user_map_pages(pa, USER_SPACE_END - PAGE_SIZE, 0, 2, VM_WRITE) == -EINVAL);
	pgd_free(pa);
	pgd_free(pb);
}

KTEST(uaccess, elf_loader_rejects_bad_images)
{
	struct task_struct task = { 0 };
	unsigned long entry, sp;
	u8 junk[128] = { 0x7f, 'E', 'L', 'F' };
	const struct user_program *init = user_program_find("init");
	char *argv[] = { "init", NULL };
	unsigned long before = nr_free_pages();

	KTEST_EXPECT(exec_load(&task, junk, sizeof(junk), argv, &entry, &sp) == -ENOEXEC);
	KTEST_EXPECT(exec_load(&task, junk, 3, argv, &entry, &sp) == -ENOEXEC);
	KTEST_ASSERT(init);
	/* a truncated file: the program headers point past its end */
	KTEST_EXPECT(exec_load(&task, init->start, 80, argv, &entry, &sp) == -ENOEXEC);
	KTEST_ASSERT(exec_load(&task, init->start, init->end - init->start, argv, &entry, &sp) ==
		     0);
	KTEST_EXPECT(entry >= 0x400000 && sp < USER_STACK_TOP && (sp & 15) == 0);
	pgd_free(task.pgd);
	KTEST_EXPECT(nr_free_pages() == before);
}

KTEST(usermode, kstack_guard_page)
{
	struct task_struct task = { 0 };
	unsigned int prot;
	phys_addr_t pa;
	void *stack;

	KTEST_ASSERT(arch_task_setup(&task, 0x400000, USER_STACK_TOP) == 0);
	stack = task.kstack;
	KTEST_EXPECT(page_query((unsigned long)stack, &prot, &pa) == -ENOENT);
	KTEST_EXPECT(page_query((unsigned long)stack + PAGE_SIZE, &prot, &pa) == 0);
	KTEST_EXPECT(task.ksp > (unsigned long)stack + PAGE_SIZE);
	arch_task_free(&task);
	KTEST_EXPECT(page_query((unsigned long)stack, &prot, &pa) == 0 && (prot & VM_WRITE));
}

static unsigned long smep_fault_addr;

/* Resolves the expected SMEP fault: records CR2 and returns to the caller of the user page. */
static bool smep_pf_handler(struct pt_regs *regs)
{
	if (regs->rip != TEST_VA || !(regs->error_code & BIT(4)))
		return false;
	smep_fault_addr = read_cr2();
	regs->rip = *(unsigned long *)regs->rsp; /* as the `ret` the page holds would */
	regs->rsp += 8;
	return true;
}

KTEST(uaccess, smep_stops_kernel_exec_of_user_page)
{
	u8 *rw;
	struct pgd *pgd;

	if (!boot_cpu.smep) {
		printk("# CPU without SMEP: nothing to test\n");
		return;
	}
	pgd = test_space(&rw);
	KTEST_ASSERT(pgd);
	rw[0] = 0xc3; /* ret */
	KTEST_ASSERT(user_unmap_pages(pgd, TEST_VA, 1, false) == 0);
	KTEST_ASSERT(user_map_pages(pgd, TEST_VA, __pa(rw), 1, VM_EXEC) == 0);
	smep_fault_addr = 0;
	trap_register(X86_TRAP_PF, smep_pf_handler);
	switch_pgd(pgd);
	((void (*)(void))TEST_VA)();
	switch_pgd(NULL);
	trap_register(X86_TRAP_PF, NULL);
	KTEST_EXPECT(smep_fault_addr == TEST_VA);
	pgd_free(pgd);
}
