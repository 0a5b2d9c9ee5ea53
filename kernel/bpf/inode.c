// SPDX-License-Identifier: GPL-2.0
/*
 * The pin namespace (Linux: kernel/bpf/inode.c, the bpf filesystem mounted
 * at /sys/fs/bpf). bpfkern has no VFS: this is a small tree of named nodes
 * under the root /sys/fs/bpf. A node is a directory or a pinned object; a
 * pin holds one reference to its object, so the object outlives every fd
 * (and the process that made it) until the pin is unlinked.
 *
 * Paths are absolute and must lie below /sys/fs/bpf: pinning elsewhere is
 * -EPERM (not a bpf filesystem), as on Linux. Errors follow Linux's path
 * walk: a missing directory is -ENOENT, a component that is an object where
 * a directory is needed -ENOTDIR, an existing name -EEXIST, a name longer
 * than NAME_MAX or a path of PATH_MAX bytes -ENAMETOOLONG.
 */
#include <bpfkern/bpf_syscall.h>
#include <string.h>

#define PATH_MAX 4096
#define NAME_MAX 255
#define BPF_FS_ROOT "/sys/fs/bpf"

struct bpf_dentry {
	char *name;
	bool is_dir;
	void *obj; /* pinned object (one reference), when !is_dir */
	enum bpf_type type;
	struct bpf_dentry *parent, *children, *next;
};

static struct bpf_dentry bpf_fs_root = { .name = "bpf", .is_dir = true };

static struct bpf_dentry *d_lookup(const struct bpf_dentry *dir, const char *name, size_t len)
{
	struct bpf_dentry *d;

	for (d = dir->children; d; d = d->next)
		if (strlen(d->name) == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

/*
 * Walks path up to its last component: *dirp gets the directory that holds
 * (or would hold) it, *last / *last_len the name. 0, -EPERM (outside
 * /sys/fs/bpf or the root itself as a last component: -EEXIST), -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG.
 */
static int path_parent(const char *path, struct bpf_dentry **dirp, const char **last,
		       size_t *last_len)
{
	struct bpf_dentry *dir = &bpf_fs_root;
	const char *p;
	size_t n;

	if (strncmp(path, BPF_FS_ROOT, strlen(BPF_FS_ROOT)))
		return path[0] == '/' ? -EPERM : -ENOENT;
	p = path + strlen(BPF_FS_ROOT);
	if (*p == 0 || (p[0] == '/' && p[strspn(p, "/")] == 0))
		return -EEXIST; /* the root itself */
	if (*p != '/')
		return -ENOENT;
	for (;;) {
		p += strspn(p, "/");
		n = strcspn(p, "/");
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		if (p[n + strspn(p + n, "/")] == 0)
			break;
		dir = d_lookup(dir, p, n);
		if (!dir)
			return -ENOENT;
		if (!dir->is_dir)
			return -ENOTDIR;
		p += n;
	}
	*dirp = dir;
	*last = p;
	*last_len = n;
	return 0;
}

/* A new node name[0 .. len) in dir: 0, -EEXIST or -ENOMEM. */
static int d_create(struct bpf_dentry *dir, const char *name, size_t len, bool is_dir, void *obj,
		    enum bpf_type type)
{
	struct bpf_dentry *d;

	if (d_lookup(dir, name, len))
		return -EEXIST;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->name = kmalloc(len + 1, GFP_KERNEL);
	if (!d->name) {
		kfree(d);
		return -ENOMEM;
	}
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->is_dir = is_dir;
	d->obj = obj;
	d->type = type;
	d->parent = dir;
	d->next = dir->children;
	dir->children = d;
	return 0;
}

/* The node at path, or ERR_PTR(-ENOENT / -ENOTDIR / -EPERM / ...). */
static struct bpf_dentry *d_walk(const char *path)
{
	struct bpf_dentry *dir, *d;
	const char *last;
	size_t len;
	int err = path_parent(path, &dir, &last, &len);

	if (err == -EEXIST)
		return &bpf_fs_root;
	if (err)
		return ERR_PTR(err);
	d = d_lookup(dir, last, len);
	return d ? d : ERR_PTR(-ENOENT);
}

/* A kernel copy of a user path (kfree it): ERR_PTR -EFAULT, -ENOENT (empty), -ENAMETOOLONG. */
static char *getname(const char __user *upath)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!path)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(path, upath, PATH_MAX);
	if (len < 0 || len == 0 || len == PATH_MAX) {
		kfree(path);
		return ERR_PTR(len < 0 ? -EFAULT : len ? -ENAMETOOLONG : -ENOENT);
	}
	return path;
}

/* Pins obj (the caller's reference passes to the pin on success) at path. */
static int bpf_obj_do_pin(const char __user *upath, void *obj, enum bpf_type type)
{
	struct bpf_dentry *dir;
	const char *last;
	size_t len;
	char *path = getname(upath);
	int err;

	if (IS_ERR(path))
		return (int)PTR_ERR(path);
	err = path_parent(path, &dir, &last, &len);
	if (!err)
		err = d_create(dir, last, len, false, obj, type);
	kfree(path);
	return err;
}

int bpf_obj_pin_user(u32 ufd, const char __user *pathname)
{
	enum bpf_type type;
	void *obj = bpf_fd_probe_obj(ufd, &type);
	int err;

	if (IS_ERR(obj))
		return (int)PTR_ERR(obj);
	err = bpf_obj_do_pin(pathname, obj, type);
	if (err)
		bpf_any_put(obj, type);
	return err;
}

int bpf_obj_get_user(const char __user *pathname, u32 flags)
{
	struct bpf_dentry *d;
	char *path = getname(pathname);
	int fd;

	if (IS_ERR(path))
		return (int)PTR_ERR(path);
	d = d_walk(path);
	kfree(path);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d->is_dir)
		return -EACCES; /* not a bpf object */
	if (d->type == BPF_TYPE_LINK && (flags & (BPF_F_RDONLY | BPF_F_WRONLY)))
		return -EINVAL;
	bpf_any_get(d->obj, d->type);
	fd = bpf_obj_new_fd(d->obj, d->type, d->type == BPF_TYPE_MAP ? flags : 0);
	if (fd < 0)
		bpf_any_put(d->obj, d->type);
	return fd;
}

int bpf_fs_mkdir(const char *path)
{
	struct bpf_dentry *dir;
	const char *last;
	size_t len;
	int err = path_parent(path, &dir, &last, &len);

	return err ? err : d_create(dir, last, len, true, NULL, BPF_TYPE_UNSPEC);
}

/* Unhooks d from its directory, drops its pin and frees it. */
static void d_delete(struct bpf_dentry *d)
{
	struct bpf_dentry **pp = &d->parent->children;

	while (*pp != d)
		pp = &(*pp)->next;
	*pp = d->next;
	if (!d->is_dir)
		bpf_any_put(d->obj, d->type);
	kfree(d->name);
	kfree(d);
}

int bpf_fs_unlink(const char *path)
{
	struct bpf_dentry *d = d_walk(path);

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d == &bpf_fs_root)
		return -EBUSY;
	if (d->is_dir && d->children)
		return -ENOTEMPTY;
	d_delete(d);
	return 0;
}

/* Deletes every node below dir, depth first. */
static void d_clear(struct bpf_dentry *dir)
{
	while (dir->children) {
		d_clear(dir->children);
		d_delete(dir->children);
	}
}

void bpf_fs_clear(void)
{
	d_clear(&bpf_fs_root);
}
