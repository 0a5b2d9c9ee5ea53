// SPDX-License-Identifier: GPL-2.0
/*
 * User copies in the kernel (include/bpfkern/uaccess.h). A range is user
 * memory when it lies wholly below TASK_SIZE_MAX, Linux/x86-64's user limit,
 * and above the never-mapped low range; anything else is -EFAULT without a
 * single access. The copy itself is the arch's (arch/x86_64/uaccess.S): it
 * opens SMAP for the access and turns a fault on an unmapped or protected
 * user page into a short count through its exception table, never a panic.
 */
#include <bpfkern/uaccess.h>
#include <string.h>

#define TASK_SIZE_MAX 0x00007ffffffff000ul
/* Never mapped (Linux: vm.mmap_min_addr). */
#define USER_LOW_FAULT 0x10000ul

/* arch/x86_64/uaccess.S: bytes not done / string length, -1 on a fault. */
unsigned long raw_copy_user(void *dst, const void *src, unsigned long n);
unsigned long raw_clear_user(void *dst, unsigned long n);
long raw_strncpy_user(char *dst, const char *src, long count);

/*
 * Whether [addr, addr + n) lies below the user limit (no wrap-around) and
 * above the never-mapped low range. An empty range is always fine.
 */
static bool access_ok(const void __user *addr, unsigned long n)
{
	unsigned long a = (unsigned long)addr;

	if (!n)
		return true;
	return a >= USER_LOW_FAULT && n <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - n;
}

/* As Linux: what could not be read is zeroed in the destination. */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = raw_copy_user(to, from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(to, n))
		return n;
	return raw_copy_user(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(to, n))
		return n;
	return raw_clear_user(to, n);
}

/* The string may end anywhere below the limit: count is cut to what lies below it. */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long a = (unsigned long)src;
	long ret;

	if (count <= 0)
		return 0;
	if (!access_ok(src, 1))
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE_MAX - a) {
		ret = raw_strncpy_user(dst, src, (long)(TASK_SIZE_MAX - a));
		if (ret == (long)(TASK_SIZE_MAX - a))
			return -EFAULT; /* ran into the limit without a NUL */
	} else {
		ret = raw_strncpy_user(dst, src, count);
	}
	return ret < 0 ? -EFAULT : ret;
}
