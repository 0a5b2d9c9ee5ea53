// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader (libbpf's bpf_object): opens an ELF object from
 * `clang -target bpf`, finds its license, version, BTF, maps and programs
 * (one per global function of each executable section, its type from the
 * section name as libbpf's SEC() table gives it), and loads them: maps
 * first (lib/bpf/libbpf_maps.c), then each program linked with the
 * subprograms it calls and relocated (lib/bpf/libbpf_relo.c). A failing
 * load unloads everything it created.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libbpf_internal.h"
#ifdef __BPFKERN_HOST__
#include <bpfkern/host_backend.h>
#endif

static int default_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static libbpf_print_fn_t print_fn = default_print;

libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn)
{
	libbpf_print_fn_t old = print_fn;

	print_fn = fn;
	return old;
}

void libbpf_print(enum libbpf_print_level level, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	if (!print_fn)
		return;
	va_start(ap, fmt);
	print_fn(level, fmt, ap);
	va_end(ap);
	errno = saved;
}

static const char *const libbpf_strerror_table[] = {
	[LIBBPF_ERRNO__LIBELF - LIBBPF_ERRNO__START] = "Something wrong in libelf",
	[LIBBPF_ERRNO__FORMAT - LIBBPF_ERRNO__START] = "BPF object format invalid",
	[LIBBPF_ERRNO__KVERSION - LIBBPF_ERRNO__START] = "'version' section incorrect or lost",
	[LIBBPF_ERRNO__ENDIAN - LIBBPF_ERRNO__START] = "Endian mismatch",
	[LIBBPF_ERRNO__INTERNAL - LIBBPF_ERRNO__START] = "Internal error in libbpf",
	[LIBBPF_ERRNO__RELOC - LIBBPF_ERRNO__START] = "Relocation failed",
	[LIBBPF_ERRNO__LOAD - LIBBPF_ERRNO__START] = "Load BPF program failed",
	[LIBBPF_ERRNO__VERIFY - LIBBPF_ERRNO__START] = "Kernel verifier blocks program loading",
	[LIBBPF_ERRNO__PROG2BIG - LIBBPF_ERRNO__START] = "Program too big",
	[LIBBPF_ERRNO__KVER - LIBBPF_ERRNO__START] = "Incorrect kernel version",
	[LIBBPF_ERRNO__PROGTYPE - LIBBPF_ERRNO__START] = "Kernel doesn't support this program type",
	[LIBBPF_ERRNO__WRNGPID - LIBBPF_ERRNO__START] = "Wrong pid in netlink message",
	[LIBBPF_ERRNO__INVSEQ - LIBBPF_ERRNO__START] = "Invalid netlink sequence",
	[LIBBPF_ERRNO__NLPARSE - LIBBPF_ERRNO__START] = "Incorrect netlink message parsing",
};

/* libbpf_strerror: err (negative or positive) as text, errno's or libbpf's own. */
int libbpf_strerror(int err, char *buf, size_t size)
{
	if (!buf || !size)
		return -EINVAL;
	err = err > 0 ? err : -err;
	if (err < LIBBPF_ERRNO__START) {
		snprintf(buf, size, "%s", strerror(err));
		return 0;
	}
	if (err < __LIBBPF_ERRNO__END) {
		snprintf(buf, size, "%s", libbpf_strerror_table[err - LIBBPF_ERRNO__START]);
		return 0;
	}
	snprintf(buf, size, "Unknown libbpf error %d", err);
	return -ENOENT;
}

long libbpf_get_error(const void *ptr)
{
	return ptr ? 0 : -errno;
}

/* Closes an fd of the bpf() backend (the in-process kernel's table in host tools). */
int bpf_object_close_fd(int fd)
{
#ifdef __BPFKERN_HOST__
	return bpfkern_close(fd);
#else
	return close(fd);
#endif
}

/* A program section libbpf knows: its type, and why bpfkern refuses it (NULL: it runs). */
struct sec_def {
	const char *name; /* exact, or a prefix when it ends in '/' */
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	__u32 flags;
	const char *unsupported;
};

static const struct sec_def section_defs[] = {
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, 0, NULL },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, BPF_F_XDP_HAS_FRAGS, NULL },
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, 0, NULL },
	{ "xdp/", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0, "devmap/cpumap XDP" },
	{ "xdp.frags/", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, 0, "devmap/cpumap XDP" },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, 0, "tc" },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, 0, "tc" },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, 0, "tc action" },
	{ "tcx/", BPF_PROG_TYPE_SCHED_CLS, 0, 0, "tcx" },
	{ "kprobe/", BPF_PROG_TYPE_KPROBE, 0, 0, "kprobe" },
	{ "kretprobe/", BPF_PROG_TYPE_KPROBE, 0, 0, "kprobe" },
	{ "uprobe", BPF_PROG_TYPE_KPROBE, 0, 0, "uprobe" },
	{ "tracepoint/", BPF_PROG_TYPE_TRACEPOINT, 0, 0, "tracepoint" },
	{ "tp/", BPF_PROG_TYPE_TRACEPOINT, 0, 0, "tracepoint" },
	{ "raw_tracepoint/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, "raw tracepoint" },
	{ "raw_tp/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, "raw tracepoint" },
	{ "fentry/", BPF_PROG_TYPE_TRACING, 0, 0, "tracing" },
	{ "fexit/", BPF_PROG_TYPE_TRACING, 0, 0, "tracing" },
	{ "tp_btf/", BPF_PROG_TYPE_TRACING, 0, 0, "tracing" },
	{ "lsm/", BPF_PROG_TYPE_LSM, 0, 0, "LSM" },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, 0, "perf event" },
	{ "cgroup_skb/", BPF_PROG_TYPE_CGROUP_SKB, 0, 0, "cgroup" },
	{ "cgroup/", BPF_PROG_TYPE_CGROUP_SOCK, 0, 0, "cgroup" },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, 0, 0, "sockops" },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, 0, "sk_skb" },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, 0, 0, "sk_msg" },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, 0, 0, "sk_lookup" },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, 0, "flow dissector" },
	{ "lwt_", BPF_PROG_TYPE_LWT_IN, 0, 0, "lightweight tunnel" },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, 0, "syscall" },
	{ "struct_ops", BPF_PROG_TYPE_STRUCT_OPS, 0, 0, "struct_ops" },
	{ "iter/", BPF_PROG_TYPE_TRACING, 0, 0, "iterator" },
};

/*
 * Whether section sec_name belongs to entry d: its exact name; any name under
 * a "prefix/" (or "lwt_") entry; and, for the families bpfkern refuses, the
 * name followed by '/' or '.' ("sk_skb/stream_parser", "uprobe.s/...").
 */
static bool sec_def_matches(const struct sec_def *d, const char *sec_name)
{
	size_t n = strlen(d->name);
	bool prefix = d->name[n - 1] == '/' || d->name[n - 1] == '_';

	if (strncmp(sec_name, d->name, n))
		return false;
	if (prefix || sec_name[n] == '\0')
		return true;
	return d->unsupported && (sec_name[n] == '/' || sec_name[n] == '.');
}

/* The entry for a section name, or NULL (libbpf: "missing BPF prog type"). */
static const struct sec_def *find_sec_def(const char *sec_name)
{
	size_t i;

	for (i = 0; i < sizeof(section_defs) / sizeof(section_defs[0]); i++) {
		if (sec_def_matches(&section_defs[i], sec_name))
			return &section_defs[i];
	}
	return NULL;
}

/* Adds the program defined by symbol sym of executable section sec_idx. */
static int add_program(struct bpf_object *obj, int sec_idx, const Elf64_Sym *sym)
{
	const struct elf_sec *sec = &obj->elf.secs[sec_idx];
	const char *name = elf_sym_name(&obj->elf, sym);
	bool optional = sec->name[0] == '?'; /* SEC("?xdp"): not loaded unless asked for */
	const struct sec_def *def = find_sec_def(sec->name + optional);
	struct bpf_program *prog, *progs;

	if (sym->st_value % 8 || sym->st_size % 8 || sym->st_size == 0 ||
	    sym->st_value > sec->size || sym->st_size > sec->size - sym->st_value) {
		pr_warn("sec '%s': program '%s' at [%llu, +%llu) is not whole instructions inside the section\n",
			sec->name, name, (unsigned long long)sym->st_value,
			(unsigned long long)sym->st_size);
		return -LIBBPF_ERRNO__FORMAT;
	}
	progs = realloc(obj->progs, (obj->nr_progs + 1) * sizeof(*progs));
	if (!progs)
		return -ENOMEM;
	obj->progs = progs;
	prog = &progs[obj->nr_progs];
	memset(prog, 0, sizeof(*prog));
	prog->obj = obj;
	prog->fd = -1;
	prog->sec_idx = sec_idx;
	prog->sec_insn_off = sym->st_value / 8;
	prog->sec_insn_cnt = sym->st_size / 8;
	prog->autoload = !optional;
	prog->name = strdup(name);
	prog->sec_name = strdup(sec->name);
	prog->insn_cnt = prog->sec_insn_cnt;
	prog->insns = malloc(sym->st_size);
	obj->nr_progs++;
	if (!prog->name || !prog->sec_name || !prog->insns)
		return -ENOMEM;
	memcpy(prog->insns, sec->data + sym->st_value, sym->st_size);
	if (def) {
		prog->type = def->type;
		prog->expected_attach_type = def->attach;
		prog->prog_flags = def->flags;
		prog->unsupported = def->unsupported;
	}
	pr_debug("sec '%s': found program '%s' at insn offset %zu, %zu insns\n", sec->name, name,
		 prog->sec_insn_off, prog->sec_insn_cnt);
	return 0;
}

/* Programs: the global functions of every executable section but .text (its subprograms). */
static int bpf_object__init_progs(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->elf.nsyms; i++) {
		const Elf64_Sym *sym = &obj->elf.syms[i];
		const struct elf_sec *sec;

		if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC || sym->st_shndx == SHN_UNDEF ||
		    sym->st_shndx >= SHN_LORESERVE || ELF64_ST_BIND(sym->st_info) == STB_LOCAL)
			continue;
		sec = &obj->elf.secs[sym->st_shndx];
		if (!(sec->shdr->sh_flags & SHF_EXECINSTR) || sym->st_shndx == obj->text_idx)
			continue;
		err = add_program(obj, sym->st_shndx, sym);
		if (err)
			return err;
	}
	return 0;
}

/* license (a string) and version (a u32) sections. */
static int init_license_version(struct bpf_object *obj, const struct elf_sec *sec)
{
	if (!strcmp(sec->name, "license")) {
		size_t n = sec->size < sizeof(obj->license) - 1 ? sec->size
								: sizeof(obj->license) - 1;

		memcpy(obj->license, sec->data, n);
		obj->license[n] = '\0';
		pr_debug("license of %s is %s\n", obj->name, obj->license);
		return 0;
	}
	if (sec->size != sizeof(__u32)) {
		pr_warn("invalid kver section in %s\n", obj->name);
		return -LIBBPF_ERRNO__FORMAT;
	}
	memcpy(&obj->kern_version, sec->data, sizeof(__u32));
	return 0;
}

/* One pass over the sections: the special ones, and which SHT_REL relocates what. */
/*
 * The object's .BTF (its DATASECs fixed up as the kernel needs them) and
 * .BTF.ext. Both are optional, as in libbpf: a malformed one is reported
 * and the object goes on without it.
 */
static void bpf_object__init_btf(struct bpf_object *obj, const struct elf_sec *btf_sec,
				 const struct elf_sec *ext_sec)
{
	int err = btf__parse_raw_mem(&obj->btf, btf_sec->data, btf_sec->size);

	err = err ?: btf__fixup_datasecs(&obj->btf, &obj->elf);
	if (err) {
		pr_warn("Error loading ELF section .BTF: %d. BTF is optional, ignoring.\n", err);
		btf__release(&obj->btf);
		return;
	}
	obj->has_btf = true;
	obj->btf_raw = btf_sec->data;
	obj->btf_raw_size = btf_sec->size;
	if (!ext_sec)
		return;
	err = btf_ext__parse(&obj->btf_ext, &obj->btf, ext_sec->data, ext_sec->size);
	if (err)
		pr_warn("Error loading ELF section .BTF.ext: %d. Ignored and continue.\n", err);
	obj->has_btf_ext = !err;
}

static int bpf_object__elf_collect(struct bpf_object *obj)
{
	const struct elf_sec *btf_sec = NULL, *ext_sec = NULL;
	size_t i;
	int err;

	obj->relsec = calloc(obj->elf.nsecs, sizeof(*obj->relsec));
	if (!obj->relsec)
		return -ENOMEM;
	for (i = 1; i < obj->elf.nsecs; i++) {
		const struct elf_sec *sec = &obj->elf.secs[i];
		const Elf64_Shdr *sh = sec->shdr;

		if (!strcmp(sec->name, "license") || !strcmp(sec->name, "version")) {
			if (!sec->data) {
				pr_warn("elf: section '%s' has no bytes\n", sec->name);
				return -LIBBPF_ERRNO__FORMAT;
			}
			err = init_license_version(obj, sec);
			if (err)
				return err;
		} else if (!strcmp(sec->name, ".BTF") && sec->data) {
			btf_sec = sec;
		} else if (!strcmp(sec->name, ".BTF.ext") && sec->data) {
			ext_sec = sec;
		} else if (!strcmp(sec->name, ".maps")) {
			obj->maps_idx = (int)i;
		} else if (!strcmp(sec->name, "maps")) {
			obj->legacy_maps_idx = (int)i;
		} else if (sh->sh_type == SHT_REL) {
			if (sh->sh_info == 0 || sh->sh_info >= obj->elf.nsecs ||
			    sh->sh_entsize != sizeof(Elf64_Rel) || sec->size % sizeof(Elf64_Rel) ||
			    sh->sh_offset % 8 || sh->sh_link >= obj->elf.nsecs ||
			    obj->elf.secs[sh->sh_link].shdr->sh_type != SHT_SYMTAB) {
				pr_warn("elf: relocation section '%s' (%zu) is malformed\n",
					sec->name, i);
				return -LIBBPF_ERRNO__FORMAT;
			}
			if (obj->elf.secs[sh->sh_info].shdr->sh_flags & SHF_EXECINSTR)
				obj->relsec[sh->sh_info] = sec;
			else if (!strcmp(obj->elf.secs[sh->sh_info].name, ".maps"))
				obj->maps_relsec = sec;
		} else if (sh->sh_flags & SHF_EXECINSTR) {
			if (sec->size % 8 || !sec->data) {
				pr_warn("elf: code section '%s' is not whole instructions\n",
					sec->name);
				return -LIBBPF_ERRNO__FORMAT;
			}
			if (!strcmp(sec->name, ".text"))
				obj->text_idx = (int)i;
		}
	}
	if (btf_sec)
		bpf_object__init_btf(obj, btf_sec, ext_sec);
	return 0;
}

/* The object's name: opts', else the path's base name up to its first '.'. */
static void set_obj_name(struct bpf_object *obj, const char *path,
			 const struct bpf_object_open_opts *opts)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	const char *name = opts && opts->sz > offsetof(struct bpf_object_open_opts, object_name)
				   ? opts->object_name
				   : NULL;

	if (name) {
		snprintf(obj->name, sizeof(obj->name), "%s", name);
		return;
	}
	base = base ? base + 1 : path;
	snprintf(obj->name, sizeof(obj->name), "%s", base ? base : "");
	if (strchr(obj->name, '.'))
		*strchr(obj->name, '.') = '\0';
}

static struct bpf_object *open_object(const void *buf, size_t size, const char *path,
				      const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj = calloc(1, sizeof(*obj));
	int err = -ENOMEM;
	char msg[128];

	if (!obj)
		goto err_out;
	obj->btf_fd = -1;
	set_obj_name(obj, path, opts);
	if (opts && opts->sz > offsetof(struct bpf_object_open_opts, relaxed_maps))
		obj->relaxed_maps = opts->relaxed_maps;
	obj->pin_root =
		strdup(opts && opts->sz > offsetof(struct bpf_object_open_opts, pin_root_path) &&
				       opts->pin_root_path
			       ? opts->pin_root_path
			       : "/sys/fs/bpf");
	obj->buf = malloc(size ? size : 1);
	if (!obj->pin_root || !obj->buf)
		goto err_close;
	memcpy(obj->buf, buf, size);
	obj->size = size;
	err = elf_parse(&obj->elf, obj->buf, size);
	if (!err)
		err = bpf_object__elf_collect(obj);
	if (!err)
		err = bpf_object__init_progs(obj);
	if (!err)
		err = bpf_object__init_maps(obj);
	if (!err)
		return obj;
err_close:
	libbpf_strerror(err, msg, sizeof(msg));
	pr_warn("failed to open %s: %s (%d)\n", path ? path : obj->name, msg, err);
	bpf_object__close(obj);
err_out:
	errno = -err;
	return NULL;
}

/*
 * bpf_object__open_mem: parses the object in obj_buf (copied; the caller
 * keeps its buffer). The object, or NULL with errno set after a message.
 */
struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	char name[48];

	if (!obj_buf || !obj_buf_sz) {
		errno = EINVAL;
		return NULL;
	}
	snprintf(name, sizeof(name), "%lx-%zx", (unsigned long)obj_buf, obj_buf_sz);
	return open_object(obj_buf, obj_buf_sz, name, opts);
}

/* bpf_object__open_file: reads path whole and opens it as open_mem does. */
struct bpf_object *bpf_object__open_file(const char *path, const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj = NULL;
	FILE *f = path ? fopen(path, "rb") : NULL;
	char *buf = NULL;
	long len;

	if (!f) {
		pr_warn("elf: failed to open %s: %s\n", path ? path : "(null)", strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		errno = EIO;
		goto out;
	}
	buf = malloc(len ? (size_t)len : 1);
	if (!buf) {
		errno = ENOMEM;
		goto out;
	}
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		errno = EIO;
		goto out;
	}
	obj = open_object(buf, (size_t)len, path, opts);
out:
	if (!obj && !buf)
		pr_warn("failed to read %s: %s\n", path, strerror(errno));
	free(buf);
	fclose(f);
	return obj;
}

struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

/* Closes every fd the object's load created; the object stays open (and loadable). */
static void bpf_object__unload(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].fd >= 0)
			bpf_object_close_fd(obj->progs[i].fd);
		obj->progs[i].fd = -1;
	}
	for (i = 0; i < obj->nr_maps; i++) {
		if (obj->maps[i].fd >= 0)
			bpf_object_close_fd(obj->maps[i].fd);
		obj->maps[i].fd = -1;
	}
	if (obj->btf_fd >= 0)
		bpf_object_close_fd(obj->btf_fd);
	obj->btf_fd = -1;
}

/*
 * Loads the object's BTF into the kernel (libbpf: bpf_object__load_btf):
 * maps and programs then refer to it. Optional as in libbpf: a kernel that
 * refuses it gets the reason printed and the object loads without BTF.
 */
static void bpf_object__load_btf(struct bpf_object *obj)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts);
	char *log;

	if (!obj->has_btf)
		return;
	obj->btf_fd = bpf_btf_load(obj->btf_raw, obj->btf_raw_size, NULL);
	if (obj->btf_fd >= 0)
		return;
	log = calloc(1, 1 << 16);
	if (log) {
		opts.log_buf = log;
		opts.log_size = 1 << 16;
		opts.log_level = 1;
		obj->btf_fd = bpf_btf_load(obj->btf_raw, obj->btf_raw_size, &opts);
	}
	if (obj->btf_fd < 0) {
		pr_warn("Error loading .BTF into kernel: %d. BTF is optional, ignoring.\n", -errno);
		if (log && log[0])
			pr_warn("-- BEGIN BTF LOAD LOG ---\n%s\n-- END BTF LOAD LOG --\n", log);
	}
	free(log);
}

/*
 * bpf_object__load: creates every map, then loads every program whose
 * autoload is set. 0, or a negative error with everything unloaded (an
 * object loads once: a second call is -EINVAL, as in libbpf).
 */
int bpf_object__load(struct bpf_object *obj)
{
	size_t i;
	int err;

	if (!obj) {
		errno = EINVAL;
		return -EINVAL;
	}
	if (obj->loaded) {
		pr_warn("object '%s': load can't be attempted twice\n", obj->name);
		errno = EINVAL;
		return -EINVAL;
	}
	obj->loaded = true;
	bpf_object__load_btf(obj);
	err = bpf_object__create_maps(obj);
	for (i = 0; !err && i < obj->nr_progs; i++) {
		if (obj->progs[i].autoload)
			err = bpf_program__link_and_load(&obj->progs[i]);
	}
	if (!err)
		err = bpf_object__init_prog_arrays(obj);
	if (err) {
		bpf_object__unload(obj);
		pr_warn("failed to load object '%s'\n", obj->name);
		errno = -err;
	}
	return err;
}

void bpf_object__close(struct bpf_object *obj)
{
	size_t i;

	if (!obj)
		return;
	bpf_object__unload(obj);
	for (i = 0; i < obj->nr_progs; i++) {
		free(obj->progs[i].name);
		free(obj->progs[i].sec_name);
		free(obj->progs[i].insns);
		free(obj->progs[i].log_buf);
		free(obj->progs[i].func_info);
		free(obj->progs[i].line_info);
	}
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		free(m->name);
		free(m->mmaped);
		free(m->pin_path);
		free(m->init_slots);
		if (m->inner) {
			free(m->inner->name);
			free(m->inner);
		}
	}
	free(obj->progs);
	free(obj->maps);
	free(obj->relsec);
	free(obj->pin_root);
	btf__release(&obj->btf);
	elf_release(&obj->elf);
	free(obj->buf);
	free(obj);
}

const char *bpf_object__name(const struct bpf_object *obj)
{
	return obj ? obj->name : NULL;
}

unsigned int bpf_object__kversion(const struct bpf_object *obj)
{
	return obj ? obj->kern_version : 0;
}

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 0; obj && name && i < obj->nr_progs; i++) {
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	}
	errno = ENOENT;
	return NULL;
}

/* The program after prog (the first for NULL), in section-symbol order. */
struct bpf_program *bpf_object__next_program(const struct bpf_object *obj, struct bpf_program *prog)
{
	size_t next = prog ? (size_t)(prog - obj->progs) + 1 : 0;

	if (!obj || next >= obj->nr_progs)
		return NULL;
	return &obj->progs[next];
}

const char *bpf_program__name(const struct bpf_program *prog)
{
	return prog->name;
}

const char *bpf_program__section_name(const struct bpf_program *prog)
{
	return prog->sec_name;
}

int bpf_program__fd(const struct bpf_program *prog)
{
	if (!prog || prog->fd < 0) {
		errno = ENOENT;
		return -ENOENT;
	}
	return prog->fd;
}

enum bpf_prog_type bpf_program__type(const struct bpf_program *prog)
{
	return prog->type;
}

enum bpf_attach_type bpf_program__expected_attach_type(const struct bpf_program *prog)
{
	return prog->expected_attach_type;
}

__u32 bpf_program__flags(const struct bpf_program *prog)
{
	return prog->prog_flags;
}

bool bpf_program__autoload(const struct bpf_program *prog)
{
	return prog->autoload;
}

int bpf_program__set_autoload(struct bpf_program *prog, bool autoload)
{
	if (prog->obj && prog->obj->loaded) {
		errno = EINVAL;
		return -EINVAL;
	}
	prog->autoload = autoload;
	return 0;
}

const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog)
{
	return prog->insns;
}

size_t bpf_program__insn_cnt(const struct bpf_program *prog)
{
	return prog->insn_cnt;
}

__u32 bpf_program__log_level(const struct bpf_program *prog)
{
	return prog->log_level;
}

int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level)
{
	prog->log_level = log_level;
	return 0;
}

const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size)
{
	if (log_size)
		*log_size = prog->log_buf ? prog->log_size : 0;
	return prog->log_buf;
}
