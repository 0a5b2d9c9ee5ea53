/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bpf() system call (kernel/bpf/syscall.c) and what its parts share:
 * the pin namespace (inode.c) and PROG_TEST_RUN (test_run.c) reach objects
 * through these, and ring-3 entry (later) and the host backend call __sys_bpf.
 */
#ifndef BPFKERN_BPF_SYSCALL_H
#define BPFKERN_BPF_SYSCALL_H

#include <bpfkern/bpf.h>
#include <bpfkern/file.h>
#include <bpfkern/uaccess.h>

/*
 * The bpf(cmd, uattr, size) entry, Linux's __sys_bpf: unprivileged check,
 * bpf_check_uarg_tail_zero, copy of min(size, sizeof(attr)), then the
 * command switch. Returns a value >= 0 (often an fd) or a negative errno.
 * With KERNEL_BPFPTR only the attr itself is kernel memory: the pointers
 * inside it (keys, values, insns, logs, paths) are always user pointers.
 */
long __sys_bpf(int cmd, bpfptr_t uattr, unsigned int size);

/*
 * Bytes of a user structure beyond what the kernel knows must be zero
 * (Linux: bpf_check_uarg_tail_zero): 0, -E2BIG (a non-zero byte, or
 * actual_size > PAGE_SIZE) or -EFAULT.
 */
int bpf_check_uarg_tail_zero(bpfptr_t uaddr, size_t expected_size, size_t actual_size);

/* The kinds of object an fd or a pin can stand for (Linux: enum bpf_type). */
enum bpf_type {
	BPF_TYPE_UNSPEC = 0,
	BPF_TYPE_PROG,
	BPF_TYPE_MAP,
	BPF_TYPE_LINK,
};

/*
 * The object behind fd ufd with one new reference, its kind in *type;
 * ERR_PTR(-EINVAL) when ufd is no map, program or link (closed fds too, as Linux).
 */
void *bpf_fd_probe_obj(u32 ufd, enum bpf_type *type);
/* One more / one less reference to an object of the given kind. */
void bpf_any_get(void *obj, enum bpf_type type);
void bpf_any_put(void *obj, enum bpf_type type);
/*
 * A new fd for obj, taking over the caller's reference; f_flags are
 * O_RDONLY/O_WRONLY-style BPF_F_RDONLY / BPF_F_WRONLY (maps only).
 * Returns the fd or -EMFILE / -ENOMEM (the reference is then still the caller's).
 */
int bpf_obj_new_fd(void *obj, enum bpf_type type, u32 f_flags);

/* Counts one run of prog that took ns nanoseconds while BPF_ENABLE_STATS holds. */
void bpf_prog_stats_add(struct bpf_prog *prog, u64 runs, u64 ns);
/* Whether BPF_ENABLE_STATS holds (a caller may skip its clock reads otherwise). */
bool bpf_prog_stats_enabled(void);

/* kernel/bpf/inode.c: the pin namespace under /sys/fs/bpf. */
int bpf_obj_pin_user(u32 ufd, const char __user *pathname);
int bpf_obj_get_user(const char __user *pathname, u32 flags);
/* mkdir and unlink in the namespace for kernel callers (paths in kernel memory). */
int bpf_fs_mkdir(const char *path);
int bpf_fs_unlink(const char *path);
/* Drops every pin (host tests: nothing must outlive a test). */
void bpf_fs_clear(void);

/* kernel/bpf/test_run.c: BPF_PROG_TEST_RUN for the program types that have it. */
int bpf_prog_test_run_xdp(struct bpf_prog *prog, const union bpf_attr *kattr,
			  union bpf_attr __user *uattr);
int bpf_prog_test_run_skb(struct bpf_prog *prog, const union bpf_attr *kattr,
			  union bpf_attr __user *uattr);

#endif
