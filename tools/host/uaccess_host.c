// SPDX-License-Identifier: GPL-2.0
/*
 * User copies for host builds (include/bpfkern/uaccess.h): the bpf() code
 * runs in-process and every pointer is "user" memory of this process, except
 * NULL and the first 64 KiB (never mapped on Linux: vm.mmap_min_addr), which
 * stand for unmapped user addresses: copies touching them are -EFAULT, so
 * tests can pass bad pointers without crashing. Kernel-looking addresses (the
 * top half) are -EFAULT too.
 */
#include <string.h>
#include <bpfkern/uaccess.h>

#define USER_LOW_FAULT 0x10000ul
#define USER_LIMIT 0x00007ffffffff000ul

/* Whether [addr, addr + n) may be touched. n == 0 is always fine, as on Linux. */
static bool access_ok(const void __user *addr, unsigned long n)
{
	unsigned long a = (unsigned long)addr;

	if (!n)
		return true;
	return a >= USER_LOW_FAULT && n <= USER_LIMIT && a <= USER_LIMIT - n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(from, n)) {
		memset(to, 0, n);
		return n;
	}
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(to, n))
		return n;
	memcpy(to, from, n);
	return 0;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(to, n))
		return n;
	memset(to, 0, n);
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (!access_ok(src + i, 1))
			return -EFAULT;
		dst[i] = src[i];
		if (!dst[i])
			return i;
	}
	return count;
}
