// SPDX-License-Identifier: GPL-2.0
/*
 * Files and the fd table (include/bpfkern/file.h). A file holds one reference
 * to its object and is itself counted: every fd, every fget() and every
 * in-kernel user holds one; the last fput() releases the object's reference
 * through f_op->release. The table grows by doubling up to the task's
 * limit; fds 0-2 are reserved (the standard streams of the future process)
 * and never handed out, so that bpf() fds start at 3 as on Linux.
 */
#include <bpfkern/file.h>
#include <bpfkern/task.h>

#define FD_FIRST 3

/*
 * fds 0-2 stand for the standard streams: a file that is no bpf object
 * (bpf() on it is -EINVAL, as on Linux for a tty), never closed or freed.
 */
static const struct file_operations stdio_fops = { .name = "stdio" };
static struct file stdio_file = { .f_count = 1,
				  .f_mode = FMODE_READ | FMODE_WRITE,
				  .f_op = &stdio_fops };

struct file *file_alloc(const struct file_operations *fop, void *priv, u32 mode)
{
	struct file *file = kzalloc(sizeof(*file), GFP_KERNEL);

	if (!file)
		return NULL;
	file->f_count = 1;
	file->f_mode = mode;
	file->f_op = fop;
	file->private_data = priv;
	return file;
}

struct file *get_file(struct file *file)
{
	file->f_count++;
	return file;
}

void fput(struct file *file)
{
	BUG_ON(file->f_count <= 0);
	if (--file->f_count)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file);
	kfree(file);
}

/* Makes room for fd nr in files (nr < rlimit): 0 or -ENOMEM. */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int n = files->max_fds ? files->max_fds : 64;
	struct file **fd;

	while (n <= nr)
		n *= 2;
	fd = krealloc(files->fd, n * sizeof(*fd), GFP_KERNEL);
	if (!fd)
		return -ENOMEM;
	__builtin_memset(fd + files->max_fds, 0, (n - files->max_fds) * sizeof(*fd));
	files->fd = fd;
	files->max_fds = n;
	return 0;
}

/* The lowest fd >= FD_FIRST that is free in files, or -EMFILE / -ENOMEM. */
static int alloc_fd(struct files_struct *files)
{
	unsigned int limit = files->rlimit_nofile, nr;
	int err;

	if (limit > NR_OPEN_MAX)
		limit = NR_OPEN_MAX;
	for (nr = FD_FIRST; nr < files->max_fds && nr < limit; nr++)
		if (!files->fd[nr])
			return (int)nr;
	if (nr >= limit)
		return -EMFILE;
	err = expand_files(files, nr);
	return err ? err : (int)nr;
}

int fd_install_file(struct file *file)
{
	struct files_struct *files = current->files;
	int fd = alloc_fd(files);

	if (fd >= 0)
		files->fd[fd] = file;
	return fd;
}

/* The file at fd in current's table, no reference taken; NULL if none. */
static struct file *lookup_fd(int fd)
{
	struct files_struct *files = current->files;

	if (fd >= 0 && fd < FD_FIRST)
		return &stdio_file;
	if (fd < 0 || (unsigned int)fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

struct file *fget(int fd)
{
	struct file *file = lookup_fd(fd);

	return file ? get_file(file) : NULL;
}

int close_fd(int fd)
{
	struct file *file = lookup_fd(fd);

	if (!file || file == &stdio_file)
		return -EBADF;
	current->files->fd[fd] = NULL;
	fput(file);
	return 0;
}

void files_close_all(struct files_struct *files)
{
	unsigned int i;

	for (i = 0; i < files->max_fds; i++) {
		if (files->fd[i]) {
			struct file *file = files->fd[i];

			files->fd[i] = NULL;
			fput(file);
		}
	}
	kfree(files->fd);
	files->fd = NULL;
	files->max_fds = 0;
}
