/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Open files and the per-task fd table (Linux: include/linux/file.h,
 * fs/file.c), reduced to what BPF objects need: a file is a refcounted handle
 * on one object (a map, a program, a link, BTF) with an access mode; the fd
 * table maps small integers to files, lowest free fd first, up to the task's
 * limit (RLIMIT_NOFILE). kernel/file.c.
 */
#ifndef BPFKERN_FILE_H
#define BPFKERN_FILE_H

#include <bpfkern/kernel.h>

/* f_mode bits: what this handle may do to its object. */
#define FMODE_READ 0x1u
#define FMODE_WRITE 0x2u

struct file;

/* What a kind of file does when its last reference goes. */
struct file_operations {
	const char *name; /* "bpf-map", "bpf-prog", "bpf_link" ... */
	void (*release)(struct file *file);
	/* read(2) at the file's position into user memory ubuf; NULL: -EINVAL (BPF objects). */
	long (*read)(struct file *file, char *ubuf, size_t count);
	/* lseek(2); NULL: -ESPIPE. */
	long (*llseek)(struct file *file, s64 offset, int whence);
};

struct file {
	int f_count;
	u32 f_mode;
	const struct file_operations *f_op;
	void *private_data; /* the object; the file holds one reference to it */
};

/* Linux's default RLIMIT_NOFILE soft limit and the largest table allowed. */
#define NR_OPEN_DEFAULT 1024
#define NR_OPEN_MAX (1 << 20)

struct files_struct {
	struct file **fd; /* max_fds slots, NULL = free */
	unsigned int max_fds; /* slots allocated so far */
	unsigned int rlimit_nofile; /* fds >= this are refused (-EMFILE) */
};

/* A file with one reference (the caller's) over priv; NULL on -ENOMEM. */
struct file *file_alloc(const struct file_operations *fop, void *priv, u32 mode);
/* Takes one more reference. */
struct file *get_file(struct file *file);
/* Drops one reference; the last one calls f_op->release (which frees the object's ref). */
void fput(struct file *file);

/*
 * Installs file at the lowest free fd of current's table and gives it the
 * caller's reference. Returns the fd, -EMFILE at the limit, -ENOMEM.
 */
int fd_install_file(struct file *file);
/* The file at fd with a new reference (fput it), or NULL for a closed / bad fd. */
struct file *fget(int fd);
/* close(fd): -EBADF if nothing is open there. */
int close_fd(int fd);
/* Closes every fd of files and frees the table's slots (process exit). */
void files_close_all(struct files_struct *files);

#endif
