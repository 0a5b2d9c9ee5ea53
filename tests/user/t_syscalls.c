// SPDX-License-Identifier: GPL-2.0
/*
 * Ring-3 test of the system call layer: Linux's numbers and errno values for
 * bad pointers (unmapped, kernel, straddling the user limit), unknown
 * numbers, and the calls that must work (getpid, clock_gettime, nanosleep,
 * write, close).
 */
#include <string.h>
#include <unistd.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38
#define ECHILD 10
#define ENOENT 2
#define KERNEL_TEXT 0xffffffff80100000L
#define USER_LIMIT 0x00007ffffffff000L

struct ts {
	long sec, nsec;
};

static long sys(long nr, long a0, long a1, long a2)
{
	return raw_syscall(nr, a0, a1, a2, 0, 0, 0);
}

static void test_write(void)
{
	static const char msg[] = "t_syscalls: write works\n";

	expect("write_console", sys(__NR_write, 1, (long)msg, sizeof(msg) - 1), sizeof(msg) - 1);
	expect("write_unmapped_efault", sys(__NR_write, 1, 0x1000, 10), -EFAULT);
	expect("write_unmapped_high_efault", sys(__NR_write, 1, 0x600000000000L, 10), -EFAULT);
	expect("write_kernel_addr_efault", sys(__NR_write, 1, KERNEL_TEXT, 10), -EFAULT);
	expect("write_noncanonical_efault", sys(__NR_write, 1, 0x8000000000000000L, 10), -EFAULT);
	expect("write_straddles_limit_efault", sys(__NR_write, 1, USER_LIMIT - 4, 10), -EFAULT);
	expect("write_bad_fd_ebadf", sys(__NR_write, 77, (long)msg, 1), -EBADF);
	expect("write_zero_len", sys(__NR_write, 1, 0x1000, 0), 0);
}

static void test_numbers(void)
{
	expect("unknown_syscall_enosys", sys(999, 0, 0, 0), -ENOSYS);
	expect("syscall_beyond_table_enosys", sys(100000, 0, 0, 0), -ENOSYS);
	expect("negative_syscall_enosys", sys(-1, 0, 0, 0), -ENOSYS);
	expect("unimplemented_linux_syscall_enosys", sys(57 /* fork */, 0, 0, 0), -ENOSYS);
	expect("close_bad_fd_ebadf", sys(__NR_close, 55, 0, 0), -EBADF);
	expect("wait4_no_child_echild", sys_wait4(-1, NULL, 0, NULL), -ECHILD);
	expect("spawn_unknown_enoent", bpfkern_spawn("no_such_program", NULL, 0), -ENOENT);
	expect("spawn_bad_name_efault", bpfkern_spawn((const char *)KERNEL_TEXT, NULL, 0), -EFAULT);
	expect("spawn_bad_flags_einval", bpfkern_spawn("t_fault", NULL, 0x80), -EINVAL);
}

static void test_time(void)
{
	struct ts a, b, req = { 0, 20 * 1000 * 1000 }, bad = { 0, 1000000000 };
	long d;

	expect("getpid_positive", getpid() > 1, 1);
	expect("getppid_is_init", sys(__NR_getppid, 0, 0, 0), 1);
	expect("clock_gettime_monotonic", sys(__NR_clock_gettime, 1, (long)&a, 0), 0);
	expect("nanosleep_20ms", sys(__NR_nanosleep, (long)&req, 0, 0), 0);
	expect("clock_gettime_again", sys(__NR_clock_gettime, 1, (long)&b, 0), 0);
	d = (b.sec - a.sec) * 1000000000L + (b.nsec - a.nsec);
	expect_true("nanosleep_slept_20ms", d >= 20 * 1000 * 1000, d);
	expect("clock_gettime_bad_clock_einval", sys(__NR_clock_gettime, 99, (long)&a, 0), -EINVAL);
	expect("clock_gettime_kernel_ptr_efault", sys(__NR_clock_gettime, 1, KERNEL_TEXT, 0),
	       -EFAULT);
	expect("clock_gettime_unmapped_efault", sys(__NR_clock_gettime, 1, 0x2000, 0), -EFAULT);
	expect("nanosleep_bad_nsec_einval", sys(__NR_nanosleep, (long)&bad, 0, 0), -EINVAL);
	expect("nanosleep_unmapped_efault", sys(__NR_nanosleep, 0x3000, 0, 0), -EFAULT);
}

/* The registers the ABI says survive a system call do survive it. */
static void test_preserved(void)
{
	long rbx = 0x1111, r12 = 0x2222, r15 = 0x5555, out_rbx, out_r12, out_r15;
	double x = 1.5, y;

	__asm__ __volatile__("mov %3, %%rbx\n\tmov %4, %%r12\n\tmov %5, %%r15\n\t"
			     "mov $39, %%eax\n\tsyscall\n\t"
			     "mov %%rbx, %0\n\tmov %%r12, %1\n\tmov %%r15, %2"
			     : "=r"(out_rbx), "=r"(out_r12), "=r"(out_r15)
			     : "r"(rbx), "r"(r12), "r"(r15)
			     : "rax", "rbx", "rcx", "r11", "r12", "r15", "memory");
	expect("syscall_preserves_gprs", out_rbx == rbx && out_r12 == r12 && out_r15 == r15, 1);
	__asm__ __volatile__("movsd %1, %%xmm5\n\tmov $39, %%eax\n\tsyscall\n\tmovsd %%xmm5, %0"
			     : "=x"(y)
			     : "x"(x)
			     : "rax", "rcx", "r11", "xmm5", "memory");
	expect("syscall_preserves_xmm", y == x, 1);
}

int main(void)
{
	test_write();
	test_numbers();
	test_time();
	test_preserved();
	return failed ? 1 : 0;
}
