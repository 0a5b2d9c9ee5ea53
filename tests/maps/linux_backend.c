// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux side of the map differential test: seq.c's operations through
 * the host's bpf() system call (built against the system <linux/bpf.h>).
 * Prints "skip" and exits 2 where bpf() is unavailable. Loopback (ifindex
 * 1) is the device the devmap sequences use.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include "seq.h"

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : r;
}

static int lx_create(uint32_t type, uint32_t key_size, uint32_t value_size, uint32_t max_entries,
		     uint32_t flags, int inner)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = key_size;
	a.value_size = value_size;
	a.max_entries = max_entries;
	a.map_flags = flags;
	a.inner_map_fd = inner < 0 ? 0 : (uint32_t)inner;
	return (int)sys_bpf(BPF_MAP_CREATE, &a);
}

static int elem_cmd(int cmd, int h, const void *key, const void *value, uint64_t flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)h;
	a.key = (uint64_t)(uintptr_t)key;
	a.value = (uint64_t)(uintptr_t)value;
	a.flags = flags;
	return (int)sys_bpf(cmd, &a);
}

static int lx_update(int h, const void *key, const void *value, uint64_t flags)
{
	return elem_cmd(BPF_MAP_UPDATE_ELEM, h, key, value, flags);
}

static int lx_lookup(int h, const void *key, void *value)
{
	return elem_cmd(BPF_MAP_LOOKUP_ELEM, h, key, value, 0);
}

static int lx_delete(int h, const void *key)
{
	return elem_cmd(BPF_MAP_DELETE_ELEM, h, key, NULL, 0);
}

static int lx_lookup_and_delete(int h, const void *key, void *value)
{
	return elem_cmd(BPF_MAP_LOOKUP_AND_DELETE_ELEM, h, key, value, 0);
}

static int lx_next_key(int h, const void *key, void *next_key)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)h;
	a.key = (uint64_t)(uintptr_t)key;
	a.next_key = (uint64_t)(uintptr_t)next_key;
	return (int)sys_bpf(BPF_MAP_GET_NEXT_KEY, &a);
}

static uint32_t lx_map_id(int h)
{
	struct bpf_map_info info;
	union bpf_attr a;

	memset(&info, 0, sizeof(info));
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = (uint32_t)h;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(uintptr_t)&info;
	return sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a) ? 0 : info.id;
}

static void lx_close(int h)
{
	close(h);
}

static unsigned int lx_ncpus(void)
{
	unsigned int lo, hi;
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");

	if (!f)
		return 1;
	if (fscanf(f, "%u-%u", &lo, &hi) != 2)
		hi = lo;
	fclose(f);
	return hi + 1;
}

int main(void)
{
	static const struct backend be = {
		"linux",
		lx_create,
		lx_update,
		lx_lookup,
		lx_delete,
		lx_next_key,
		lx_lookup_and_delete,
		lx_map_id,
		lx_close,
		lx_ncpus,
	};
	int fd = lx_create(T_ARRAY, 4, 4, 1, 0, -1);

	if (fd < 0) {
		printf("skip maps-diff # bpf(BPF_MAP_CREATE) unavailable: %s\n", strerror(-fd));
		return 2;
	}
	close(fd);
	return run_sequences(&be);
}
