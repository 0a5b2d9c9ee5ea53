// SPDX-License-Identifier: GPL-2.0
/*
 * User copies for host builds (include/bpfkern/uaccess.h): the bpf() code
 * runs in-process and every pointer is "user" memory of this process. Like
 * the kernel's copies, these never crash on a bad pointer: NULL and the
 * first 64 KiB (never mapped on Linux: vm.mmap_min_addr) and the kernel half
 * are refused outright, and everything else is copied with
 * process_vm_readv/writev on this very process, which report an unmapped
 * or unwritable address as EFAULT instead of faulting. So tests (and the
 * in-process fuzzer) may pass any pointer at all.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include <bpfkern/uaccess.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

#define USER_LOW_FAULT 0x10000ul
#define USER_LIMIT 0x00007ffffffff000ul
#define HOST_PAGE_SIZE 4096ul

static bool checked_copy(void *dst, const void *src, unsigned long n, bool user_is_src);

/* Whether [addr, addr + n) may be tried at all. */
static bool access_ok(const void __user *addr, unsigned long n)
{
	unsigned long a = (unsigned long)addr;

	return a >= USER_LOW_FAULT && n <= USER_LIMIT && a <= USER_LIMIT - n;
}

/*
 * Pages that a checked copy already read or wrote: copies wholly inside
 * them use memcpy (the sanitizers still watch those), so the common case of
 * a test's buffers costs no system call. Small and direct-mapped.
 */
#define KNOWN_PAGES 64
static unsigned long known_read[KNOWN_PAGES], known_write[KNOWN_PAGES];

static unsigned long *known_slot(unsigned long *known, unsigned long page)
{
	return &known[(page / HOST_PAGE_SIZE) % KNOWN_PAGES];
}

/* Whether every page of [addr, addr + n) is known good for this direction. */
static bool known_range(unsigned long *known, unsigned long addr, unsigned long n)
{
	unsigned long p;

	for (p = addr & ~(HOST_PAGE_SIZE - 1); p < addr + n; p += HOST_PAGE_SIZE)
		if (*known_slot(known, p) != p + 1)
			return false;
	return true;
}

static void remember_range(unsigned long *known, unsigned long addr, unsigned long n)
{
	unsigned long p;

	for (p = addr & ~(HOST_PAGE_SIZE - 1); p < addr + n; p += HOST_PAGE_SIZE)
		*known_slot(known, p) = p + 1;
}

/*
 * A copy between kernel memory and user pages known to be mapped. The user
 * side may legally run past the object the program meant (a real kernel
 * copies whatever is mapped there), so it is read without AddressSanitizer;
 * the kernel side must be an object of the kernel's own, so ASan still
 * watches that half: a poisoned kernel range goes through memcpy and is reported.
 */
__attribute__((no_sanitize_address)) static void user_bytes_copy(void *dst, const void *src,
								 unsigned long n)
{
	volatile char *d = dst;
	const volatile char *s = src;

	while (n--)
		*d++ = *s++;
}

static void copy_known(void *dst, const void *src, unsigned long n, bool user_is_src)
{
#ifdef __SANITIZE_ADDRESS__
	if (__asan_region_is_poisoned(user_is_src ? dst : (void *)src, n)) {
		memcpy(dst, src, n);
		return;
	}
#endif
	user_bytes_copy(dst, src, n);
}

/* Copies n bytes from src to dst within this process; false if any byte faulted. */
static bool safe_copy(void *dst, const void *src, unsigned long n, bool user_is_src)
{
	unsigned long user = (unsigned long)(user_is_src ? src : dst);
	unsigned long *known = user_is_src ? known_read : known_write;

	if (n <= 4 * HOST_PAGE_SIZE && known_range(known, user, n)) {
		copy_known(dst, src, n, user_is_src);
		return true;
	}
	if (!checked_copy(dst, src, n, user_is_src))
		return false;
	if (n <= 4 * HOST_PAGE_SIZE)
		remember_range(known, user, n);
	return true;
}

/* The copy through process_vm_readv/writev: false if any byte faulted. */
static bool checked_copy(void *dst, const void *src, unsigned long n, bool user_is_src)
{
	struct iovec local = { .iov_base = user_is_src ? dst : (void *)src, .iov_len = n };
	struct iovec remote = { .iov_base = user_is_src ? (void *)src : dst, .iov_len = n };
	ssize_t done = user_is_src ? process_vm_readv(getpid(), &local, 1, &remote, 1, 0)
				   : process_vm_writev(getpid(), &local, 1, &remote, 1, 0);

	return done == (ssize_t)n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(from, n) || !safe_copy(to, from, n, true)) {
		memset(to, 0, n);
		return n;
	}
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!n)
		return 0;
	if (!access_ok(to, n) || !safe_copy(to, from, n, false))
		return n;
	return 0;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	static const char zeros[HOST_PAGE_SIZE];
	unsigned long off, chunk;

	for (off = 0; off < n; off += chunk) {
		chunk = n - off < sizeof(zeros) ? n - off : sizeof(zeros);
		if (copy_to_user((char *)to + off, zeros, chunk))
			return n - off;
	}
	return 0;
}

/* Byte by byte, so that nothing past the NUL is read (the sanitizers would object). */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		if (copy_from_user(dst + i, src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}
