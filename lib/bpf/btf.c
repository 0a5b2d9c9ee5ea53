// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's BTF reader: the user side only, as libbpf reads an
 * object's .BTF to learn its BTF-defined maps (the kernel's BTF_LOAD is a
 * separate matter). btf__parse_raw_mem() walks the type section once,
 * checking each record's length against the section and each name against
 * the string section, and indexes types by id; lookups afterwards check ids.
 * The same index answers libbpf's public BTF API (include/bpf/btf.h):
 * btf__new copies a blob and indexes it, for any program that reads BTF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libbpf_internal.h"
#include <bpf/btf.h>

#define BTF_MAX_NR_TYPES 0x7fffffff
#define BTF_MAX_RESOLVE_DEPTH 32

/* Bytes that follow a type record of this kind, or -1 for an unknown kind. */
static long btf_type_extra(const struct btf_type *t)
{
	unsigned int vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_DATASEC:
	case BTF_KIND_ENUM64:
		return (long)vlen * 12;
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * 8;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	default:
		return -1;
	}
}

/* The header: magic, version, and both sections inside the blob, 4-aligned types. */
static int btf_check_header(const struct btf_header *h, size_t size)
{
	__u64 data_len;

	if (size < sizeof(*h) || h->magic != BTF_MAGIC || h->version != 1) {
		pr_warn("btf: bad header (size %zu, magic 0x%x, version %u)\n", size,
			size >= sizeof(*h) ? h->magic : 0, size >= sizeof(*h) ? h->version : 0);
		return -EINVAL;
	}
	if (h->hdr_len < sizeof(*h) || h->hdr_len > size || h->hdr_len % 4) {
		pr_warn("btf: bad header length %u\n", h->hdr_len);
		return -EINVAL;
	}
	data_len = size - h->hdr_len;
	if (h->type_off % 4 || (__u64)h->type_off + h->type_len > data_len ||
	    (__u64)h->str_off + h->str_len > data_len || h->str_len == 0) {
		pr_warn("btf: types [%u, +%u) or strings [%u, +%u) outside the %llu data bytes\n",
			h->type_off, h->type_len, h->str_off, h->str_len,
			(unsigned long long)data_len);
		return -EINVAL;
	}
	return 0;
}

/* Walks the type section: counts records (types == NULL) or fills types[]. */
static int btf_walk_types(struct btf *btf, const __u8 *p, __u32 len, const struct btf_type **types)
{
	__u32 off = 0, id = 0;

	while (off < len) {
		const struct btf_type *t = (const struct btf_type *)(p + off);
		long extra;

		if (len - off < sizeof(*t)) {
			pr_warn("btf: type %u: record truncated\n", id + 1);
			return -EINVAL;
		}
		extra = btf_type_extra(t);
		if (extra < 0) {
			pr_warn("btf: type %u: unknown kind %u\n", id + 1, btf_kind(t));
			return -EINVAL;
		}
		if ((__u64)len - off - sizeof(*t) < (__u64)extra) {
			pr_warn("btf: type %u: %ld bytes of members run past the type section\n",
				id + 1, extra);
			return -EINVAL;
		}
		if (!elf_str(btf->strs, btf->strs_size, t->name_off)) {
			pr_warn("btf: type %u: name offset %u outside the strings\n", id + 1,
				t->name_off);
			return -EINVAL;
		}
		if (++id >= BTF_MAX_NR_TYPES)
			return -E2BIG;
		if (types)
			types[id] = t;
		off += sizeof(*t) + (__u32)extra;
	}
	btf->nr_types = id;
	return 0;
}

/*
 * btf__parse_raw_mem: indexes the BTF blob in data (4-byte aligned, outliving
 * btf). 0, or -EINVAL after a message saying what is malformed.
 */
int btf__parse_raw_mem(struct btf *btf, const void *data, size_t size)
{
	const struct btf_header *h = data;
	const __u8 *base = (const __u8 *)data;
	int err;

	memset(btf, 0, sizeof(*btf));
	if ((unsigned long)data % 4) {
		pr_warn("btf: section not 4-byte aligned\n");
		return -EINVAL;
	}
	err = btf_check_header(h, size);
	if (err)
		return err;
	btf->strs = (const char *)base + h->hdr_len + h->str_off;
	btf->strs_size = h->str_len;
	if (btf->strs[0] || btf->strs[btf->strs_size - 1]) {
		pr_warn("btf: string section must start and end with a NUL\n");
		return -EINVAL;
	}
	err = btf_walk_types(btf, base + h->hdr_len + h->type_off, h->type_len, NULL);
	if (err)
		return err;
	btf->types = calloc((size_t)btf->nr_types + 1, sizeof(*btf->types));
	if (!btf->types)
		return -ENOMEM;
	return btf_walk_types(btf, base + h->hdr_len + h->type_off, h->type_len, btf->types);
}

void btf__release(struct btf *btf)
{
	free(btf->types);
	memset(btf, 0, sizeof(*btf));
}

/* Type id's record, or NULL for void (0) and ids out of range. */
const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id)
{
	if (id > btf->nr_types)
		errno = EINVAL; /* as libbpf; void (0) is no record here */
	if (id == 0 || id > btf->nr_types)
		return NULL;
	return btf->types[id];
}

const char *btf__name_by_offset(const struct btf *btf, __u32 off)
{
	const char *s = elf_str(btf->strs, btf->strs_size, off);

	return s ? s : "";
}

/* The id of the DATASEC named name, or -ENOENT. */
int btf__find_datasec(const struct btf *btf, const char *name)
{
	__u32 id;

	for (id = 1; id <= btf->nr_types; id++) {
		const struct btf_type *t = btf->types[id];

		if (btf_kind(t) == BTF_KIND_DATASEC &&
		    !strcmp(btf__name_by_offset(btf, t->name_off), name))
			return (int)id;
	}
	return -ENOENT;
}

/* The type id names after typedefs and qualifiers (bounded depth); NULL if none. */
const struct btf_type *btf__skip_mods(const struct btf *btf, __u32 id, __u32 *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth = 0;

	while (t && depth++ < BTF_MAX_RESOLVE_DEPTH) {
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->size_or_type;
			t = btf__type_by_id(btf, id);
			continue;
		default:
			if (res_id)
				*res_id = id;
			return t;
		}
	}
	return NULL;
}

/* The size in bytes of type id (arrays multiplied out), or -EINVAL. */
long long btf__resolve_size(const struct btf *btf, __u32 id)
{
	long long nelems = 1;
	int depth = 0;

	while (depth++ < BTF_MAX_RESOLVE_DEPTH) {
		const struct btf_type *t = btf__skip_mods(btf, id, &id);
		const struct btf_array *arr;

		if (!t)
			return -EINVAL;
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_DATASEC:
		case BTF_KIND_FLOAT:
			return nelems * t->size_or_type;
		case BTF_KIND_PTR:
			return nelems * 8;
		case BTF_KIND_ARRAY:
			arr = (const struct btf_array *)(t + 1);
			if (arr->nelems && nelems > (1LL << 32) / arr->nelems)
				return -E2BIG;
			nelems *= arr->nelems;
			id = arr->type;
			continue;
		default:
			return -EINVAL;
		}
	}
	return -ELOOP;
}

/* ---- libbpf's public BTF API (include/bpf/btf.h) over the same index ---- */

struct btf *btf__new(const void *data, __u32 size)
{
	/* one block: the index, then the blob's copy (8-aligned after it) */
	struct btf *btf = malloc(sizeof(*btf) + size);
	int err;

	if (!btf) {
		errno = ENOMEM;
		return NULL;
	}
	memcpy(btf + 1, data, size);
	err = btf__parse_raw_mem(btf, btf + 1, size);
	if (err) {
		free(btf);
		errno = -err;
		return NULL;
	}
	return btf;
}

void btf__free(struct btf *btf)
{
	if (!btf)
		return;
	btf__release(btf);
	free(btf);
}

struct btf *btf__load_from_kernel_by_id(__u32 id)
{
	struct bpf_btf_info info = { 0 };
	__u32 len = sizeof(info), size;
	struct btf *btf = NULL;
	void *data = NULL;
	int fd = bpf_btf_get_fd_by_id(id), err = 0;

	if (fd < 0)
		return NULL;
	if (bpf_obj_get_info_by_fd(fd, &info, &len) || !info.btf_size) {
		err = info.btf_size ? errno : EINVAL;
		goto out;
	}
	size = info.btf_size;
	data = malloc(size);
	memset(&info, 0, sizeof(info));
	info.btf = (__u64)(unsigned long)data;
	info.btf_size = size;
	len = sizeof(info);
	if (!data)
		err = ENOMEM;
	else if (bpf_obj_get_info_by_fd(fd, &info, &len))
		err = errno;
	else
		btf = btf__new(data, size);
out:
	close(fd);
	free(data);
	if (err)
		errno = err;
	return btf;
}

__u32 btf__type_cnt(const struct btf *btf)
{
	return btf->nr_types + 1;
}

__u32 btf__get_nr_types(const struct btf *btf)
{
	return btf->nr_types;
}

int btf__resolve_type(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth = 0;

	while (t && (btf_kind(t) == BTF_KIND_TYPEDEF || btf_kind(t) == BTF_KIND_VOLATILE ||
		     btf_kind(t) == BTF_KIND_CONST || btf_kind(t) == BTF_KIND_RESTRICT ||
		     btf_kind(t) == BTF_KIND_TYPE_TAG)) {
		if (depth++ >= BTF_MAX_RESOLVE_DEPTH)
			return -ELOOP;
		id = t->size_or_type;
		t = btf__type_by_id(btf, id);
	}
	return t ? (int)id : -EINVAL;
}

int btf__find_by_name_kind(const struct btf *btf, const char *name, __u32 kind)
{
	if (kind == BTF_KIND_UNKN && !strcmp(name, "void"))
		return 0;
	for (__u32 id = 1; id <= btf->nr_types; id++) {
		const struct btf_type *t = btf->types[id];

		if (btf_kind(t) == kind && !strcmp(btf__name_by_offset(btf, t->name_off), name))
			return (int)id;
	}
	return -ENOENT;
}

/* ---- what libbpf does to .BTF before the kernel sees it ---- */
#define BTF_VAR_LINKAGE_STATIC 0
#define BTF_VAR_LINKAGE_GLOBAL 1

/* A little-endian u32 at p, whatever its alignment. */
static __u32 rd32(const __u8 *p)
{
	__u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The symbol naming variable name in section sec_idx, or NULL. */
static const Elf64_Sym *find_var_sym(const struct elf_file *ef, size_t sec_idx, const char *name)
{
	size_t i;

	for (i = 0; i < ef->nsyms; i++) {
		const Elf64_Sym *sym = &ef->syms[i];

		if (sym->st_shndx == sec_idx && ELF64_ST_TYPE(sym->st_info) == STT_OBJECT &&
		    !strcmp(elf_sym_name(ef, sym), name))
			return sym;
	}
	return NULL;
}

/* Sorts a DATASEC's variables by offset (insertion sort: a section has few). */
static void sort_secinfo(struct btf_var_secinfo *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		struct btf_var_secinfo cur = v[i];

		for (j = i; j && v[j - 1].offset > cur.offset; j--)
			v[j] = v[j - 1];
		v[j] = cur;
	}
}

/* The end of a DATASEC's last variable: its size when no ELF section says otherwise. */
static __u32 datasec_extent(const struct btf_type *t)
{
	const struct btf_var_secinfo *v = (const struct btf_var_secinfo *)(t + 1);
	__u32 end = 0, i;

	for (i = 0; i < btf_vlen(t); i++)
		if (v[i].offset + v[i].size > end)
			end = v[i].offset + v[i].size;
	return end;
}

/*
 * clang leaves each DATASEC's size and its variables' offsets 0 in an
 * object file: the linker would place them. Like libbpf's
 * btf_fixup_datasec, take them from the ELF section of the same name and
 * from each variable's symbol, and sort the variables. The BTF is changed
 * in place (it must sit in writable memory: the object's copy of the file).
 * Where libbpf gives up (a DATASEC whose section clang merged away, as a
 * static const array moved to .rodata.cst4), the DATASEC keeps the extent
 * of its variables: no map uses it, and the rest of the BTF stays usable.
 * 0, or -ENOENT when a global variable has no symbol.
 */
int btf__fixup_datasecs(struct btf *btf, const struct elf_file *ef)
{
	__u32 id;
	size_t s;

	for (id = 1; id <= btf->nr_types; id++) {
		struct btf_type *t = (struct btf_type *)btf->types[id];
		struct btf_var_secinfo *v = (struct btf_var_secinfo *)(t + 1);
		const char *name = btf__name_by_offset(btf, t->name_off);
		unsigned int i;

		if (btf_kind(t) != BTF_KIND_DATASEC || t->size_or_type)
			continue;
		for (s = 1; s < ef->nsecs && strcmp(ef->secs[s].name, name); s++)
			;
		if (s == ef->nsecs || !ef->secs[s].shdr->sh_size) {
			pr_debug("sec '%s': no ELF section; its variables' extent is its size\n",
				 name);
			t->size_or_type = datasec_extent(t);
			continue;
		}
		t->size_or_type = (__u32)ef->secs[s].shdr->sh_size;
		for (i = 0; i < btf_vlen(t); i++) {
			const struct btf_type *var = btf__type_by_id(btf, v[i].type);
			const char *var_name = var ? btf__name_by_offset(btf, var->name_off) : "";
			const Elf64_Sym *sym = find_var_sym(ef, s, var_name);
			__u32 linkage;

			if (sym) {
				v[i].offset = (__u32)sym->st_value;
				continue;
			}
			linkage = var && btf_kind(var) == BTF_KIND_VAR
					  ? rd32((const __u8 *)(var + 1))
					  : BTF_VAR_LINKAGE_GLOBAL;
			if (linkage == BTF_VAR_LINKAGE_STATIC)
				continue; /* a static clang kept no symbol for */
			pr_warn("failed to find ELF symbol for variable '%s' in section '%s'\n",
				var_name, name);
			return -ENOENT;
		}
		sort_secinfo(v, btf_vlen(t));
	}
	return 0;
}

/* ---- .BTF.ext ---- */
struct btf_ext_header {
	__u16 magic;
	__u8 version, flags;
	__u32 hdr_len;
	__u32 func_info_off, func_info_len;
	__u32 line_info_off, line_info_len;
};

/*
 * One info block of .BTF.ext at data[off, off + len): a record size of at
 * least min_rec, then groups whose names are BTF strings and whose records
 * fit. 0 or -EINVAL after a message.
 */
static int btf_ext_check_info(const struct btf *btf, const __u8 *data, size_t size, __u32 off,
			      __u32 len, __u32 min_rec, const char *what, const __u8 **out,
			      __u32 *out_len)
{
	const __u8 *p = data + off;
	__u32 rec, pos = 4;

	*out = NULL;
	*out_len = 0;
	if (!len)
		return 0;
	if ((__u64)off + len > size || len < 4 || (rec = rd32(p)) < min_rec || rec % 4) {
		pr_warn("btf_ext: %s: %u bytes at %u do not hold records\n", what, len, off);
		return -EINVAL;
	}
	while (pos < len) {
		__u32 name_off, n;

		if (len - pos < 8) {
			pr_warn("btf_ext: %s: section header truncated\n", what);
			return -EINVAL;
		}
		name_off = rd32(p + pos);
		n = rd32(p + pos + 4);
		if (!elf_str(btf->strs, btf->strs_size, name_off) || !n ||
		    (__u64)n * rec > len - pos - 8) {
			pr_warn("btf_ext: %s: section at %u: bad name (%u) or %u records\n", what,
				pos, name_off, n);
			return -EINVAL;
		}
		pos += 8 + n * rec;
	}
	*out = p;
	*out_len = len;
	return 0;
}

/* btf_ext__parse: the header and both info blocks of a .BTF.ext section. */
int btf_ext__parse(struct btf_ext *ext, const struct btf *btf, const void *data, size_t size)
{
	const __u8 *p = data;
	struct btf_ext_header h;
	int err;

	memset(ext, 0, sizeof(*ext));
	memset(&h, 0, sizeof(h));
	if (size < 8) {
		pr_warn("btf_ext: %zu bytes are no header\n", size);
		return -EINVAL;
	}
	memcpy(&h, p, size < sizeof(h) ? size : sizeof(h));
	if (h.magic != BTF_MAGIC || h.version != 1 || h.flags || h.hdr_len < sizeof(h) ||
	    h.hdr_len > size) {
		pr_warn("btf_ext: bad header (magic 0x%x, version %u, flags %u, hdr_len %u)\n",
			h.magic, h.version, h.flags, h.hdr_len);
		return -EINVAL;
	}
	err = btf_ext_check_info(btf, p + h.hdr_len, size - h.hdr_len, h.func_info_off,
				 h.func_info_len, 8, "func_info", &ext->func, &ext->func_len);
	return err
		       ?: btf_ext_check_info(btf, p + h.hdr_len, size - h.hdr_len, h.line_info_off,
					     h.line_info_len, 16, "line_info", &ext->line,
					     &ext->line_len);
}

/*
 * Appends to *recs (*nr_recs records of krec_size bytes) the records of
 * info that belong to instructions [start, start + cnt) of section
 * sec_name, their insn_off made an instruction index in the linked program
 * (new_off + index - start). .BTF.ext counts bytes; the kernel counts insns.
 */
int btf_ext__append(const struct btf *btf, const __u8 *info, __u32 info_len, size_t krec_size,
		    const char *sec_name, size_t start, size_t cnt, size_t new_off, void **recs,
		    __u32 *nr_recs)
{
	__u32 rec = info ? rd32(info) : 0, pos = 4, i;

	while (info && pos < info_len) {
		const char *name = btf__name_by_offset(btf, rd32(info + pos));
		__u32 n = rd32(info + pos + 4);
		const __u8 *r = info + pos + 8;

		pos += 8 + n * rec;
		if (strcmp(name, sec_name))
			continue;
		for (i = 0; i < n; i++, r += rec) {
			__u32 idx = rd32(r) / 8, off;
			__u8 *grown;

			if (rd32(r) % 8 || idx < start || idx >= start + cnt)
				continue;
			grown = realloc(*recs, (*nr_recs + 1) * krec_size);
			if (!grown)
				return -ENOMEM;
			*recs = grown;
			grown += *nr_recs * krec_size;
			memset(grown, 0, krec_size);
			memcpy(grown, r, rec < krec_size ? rec : krec_size);
			off = (__u32)(new_off + idx - start);
			memcpy(grown, &off, sizeof(off));
			(*nr_recs)++;
		}
	}
	return 0;
}
