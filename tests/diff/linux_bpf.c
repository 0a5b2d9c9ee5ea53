// SPDX-License-Identifier: GPL-2.0
/* The host's Linux bpf() as an oracle; see linux_bpf.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux_bpf.h"

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

int linux_prog_load_xdp(const struct bpf_insn *insns, size_t cnt, char *log, size_t log_size)
{
	static const char license[] = "GPL";
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (uintptr_t)insns;
	attr.insn_cnt = (uint32_t)cnt;
	attr.license = (uintptr_t)license;
	if (log && log_size) {
		log[0] = '\0';
		attr.log_buf = (uintptr_t)log;
		attr.log_size = (uint32_t)log_size;
		attr.log_level = 1;
	}
	fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0 && log && log_size && errno == ENOSPC) {
		/* The log overflowed; the load failed for that alone: retry without it. */
		attr.log_buf = 0;
		attr.log_size = 0;
		attr.log_level = 0;
		fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	}
	return fd < 0 ? -errno : fd;
}

int linux_test_run(int fd, const void *data, uint32_t len, void *out, uint32_t out_cap,
		   uint32_t repeat, struct linux_run_result *res)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (uint32_t)fd;
	attr.test.data_in = (uintptr_t)data;
	attr.test.data_size_in = len;
	attr.test.data_out = (uintptr_t)out;
	attr.test.data_size_out = out_cap;
	attr.test.repeat = repeat;
	if (sys_bpf(BPF_PROG_TEST_RUN, &attr) < 0)
		return -errno;
	res->retval = attr.test.retval;
	res->duration = attr.test.duration;
	res->data_out_len = attr.test.data_size_out;
	return 0;
}

int linux_array_map_create(uint32_t value_size, uint32_t max_entries)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	fd = (int)sys_bpf(BPF_MAP_CREATE, &attr);
	return fd < 0 ? -errno : fd;
}

long read_file(const char *path, uint8_t **bufp)
{
	struct stat st;
	uint8_t *buf;
	long n = 0;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (n < st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)(st.st_size - n));

		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	*bufp = buf;
	return n;
}

int write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f)
		return -errno;
	if (len && fwrite(buf, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) != 0 && !err)
		err = -EIO;
	return err;
}
