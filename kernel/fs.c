// SPDX-License-Identifier: GPL-2.0
/*
 * The read-only file namespace of ring 3 (include/bpfkern/fs.h): a fixed
 * tree of directories whose leaves are the boot modules (/boot) and a few
 * generated texts (/proc). A node is found by walking a path component by
 * component through fs_child(), the one function that knows the tree; the
 * same walk serves getdents64. Opening a file takes a snapshot: a module's
 * bytes stay where the loader put them (reserved memory), a /proc file's
 * text is generated into a buffer the open file owns.
 */
#include <stdio.h>
#include <string.h>
#include <bpfkern/fs.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/mm.h>
#include <bpfkern/net.h>
#include <bpfkern/bpf.h>
#include <bpfkern/page_alloc.h>
#include <bpfkern/paging.h>
#include <uapi/asm/stat.h>

#define FS_NAME_MAX 64
#define FS_PATH_MAX 4096
#define NAME_MAX 255 /* Linux's longest path component */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define FS_SLACK 256 /* a /proc text may grow between its measuring and its filling */

/* printf into a bounded buffer that counts what did not fit (Linux: seq_buf). */
struct seq_buf {
	char *buf;
	size_t size, len;
};

static void __printf(2, 3) seq_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(m->len < m->size ? m->buf + m->len : NULL,
		      m->len < m->size ? m->size - m->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		m->len += (size_t)n;
}

enum fs_kind { FS_DIR, FS_MODULE, FS_PROC };

struct fs_node {
	const char *name;
	enum fs_kind kind;
	unsigned int ino;
	const struct fs_node *children; /* FS_DIR with a fixed list (NULL-named end) */
	bool modules; /* FS_DIR: the boot modules are its children */
	void (*show)(struct seq_buf *m); /* FS_PROC: writes the file's text */
	unsigned int module; /* FS_MODULE: index in boot_info.modules */
};

/* /boot's entries: the modules with a usable, unique name, and their index in boot_info. */
static char module_names[BOOT_MODULES_MAX][FS_NAME_MAX];
static unsigned int module_index[BOOT_MODULES_MAX];
static unsigned int nr_module_names;

static void show_cmdline(struct seq_buf *m)
{
	seq_printf(m, "%s\n", cmdline_get_all());
}

static void show_uptime(struct seq_buf *m)
{
	u64 ns = ktime_get_ns();

	seq_printf(m, "%lu.%02lu 0.00\n", (unsigned long)(ns / 1000000000),
		   (unsigned long)(ns / 10000000 % 100));
}

static void show_meminfo(struct seq_buf *m)
{
	unsigned long kb = PAGE_SIZE >> 10;

	seq_printf(m, "MemTotal:       %8lu kB\n", nr_total_pages() * kb);
	seq_printf(m, "MemFree:        %8lu kB\n", nr_free_pages() * kb);
	seq_printf(m, "KernelText:     %8lu kB\n", (unsigned long)(_etext - _stext) >> 10);
	seq_printf(m, "KernelRodata:   %8lu kB\n",
		   (unsigned long)(__end_rodata - __start_rodata) >> 10);
	seq_printf(m, "KernelData:     %8lu kB\n", (unsigned long)(_end - _sdata) >> 10);
}

/* Linux's /proc/net/dev: two header lines, one line per port. */
static void show_net_dev(struct seq_buf *m)
{
	seq_printf(
		m,
		"Inter-|   Receive                                                |  Transmit\n");
	seq_printf(m, " face |bytes    packets errs drop fifo frame compressed multicast|"
		      "bytes    packets errs drop fifo colls carrier compressed\n");
	for (unsigned int i = 0; i < net_nr_ports(); i++) {
		const struct net_port *port = net_port_at(i);
		const struct net_port_stats *s = &port->stats;
		u64 rx_drop = s->xdp[XDP_ABORTED] + s->xdp[XDP_DROP] + s->pass_local;

		seq_printf(m,
			   "%6s: %7lu %7lu %4lu %4lu    0     0          0         0 "
			   "%8s %7lu    0 %4lu    0     0       0          0\n",
			   port->dev.name, (unsigned long)s->rx_bytes, (unsigned long)s->rx_packets,
			   (unsigned long)s->rx_errors, (unsigned long)rx_drop, "0",
			   (unsigned long)s->tx_packets, (unsigned long)s->tx_dropped);
	}
}

/*
 * bpfkern's own: per port its ifindex, MAC, XDP program (id 0: a built-in
 * program outside the id table, named "builtin" when it has no name; "-":
 * none) and the verdict counters.
 */
static void show_net_xdp(struct seq_buf *m)
{
	seq_printf(m, "port ifindex mac prog_id prog_name rx_packets rx_bytes rx_errors "
		      "aborted drop pass tx redirect tx_packets tx_dropped\n");
	for (unsigned int i = 0; i < net_nr_ports(); i++) {
		const struct net_port *port = net_port_at(i);
		const struct net_port_stats *s = &port->stats;
		const struct bpf_prog *prog = port->xdp_prog;
		const u8 *a = port->mac;

		seq_printf(m, "%s %u %02x:%02x:%02x:%02x:%02x:%02x %u %s", port->dev.name,
			   port->dev.ifindex, a[0], a[1], a[2], a[3], a[4], a[5],
			   prog ? prog->aux->id : 0,
			   !prog		? "-"
			   : prog->aux->name[0] ? prog->aux->name
						: "builtin");
		seq_printf(m, " %lu %lu %lu", (unsigned long)s->rx_packets,
			   (unsigned long)s->rx_bytes, (unsigned long)s->rx_errors);
		for (int v = XDP_ABORTED; v <= XDP_REDIRECT; v++)
			seq_printf(m, " %lu", (unsigned long)s->xdp[v]);
		seq_printf(m, " %lu %lu\n", (unsigned long)s->tx_packets,
			   (unsigned long)s->tx_dropped);
	}
}

static const struct fs_node net_nodes[] = {
	{ .name = "dev", .kind = FS_PROC, .ino = 20, .show = show_net_dev },
	{ .name = "xdp", .kind = FS_PROC, .ino = 21, .show = show_net_xdp },
	{ 0 },
};

static const struct fs_node proc_nodes[] = {
	{ .name = "cmdline", .kind = FS_PROC, .ino = 10, .show = show_cmdline },
	{ .name = "meminfo", .kind = FS_PROC, .ino = 11, .show = show_meminfo },
	{ .name = "uptime", .kind = FS_PROC, .ino = 12, .show = show_uptime },
	{ .name = "net", .kind = FS_DIR, .ino = 13, .children = net_nodes },
	{ 0 },
};

static const struct fs_node root_nodes[] = {
	{ .name = "boot", .kind = FS_DIR, .ino = 2, .modules = true },
	{ .name = "proc", .kind = FS_DIR, .ino = 3, .children = proc_nodes },
	{ 0 },
};

static const struct fs_node root = { .name = "/", .kind = FS_DIR, .ino = 1, .children = root_nodes };

/* The i-th child of dir into *out; false past the last one. */
static bool fs_child(const struct fs_node *dir, unsigned int i, struct fs_node *out)
{
	if (dir->modules) {
		if (i >= nr_module_names)
			return false;
		*out = (struct fs_node){ .name = module_names[i],
					 .kind = FS_MODULE,
					 .ino = 100 + i,
					 .module = module_index[i] };
		return true;
	}
	if (!dir->children || !dir->children[i].name)
		return false;
	*out = dir->children[i];
	return true;
}

/*
 * A module's name is the basename of its command line's first word (GRUB's
 * module2 PATH ARGS, QEMU -initrd "PATH ARGS"); empty, over-long or repeated
 * names are reported and left out.
 */
void fs_init(const struct boot_info *bi)
{
	for (unsigned int i = 0; i < bi->nr_modules; i++) {
		const char *path = bi->modules[i].cmdline, *base = path;
		size_t len;

		for (const char *p = path; *p && *p != ' '; p++)
			if (*p == '/')
				base = p + 1;
		len = strcspn(base, " ");
		if (!len || len >= FS_NAME_MAX) {
			printk("fs: module %u (\"%s\") has no usable name; not in /boot\n", i,
			       path);
			continue;
		}
		memcpy(module_names[nr_module_names], base, len);
		module_names[nr_module_names][len] = '\0';
		if (fs_boot_module(module_names[nr_module_names], NULL)) {
			printk("fs: module %u: /boot/%s is taken; the first one stays\n", i,
			       module_names[nr_module_names]);
			continue;
		}
		module_index[nr_module_names++] = i;
	}
}

const void *fs_boot_module(const char *name, size_t *size)
{
	for (unsigned int i = 0; i < nr_module_names; i++) {
		const struct boot_module *mod = &boot_info.modules[module_index[i]];

		if (strcmp(module_names[i], name))
			continue;
		if (size)
			*size = (size_t)(mod->end - mod->start);
		return __va(mod->start);
	}
	return NULL;
}

/* An open file or directory: the node and a snapshot of its bytes. */
struct fs_file {
	struct fs_node node;
	const char *data; /* FS_MODULE: the module; FS_PROC: text */
	size_t size; /* bytes, or a directory's entries ("." and ".." included) */
	char *text; /* FS_PROC: owned */
	s64 pos; /* byte offset, or a directory's next entry */
	char path[FS_NAME_MAX * 4]; /* canonical, absolute: relative opens start here */
};

/* The child of dir named name[0..len) into *out; false if there is none. */
static bool fs_find_child(const struct fs_node *dir, const char *name, size_t len,
			  struct fs_node *out)
{
	for (unsigned int i = 0; fs_child(dir, i, out); i++)
		if (strlen(out->name) == len && !strncmp(out->name, name, len))
			return true;
	return false;
}

/* A walk through the tree: the nodes from the root down to where it stands. */
struct fs_walk {
	struct fs_node stack[8];
	unsigned int depth;
};

/*
 * Walk the components of path from where w stands ("." stays, ".." goes up,
 * the root's parent is the root). 0, -ENOENT, -ENOTDIR or -ENAMETOOLONG.
 */
static int fs_walk(struct fs_walk *w, const char *path)
{
	const char *p = path;

	while (*p) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/");
		if (!len)
			break;
		if (w->stack[w->depth].kind != FS_DIR)
			return -ENOTDIR;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (len == 2 && !strncmp(p, "..", 2)) {
			w->depth -= w->depth > 0;
		} else if (!(len == 1 && *p == '.')) {
			if (w->depth + 1 == ARRAY_SIZE(w->stack))
				return -ENAMETOOLONG;
			if (!fs_find_child(&w->stack[w->depth], p, len, &w->stack[w->depth + 1]))
				return -ENOENT;
			w->depth++;
		}
		p += len;
	}
	if (p > path && p[-1] == '/' && w->stack[w->depth].kind != FS_DIR)
		return -ENOTDIR; /* "file/" */
	return 0;
}

/*
 * Look path up from the directory base (an absolute canonical path; unused
 * when path is absolute) into *out, and its canonical path into canon.
 */
static int fs_lookup(const char *base, const char *path, struct fs_node *out, char *canon,
		     size_t canon_size)
{
	struct fs_walk w = { .stack = { root } };
	int err = path[0] == '/' ? 0 : fs_walk(&w, base);

	if (!err)
		err = fs_walk(&w, path);
	if (err)
		return err;
	canon[0] = '\0';
	for (unsigned int d = 1; d <= w.depth; d++)
		snprintf(canon + strlen(canon), canon_size - strlen(canon), "/%s", w.stack[d].name);
	if (!w.depth)
		strscpy_trunc(canon, "/", canon_size);
	*out = w.stack[w.depth];
	return 0;
}

static void fs_release(struct file *file)
{
	struct fs_file *f = file->private_data;

	kfree(f->text);
	kfree(f);
}

static long fs_read(struct file *file, char *ubuf, size_t count)
{
	struct fs_file *f = file->private_data;
	size_t n, left;

	if (f->node.kind == FS_DIR)
		return -EISDIR;
	if (f->pos >= (s64)f->size)
		return 0;
	n = min(count, f->size - (size_t)f->pos);
	n = min(n, (size_t)INT32_MAX);
	left = copy_to_user((char __user *)ubuf, f->data + f->pos, n);
	if (left == n && n)
		return -EFAULT;
	f->pos += (s64)(n - left);
	return (long)(n - left);
}

/* SEEK_SET, SEEK_CUR, SEEK_END; a directory's offset counts entries. */
static long fs_llseek(struct file *file, s64 offset, int whence)
{
	struct fs_file *f = file->private_data;
	s64 pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = f->pos + offset;
		break;
	case SEEK_END:
		pos = (s64)f->size + offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->pos = pos;
	return pos;
}

static const struct file_operations fs_fops = {
	.name = "fs",
	.release = fs_release,
	.read = fs_read,
	.llseek = fs_llseek,
};

/* Fill f's snapshot: the module's bytes, the /proc text, or the number of entries. */
static int fs_snapshot(struct fs_file *f)
{
	struct seq_buf m = { 0 };
	struct fs_node child;

	switch (f->node.kind) {
	case FS_MODULE: {
		const struct boot_module *mod = &boot_info.modules[f->node.module];

		f->data = __va(mod->start);
		f->size = (size_t)(mod->end - mod->start);
		return 0;
	}
	case FS_PROC:
		f->node.show(&m);
		m.size = m.len + FS_SLACK;
		m.len = 0;
		m.buf = f->text = kmalloc(m.size, GFP_KERNEL);
		if (!m.buf)
			return -ENOMEM;
		f->node.show(&m);
		f->data = f->text;
		f->size = min(m.len, m.size - 1);
		return 0;
	case FS_DIR:
		f->size = 2;
		while (fs_child(&f->node, (unsigned int)f->size - 2, &child))
			f->size++;
		return 0;
	}
	return -EINVAL;
}

/* The open fs file behind fd with a reference (fput it), or NULL when fd is no fs file. */
static struct file *fs_fget(int fd, struct fs_file **fp)
{
	struct file *file = fget(fd);

	if (file && file->f_op != &fs_fops) {
		fput(file);
		return NULL;
	}
	if (file)
		*fp = file->private_data;
	return file;
}

/* What open(2) may do to node with flags: 0 or the errno Linux gives on a read-only tree. */
static int fs_may_open(const struct fs_node *node, int flags)
{
	bool writes = (flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY;

	if (node->kind == FS_DIR)
		return writes || (flags & LINUX_O_CREAT) ? -EISDIR : 0;
	if (flags & LINUX_O_DIRECTORY)
		return -ENOTDIR;
	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL))
		return -EEXIST;
	return writes || (flags & LINUX_O_TRUNC) ? -EACCES : 0;
}

/* Open node (canonical path canon) as a new fd. */
static long fs_open_node(const struct fs_node *node, const char *canon)
{
	struct fs_file *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct file *file;
	int err, fd;

	if (!f)
		return -ENOMEM;
	f->node = *node;
	strscpy_trunc(f->path, canon, sizeof(f->path));
	err = fs_snapshot(f);
	file = err ? NULL : file_alloc(&fs_fops, f, FMODE_READ);
	if (!file) {
		kfree(f->text);
		kfree(f);
		return err ? err : -ENOMEM;
	}
	fd = fd_install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

/* The directory a relative path starts from: "/" for AT_FDCWD, else dfd's path. */
static int fs_base(int dfd, const char *path, char *base, size_t size)
{
	struct fs_file *dir;
	struct file *file;
	int err;

	if (path[0] == '/' || dfd == LINUX_AT_FDCWD) {
		strscpy_trunc(base, "/", size);
		return 0;
	}
	file = fget(dfd);
	if (!file)
		return -EBADF;
	fput(file);
	file = fs_fget(dfd, &dir);
	if (!file)
		return -ENOTDIR; /* the console, a BPF object */
	err = dir->node.kind == FS_DIR ? 0 : -ENOTDIR;
	strscpy_trunc(base, dir->path, size);
	fput(file);
	return err;
}

long do_sys_openat(int dfd, const char __user *upath, int flags)
{
	char base[FS_NAME_MAX * 4], canon[FS_NAME_MAX * 4];
	char *path = kmalloc(FS_PATH_MAX, GFP_KERNEL);
	struct fs_node node;
	long len, err;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, upath, FS_PATH_MAX);
	if (len < 0)
		err = -EFAULT;
	else if (len == FS_PATH_MAX)
		err = -ENAMETOOLONG;
	else if (!len)
		err = -ENOENT;
	else
		err = fs_base(dfd, path, base, sizeof(base));
	if (!err)
		err = fs_lookup(base, path, &node, canon, sizeof(canon));
	if (err == -ENOENT && len > 0 && (flags & LINUX_O_CREAT))
		err = -EACCES;
	if (!err)
		err = fs_may_open(&node, flags);
	if (!err)
		err = fs_open_node(&node, canon);
	kfree(path);
	return err;
}

/*
 * fstat: an fs file's type, size and inode number; the console (fds 0-2)
 * is a character device; a BPF object is an anonymous inode (mode 0600).
 */
long vfs_fstat(int fd, void __user *statbuf)
{
	struct linux_stat st = { .st_nlink = 1, .st_blksize = PAGE_SIZE };
	struct file *file = fget(fd);
	struct fs_file *f;

	if (!file)
		return -EBADF;
	if (file->f_op == &fs_fops) {
		f = file->private_data;
		st.st_ino = f->node.ino;
		st.st_mode = f->node.kind == FS_DIR ? LINUX_S_IFDIR | 0555 : LINUX_S_IFREG | 0444;
		/* Linux's /proc files say size 0: read them to the end. */
		st.st_size = f->node.kind == FS_MODULE ? (s64)f->size : 0;
		st.st_blocks = (st.st_size + 511) / 512;
	} else if (fd <= 2) {
		st.st_mode = LINUX_S_IFCHR | 0620;
		st.st_rdev = (4 << 8) | 64; /* ttyS0 */
	} else {
		st.st_mode = 0600;
	}
	fput(file);
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* Entry i of directory dir ("." and ".." first) into *name and *type; false past the end. */
static bool fs_dirent(const struct fs_node *dir, unsigned int i, const char **name,
		      unsigned int *ino, u8 *type)
{
	struct fs_node child;

	if (i < 2) {
		*name = i ? ".." : ".";
		*ino = dir->ino;
		*type = LINUX_DT_DIR;
		return true;
	}
	if (!fs_child(dir, i - 2, &child))
		return false;
	*name = child.name;
	*ino = child.ino;
	*type = child.kind == FS_DIR ? LINUX_DT_DIR : LINUX_DT_REG;
	return true;
}

long vfs_getdents64(int fd, void __user *ubuf, size_t count)
{
	struct file *file;
	struct fs_file *f;
	char *buf;
	size_t done = 0;
	const char *name;
	unsigned int ino;
	u8 type;
	long ret;

	file = fget(fd);
	if (!file)
		return -EBADF;
	fput(file);
	file = fs_fget(fd, &f);
	if (!file)
		return -ENOTDIR;
	if (f->node.kind != FS_DIR) {
		fput(file);
		return -ENOTDIR;
	}
	count = min(count, (size_t)PAGE_SIZE);
	buf = kmalloc(count ? count : 1, GFP_KERNEL);
	while (buf && f->pos >= 0 &&
	       fs_dirent(&f->node, (unsigned int)f->pos, &name, &ino, &type)) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + done);
		size_t reclen =
			ALIGN(offsetof(struct linux_dirent64, d_name) + strlen(name) + 1, 8);

		if (done + reclen > count)
			break;
		memset(d, 0, reclen);
		d->d_ino = ino;
		d->d_off = f->pos + 1;
		d->d_reclen = (u16)reclen;
		d->d_type = type;
		memcpy(d->d_name, name, strlen(name));
		done += reclen;
		f->pos++;
	}
	if (!buf)
		ret = -ENOMEM;
	else if (!done && fs_dirent(&f->node, (unsigned int)f->pos, &name, &ino, &type))
		ret = -EINVAL; /* the next entry does not fit */
	else
		ret = copy_to_user(ubuf, buf, done) ? -EFAULT : (long)done;
	kfree(buf);
	fput(file);
	return ret;
}
