/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's Linux as an oracle: load an XDP program with the real bpf()
 * system call and run it with BPF_PROG_TEST_RUN. Built against the system's
 * <linux/bpf.h>, never against include/uapi.
 */
#ifndef DIFF_LINUX_BPF_H
#define DIFF_LINUX_BPF_H

#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

/* What one BPF_PROG_TEST_RUN reported. */
struct linux_run_result {
	uint32_t retval; /* the XDP action (u32) */
	uint32_t duration; /* mean ns per run, as measured by the kernel */
	uint32_t data_out_len; /* bytes written to the output buffer */
};

/*
 * Load @cnt instructions as a BPF_PROG_TYPE_XDP program. Returns the program
 * fd, or -errno when Linux refuses it; then @log (if not NULL) holds the
 * verifier's log, truncated to @log_size.
 */
int linux_prog_load_xdp(const struct bpf_insn *insns, size_t cnt, char *log, size_t log_size);

/*
 * Run program @fd @repeat times over a copy of @data (@len bytes) with
 * BPF_PROG_TEST_RUN; the packet after the last run goes to @out (@out_cap
 * bytes). Returns 0, or -errno.
 */
int linux_test_run(int fd, const void *data, uint32_t len, void *out, uint32_t out_cap,
		   uint32_t repeat, struct linux_run_result *res);

/* Create an array map (u32 keys). Returns its fd, or -errno. */
int linux_array_map_create(uint32_t value_size, uint32_t max_entries);

/* Read a whole file into a new malloc'd buffer. Returns its length, or -errno. */
long read_file(const char *path, uint8_t **bufp);

/* Write @len bytes to @path, replacing it. Returns 0, or -errno. */
int write_file(const char *path, const void *buf, size_t len);

#endif
