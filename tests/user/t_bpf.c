// SPDX-License-Identifier: GPL-2.0
/*
 * Ring-3 test that bpf() reaches the kernel's command switch through the
 * system call: a map made, used and closed; bad attr pointers give -EFAULT;
 * an unknown command -EINVAL; a non-zero tail beyond union bpf_attr -E2BIG.
 * argv[1] "priv": run as a privileged process. Otherwise the process was
 * spawned without CAP_BPF and argv[1] is the kernel's
 * unprivileged_bpf_disabled: non-zero means MAP_CREATE is -EPERM, zero
 * means an ARRAY map may be created (both as on Linux).
 */
#include <string.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define EPERM 1
#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define E2BIG 7
#define KERNEL_TEXT 0xffffffff80100000L

static long bpf(long cmd, const void *attr, unsigned long size)
{
	return raw_syscall(__NR_bpf, cmd, (long)attr, (long)size, 0, 0, 0);
}

static long array_create(void)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 4;
	return bpf(BPF_MAP_CREATE, &a, sizeof(a));
}

static void test_map(void)
{
	union bpf_attr a;
	unsigned int key = 1;
	unsigned long value = 0x1234, out = 0;
	long fd = array_create();

	expect_true("bpf_map_create", fd >= 3, fd);
	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned int)fd;
	a.key = (unsigned long)&key;
	a.value = (unsigned long)&value;
	expect("bpf_map_update", bpf(BPF_MAP_UPDATE_ELEM, &a, sizeof(a)), 0);
	a.value = (unsigned long)&out;
	expect("bpf_map_lookup", bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)), 0);
	expect("bpf_map_lookup_value", (long)out, 0x1234);
	a.value = KERNEL_TEXT;
	expect("bpf_map_lookup_kernel_value_efault", bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)),
	       -EFAULT);
	a.value = 0x5000;
	expect("bpf_map_lookup_unmapped_value_efault", bpf(BPF_MAP_LOOKUP_ELEM, &a, sizeof(a)),
	       -EFAULT);
	expect("bpf_close_map", raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0), 0);
	expect("bpf_close_again_ebadf", raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0), -EBADF);
}

static void test_attr(void)
{
	static unsigned char big[8192];

	expect("bpf_attr_unmapped_efault", bpf(BPF_MAP_CREATE, (void *)0x4000, 64), -EFAULT);
	expect("bpf_attr_kernel_efault", bpf(BPF_MAP_CREATE, (void *)KERNEL_TEXT, 64), -EFAULT);
	expect("bpf_unknown_cmd_einval", bpf(9999, big, 64), -EINVAL);
	big[sizeof(union bpf_attr) + 10] = 1;
	expect("bpf_nonzero_tail_e2big", bpf(BPF_MAP_CREATE, big, sizeof(union bpf_attr) + 64),
	       -E2BIG);
}

int main(int argc, char **argv)
{
	long fd;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "priv")) {
		test_map();
		test_attr();
		return failed ? 1 : 0;
	}
	fd = array_create();
	if (strcmp(argv[1], "0"))
		expect("bpf_unpriv_disabled_eperm", fd, -EPERM);
	else
		expect_true("bpf_unpriv_array_allowed", fd >= 3, fd);
	return failed ? 1 : 0;
}
