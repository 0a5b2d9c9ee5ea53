/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying between the kernel and user memory (Linux: include/linux/uaccess.h).
 * A user pointer is only ever touched through these. In the kernel they refuse
 * any range that is not wholly below the user address limit (kernel/uaccess.c;
 * the fault fixups come with ring 3); in host builds tools/host/uaccess_host.c
 * treats every pointer as user memory except NULL and the first 64 KiB, which
 * fault, so that tests can pass bad pointers.
 */
#ifndef BPFKERN_UACCESS_H
#define BPFKERN_UACCESS_H

#include <bpfkern/kernel.h>

#define __user

/* Bytes NOT copied: 0 on success (Linux's convention). */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
/* Bytes NOT cleared: 0 on success. */
unsigned long clear_user(void __user *to, unsigned long n);
/*
 * Copies a NUL-terminated string of at most count bytes (NUL included when
 * it fits). Returns its length without the NUL, count if no NUL was found in
 * count bytes, or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* A user value, reading the whole object: 0 or -EFAULT. */
#define get_user(x, ptr) (copy_from_user(&(x), (ptr), sizeof(x)) ? -EFAULT : 0)
#define put_user(x, ptr)                                                        \
	({                                                                      \
		__typeof__(*(ptr)) __pu_val = (x);                              \
		copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0; \
	})

/*
 * Linux's bpfptr_t: the attr of a bpf() call comes from user space, or (for
 * calls the kernel makes itself, e.g. tests and BPF_PROG_TYPE_SYSCALL) from
 * kernel memory; every copy through it picks the right primitive.
 */
typedef struct {
	void *ptr;
	bool is_kernel;
} bpfptr_t;

static inline bpfptr_t USER_BPFPTR(void __user *p)
{
	return (bpfptr_t){ .ptr = p, .is_kernel = false };
}

static inline bpfptr_t KERNEL_BPFPTR(void *p)
{
	return (bpfptr_t){ .ptr = p, .is_kernel = true };
}

static inline bpfptr_t make_bpfptr(u64 addr, bool is_kernel)
{
	return (bpfptr_t){ .ptr = (void *)(unsigned long)addr, .is_kernel = is_kernel };
}

static inline bool bpfptr_is_null(bpfptr_t p)
{
	return !p.ptr;
}

static inline void bpfptr_add(bpfptr_t *p, size_t off)
{
	p->ptr = (char *)p->ptr + off;
}

/* 0 or -EFAULT. */
static inline int copy_from_bpfptr_offset(void *dst, bpfptr_t src, size_t off, size_t n)
{
	if (src.is_kernel) {
		__builtin_memcpy(dst, (const char *)src.ptr + off, n);
		return 0;
	}
	return copy_from_user(dst, (const char *)src.ptr + off, n) ? -EFAULT : 0;
}

static inline int copy_from_bpfptr(void *dst, bpfptr_t src, size_t n)
{
	return copy_from_bpfptr_offset(dst, src, 0, n);
}

static inline int copy_to_bpfptr_offset(bpfptr_t dst, size_t off, const void *src, size_t n)
{
	if (dst.is_kernel) {
		__builtin_memcpy((char *)dst.ptr + off, src, n);
		return 0;
	}
	return copy_to_user((char *)dst.ptr + off, src, n) ? -EFAULT : 0;
}

#endif
