// SPDX-License-Identifier: GPL-2.0
/*
 * The bpf() system call (Linux: kernel/bpf/syscall.c). __sys_bpf validates
 * and copies union bpf_attr exactly as Linux does, then a switch dispatches
 * each command. Objects reach user space as fds over refcounted files
 * (kernel/file.c); each map, program and link also has an id (the
 * *_GET_NEXT_ID / *_GET_FD_BY_ID commands). A map is freed when its last
 * reference goes: fds, pins, and the programs that use it.
 *
 * Every command validates its whole attribute before it allocates anything
 * and unwinds in reverse order through labels named for what they free.
 * docs/syscall.md follows one call through this file.
 */
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/bpf_maps.h>
#include <bpfkern/btf.h>
#include <bpfkern/load.h>
#include <bpfkern/net.h>
#include <bpfkern/task.h>
#include <bpfkern/verifier.h>
#include <stdio.h> /* snprintf only */
#include <string.h>

#define PAGE_SIZE_ATTR 4096

/* Bytes of attr after a command's last field must be zero (Linux: CHECK_ATTR). */
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof(((TYPE *)0)->MEMBER))
#define CHECK_ATTR(CMD)                                                             \
	memchr_inv((char *)attr + offsetofend(union bpf_attr, CMD##_LAST_FIELD), 0, \
		   sizeof(*attr) - offsetofend(union bpf_attr, CMD##_LAST_FIELD))

static inline void __user *u64_to_user_ptr(u64 v)
{
	return (void __user *)(unsigned long)v;
}

/* The first byte of p[0 .. n) that is not c, or NULL. */
static const void *memchr_inv(const void *p, int c, size_t n)
{
	const u8 *s = p;

	for (; n; n--, s++)
		if (*s != (u8)c)
			return s;
	return NULL;
}

int bpf_check_uarg_tail_zero(bpfptr_t uaddr, size_t expected_size, size_t actual_size)
{
	u8 buf[64];
	size_t off, n;

	if (actual_size > PAGE_SIZE_ATTR)
		return -E2BIG;
	if (actual_size <= expected_size)
		return 0;
	for (off = expected_size; off < actual_size; off += n) {
		n = actual_size - off < sizeof(buf) ? actual_size - off : sizeof(buf);
		if (copy_from_bpfptr_offset(buf, uaddr, off, n))
			return -EFAULT;
		if (memchr_inv(buf, 0, n))
			return -E2BIG;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Object ids: a sorted array of (id, object) per kind; ids grow cyclically
 * from 1 as Linux's idr_alloc_cyclic hands them out.
 */
struct bpf_idr {
	struct {
		u32 id;
		void *obj;
	} * ent;
	u32 cnt, cap, next;
};

static struct bpf_idr prog_idr, map_idr, link_idr, btf_idr;

/* The index of the first entry with id >= id. */
static u32 idr_lower_bound(const struct bpf_idr *idr, u32 id)
{
	u32 lo = 0, hi = idr->cnt;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (idr->ent[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A new id for obj (ids only grow: the array stays sorted), or -ENOSPC / -ENOMEM. */
static int idr_alloc_cyclic(struct bpf_idr *idr, void *obj)
{
	if (idr->next >= 0x7fffffff)
		return -ENOSPC;
	if (idr->cnt == idr->cap) {
		u32 cap = idr->cap ? idr->cap * 2 : 16;
		void *ent = krealloc(idr->ent, cap * sizeof(*idr->ent), GFP_KERNEL);

		if (!ent)
			return -ENOMEM;
		idr->ent = ent;
		idr->cap = cap;
	}
	idr->ent[idr->cnt].id = ++idr->next;
	idr->ent[idr->cnt].obj = obj;
	idr->cnt++;
	return (int)idr->next;
}

static void *idr_find(const struct bpf_idr *idr, u32 id)
{
	u32 i = idr_lower_bound(idr, id);

	return i < idr->cnt && idr->ent[i].id == id ? idr->ent[i].obj : NULL;
}

static void idr_remove(struct bpf_idr *idr, u32 id)
{
	u32 i = idr_lower_bound(idr, id);

	if (i < idr->cnt && idr->ent[i].id == id) {
		memmove(&idr->ent[i], &idr->ent[i + 1], (idr->cnt - i - 1) * sizeof(*idr->ent));
		idr->cnt--;
	}
	if (!idr->cnt) {
		kfree(idr->ent);
		idr->ent = NULL;
		idr->cap = 0;
	}
}

/* The smallest id > start in use, or 0. */
static u32 idr_next_id(const struct bpf_idr *idr, u32 start)
{
	u32 i = idr_lower_bound(idr, start + 1);

	return i < idr->cnt ? idr->ent[i].id : 0;
}

/* ------------------------------------------------------------------------
 * BTF objects (kernel/bpf/btf.c parses them): held by fds, maps and programs.
 */
static void btf_get(struct btf *btf)
{
	btf->refcnt++;
}

static void btf_put(struct btf *btf)
{
	if (!btf || --btf->refcnt)
		return;
	if (btf->id)
		idr_remove(&btf_idr, btf->id);
	btf_free(btf);
}

static void btf_release(struct file *file)
{
	btf_put(file->private_data);
}

static const struct file_operations btf_fops = { .name = "btf", .release = btf_release };

/* A new read-only fd on btf taking over the caller's reference (Linux: __btf_new_fd). */
static int btf_new_fd(struct btf *btf)
{
	struct file *file = file_alloc(&btf_fops, btf, FMODE_READ);
	int fd;

	if (!file)
		return -ENOMEM;
	fd = fd_install_file(file);
	if (fd < 0) {
		file->f_op = NULL; /* the reference stays the caller's */
		fput(file);
	}
	return fd;
}

/* The BTF at fd with a new reference, or ERR_PTR(-EBADF / -EINVAL) (Linux: btf_get_by_fd). */
static struct btf *btf_get_by_fd(int fd)
{
	struct file *file = fget(fd);
	struct btf *btf;

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &btf_fops) {
		fput(file);
		return ERR_PTR(-EINVAL);
	}
	btf = file->private_data;
	btf_get(btf);
	fput(file);
	return btf;
}

/* ------------------------------------------------------------------------
 * Maps
 */
static const struct bpf_map_ops *const bpf_map_types[] = {
	[BPF_MAP_TYPE_HASH] = &htab_map_ops,
	[BPF_MAP_TYPE_ARRAY] = &array_map_ops,
	[BPF_MAP_TYPE_PROG_ARRAY] = &prog_array_map_ops,
	[BPF_MAP_TYPE_PERCPU_ARRAY] = &percpu_array_map_ops,
	[BPF_MAP_TYPE_LPM_TRIE] = &trie_map_ops,
	[BPF_MAP_TYPE_ARRAY_OF_MAPS] = &array_of_maps_map_ops,
	[BPF_MAP_TYPE_HASH_OF_MAPS] = &htab_of_maps_map_ops,
	[BPF_MAP_TYPE_DEVMAP] = &dev_map_ops,
	[BPF_MAP_TYPE_QUEUE] = &queue_map_ops,
	[BPF_MAP_TYPE_STACK] = &stack_map_ops,
	[BPF_MAP_TYPE_DEVMAP_HASH] = &dev_map_hash_ops,
	[BPF_MAP_TYPE_RINGBUF] = &ringbuf_map_ops,
	[BPF_MAP_TYPE_PERCPU_HASH] = &htab_percpu_map_ops,
	[BPF_MAP_TYPE_LRU_HASH] = &htab_lru_map_ops,
	[BPF_MAP_TYPE_LRU_PERCPU_HASH] = &htab_lru_percpu_map_ops,
};

static void prog_array_map_clear(struct bpf_map *map);

static void bpf_map_put(struct bpf_map *map)
{
	BUG_ON(map->refcnt <= 0);
	if (--map->refcnt)
		return;
	if (map->id)
		idr_remove(&map_idr, map->id);
	if (map->map_type == BPF_MAP_TYPE_PROG_ARRAY)
		prog_array_map_clear(map);
	btf_put(map->btf);
	map->ops->map_free(map);
}

static void bpf_map_put_uref(struct bpf_map *map);

static void bpf_map_release(struct file *file)
{
	bpf_map_put_uref(file->private_data);
}

static const struct file_operations bpf_map_fops = { .name = "bpf-map",
						     .release = bpf_map_release };

/* ------------------------------------------------------------------------
 * Programs
 */

/* Drops what PROG_LOAD's BTF attributes gave the program. */
static void bpf_prog_free_btf(struct bpf_prog_aux *aux)
{
	btf_put(aux->btf);
	kvfree(aux->func_info);
	kvfree(aux->linfo);
	aux->btf = NULL;
	aux->func_info = NULL;
	aux->linfo = NULL;
}
static void bpf_prog_put(struct bpf_prog *prog)
{
	u32 i;

	BUG_ON(prog->aux->refcnt <= 0);
	if (--prog->aux->refcnt)
		return;
	if (prog->aux->id)
		idr_remove(&prog_idr, prog->aux->id);
	for (i = 0; i < prog->aux->used_map_cnt; i++)
		bpf_map_put(prog->aux->used_maps[i]);
	bpf_prog_free_btf(prog->aux);
	bpf_prog_free(prog);
}

static void bpf_prog_release(struct file *file)
{
	bpf_prog_put(file->private_data);
}

static const struct file_operations bpf_prog_fops = { .name = "bpf-prog",
						      .release = bpf_prog_release };

/* ------------------------------------------------------------------------
 * Program arrays (tail-call tables): each slot holds a reference on its
 * program. A program may sit in the array it tail-calls through, a cycle
 * no count breaks; so, as in Linux, the array is emptied when the last
 * reference from user space (fd or pin) goes, and again when it is freed.
 */
static void prog_array_map_clear(struct bpf_map *map)
{
	struct bpf_array *array = container_of(map, struct bpf_array, map);
	u32 i;

	for (i = 0; i < map->max_entries; i++) {
		struct bpf_prog *prog = array->ptrs[i];

		if (prog) {
			bpf_prog_array_set(map, i, NULL);
			bpf_prog_put(prog);
		}
	}
}

/* The type every program in map must share: that of any program in it (UNSPEC: empty). */
static enum bpf_prog_type prog_array_owner_type(struct bpf_map *map)
{
	struct bpf_array *array = container_of(map, struct bpf_array, map);
	u32 i;

	for (i = 0; i < map->max_entries; i++)
		if (array->ptrs[i])
			return ((struct bpf_prog *)array->ptrs[i])->type;
	return BPF_PROG_TYPE_UNSPEC;
}

/* Drops a reference from user space (Linux: bpf_map_put_with_uref). */
static void bpf_map_put_uref(struct bpf_map *map)
{
	if (--map->usercnt == 0 && map->map_type == BPF_MAP_TYPE_PROG_ARRAY)
		prog_array_map_clear(map);
	bpf_map_put(map);
}

/* ------------------------------------------------------------------------
 * Links: a program attached somewhere, held as long as the link lives (an
 * fd, a pin or an id lookup holds the link). The only attach point is a
 * net device's XDP hook (BPF_XDP); its ops are below, with LINK_CREATE.
 */
struct bpf_link;

struct bpf_link_ops {
	/* Last reference gone: detach (the program is put after). */
	void (*release)(struct bpf_link *link);
	/* LINK_UPDATE: swap in new_prog (reference consumed on 0); old_prog: BPF_F_REPLACE's. */
	int (*update_prog)(struct bpf_link *link, struct bpf_prog *new_prog,
			   struct bpf_prog *old_prog);
	/* LINK_DETACH: detach now; the link object stays until closed. */
	int (*detach)(struct bpf_link *link);
	/* The type-specific part of bpf_link_info. */
	void (*fill_link_info)(const struct bpf_link *link, struct bpf_link_info *info);
};

struct bpf_link {
	int refcnt;
	u32 id;
	enum bpf_link_type type;
	enum bpf_attach_type attach_type;
	struct bpf_prog *prog;
	const struct bpf_link_ops *ops;
};

static void bpf_link_put(struct bpf_link *link)
{
	if (--link->refcnt)
		return;
	if (link->id)
		idr_remove(&link_idr, link->id);
	if (link->ops && link->ops->release)
		link->ops->release(link);
	if (link->prog)
		bpf_prog_put(link->prog);
	kfree(link);
}

static void bpf_link_release(struct file *file)
{
	bpf_link_put(file->private_data);
}

static const struct file_operations bpf_link_fops = { .name = "bpf_link",
						      .release = bpf_link_release };

/* ------------------------------------------------------------------------
 * Objects by fd
 */
void bpf_any_get(void *obj, enum bpf_type type)
{
	if (type == BPF_TYPE_PROG)
		((struct bpf_prog *)obj)->aux->refcnt++;
	else if (type == BPF_TYPE_MAP)
		((struct bpf_map *)obj)->refcnt++, ((struct bpf_map *)obj)->usercnt++;
	else if (type == BPF_TYPE_LINK)
		((struct bpf_link *)obj)->refcnt++;
}

void bpf_any_put(void *obj, enum bpf_type type)
{
	if (type == BPF_TYPE_PROG)
		bpf_prog_put(obj);
	else if (type == BPF_TYPE_MAP)
		bpf_map_put_uref(obj);
	else if (type == BPF_TYPE_LINK)
		bpf_link_put(obj);
}

/* Whether fd names an open file of current. */
static bool fd_is_open(int fd)
{
	struct file *file = fget(fd);

	if (file)
		fput(file);
	return file != NULL;
}

static enum bpf_type file_bpf_type(const struct file *file)
{
	if (file->f_op == &bpf_prog_fops)
		return BPF_TYPE_PROG;
	if (file->f_op == &bpf_map_fops)
		return BPF_TYPE_MAP;
	if (file->f_op == &bpf_link_fops)
		return BPF_TYPE_LINK;
	return BPF_TYPE_UNSPEC;
}

void *bpf_fd_probe_obj(u32 ufd, enum bpf_type *type)
{
	struct file *file = fget((int)ufd);
	void *obj;

	*type = BPF_TYPE_UNSPEC;
	if (!file)
		return ERR_PTR(-EINVAL); /* Linux: no map, prog or link at ufd */
	*type = file_bpf_type(file);
	obj = *type == BPF_TYPE_UNSPEC ? ERR_PTR(-EINVAL) : file->private_data;
	if (!IS_ERR(obj))
		bpf_any_get(obj, *type);
	fput(file);
	return obj;
}

int bpf_obj_new_fd(void *obj, enum bpf_type type, u32 f_flags)
{
	static const struct file_operations *const fops[] = {
		[BPF_TYPE_PROG] = &bpf_prog_fops,
		[BPF_TYPE_MAP] = &bpf_map_fops,
		[BPF_TYPE_LINK] = &bpf_link_fops,
	};
	u32 mode = FMODE_READ | FMODE_WRITE;
	struct file *file;
	int fd;

	if (f_flags & BPF_F_RDONLY)
		mode = FMODE_READ;
	else if (f_flags & BPF_F_WRONLY)
		mode = FMODE_WRITE;
	file = file_alloc(fops[type], obj, mode);
	if (!file)
		return -ENOMEM;
	fd = fd_install_file(file);
	if (fd < 0) {
		file->f_op = NULL; /* the reference stays the caller's */
		fput(file);
	}
	return fd;
}

/*
 * The file at ufd if it is a map (new reference on the file, fput it), else
 * ERR_PTR(-EBADF) for no file, ERR_PTR(-EINVAL) for another kind.
 */
static struct file *bpf_map_file_get(u32 ufd)
{
	struct file *file = fget((int)ufd);

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &bpf_map_fops) {
		fput(file);
		return ERR_PTR(-EINVAL);
	}
	return file;
}

/* The program at ufd with a new reference, or ERR_PTR(-EBADF / -EINVAL). */
static struct bpf_prog *bpf_prog_get(u32 ufd)
{
	struct file *file = fget((int)ufd);
	struct bpf_prog *prog;

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op != &bpf_prog_fops) {
		fput(file);
		return ERR_PTR(-EINVAL);
	}
	prog = file->private_data;
	prog->aux->refcnt++;
	fput(file);
	return prog;
}

/* What the syscall side may do to map through file (Linux: map_get_sys_perms). */
static u32 map_get_sys_perms(const struct bpf_map *map, const struct file *file)
{
	u32 mode = file->f_mode;

	if (map->frozen)
		mode &= ~FMODE_WRITE;
	return mode;
}

/*
 * Linux's bpf_obj_name_cpy: a name of letters, digits, '_' and '.', NUL
 * terminated within size bytes. Returns its length or -EINVAL.
 */
static int bpf_obj_name_cpy(char *dst, const char *src, unsigned int size)
{
	unsigned int i;

	memset(dst, 0, size);
	for (i = 0; i < size && src[i]; i++) {
		char c = src[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '.';

		if (!ok)
			return -EINVAL;
		dst[i] = c;
	}
	return i == size ? -EINVAL : (int)i;
}

/* ------------------------------------------------------------------------
 * BPF_MAP_CREATE
 */
#define BPF_MAP_CREATE_LAST_FIELD excl_prog_hash_size

/* The map at fd with no reference taken (the fd keeps it for this call), or NULL. */
static struct bpf_map *map_peek_fd(int fd)
{
	struct file *file = fget(fd);
	struct bpf_map *map = NULL;

	if (file && file->f_op == &bpf_map_fops)
		map = file->private_data;
	if (file)
		fput(file);
	return map;
}

/* ops->map_alloc, or for maps of maps the template at attr->inner_map_fd. */
static struct bpf_map *map_alloc(const struct bpf_map_ops *ops, const union bpf_attr *attr)
{
	if (attr->map_type != BPF_MAP_TYPE_ARRAY_OF_MAPS &&
	    attr->map_type != BPF_MAP_TYPE_HASH_OF_MAPS) {
		if (attr->inner_map_fd)
			return ERR_PTR(-EINVAL);
		return ops->map_alloc(attr);
	}
	bpf_inner_map_put = bpf_map_put; /* inner maps are counted like every other reference */
	return bpf_map_of_maps_alloc(attr, map_peek_fd((int)attr->inner_map_fd));
}

/*
 * The map type's own word on its BTF (Linux: ops->map_check_btf), or
 * -ENOENT when the type has no such op. Arrays want a 32-bit int key or,
 * for global data (.bss and friends: one entry), no key and a DATASEC;
 * LPM tries a struct key; maps of maps, devmaps and ring buffers take no BTF.
 */
static int map_type_check_btf(const struct bpf_map *map, const struct btf_type *key_type,
			      const struct btf_type *value_type)
{
	u32 int_data;

	switch (map->map_type) {
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		if (!key_type->info && !key_type->size) { /* void: keyless */
			if (map->map_type != BPF_MAP_TYPE_ARRAY || map->max_entries != 1)
				return -EINVAL;
			return BTF_INFO_KIND(value_type->info) == BTF_KIND_DATASEC ? 0 : -EINVAL;
		}
		if (BTF_INFO_KIND(key_type->info) != BTF_KIND_INT)
			return -EINVAL;
		int_data = *(const u32 *)(key_type + 1);
		return BTF_INT_BITS(int_data) != 32 || BTF_INT_OFFSET(int_data) ? -EINVAL : 0;
	case BPF_MAP_TYPE_LPM_TRIE:
		return BTF_INFO_KIND(key_type->info) == BTF_KIND_STRUCT ? 0 : -EINVAL;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_RINGBUF:
		return -ENOTSUPP; /* Linux: map_check_no_btf */
	default:
		return -ENOENT;
	}
}

/*
 * Linux's map_check_btf: the key and value types have the map's key and
 * value sizes (a key of type 0 only where the map type allows it), and a
 * struct bpf_spin_lock in the value is recorded (hash and array maps only).
 */
static int map_check_btf(struct bpf_map *map, const struct btf *btf, u32 key_id, u32 value_id)
{
	const struct btf_type *key_type, *value_type;
	u32 key_size, value_size;
	int off, err;

	if (key_id) {
		key_type = btf_type_id_size(btf, &key_id, &key_size);
		if (!key_type || key_size != map->key_size)
			return -EINVAL;
	} else {
		key_type = btf_type_by_id(btf, 0);
		if (map_type_check_btf(map, key_type, key_type) == -ENOENT)
			return -EINVAL;
	}
	value_type = btf_type_id_size(btf, &value_id, &value_size);
	if (!value_type || value_size != map->value_size)
		return -EINVAL;
	off = btf_find_spin_lock(btf, value_type);
	if (off >= 0) {
		if (map->map_flags & (BPF_F_RDONLY_PROG | BPF_F_WRONLY_PROG))
			return -EACCES;
		if (map->map_type != BPF_MAP_TYPE_HASH && map->map_type != BPF_MAP_TYPE_ARRAY)
			return -EOPNOTSUPP;
		map->spin_lock_off = off;
	} else if (off != -ENOENT && off != -EINVAL) {
		return off;
	}
	err = map_type_check_btf(map, key_type, value_type);
	return err == -ENOENT ? 0 : err;
}

/* BPF_MAP_CREATE's BTF attributes: the map takes a reference on the BTF they name. */
static int map_create_btf(struct bpf_map *map, const union bpf_attr *attr)
{
	struct btf *btf;
	int err;

	if (!attr->btf_key_type_id && !attr->btf_value_type_id)
		return 0; /* btf_fd alone is ignored, as in Linux */
	btf = btf_get_by_fd((int)attr->btf_fd);
	if (IS_ERR(btf))
		return (int)PTR_ERR(btf);
	map->btf = btf;
	if (attr->btf_value_type_id) {
		err = map_check_btf(map, btf, attr->btf_key_type_id, attr->btf_value_type_id);
		if (err)
			return err;
	}
	map->btf_key_type_id = attr->btf_key_type_id;
	map->btf_value_type_id = attr->btf_value_type_id;
	return 0;
}

static int map_create(union bpf_attr *attr)
{
	const struct bpf_map_ops *ops;
	struct bpf_map *map;
	char name[BPF_OBJ_NAME_LEN];
	int err, fd;

	if (CHECK_ATTR(BPF_MAP_CREATE))
		return -EINVAL;
	if (attr->btf_vmlinux_value_type_id)
		return -EINVAL; /* only struct_ops maps have kernel value types */
	if (attr->btf_key_type_id && !attr->btf_value_type_id)
		return -EINVAL;
	if (attr->map_extra && attr->map_type != BPF_MAP_TYPE_BLOOM_FILTER)
		return -EINVAL;
	if (!bpf_map_flags_access_ok(attr->map_flags))
		return -EINVAL; /* read-only and write-only at once, on either side */
	if (attr->map_type >= ARRAY_SIZE(bpf_map_types) || !bpf_map_types[attr->map_type])
		return -EINVAL;
	if (sysctl_unprivileged_bpf_disabled && !bpf_capable())
		return -EPERM;
	if (bpf_obj_name_cpy(name, attr->map_name, sizeof(attr->map_name)) < 0)
		return -EINVAL;
	if (attr->map_ifindex)
		return -EINVAL; /* no offload here */
	if (attr->excl_prog_hash || attr->excl_prog_hash_size)
		return -EINVAL;
	ops = bpf_map_types[attr->map_type];
	err = ops->map_alloc_check ? ops->map_alloc_check(attr) : 0;
	if (err)
		return err;
	map = map_alloc(ops, attr);
	if (IS_ERR(map))
		return (int)PTR_ERR(map);
	map->ops = map->ops ? map->ops : ops;
	map->usercnt = 1; /* the fd's */
	map->spin_lock_off = -1;
	err = map_create_btf(map, attr);
	if (err)
		goto free_map;
	err = idr_alloc_cyclic(&map_idr, map);
	if (err < 0)
		goto free_map;
	map->id = (u32)err;
	fd = bpf_obj_new_fd(map, BPF_TYPE_MAP, attr->map_flags);
	if (fd < 0) {
		err = fd;
		goto free_id;
	}
	return fd;

free_id:
	idr_remove(&map_idr, map->id);
free_map:
	btf_put(map->btf);
	ops->map_free(map);
	return err;
}

/*
 * The map at ufd, checked for the access mode need (FMODE_*) of the syscall
 * side: *filep gets the file (fput it). ERR_PTR -EBADF, -EINVAL, -EPERM.
 */
static struct bpf_map *map_get_checked(u32 ufd, u32 need, struct file **filep)
{
	struct file *file = bpf_map_file_get(ufd);
	struct bpf_map *map;

	if (IS_ERR(file))
		return (void *)file;
	map = file->private_data;
	if ((map_get_sys_perms(map, file) & need) != need) {
		fput(file);
		return ERR_PTR(-EPERM);
	}
	*filep = file;
	return map;
}

/* A kernel copy of a user key of map's key size (NULL key_size 0): ERR_PTR -EFAULT / -ENOMEM. */
static void *bpf_copy_key(u64 ukey, u32 key_size)
{
	void *key = kmalloc(key_size ? key_size : 1, GFP_KERNEL);

	if (!key)
		return ERR_PTR(-ENOMEM);
	if (key_size && copy_from_user(key, u64_to_user_ptr(ukey), key_size)) {
		kfree(key);
		return ERR_PTR(-EFAULT);
	}
	return key;
}

/*
 * How every element command starts (Linux repeats it in each): the map at
 * ufd with the access need (FMODE_*) of the syscall side; BPF_F_LOCK in
 * flags only for a value with a bpf_spin_lock (-EINVAL otherwise, as
 * Linux); then a kernel copy of the user's key
 * (NULL when ukey is 0 and key_optional). 0 with *filep (fput it), *mapp
 * and *keyp (kfree it) set, or -errno with nothing held.
 */
static int map_elem_get(u32 ufd, u32 need, u64 flags, u64 ukey, bool key_optional,
			struct file **filep, struct bpf_map **mapp, void **keyp)
{
	struct bpf_map *map = map_get_checked(ufd, need, filep);
	void *key = NULL;

	*mapp = NULL;
	*keyp = NULL;
	if (IS_ERR(map))
		return (int)PTR_ERR(map);
	if ((flags & BPF_F_LOCK) && map->spin_lock_off < 0) {
		fput(*filep);
		return -EINVAL;
	}
	if (ukey || !key_optional) {
		key = bpf_copy_key(ukey, map->key_size);
		if (IS_ERR(key)) {
			fput(*filep);
			return (int)PTR_ERR(key);
		}
	}
	*mapp = map;
	*keyp = key;
	return 0;
}

/* PROG_ARRAY from the syscall side: the id of the program at key, -ENOENT if empty. */
static int prog_array_lookup_id(struct bpf_map *map, const void *key, void *value)
{
	struct bpf_array *array = container_of(map, struct bpf_array, map);
	u32 index = *(const u32 *)key;
	struct bpf_prog *prog = index < map->max_entries ? array->ptrs[index] : NULL;

	if (!prog)
		return -ENOENT;
	memcpy(value, &prog->aux->id, sizeof(u32));
	return 0;
}

/*
 * PROG_ARRAY update: the value is a program fd (Linux:
 * bpf_fd_array_map_update_elem). -EINVAL for flags other than BPF_ANY or a
 * program of another type than those already in the array, -E2BIG for an
 * index out of range, -EBADF / -EINVAL for an fd that is no program.
 */
static int prog_array_update(struct bpf_map *map, const void *key, u32 ufd, u64 flags)
{
	struct bpf_array *array = container_of(map, struct bpf_array, map);
	u32 index = *(const u32 *)key;
	enum bpf_prog_type owner;
	struct bpf_prog *prog, *old;

	if (flags != BPF_ANY)
		return -EINVAL;
	if (index >= map->max_entries)
		return -E2BIG;
	prog = bpf_prog_get(ufd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	owner = prog_array_owner_type(map);
	if (owner != BPF_PROG_TYPE_UNSPEC && owner != prog->type) {
		bpf_prog_put(prog);
		return -EINVAL;
	}
	old = array->ptrs[index];
	bpf_prog_array_set(map, index, prog);
	if (old)
		bpf_prog_put(old);
	return 0;
}

static int prog_array_delete(struct bpf_map *map, const void *key)
{
	struct bpf_array *array = container_of(map, struct bpf_array, map);
	u32 index = *(const u32 *)key;
	struct bpf_prog *old;

	if (index >= map->max_entries)
		return -E2BIG;
	old = array->ptrs[index];
	if (!old)
		return -ENOENT;
	bpf_prog_array_set(map, index, NULL);
	bpf_prog_put(old);
	return 0;
}

#define BPF_MAP_LOOKUP_ELEM_LAST_FIELD flags

static int map_lookup_elem(union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map;
	void *key, *value;
	int err;

	if (CHECK_ATTR(BPF_MAP_LOOKUP_ELEM))
		return -EINVAL;
	if (attr->flags & ~(u64)BPF_F_LOCK)
		return -EINVAL;
	err = map_elem_get(attr->map_fd, FMODE_READ, attr->flags, attr->key, false, &file, &map,
			   &key);
	if (err)
		return err;
	err = -ENOMEM;
	value = kmalloc(bpf_map_value_size(map), GFP_KERNEL);
	if (!value)
		goto free_key;
	if (map->map_type == BPF_MAP_TYPE_PROG_ARRAY)
		err = prog_array_lookup_id(map, key, value);
	else
		err = bpf_map_copy_value(map, key, value, attr->flags);
	if (!err && copy_to_user(u64_to_user_ptr(attr->value), value, bpf_map_value_size(map)))
		err = -EFAULT;
	kfree(value);
free_key:
	kfree(key);
	fput(file);
	return err;
}

#define BPF_MAP_UPDATE_ELEM_LAST_FIELD flags

static int map_update_elem(union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map, *inner;
	void *key, *value;
	int err;

	if (CHECK_ATTR(BPF_MAP_UPDATE_ELEM))
		return -EINVAL;
	err = map_elem_get(attr->map_fd, FMODE_WRITE, attr->flags, attr->key, false, &file, &map,
			   &key);
	if (err)
		return err;
	value = bpf_copy_key(attr->value, bpf_map_value_size(map));
	err = IS_ERR(value) ? (int)PTR_ERR(value) : 0;
	if (IS_ERR(value))
		goto free_key;
	inner = map->inner_map_meta ? map_peek_fd(*(int *)value) : NULL; /* maps of maps */
	if (map->map_type == BPF_MAP_TYPE_PROG_ARRAY)
		err = prog_array_update(map, key, *(u32 *)value, attr->flags);
	else
		err = bpf_map_update_value(map, key, value, attr->flags, inner);
	kfree(value);
free_key:
	kfree(key);
	fput(file);
	return err;
}

#define BPF_MAP_DELETE_ELEM_LAST_FIELD key

static int map_delete_elem(union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map;
	void *key;
	int err;

	if (CHECK_ATTR(BPF_MAP_DELETE_ELEM))
		return -EINVAL;
	err = map_elem_get(attr->map_fd, FMODE_WRITE, 0, attr->key, false, &file, &map, &key);
	if (err)
		return err;
	if (map->map_type == BPF_MAP_TYPE_PROG_ARRAY)
		err = prog_array_delete(map, key);
	else
		err = map->ops->map_delete_elem ? (int)map->ops->map_delete_elem(map, key)
						: -EINVAL;
	kfree(key);
	fput(file);
	return err;
}

#define BPF_MAP_GET_NEXT_KEY_LAST_FIELD next_key

static int map_get_next_key(union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map;
	void *key = NULL, *next_key;
	int err;

	if (CHECK_ATTR(BPF_MAP_GET_NEXT_KEY))
		return -EINVAL;
	err = map_elem_get(attr->map_fd, FMODE_READ, 0, attr->key, true, &file, &map, &key);
	if (err)
		return err;
	err = -ENOMEM;
	next_key = kmalloc(map->key_size, GFP_KERNEL);
	if (!next_key)
		goto free_key;
	err = map->ops->map_get_next_key ? map->ops->map_get_next_key(map, key, next_key) : -EINVAL;
	if (!err && copy_to_user(u64_to_user_ptr(attr->next_key), next_key, map->key_size))
		err = -EFAULT;
	kfree(next_key);
free_key:
	kfree(key);
	fput(file);
	return err;
}

#define BPF_MAP_LOOKUP_AND_DELETE_ELEM_LAST_FIELD flags

/* QUEUE/STACK's LOOKUP_AND_DELETE: pop one value to uvalue. 0, -ENOENT, -EFAULT. */
static int map_pop_to_user(struct bpf_map *map, u64 uvalue)
{
	void *value = kmalloc(map->value_size, GFP_KERNEL);
	int err;

	if (!value)
		return -ENOMEM;
	err = (int)map->ops->map_pop_elem(map, value);
	if (!err && copy_to_user(u64_to_user_ptr(uvalue), value, map->value_size))
		err = -EFAULT;
	kfree(value);
	return err;
}

static int map_lookup_and_delete_elem(union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map;
	void *key, *ptr;
	int err;

	if (CHECK_ATTR(BPF_MAP_LOOKUP_AND_DELETE_ELEM))
		return -EINVAL;
	if (attr->flags & ~(u64)BPF_F_LOCK)
		return -EINVAL;
	map = map_get_checked(attr->map_fd, FMODE_READ | FMODE_WRITE, &file);
	if (IS_ERR(map))
		return (int)PTR_ERR(map);
	if (map->map_type == BPF_MAP_TYPE_QUEUE || map->map_type == BPF_MAP_TYPE_STACK) {
		err = attr->flags ? -EINVAL : map_pop_to_user(map, attr->value);
		goto err_put;
	}
	err = -ENOTSUPP;
	if (map->map_type != BPF_MAP_TYPE_HASH)
		goto err_put;
	err = -EINVAL;
	if (attr->flags & BPF_F_LOCK)
		goto err_put;
	key = bpf_copy_key(attr->key, map->key_size);
	err = (int)PTR_ERR(key);
	if (IS_ERR(key))
		goto err_put;
	ptr = map->ops->map_lookup_elem(map, key);
	err = -ENOENT;
	if (ptr) {
		err = copy_to_user(u64_to_user_ptr(attr->value), ptr, map->value_size) ? -EFAULT
										       : 0;
		if (!err)
			err = (int)map->ops->map_delete_elem(map, key);
	}
	kfree(key);
err_put:
	fput(file);
	return err;
}

#define BPF_MAP_FREEZE_LAST_FIELD map_fd

static int map_freeze(const union bpf_attr *attr)
{
	struct file *file;
	struct bpf_map *map;
	int err = 0;

	if (CHECK_ATTR(BPF_MAP_FREEZE))
		return -EINVAL;
	file = bpf_map_file_get(attr->map_fd);
	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	map = file->private_data;
	if (!(map_get_sys_perms(map, file) & FMODE_WRITE))
		err = -EPERM; /* a frozen map has lost FMODE_WRITE already */
	else if (map->writecnt || map->frozen) /* a writable mmap could still write */
		err = -EBUSY;
	else
		map->frozen = true;
	fput(file);
	return err;
}

/*
 * The batch commands, as Linux's generic_map_{lookup,update,delete}_batch:
 * in_batch/out_batch carry a key (where the next batch starts), count says
 * how many elements were done. ARRAY has lookup and update; HASH updates
 * and deletes here and looks up through its own bucket walk (hashtab.c).
 */
#define BPF_MAP_LOOKUP_BATCH_LAST_FIELD batch.flags

static int generic_map_lookup_batch(struct bpf_map *map, const union bpf_attr *attr,
				    union bpf_attr __user *uattr, bool do_delete)
{
	void __user *keys = u64_to_user_ptr(attr->batch.keys);
	void __user *values = u64_to_user_ptr(attr->batch.values);
	u32 cp, max_count = attr->batch.count;
	u8 *prev, *key, *tmp;
	bool have_prev = attr->batch.in_batch != 0;
	int err = 0;

	if (attr->batch.elem_flags & ~(u64)BPF_F_LOCK || attr->batch.flags)
		return -EINVAL;
	if (!max_count)
		return 0;
	prev = kmalloc(map->key_size, GFP_KERNEL);
	key = kmalloc(map->key_size, GFP_KERNEL);
	err = -ENOMEM;
	if (!prev || !key)
		goto free_buf;
	err = -EFAULT;
	if (have_prev && copy_from_user(prev, u64_to_user_ptr(attr->batch.in_batch), map->key_size))
		goto free_buf;
	for (cp = 0; cp < max_count;) {
		void *value;

		err = map->ops->map_get_next_key(map, have_prev ? prev : NULL, key);
		if (err)
			break;
		value = map->ops->map_lookup_elem(map, key);
		if (value &&
		    (copy_to_user((u8 __user *)keys + cp * map->key_size, key, map->key_size) ||
		     copy_to_user((u8 __user *)values + cp * map->value_size, value,
				  map->value_size))) {
			err = -EFAULT;
			break;
		}
		if (value && do_delete)
			map->ops->map_delete_elem(map, key);
		cp += value != NULL;
		tmp = prev;
		prev = key;
		key = tmp;
		have_prev = true;
	}
	if (err == -EFAULT)
		goto free_buf;
	if (copy_to_user(&uattr->batch.count, &cp, sizeof(cp)) ||
	    (cp && copy_to_user(u64_to_user_ptr(attr->batch.out_batch), prev, map->key_size)))
		err = -EFAULT;
free_buf:
	kfree(prev);
	kfree(key);
	return err;
}

/* Update (values != NULL) or delete count elements; stops at the first error. */
static int generic_map_change_batch(struct bpf_map *map, const union bpf_attr *attr,
				    union bpf_attr __user *uattr, bool update)
{
	void __user *keys = u64_to_user_ptr(attr->batch.keys);
	void __user *values = u64_to_user_ptr(attr->batch.values);
	u32 cp, max_count = attr->batch.count;
	void *key, *value = NULL;
	int err = 0;

	if (attr->batch.elem_flags & ~(u64)BPF_F_LOCK)
		return -EINVAL;
	if (!max_count)
		return 0;
	key = kmalloc(map->key_size, GFP_KERNEL);
	if (update)
		value = kmalloc(map->value_size, GFP_KERNEL);
	err = -ENOMEM;
	if (!key || (update && !value))
		goto free_buf;
	for (cp = 0, err = 0; cp < max_count && !err; cp += !err) {
		err = -EFAULT;
		if (copy_from_user(key, (u8 __user *)keys + cp * map->key_size, map->key_size))
			break;
		if (update && copy_from_user(value, (u8 __user *)values + cp * map->value_size,
					     map->value_size))
			break;
		if (update)
			err = (int)map->ops->map_update_elem(map, key, value,
							     attr->batch.elem_flags);
		else
			err = (int)map->ops->map_delete_elem(map, key);
	}
	if (copy_to_user(&uattr->batch.count, &cp, sizeof(cp)))
		err = -EFAULT;
free_buf:
	kfree(value);
	kfree(key);
	return err;
}

/* BPF_MAP_{LOOKUP,LOOKUP_AND_DELETE,UPDATE,DELETE}_BATCH: checks, then the generic walkers. */
static int bpf_map_do_batch(const union bpf_attr *attr, union bpf_attr __user *uattr, int cmd)
{
	bool has_read = cmd == BPF_MAP_LOOKUP_BATCH || cmd == BPF_MAP_LOOKUP_AND_DELETE_BATCH;
	bool has_write = cmd != BPF_MAP_LOOKUP_BATCH;
	bool is_hash;
	struct file *file;
	struct bpf_map *map;
	int err;

	if (CHECK_ATTR(BPF_MAP_LOOKUP_BATCH))
		return -EINVAL;
	map = map_get_checked(attr->batch.map_fd,
			      (has_read ? FMODE_READ : 0) | (has_write ? FMODE_WRITE : 0), &file);
	if (IS_ERR(map))
		return (int)PTR_ERR(map);
	is_hash = map->map_type == BPF_MAP_TYPE_HASH;
	if (cmd == BPF_MAP_LOOKUP_BATCH && map->ops->map_lookup_batch)
		err = map->ops->map_lookup_batch(map, attr, uattr);
	else if (cmd == BPF_MAP_LOOKUP_AND_DELETE_BATCH && map->ops->map_lookup_and_delete_batch)
		err = map->ops->map_lookup_and_delete_batch(map, attr, uattr);
	else if (!is_hash && map->map_type != BPF_MAP_TYPE_ARRAY)
		err = -ENOTSUPP; /* the generic walkers copy one plain value per key */
	else if (cmd == BPF_MAP_LOOKUP_BATCH)
		err = generic_map_lookup_batch(map, attr, uattr, false);
	else if (cmd == BPF_MAP_UPDATE_BATCH)
		err = generic_map_change_batch(map, attr, uattr, true);
	else if (!is_hash)
		err = -ENOTSUPP;
	else if (cmd == BPF_MAP_LOOKUP_AND_DELETE_BATCH)
		err = generic_map_lookup_batch(map, attr, uattr, true);
	else
		err = generic_map_change_batch(map, attr, uattr, false);
	fput(file);
	return err;
}

/* ------------------------------------------------------------------------
 * BPF_PROG_LOAD
 */
#define BPF_PROG_LOAD_LAST_FIELD keyring_id
#define BPF_PROG_LOAD_FLAGS                                                                       \
	(BPF_F_STRICT_ALIGNMENT | BPF_F_ANY_ALIGNMENT | BPF_F_TEST_STATE_FREQ | BPF_F_SLEEPABLE | \
	 BPF_F_TEST_RND_HI32 | BPF_F_XDP_HAS_FRAGS | BPF_F_XDP_DEV_BOUND_ONLY |                   \
	 BPF_F_TEST_REG_INVARIANTS | BPF_F_TOKEN_FD)
#define BPF_MAXINSNS 4096

/* Linux's license_is_gpl_compatible. */
static bool license_is_gpl_compatible(const char *license)
{
	static const char *const gpl[] = {
		"GPL",		"GPL v2",	"GPL and additional rights",
		"Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL"
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gpl); i++)
		if (!strcmp(license, gpl[i]))
			return true;
	return false;
}

/* The verifier's and the loader's view of an fd: the map, no reference taken. */
static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	struct file *file = fget(fd);
	struct bpf_map *map = NULL;

	if (!file)
		return ERR_PTR(-EBADF);
	if (file->f_op == &bpf_map_fops)
		map = file->private_data;
	fput(file); /* the fd keeps it alive for the rest of the call */
	return map ? map : ERR_PTR(-EINVAL);
}

/*
 * Linux's log attribute rules: buffer and size together, a buffer needs a
 * level, known level bits, size below UINT_MAX >> 2. 0 or -EINVAL.
 */
static int bpf_vlog_attr_check(const union bpf_attr *attr)
{
	if (!!attr->log_buf != !!attr->log_size)
		return -EINVAL;
	if (attr->log_buf && !attr->log_level)
		return -EINVAL;
	if (attr->log_level & ~(u32)BPF_LOG_MASK)
		return -EINVAL;
	if (attr->log_size > (0xffffffffu >> 2))
		return -EINVAL;
	return 0;
}

/* The verifier's options for prog as loaded with attr, logging into log_buf[0 .. log_size). */
static struct bpf_verifier_opts bpf_prog_verifier_opts(const struct bpf_prog *prog,
						       const union bpf_attr *attr, char *log_buf,
						       u32 log_size,
						       struct bpf_verifier_stats *stats)
{
	return (struct bpf_verifier_opts){
		.prog_type = prog->type,
		.bpf_capable = bpf_capable(),
		.cap_bpf_only = bpf_capable() && !current->perfmon_capable,
		.gpl_compatible = prog->gpl_compatible,
		.log_level = log_buf ? attr->log_level : 0, /* a level alone logs nothing */
		.log_buf = log_buf,
		.log_size = log_size,
		.map_from_fd = map_from_fd,
		.stats = stats,
		.btf = prog->aux->btf,
		.linfo = prog->aux->linfo,
		.nr_linfo = prog->aux->nr_linfo,
	};
}

#define BPF_LOG_MEASURE_MAX (64u << 20)

/*
 * The size the whole log of a verification needs, NUL included (Linux's
 * log_true_size), for a log that filled the user's log_size bytes: the
 * verification is repeated into growing kernel buffers until its log fits
 * (at most BPF_LOG_MEASURE_MAX). Only programs whose log overflowed pay.
 */
static u32 bpf_vlog_measure(const struct bpf_prog *prog, const union bpf_attr *attr)
{
	struct bpf_verifier_stats stats;
	struct bpf_verifier_opts opts;
	u32 size = attr->log_size, len = size;
	char *buf;

	while (len + 1 >= size && size < BPF_LOG_MEASURE_MAX) {
		size = size * 4 < BPF_LOG_MEASURE_MAX ? size * 4 : BPF_LOG_MEASURE_MAX;
		buf = kvzalloc(size, GFP_KERNEL);
		if (!buf)
			break;
		opts = bpf_prog_verifier_opts(prog, attr, buf, size, &stats);
		opts.log_level |= BPF_LOG_FIXED; /* only the length matters */
		bpf_verify_insns(prog->insnsi, prog->len, &opts);
		len = (u32)strnlen(buf, size);
		kvfree(buf);
	}
	return len + 1;
}

/*
 * Runs the verifier over prog itself (Linux: bpf_check(&prog, ...)), so
 * that its rewrites (map pointers, dead code, inline map lookups) are what
 * the load path and the JIT then get; prog->tag is taken first, of the
 * instructions as loaded. The user's log is copied back whatever the
 * verdict. As in Linux, a log that did not fit makes the load -ENOSPC
 * whatever the verdict, *log_true_size is the size it needed (0 without a
 * log; measured on a copy of the instructions as loaded), and a bad log
 * buffer is -EFAULT.
 */
static int bpf_prog_verify(struct bpf_prog *prog, const union bpf_attr *attr, u32 *log_true_size)
{
	struct bpf_verifier_stats stats = { 0 };
	struct bpf_verifier_opts opts;
	struct bpf_prog *orig = NULL;
	char *log = NULL;
	u32 n;
	int err;

	*log_true_size = 0;
	bpf_prog_calc_tag(prog);
	if (attr->log_buf && attr->log_level) {
		log = kvzalloc(attr->log_size, GFP_KERNEL);
		orig = bpf_prog_alloc(prog->len);
		if (!log || !orig) {
			err = -ENOMEM;
			goto out;
		}
		memcpy(orig->insnsi, prog->insnsi, prog->len * sizeof(struct bpf_insn));
		orig->type = prog->type;
		orig->gpl_compatible = prog->gpl_compatible;
		orig->aux->btf = prog->aux->btf;
		orig->aux->linfo = prog->aux->linfo;
		orig->aux->nr_linfo = prog->aux->nr_linfo;
	}
	opts = bpf_prog_verifier_opts(prog, attr, log, attr->log_size, &stats);
	err = bpf_check(&prog, &opts);
	prog->aux->verified_insns = stats.insn_processed;
	if (!log)
		goto out;
	n = (u32)strnlen(log, attr->log_size - 1) + 1;
	*log_true_size = n < attr->log_size ? n : bpf_vlog_measure(orig, attr);
	if (*log_true_size > attr->log_size)
		err = -ENOSPC;
	if (copy_to_user(u64_to_user_ptr(attr->log_buf), log, n))
		err = -EFAULT;
out:
	if (orig) {
		orig->aux->btf = NULL;
		orig->aux->linfo = NULL;
		bpf_prog_free(orig);
	}
	kvfree(log);
	return err;
}

/*
 * After the verifier (which rewrote prog: bpf_prog_verify): the load path's
 * rewrites (ctx conversion, helper calls: kernel/bpf/load.c), a reference on
 * every map the program uses, then the runtime (JIT or interpreter). 0 or
 * -errno.
 */
static int bpf_prog_finalize(struct bpf_prog **progp)
{
	char why[128] = "";
	struct bpf_load_opts opts = { .prog_type = (*progp)->type,
				      .map_from_fd = map_from_fd,
				      .verified = true,
				      .log_buf = why,
				      .log_size = sizeof(why) };
	struct bpf_prog *prog = *progp;
	u32 i;
	int err;

	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		prog->aux->used_map_cnt = 0; /* no references were taken */
		return err;
	}
	for (i = 0; i < prog->aux->used_map_cnt; i++)
		prog->aux->used_maps[i]->refcnt++;
	prog->jit_requested = bpf_jit_enabled();
	prog->blinding_requested = bpf_jit_blinding_enabled(bpf_capable());
	*progp = bpf_prog_select_runtime(prog, &err);
	return err;
}

/* Copies the user's instructions and license into prog: 0 or -EFAULT. */
static int bpf_prog_copy_from_user(struct bpf_prog *prog, const union bpf_attr *attr)
{
	char license[128];

	if (copy_from_user(prog->insnsi, u64_to_user_ptr(attr->insns),
			   (u64)attr->insn_cnt * sizeof(struct bpf_insn)))
		return -EFAULT;
	if (strncpy_from_user(license, u64_to_user_ptr(attr->license), sizeof(license) - 1) < 0)
		return -EFAULT;
	license[sizeof(license) - 1] = 0;
	prog->gpl_compatible = license_is_gpl_compatible(license);
	return 0;
}

/* The attribute checks of PROG_LOAD that need nothing allocated: 0 or -errno. */
static int bpf_prog_load_check(const union bpf_attr *attr)
{
	if (CHECK_ATTR(BPF_PROG_LOAD))
		return -EINVAL;
	if (attr->prog_flags & ~BPF_PROG_LOAD_FLAGS)
		return -EINVAL;
	if (attr->prog_flags & BPF_F_TOKEN_FD)
		return -EINVAL; /* no BPF tokens */
	if (sysctl_unprivileged_bpf_disabled && !bpf_capable())
		return -EPERM;
	if (attr->insn_cnt == 0 ||
	    attr->insn_cnt > (bpf_capable() ? BPF_COMPLEXITY_LIMIT_INSNS : BPF_MAXINSNS))
		return -E2BIG;
	if (attr->prog_type != BPF_PROG_TYPE_SOCKET_FILTER &&
	    attr->prog_type != BPF_PROG_TYPE_CGROUP_SKB && !bpf_capable())
		return -EPERM;
	if (attr->prog_type != BPF_PROG_TYPE_SOCKET_FILTER && attr->prog_type != BPF_PROG_TYPE_XDP)
		return -EINVAL; /* the program types bpfkern has */
	if (attr->expected_attach_type &&
	    !(attr->prog_type == BPF_PROG_TYPE_XDP && attr->expected_attach_type == BPF_XDP))
		return -EINVAL;
	if (attr->prog_ifindex || attr->attach_btf_id || attr->attach_prog_fd || attr->signature ||
	    attr->fd_array_cnt)
		return -EINVAL; /* offload, attach targets, signatures: not here */
	return bpf_vlog_attr_check(attr);
}

/*
 * Writes a refusal found before the verifier ran into the user's log (Linux
 * logs these through the verifier's log): msg, cut to log_size, and the
 * size it needed in *log_true_size. 0, -ENOSPC (cut), -EFAULT or -ENOMEM.
 */
static int bpf_prog_log_early(const union bpf_attr *attr, const char *msg, u32 *log_true_size)
{
	char *buf;
	u32 n;
	int err = 0;

	if (!attr->log_buf || !attr->log_level)
		return 0;
	buf = kmalloc(strlen(msg) + 128, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* the statistics line Linux's bpf_check ends every log with */
	n = (u32)snprintf(buf, strlen(msg) + 128,
			  "%sprocessed 0 insns (limit %d) max_states_per_insn 0 total_states 0 "
			  "peak_states 0 mark_read 0\n",
			  msg, BPF_COMPLEXITY_LIMIT_INSNS) +
	    1;
	*log_true_size = n;
	if (n > attr->log_size) /* as Linux: a log that did not fit wins over the verdict */
		err = -ENOSPC;
	n = n < attr->log_size ? n : attr->log_size;
	buf[n - 1] = '\0';
	if (copy_to_user(u64_to_user_ptr(attr->log_buf), buf, n))
		err = -EFAULT;
	kfree(buf);
	return err;
}

/*
 * PROG_LOAD's BTF (Linux: check_btf_info_early, check_btf_info): with
 * func_info or line_info, prog_btf_fd must name a BTF, which the program
 * then holds; kernel/bpf/btf.c checks the records. A refusal's reason goes
 * to the user's log. 0 or -errno.
 */
static int bpf_prog_load_btf(struct bpf_prog *prog, const union bpf_attr *attr,
			     union bpf_attr __user *uattr, u32 *log_true_size)
{
	struct btf_prog_check c = { .msg = "" };
	struct btf *btf;
	int err, log_err;

	if (!attr->func_info_cnt && !attr->line_info_cnt)
		return 0;
	btf = btf_get_by_fd((int)attr->prog_btf_fd);
	if (IS_ERR(btf))
		return (int)PTR_ERR(btf);
	prog->aux->btf = btf;
	err = btf_prog_check_info(prog, attr, &c);
	if (c.func_rec_size &&
	    copy_to_user(&uattr->func_info_rec_size, &c.func_rec_size, sizeof(u32)))
		err = -EFAULT;
	if (c.line_rec_size &&
	    copy_to_user(&uattr->line_info_rec_size, &c.line_rec_size, sizeof(u32)))
		err = -EFAULT;
	log_err = err && err != -EFAULT ? bpf_prog_log_early(attr, c.msg, log_true_size) : 0;
	return log_err ?: err;
}

static int bpf_prog_load(union bpf_attr *attr, union bpf_attr __user *uattr, u32 uattr_size)
{
	struct bpf_prog *prog;
	u32 log_true_size;
	int err;

	err = bpf_prog_load_check(attr);
	if (err)
		return err;
	prog = bpf_prog_alloc(attr->insn_cnt);
	if (!prog)
		return -ENOMEM;
	prog->type = attr->prog_type;
	prog->aux->refcnt = 1;
	err = bpf_prog_copy_from_user(prog, attr);
	if (err)
		goto free_prog;
	err = bpf_obj_name_cpy(prog->aux->name, attr->prog_name, sizeof(attr->prog_name));
	if (err < 0)
		goto free_prog;
	log_true_size = 0;
	err = bpf_prog_load_btf(prog, attr, uattr, &log_true_size);
	if (!err)
		err = bpf_prog_verify(prog, attr, &log_true_size);
	if (uattr_size >= offsetofend(union bpf_attr, log_true_size) &&
	    copy_to_user(&uattr->log_true_size, &log_true_size, sizeof(log_true_size)))
		err = -EFAULT;
	if (err)
		goto free_prog;
	err = bpf_prog_finalize(&prog);
	if (err)
		goto free_used_maps;
	prog->aux->load_time = ktime_get_ns();
	err = idr_alloc_cyclic(&prog_idr, prog);
	if (err < 0)
		goto free_used_maps;
	prog->aux->id = (u32)err;
	err = bpf_obj_new_fd(prog, BPF_TYPE_PROG, 0);
	if (err < 0)
		goto free_used_maps; /* bpf_prog_put: the id, the maps, the program */
	return err;

free_used_maps:
	bpf_prog_put(prog);
	return err;
free_prog:
	bpf_prog_free_btf(prog->aux);
	bpf_prog_free(prog);
	return err;
}

/* ------------------------------------------------------------------------
 * BPF_OBJ_GET_INFO_BY_FD
 */
#define BPF_OBJ_GET_INFO_BY_FD_LAST_FIELD info.info

/*
 * Copies an array the kernel has (cnt elements of size bytes) to the user
 * array at uptr, at most ucnt of them: 0 or -EFAULT.
 */
static int copy_info_array(u64 uptr, u32 ucnt, const void *src, u32 cnt, u32 size)
{
	u32 n = ucnt < cnt ? ucnt : cnt;

	if (!n)
		return 0;
	return copy_to_user(u64_to_user_ptr(uptr), src, (u64)n * size) ? -EFAULT : 0;
}

/*
 * The instructions as info shows them (Linux: bpf_insn_prepare_dump): map
 * pointers in lddws become the map's id with src_reg BPF_PSEUDO_MAP_FD.
 * kvfree the result; NULL on -ENOMEM.
 */
static struct bpf_insn *bpf_insn_prepare_dump(const struct bpf_prog *prog)
{
	struct bpf_insn *insns = kvmalloc(prog->len * sizeof(*insns), GFP_KERNEL);
	u32 i, m;

	if (!insns)
		return NULL;
	memcpy(insns, prog->insnsi, prog->len * sizeof(*insns));
	for (i = 0; i + 1 < prog->len; i++) {
		u64 imm;

		if (insns[i].code != (BPF_LD | BPF_DW | BPF_IMM))
			continue;
		imm = (u32)insns[i].imm | ((u64)(u32)insns[i + 1].imm << 32);
		for (m = 0; m < prog->aux->used_map_cnt; m++) {
			if (imm == (u64)(unsigned long)prog->aux->used_maps[m]) {
				insns[i].src_reg = BPF_PSEUDO_MAP_FD;
				insns[i].imm = (s32)prog->aux->used_maps[m]->id;
				insns[i + 1].imm = 0;
			}
		}
		i++;
	}
	return insns;
}

/* The ids of the maps prog uses, at most nr_map_ids of them, to map_ids: 0 or -errno. */
static int copy_map_ids(const struct bpf_prog *prog, const struct bpf_prog_info *uinfo)
{
	u32 i, n = prog->aux->used_map_cnt < uinfo->nr_map_ids ? prog->aux->used_map_cnt
							       : uinfo->nr_map_ids;
	u32 *ids;
	int err;

	if (!n)
		return 0;
	ids = kmalloc(n * sizeof(*ids), GFP_KERNEL);
	if (!ids)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		ids[i] = prog->aux->used_maps[i]->id;
	err = copy_info_array(uinfo->map_ids, n, ids, n, sizeof(u32));
	kfree(ids);
	return err;
}

/* The dumps of prog info asks for (xlated, jited, map ids, tags): 0 or -errno. */
static int bpf_prog_info_dumps(const struct bpf_prog *prog, struct bpf_prog_info *info,
			       const struct bpf_prog_info *uinfo)
{
	u64 ksym = (unsigned long)prog->bpf_func;
	struct bpf_insn *insns;
	int err;

	err = copy_map_ids(prog, uinfo);
	err = err ?: copy_info_array(uinfo->prog_tags, uinfo->nr_prog_tags, prog->tag, 1, 8);
	if (err || !bpf_capable())
		return err;
	err = copy_info_array(uinfo->func_info, uinfo->nr_func_info, prog->aux->func_info,
			      prog->aux->func_info_cnt, sizeof(struct bpf_func_info));
	err = err
		      ?: copy_info_array(uinfo->line_info, uinfo->nr_line_info, prog->aux->linfo,
					 prog->aux->nr_linfo, sizeof(struct bpf_line_info));
	if (err)
		return err;
	if (prog->jited) {
		err = copy_info_array(uinfo->jited_prog_insns, uinfo->jited_prog_len,
				      (const void *)prog->bpf_func, prog->jited_len, 1);
		err = err
			      ?: copy_info_array(uinfo->jited_ksyms, uinfo->nr_jited_ksyms, &ksym,
						 1, 8);
		err = err
			      ?: copy_info_array(uinfo->jited_func_lens, uinfo->nr_jited_func_lens,
						 &prog->jited_len, 1, 4);
	}
	if (err || !uinfo->xlated_prog_len)
		return err;
	insns = bpf_insn_prepare_dump(prog);
	if (!insns)
		return -ENOMEM;
	err = copy_info_array(uinfo->xlated_prog_insns, uinfo->xlated_prog_len, insns,
			      info->xlated_prog_len, 1);
	kvfree(insns);
	return err;
}

static int bpf_prog_get_info_by_fd(const struct bpf_prog *prog, struct bpf_prog_info *info)
{
	struct bpf_prog_info uinfo = *info; /* what the user asked for */

	if (((uinfo.nr_func_info || uinfo.func_info_rec_size) &&
	     uinfo.func_info_rec_size != sizeof(struct bpf_func_info)) ||
	    ((uinfo.nr_line_info || uinfo.line_info_rec_size) &&
	     uinfo.line_info_rec_size != sizeof(struct bpf_line_info)) ||
	    ((uinfo.nr_jited_line_info || uinfo.jited_line_info_rec_size) &&
	     uinfo.jited_line_info_rec_size != sizeof(u64)))
		return -EINVAL; /* records of another size than Linux's */
	memset(info, 0, sizeof(*info));
	info->type = prog->type;
	info->id = prog->aux->id;
	info->load_time = prog->aux->load_time;
	info->created_by_uid = current->uid;
	info->gpl_compatible = prog->gpl_compatible;
	memcpy(info->tag, prog->tag, sizeof(prog->tag));
	memcpy(info->name, prog->aux->name, sizeof(info->name));
	info->nr_map_ids = prog->aux->used_map_cnt;
	info->nr_prog_tags = 1;
	info->run_time_ns = prog->aux->run_time_ns;
	info->run_cnt = prog->aux->run_cnt;
	info->verified_insns = prog->aux->verified_insns;
	info->btf_id = prog->aux->btf ? prog->aux->btf->id : 0;
	info->func_info_rec_size = sizeof(struct bpf_func_info);
	info->line_info_rec_size = sizeof(struct bpf_line_info);
	info->jited_line_info_rec_size = sizeof(u64);
	if (bpf_capable()) {
		info->nr_func_info = prog->aux->func_info_cnt;
		info->nr_line_info = prog->aux->nr_linfo;
		info->xlated_prog_len = prog->len * sizeof(struct bpf_insn);
		info->jited_prog_len = prog->jited ? prog->jited_len : 0;
		info->nr_jited_ksyms = prog->jited ? 1 : 0;
		info->nr_jited_func_lens = prog->jited ? 1 : 0;
	}
	info->map_ids = uinfo.map_ids;
	info->prog_tags = uinfo.prog_tags;
	info->xlated_prog_insns = uinfo.xlated_prog_insns;
	info->jited_prog_insns = uinfo.jited_prog_insns;
	info->jited_ksyms = uinfo.jited_ksyms;
	info->jited_func_lens = uinfo.jited_func_lens;
	info->func_info = uinfo.func_info;
	info->line_info = uinfo.line_info;
	return bpf_prog_info_dumps(prog, info, &uinfo);
}

static int bpf_map_get_info_by_fd(const struct bpf_map *map, struct bpf_map_info *info)
{
	if (info->hash || info->hash_size)
		return -EINVAL; /* no map hashes (signed programs) here */
	memset(info, 0, sizeof(*info));
	info->type = map->map_type;
	info->id = map->id;
	info->key_size = map->key_size;
	info->value_size = map->value_size;
	info->max_entries = map->max_entries;
	info->map_flags = map->map_flags;
	memcpy(info->name, map->name, sizeof(info->name));
	if (map->btf) {
		info->btf_id = map->btf->id;
		info->btf_key_type_id = map->btf_key_type_id;
		info->btf_value_type_id = map->btf_value_type_id;
	}
	return 0;
}

static int bpf_link_get_info_by_fd(const struct bpf_link *link, struct bpf_link_info *info)
{
	memset(info, 0, sizeof(*info));
	info->type = link->type;
	info->id = link->id;
	info->prog_id = link->prog ? link->prog->aux->id : 0;
	if (link->ops && link->ops->fill_link_info)
		link->ops->fill_link_info(link, info);
	return 0;
}

/*
 * The BTF part of OBJ_GET_INFO_BY_FD (Linux: btf_get_info_by_fd): the blob
 * (as much as btf_size allows; btf_size becomes the whole size), the id,
 * the name (empty for loaded BTF; a short name buffer is -ENOSPC after
 * the rest is written). *info holds what the user passed.
 */
static int bpf_btf_get_info_by_fd(const struct btf *btf, struct bpf_btf_info *info)
{
	u32 n = btf->data_size < info->btf_size ? btf->data_size : info->btf_size;
	char zero = 0;

	if (n && copy_to_user(u64_to_user_ptr(info->btf), btf->data, n))
		return -EFAULT;
	info->btf_size = btf->data_size;
	info->id = btf->id;
	info->kernel_btf = 0;
	if (!info->name != !info->name_len)
		return -EINVAL;
	info->name_len = 0;
	if (info->name && copy_to_user(u64_to_user_ptr(info->name), &zero, 1))
		return -EFAULT;
	return 0;
}

/*
 * The frame of every *_get_info_by_fd: the user's structure may be shorter
 * or longer than ours (longer: zero tail); min of both sizes is read, filled
 * and written back, and info_len says how much.
 */
static int bpf_obj_get_info_by_fd(const union bpf_attr *attr, union bpf_attr __user *uattr)
{
	union {
		struct bpf_prog_info prog;
		struct bpf_map_info map;
		struct bpf_link_info link;
		struct bpf_btf_info btf;
	} info;
	void __user *uinfo = u64_to_user_ptr(attr->info.info);
	u32 len = attr->info.info_len, ksize;
	enum bpf_type type = BPF_TYPE_UNSPEC;
	struct btf *btf;
	void *obj;
	int err;

	if (CHECK_ATTR(BPF_OBJ_GET_INFO_BY_FD))
		return -EINVAL;
	if (!fd_is_open((int)attr->info.bpf_fd))
		return -EBADFD; /* Linux 6.18's answer for a closed fd */
	btf = btf_get_by_fd((int)attr->info.bpf_fd);
	obj = IS_ERR(btf) ? bpf_fd_probe_obj(attr->info.bpf_fd, &type) : btf;
	if (IS_ERR(obj))
		return (int)PTR_ERR(obj);
	ksize = type == BPF_TYPE_PROG	? sizeof(info.prog)
		: type == BPF_TYPE_MAP	? sizeof(info.map)
		: type == BPF_TYPE_LINK ? sizeof(info.link)
					: sizeof(info.btf);
	err = bpf_check_uarg_tail_zero(USER_BPFPTR(uinfo), ksize, len);
	if (err)
		goto out_put;
	len = len < ksize ? len : ksize;
	memset(&info, 0, sizeof(info));
	err = -EFAULT;
	if (copy_from_user(&info, uinfo, len))
		goto out_put;
	if (type == BPF_TYPE_PROG)
		err = bpf_prog_get_info_by_fd(obj, &info.prog);
	else if (type == BPF_TYPE_MAP)
		err = bpf_map_get_info_by_fd(obj, &info.map);
	else if (type == BPF_TYPE_LINK)
		err = bpf_link_get_info_by_fd(obj, &info.link);
	else
		err = bpf_btf_get_info_by_fd(obj, &info.btf);
	if (!err && (copy_to_user(uinfo, &info, len) ||
		     copy_to_user(&uattr->info.info_len, &len, sizeof(len))))
		err = -EFAULT;
out_put:
	if (type == BPF_TYPE_UNSPEC)
		btf_put(obj);
	else
		bpf_any_put(obj, type);
	return err;
}

/* ------------------------------------------------------------------------
 * Ids: *_GET_NEXT_ID and *_GET_FD_BY_ID
 */
#define BPF_OBJ_GET_NEXT_ID_LAST_FIELD next_id
#define BPF_GET_FD_BY_ID_LAST_FIELD open_flags

static int bpf_obj_get_next_id(const union bpf_attr *attr, union bpf_attr __user *uattr,
			       const struct bpf_idr *idr)
{
	u32 next;

	if (CHECK_ATTR(BPF_OBJ_GET_NEXT_ID) || attr->start_id >= 0x7fffffff)
		return -EINVAL;
	if (!bpf_capable())
		return -EPERM;
	next = idr_next_id(idr, attr->start_id);
	if (!next)
		return -ENOENT;
	return put_user(next, &uattr->next_id);
}

/* PROG/MAP/LINK_GET_FD_BY_ID: a new fd on the object with that id. */
static int bpf_obj_get_fd_by_id(const union bpf_attr *attr, enum bpf_type type)
{
	const struct bpf_idr *idr = type == BPF_TYPE_PROG  ? &prog_idr
				    : type == BPF_TYPE_MAP ? &map_idr
							   : &link_idr;
	u32 f_flags = attr->open_flags;
	void *obj;
	int fd;

	if (CHECK_ATTR(BPF_GET_FD_BY_ID))
		return -EINVAL;
	if (type != BPF_TYPE_MAP && f_flags)
		return -EINVAL;
	if (f_flags & ~(BPF_F_RDONLY | BPF_F_WRONLY) ||
	    ((f_flags & BPF_F_RDONLY) && (f_flags & BPF_F_WRONLY)))
		return -EINVAL;
	if (!bpf_capable())
		return -EPERM;
	obj = idr_find(idr, attr->start_id);
	if (!obj)
		return -ENOENT;
	bpf_any_get(obj, type);
	fd = bpf_obj_new_fd(obj, type, f_flags);
	if (fd < 0)
		bpf_any_put(obj, type);
	return fd;
}

/* ------------------------------------------------------------------------
 * Pinning (kernel/bpf/inode.c does the namespace)
 */
#define BPF_OBJ_LAST_FIELD path_fd

static int bpf_obj_pin(const union bpf_attr *attr)
{
	if (CHECK_ATTR(BPF_OBJ) || attr->file_flags & ~BPF_F_PATH_FD)
		return -EINVAL;
	if (!(attr->file_flags & BPF_F_PATH_FD) && attr->path_fd)
		return -EINVAL;
	if (attr->file_flags & BPF_F_PATH_FD)
		return -EINVAL; /* no directory fds: paths are absolute */
	return bpf_obj_pin_user(attr->bpf_fd, u64_to_user_ptr(attr->pathname));
}

static int bpf_obj_get(const union bpf_attr *attr)
{
	if (CHECK_ATTR(BPF_OBJ) || attr->bpf_fd != 0 ||
	    attr->file_flags & ~(BPF_F_RDONLY | BPF_F_WRONLY | BPF_F_PATH_FD))
		return -EINVAL;
	if (!(attr->file_flags & BPF_F_PATH_FD) && attr->path_fd)
		return -EINVAL;
	if ((attr->file_flags & BPF_F_RDONLY) && (attr->file_flags & BPF_F_WRONLY))
		return -EINVAL;
	if (attr->file_flags & BPF_F_PATH_FD)
		return -EINVAL;
	return bpf_obj_get_user(u64_to_user_ptr(attr->pathname), attr->file_flags);
}

/* ------------------------------------------------------------------------
 * BPF_PROG_TEST_RUN and BPF_ENABLE_STATS
 */
#define BPF_PROG_TEST_RUN_LAST_FIELD test.batch_size

static int bpf_prog_test_run(const union bpf_attr *attr, union bpf_attr __user *uattr)
{
	struct bpf_prog *prog;
	int ret;

	if (CHECK_ATTR(BPF_PROG_TEST_RUN))
		return -EINVAL;
	if (!!attr->test.ctx_size_in != !!attr->test.ctx_in ||
	    !!attr->test.ctx_size_out != !!attr->test.ctx_out)
		return -EINVAL;
	prog = bpf_prog_get(attr->test.prog_fd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	if (prog->type == BPF_PROG_TYPE_XDP)
		ret = bpf_prog_test_run_xdp(prog, attr, uattr);
	else if (prog->type == BPF_PROG_TYPE_SOCKET_FILTER)
		ret = bpf_prog_test_run_skb(prog, attr, uattr);
	else
		ret = -ENOTSUPP;
	bpf_prog_put(prog);
	return ret;
}

/* Open BPF_STATS_RUN_TIME fds: while any exists, runs are counted. */
static int bpf_stats_enabled;

void bpf_prog_stats_add(struct bpf_prog *prog, u64 runs, u64 ns)
{
	if (!bpf_stats_enabled)
		return;
	prog->aux->run_cnt += runs;
	prog->aux->run_time_ns += ns;
}

bool bpf_prog_stats_enabled(void)
{
	return bpf_stats_enabled != 0;
}

static void bpf_stats_release(struct file *file)
{
	bpf_stats_enabled--;
}

static const struct file_operations bpf_stats_fops = { .name = "bpf-stats",
						       .release = bpf_stats_release };

#define BPF_ENABLE_STATS_LAST_FIELD enable_stats.type

static int bpf_enable_stats(const union bpf_attr *attr)
{
	struct file *file;
	int fd;

	if (CHECK_ATTR(BPF_ENABLE_STATS))
		return -EINVAL;
	if (!bpf_capable())
		return -EPERM;
	if (attr->enable_stats.type != BPF_STATS_RUN_TIME)
		return -EINVAL;
	file = file_alloc(&bpf_stats_fops, NULL, FMODE_READ);
	if (!file)
		return -ENOMEM;
	bpf_stats_enabled++;
	fd = fd_install_file(file);
	if (fd < 0)
		fput(file);
	return fd;
}

/* ------------------------------------------------------------------------
 * Attachment. The only attach point is a net device's XDP hook, through
 * LINK_CREATE (Linux attaches XDP by netlink or links, never PROG_ATTACH);
 * every other target is answered as Linux answers for one that is absent.
 */
#define BPF_PROG_ATTACH_LAST_FIELD expected_revision
#define BPF_PROG_DETACH_LAST_FIELD expected_revision
#define BPF_PROG_QUERY_LAST_FIELD query.revision
#define BPF_LINK_CREATE_LAST_FIELD link_create.uprobe_multi.pid
#define BPF_LINK_UPDATE_LAST_FIELD link_update.old_prog_fd
#define BPF_LINK_DETACH_LAST_FIELD link_detach.link_fd

static int bpf_prog_attach(const union bpf_attr *attr)
{
	struct bpf_prog *prog;

	if (CHECK_ATTR(BPF_PROG_ATTACH))
		return -EINVAL;
	prog = bpf_prog_get(attr->attach_bpf_fd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	bpf_prog_put(prog);
	return -EINVAL;
}

/* Attach types whose target is a cgroup directory fd. */
static bool is_cgroup_attach_type(u32 type)
{
	switch (type) {
	case BPF_CGROUP_INET_INGRESS ... BPF_CGROUP_SOCK_OPS:
	case BPF_CGROUP_DEVICE:
	case BPF_CGROUP_INET4_BIND ... BPF_CGROUP_UDP6_SENDMSG:
	case BPF_CGROUP_SYSCTL ... BPF_CGROUP_SETSOCKOPT:
	case BPF_CGROUP_INET4_GETPEERNAME ... BPF_CGROUP_INET6_GETSOCKNAME:
	case BPF_CGROUP_INET_SOCK_RELEASE:
	case BPF_LSM_CGROUP:
	case BPF_CGROUP_UNIX_CONNECT ... BPF_CGROUP_UNIX_GETSOCKNAME:
		return true;
	default:
		return false;
	}
}

/* Attach types whose target is a net device (tcx, netkit: Linux's mprog). */
static bool is_netdev_attach_type(u32 type)
{
	return type == BPF_TCX_INGRESS || type == BPF_TCX_EGRESS || type == BPF_NETKIT_PRIMARY ||
	       type == BPF_NETKIT_PEER;
}

/*
 * Nothing can be detached: no fd is a cgroup (-EBADF, as Linux for a
 * non-cgroup fd), no net device exists (-ENODEV) once a program named for
 * it checked out (none here is of the tc type: -EINVAL).
 */
static int bpf_prog_detach(const union bpf_attr *attr)
{
	struct bpf_prog *prog;

	if (CHECK_ATTR(BPF_PROG_DETACH))
		return -EINVAL;
	if (is_cgroup_attach_type(attr->attach_type))
		return -EBADF;
	if (!is_netdev_attach_type(attr->attach_type))
		return -EINVAL;
	if (attr->attach_bpf_fd) {
		prog = bpf_prog_get(attr->attach_bpf_fd);
		if (IS_ERR(prog))
			return (int)PTR_ERR(prog);
		bpf_prog_put(prog);
		return -EINVAL;
	}
	return -ENODEV;
}

static int bpf_prog_query(const union bpf_attr *attr)
{
	if (CHECK_ATTR(BPF_PROG_QUERY))
		return -EINVAL;
	if (attr->query.query_flags & ~BPF_F_QUERY_EFFECTIVE)
		return -EINVAL;
	if (is_cgroup_attach_type(attr->query.attach_type))
		return -EBADF;
	if (is_netdev_attach_type(attr->query.attach_type))
		return -ENODEV;
	return -EINVAL;
}

/* The link at ufd with a reference, ERR_PTR(-EBADF) or ERR_PTR(-EINVAL) (not a link). */
static struct bpf_link *bpf_link_get_from_fd(u32 ufd)
{
	enum bpf_type type;
	void *obj;

	if (!fd_is_open((int)ufd))
		return ERR_PTR(-EBADF);
	obj = bpf_fd_probe_obj(ufd, &type);
	if (!IS_ERR(obj) && type != BPF_TYPE_LINK) {
		bpf_any_put(obj, type);
		return ERR_PTR(-EINVAL);
	}
	return obj;
}

/*
 * XDP links (Linux: bpf_xdp_link in net/core/dev.c): the link's program is
 * the device's XDP program while dev is set; the device's pointer borrows
 * the link's reference. LINK_DETACH or the last reference clear dev.
 */
struct bpf_xdp_link {
	struct bpf_link link;
	struct net_device *dev; /* NULL once detached */
};

#define XDP_FLAGS_MODES (XDP_FLAGS_SKB_MODE | XDP_FLAGS_DRV_MODE | XDP_FLAGS_HW_MODE)

static struct bpf_xdp_link *to_xdp_link(const struct bpf_link *link)
{
	return container_of(link, struct bpf_xdp_link, link);
}

static void bpf_xdp_link_release(struct bpf_link *link)
{
	struct bpf_xdp_link *xdp_link = to_xdp_link(link);

	if (xdp_link->dev)
		dev_xdp_attach(xdp_link->dev, NULL);
	xdp_link->dev = NULL;
}

static int bpf_xdp_link_detach(struct bpf_link *link)
{
	bpf_xdp_link_release(link);
	return 0;
}

/* -ENOLINK once detached, -EPERM if old_prog is not the link's, -EINVAL for another kind. */
static int bpf_xdp_link_update(struct bpf_link *link, struct bpf_prog *new_prog,
			       struct bpf_prog *old_prog)
{
	struct bpf_xdp_link *xdp_link = to_xdp_link(link);

	if (!xdp_link->dev)
		return -ENOLINK;
	if (old_prog && link->prog != old_prog)
		return -EPERM;
	if (new_prog->type != link->prog->type)
		return -EINVAL; /* (expected attach types: only 0 or BPF_XDP load) */
	if (new_prog == link->prog) {
		bpf_prog_put(new_prog); /* no change */
		return 0;
	}
	dev_xdp_attach(xdp_link->dev, new_prog); /* the old one is the link's: put below */
	old_prog = link->prog;
	link->prog = new_prog;
	bpf_prog_put(old_prog);
	return 0;
}

static void bpf_xdp_link_fill_link_info(const struct bpf_link *link, struct bpf_link_info *info)
{
	const struct bpf_xdp_link *xdp_link = to_xdp_link(link);

	info->xdp.ifindex = xdp_link->dev ? xdp_link->dev->ifindex : 0;
}

static const struct bpf_link_ops bpf_xdp_link_lops = {
	.release = bpf_xdp_link_release,
	.update_prog = bpf_xdp_link_update,
	.detach = bpf_xdp_link_detach,
	.fill_link_info = bpf_xdp_link_fill_link_info,
};

/*
 * Whether prog may take port's XDP hook with these link flags: mode flags
 * only, at most one (-EINVAL), a free hook (-EBUSY: a program or a link is
 * there), no offload (-EOPNOTSUPP). (Devmap/cpumap programs, -EINVAL in
 * Linux, do not load here.)
 */
static int dev_xdp_link_check(struct net_port *port, u32 flags)
{
	u32 modes = flags & XDP_FLAGS_MODES;

	if (flags & ~XDP_FLAGS_MODES)
		return -EINVAL;
	if (modes & (modes - 1))
		return -EINVAL;
	if (READ_ONCE(port->xdp_prog))
		return -EBUSY;
	if (modes == XDP_FLAGS_HW_MODE)
		return -EOPNOTSUPP;
	return 0;
}

/*
 * LINK_CREATE for BPF_XDP on target_ifindex (Linux: bpf_xdp_link_attach):
 * -EINVAL for no such device (Linux's answer) or bad flags, then
 * dev_xdp_link_check's errors. Consumes the caller's reference on prog
 * (the link keeps it on success). The new link's fd or -errno.
 */
static int bpf_xdp_link_attach(const union bpf_attr *attr, struct bpf_prog *prog)
{
	struct net_port *port = net_port_get_by_index(attr->link_create.target_ifindex);
	struct bpf_xdp_link *xdp_link;
	int err, fd;

	err = port ? dev_xdp_link_check(port, attr->link_create.flags) : -EINVAL;
	xdp_link = err ? NULL : kzalloc(sizeof(*xdp_link), GFP_KERNEL);
	if (!xdp_link) {
		bpf_prog_put(prog);
		return err ? err : -ENOMEM;
	}
	xdp_link->link = (struct bpf_link){ .refcnt = 1,
					    .type = BPF_LINK_TYPE_XDP,
					    .attach_type = BPF_XDP,
					    .prog = prog,
					    .ops = &bpf_xdp_link_lops };
	err = idr_alloc_cyclic(&link_idr, &xdp_link->link);
	if (err < 0) {
		bpf_link_put(&xdp_link->link);
		return err;
	}
	xdp_link->link.id = (u32)err;
	xdp_link->dev = &port->dev;
	dev_xdp_attach(&port->dev, prog);
	fd = bpf_obj_new_fd(&xdp_link->link, BPF_TYPE_LINK, 0);
	if (fd < 0)
		bpf_link_put(&xdp_link->link); /* detaches */
	return fd;
}

/*
 * LINK_CREATE: the program must fit the attach type (-EINVAL); an XDP
 * program on BPF_XDP attaches to a net device, every other target is
 * answered as Linux answers for one that does not exist here.
 */
static int link_create(const union bpf_attr *attr)
{
	struct bpf_prog *prog;

	if (CHECK_ATTR(BPF_LINK_CREATE))
		return -EINVAL;
	prog = bpf_prog_get(attr->link_create.prog_fd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	if (prog->type == BPF_PROG_TYPE_XDP && attr->link_create.attach_type == BPF_XDP)
		return bpf_xdp_link_attach(attr, prog);
	bpf_prog_put(prog);
	return -EINVAL;
}

/*
 * LINK_UPDATE (Linux: bpf_link_update): new_prog_fd replaces the link's
 * program; with BPF_F_REPLACE only if old_prog_fd is the current one
 * (-EPERM), without it old_prog_fd must be 0. -EINVAL if the link cannot.
 */
static int link_update(const union bpf_attr *attr)
{
	struct bpf_prog *new_prog, *old_prog = NULL;
	u32 flags = attr->link_update.flags;
	struct bpf_link *link;
	int err;

	if (CHECK_ATTR(BPF_LINK_UPDATE) || flags & ~BPF_F_REPLACE)
		return -EINVAL;
	link = bpf_link_get_from_fd(attr->link_update.link_fd);
	if (IS_ERR(link))
		return (int)PTR_ERR(link);
	new_prog = bpf_prog_get(attr->link_update.new_prog_fd);
	if (IS_ERR(new_prog)) {
		err = (int)PTR_ERR(new_prog);
		goto out_put_link;
	}
	if (flags & BPF_F_REPLACE) {
		old_prog = bpf_prog_get(attr->link_update.old_prog_fd);
		if (IS_ERR(old_prog)) {
			err = (int)PTR_ERR(old_prog);
			old_prog = NULL;
			goto out_put_progs;
		}
	} else if (attr->link_update.old_prog_fd) {
		err = -EINVAL;
		goto out_put_progs;
	}
	err = link->ops && link->ops->update_prog ? link->ops->update_prog(link, new_prog, old_prog)
						  : -EINVAL;
out_put_progs:
	if (old_prog)
		bpf_prog_put(old_prog);
	if (err)
		bpf_prog_put(new_prog);
out_put_link:
	bpf_link_put(link);
	return err;
}

/* ITER_CREATE: the link must exist; no link is an iterator. */
static int link_op(u32 link_fd)
{
	struct bpf_link *link = bpf_link_get_from_fd(link_fd);

	if (IS_ERR(link))
		return (int)PTR_ERR(link);
	bpf_link_put(link);
	return -EOPNOTSUPP;
}

/* LINK_DETACH: the link's ops->detach, -EOPNOTSUPP for a link without one. */
static int link_detach(const union bpf_attr *attr)
{
	struct bpf_link *link;
	int err;

	if (CHECK_ATTR(BPF_LINK_DETACH))
		return -EINVAL;
	link = bpf_link_get_from_fd(attr->link_detach.link_fd);
	if (IS_ERR(link))
		return (int)PTR_ERR(link);
	err = link->ops && link->ops->detach ? link->ops->detach(link) : -EOPNOTSUPP;
	bpf_link_put(link);
	return err;
}

/* ------------------------------------------------------------------------
 * BTF_LOAD, and the commands whose subsystems do not exist yet (tracing, iterators)
 */
#define BPF_BTF_LOAD_LAST_FIELD btf_token_fd
#define BPF_RAW_TRACEPOINT_OPEN_LAST_FIELD raw_tracepoint.cookie
#define BPF_TASK_FD_QUERY_LAST_FIELD task_fd_query.probe_addr
#define BPF_ITER_CREATE_LAST_FIELD iter_create.flags
#define BPF_PROG_BIND_MAP_LAST_FIELD prog_bind_map.flags

#define BTF_MAX_SIZE (16 * 1024 * 1024)

/*
 * BPF_BTF_LOAD (Linux: bpf_btf_load, btf_new_fd): flags, privilege, the
 * log rules, BTF_MAX_SIZE (-E2BIG); then kernel/bpf/btf.c parses the blob
 * and the new BTF gets an id and a read-only fd. btf_log_true_size is
 * written back whatever the verdict, as Linux's finalize_log does.
 */
static int bpf_btf_load(const union bpf_attr *attr, union bpf_attr __user *uattr, u32 uattr_size)
{
	u32 log_true_size = 0;
	struct btf *btf;
	int err, fd;

	if (CHECK_ATTR(BPF_BTF_LOAD) || attr->btf_flags & ~BPF_F_TOKEN_FD)
		return -EINVAL;
	if (attr->btf_flags & BPF_F_TOKEN_FD)
		return -EINVAL; /* no BPF tokens */
	if (!bpf_capable())
		return -EPERM;
	if (attr->btf_size > BTF_MAX_SIZE)
		return -E2BIG;
	if (!!attr->btf_log_buf != !!attr->btf_log_size ||
	    (attr->btf_log_buf && !attr->btf_log_level) ||
	    attr->btf_log_level & ~(u32)BPF_LOG_MASK || attr->btf_log_size > (0xffffffffu >> 2))
		return -EINVAL;
	btf = btf_parse(u64_to_user_ptr(attr->btf), attr->btf_size, attr->btf_log_level,
			u64_to_user_ptr(attr->btf_log_buf), attr->btf_log_size, &log_true_size);
	if (uattr_size >= offsetofend(union bpf_attr, btf_log_true_size) &&
	    copy_to_user(&uattr->btf_log_true_size, &log_true_size, sizeof(log_true_size))) {
		if (!IS_ERR(btf))
			btf_free(btf);
		return -EFAULT;
	}
	if (IS_ERR(btf))
		return (int)PTR_ERR(btf);
	err = idr_alloc_cyclic(&btf_idr, btf);
	if (err < 0) {
		btf_free(btf);
		return err;
	}
	btf->id = (u32)err;
	fd = btf_new_fd(btf);
	if (fd < 0)
		btf_put(btf);
	return fd;
}

/* BTF_GET_FD_BY_ID: a new fd on the BTF with that id (CAP_SYS_ADMIN in Linux). */
static int bpf_btf_get_fd_by_id(const union bpf_attr *attr)
{
	struct btf *btf;
	int fd;

	if (CHECK_ATTR(BPF_GET_FD_BY_ID))
		return -EINVAL;
	if (attr->open_flags & ~BPF_F_TOKEN_FD)
		return -EINVAL;
	if (!bpf_capable())
		return -EPERM;
	btf = idr_find(&btf_idr, attr->start_id);
	if (!btf)
		return -ENOENT;
	btf_get(btf);
	fd = btf_new_fd(btf);
	if (fd < 0)
		btf_put(btf);
	return fd;
}

static int bpf_raw_tracepoint_open(const union bpf_attr *attr)
{
	struct bpf_prog *prog;

	if (CHECK_ATTR(BPF_RAW_TRACEPOINT_OPEN))
		return -EINVAL;
	prog = bpf_prog_get(attr->raw_tracepoint.prog_fd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	bpf_prog_put(prog);
	return -EINVAL; /* only tracing programs attach to tracepoints */
}

static int bpf_task_fd_query(const union bpf_attr *attr)
{
	struct file *file;

	if (CHECK_ATTR(BPF_TASK_FD_QUERY))
		return -EINVAL;
	if (!bpf_capable())
		return -EPERM;
	if (attr->task_fd_query.flags != 0)
		return -EINVAL;
	if (attr->task_fd_query.pid != (u32)current->pid)
		return -ENOENT;
	file = fget((int)attr->task_fd_query.fd);
	if (!file)
		return -EBADF;
	fput(file);
	return -ENOTSUPP; /* neither a raw tracepoint link nor a perf event */
}

static int bpf_iter_create(const union bpf_attr *attr)
{
	int err;

	if (CHECK_ATTR(BPF_ITER_CREATE) || attr->iter_create.flags)
		return -EINVAL;
	err = link_op(attr->iter_create.link_fd);
	return err == -EOPNOTSUPP ? -EINVAL : err; /* no link is an iterator */
}

/* PROG_BIND_MAP: prog keeps a reference on map as if its code used it. */
static int bpf_prog_bind_map(const union bpf_attr *attr)
{
	struct bpf_prog *prog;
	struct file *file;
	struct bpf_map *map, **maps;
	u32 i, cnt;
	int err = 0;

	if (CHECK_ATTR(BPF_PROG_BIND_MAP) || attr->prog_bind_map.flags)
		return -EINVAL;
	prog = bpf_prog_get(attr->prog_bind_map.prog_fd);
	if (IS_ERR(prog))
		return (int)PTR_ERR(prog);
	file = bpf_map_file_get(attr->prog_bind_map.map_fd);
	err = (int)PTR_ERR(file);
	if (IS_ERR(file))
		goto put_prog;
	map = file->private_data;
	cnt = prog->aux->used_map_cnt;
	for (i = 0; i < cnt && prog->aux->used_maps[i] != map; i++)
		;
	err = 0;
	if (i < cnt)
		goto put_file; /* already bound */
	maps = krealloc(prog->aux->used_maps, (cnt + 1) * sizeof(*maps), GFP_KERNEL);
	err = -ENOMEM;
	if (!maps)
		goto put_file;
	maps[cnt] = map;
	map->refcnt++;
	prog->aux->used_maps = maps;
	prog->aux->used_map_cnt = cnt + 1;
	err = 0;
put_file:
	fput(file);
put_prog:
	bpf_prog_put(prog);
	return err;
}

/* ------------------------------------------------------------------------
 * The entry
 */
long __sys_bpf(int cmd, bpfptr_t uattr, unsigned int size)
{
	union bpf_attr __user *u = uattr.ptr;
	union bpf_attr attr_buf, *attr = &attr_buf;
	int err;

	err = bpf_check_uarg_tail_zero(uattr, sizeof(*attr), size);
	if (err)
		return err;
	size = size < sizeof(*attr) ? size : sizeof(*attr);
	memset(attr, 0, sizeof(*attr));
	if (copy_from_bpfptr(attr, uattr, size))
		return -EFAULT;

	switch (cmd) {
	case BPF_MAP_CREATE:
		return map_create(attr);
	case BPF_MAP_LOOKUP_ELEM:
		return map_lookup_elem(attr);
	case BPF_MAP_UPDATE_ELEM:
		return map_update_elem(attr);
	case BPF_MAP_DELETE_ELEM:
		return map_delete_elem(attr);
	case BPF_MAP_GET_NEXT_KEY:
		return map_get_next_key(attr);
	case BPF_MAP_FREEZE:
		return map_freeze(attr);
	case BPF_PROG_LOAD:
		return bpf_prog_load(attr, u, size);
	case BPF_OBJ_PIN:
		return bpf_obj_pin(attr);
	case BPF_OBJ_GET:
		return bpf_obj_get(attr);
	case BPF_PROG_ATTACH:
		return bpf_prog_attach(attr);
	case BPF_PROG_DETACH:
		return bpf_prog_detach(attr);
	case BPF_PROG_QUERY:
		return bpf_prog_query(attr);
	case BPF_PROG_TEST_RUN:
		return bpf_prog_test_run(attr, u);
	case BPF_PROG_GET_NEXT_ID:
		return bpf_obj_get_next_id(attr, u, &prog_idr);
	case BPF_MAP_GET_NEXT_ID:
		return bpf_obj_get_next_id(attr, u, &map_idr);
	case BPF_BTF_GET_NEXT_ID:
		return bpf_obj_get_next_id(attr, u, &btf_idr);
	case BPF_LINK_GET_NEXT_ID:
		return bpf_obj_get_next_id(attr, u, &link_idr);
	case BPF_PROG_GET_FD_BY_ID:
		return bpf_obj_get_fd_by_id(attr, BPF_TYPE_PROG);
	case BPF_MAP_GET_FD_BY_ID:
		return bpf_obj_get_fd_by_id(attr, BPF_TYPE_MAP);
	case BPF_LINK_GET_FD_BY_ID:
		return bpf_obj_get_fd_by_id(attr, BPF_TYPE_LINK);
	case BPF_BTF_GET_FD_BY_ID:
		return bpf_btf_get_fd_by_id(attr);
	case BPF_OBJ_GET_INFO_BY_FD:
		return bpf_obj_get_info_by_fd(attr, u);
	case BPF_RAW_TRACEPOINT_OPEN:
		return bpf_raw_tracepoint_open(attr);
	case BPF_BTF_LOAD:
		return bpf_btf_load(attr, u, size);
	case BPF_TASK_FD_QUERY:
		return bpf_task_fd_query(attr);
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		return map_lookup_and_delete_elem(attr);
	case BPF_MAP_LOOKUP_BATCH:
	case BPF_MAP_LOOKUP_AND_DELETE_BATCH:
	case BPF_MAP_UPDATE_BATCH:
	case BPF_MAP_DELETE_BATCH:
		return bpf_map_do_batch(attr, u, cmd);
	case BPF_LINK_CREATE:
		return link_create(attr);
	case BPF_LINK_UPDATE:
		return link_update(attr);
	case BPF_LINK_DETACH:
		return link_detach(attr);
	case BPF_ENABLE_STATS:
		return bpf_enable_stats(attr);
	case BPF_ITER_CREATE:
		return bpf_iter_create(attr);
	case BPF_PROG_BIND_MAP:
		return bpf_prog_bind_map(attr);
	default:
		return -EINVAL;
	}
}
