// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's BTF reader: the user side only, as libbpf reads an
 * object's .BTF to learn its BTF-defined maps (the kernel's BTF_LOAD is a
 * separate matter). btf__parse_raw_mem() walks the type section once,
 * checking each record's length against the section and each name against
 * the string section, and indexes types by id; lookups afterwards check ids.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf_internal.h"

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
