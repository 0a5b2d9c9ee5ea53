// SPDX-License-Identifier: GPL-2.0
/*
 * Ring-3 test of anonymous memory: mmap/munmap with Linux's flags and errno
 * values, and the heap (newlib's malloc over the sbrk arena).
 */
#include <stdlib.h>
#include <string.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define EINVAL 22
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define MAP_SHARED 1

static long mmap_anon(long len, long prot, long flags)
{
	return raw_syscall(__NR_mmap, 0, len, prot, flags, -1, 0);
}

int main(void)
{
	long p = mmap_anon(3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	unsigned char *m = (unsigned char *)p;
	char *h;
	int zero = 1;

	expect_true("mmap_anon", p > 0 && (p & 4095) == 0, p);
	if (p > 0) {
		for (int i = 0; i < 3 * 4096; i++)
			zero &= m[i] == 0;
		expect("mmap_zeroed", zero, 1);
		memset(m, 0x5a, 3 * 4096);
		expect("mmap_writable", m[3 * 4096 - 1], 0x5a);
		expect("munmap", raw_syscall(__NR_munmap, p, 3 * 4096, 0, 0, 0, 0), 0);
	}
	expect("mmap_shared_einval", mmap_anon(4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS),
	       -EINVAL);
	expect("mmap_zero_len_einval", mmap_anon(0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS),
	       -EINVAL);
	expect("mmap_wx_einval",
	       mmap_anon(4096, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	expect("munmap_unaligned_einval", raw_syscall(__NR_munmap, 0x10001, 4096, 0, 0, 0, 0),
	       -EINVAL);
	expect("munmap_huge_hole",
	       raw_syscall(__NR_munmap, 0x100000000000L, 0x100000000000L, 0, 0, 0, 0), 0);
	expect("munmap_wrapping_len_einval", raw_syscall(__NR_munmap, 0x100000, -1L, 0, 0, 0, 0),
	       -EINVAL);
	expect("mmap_huge_enomem", mmap_anon(1L << 46, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS),
	       -12);
	h = malloc(100000);
	expect_true("malloc", h != NULL, (long)h);
	if (h) {
		memset(h, 1, 100000);
		free(h);
	}
	return failed ? 1 : 0;
}
