/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfkern's BTF reader for programs: the part of libbpf's <bpf/btf.h> that
 * reads a BTF blob (an object's .BTF, or one fetched from the kernel with
 * BPF_BTF_GET_FD_BY_ID and bpf_btf_get_info_by_fd) and walks its types.
 * Same names, signatures and return conventions as libbpf 1.x: btf__new
 * returns NULL with errno set, lookups NULL or a negative errno. Every
 * record was checked against the blob when btf__new indexed it, so the
 * accessors below stay inside it. Implemented by lib/bpf/btf.c, for the host
 * and for ring 3.
 *
 * Quick use:
 *	struct btf *btf = btf__new(data, size);
 *	const struct btf_type *t = btf__type_by_id(btf, id);
 *	if (t && btf_is_struct(t))
 *		for (i = 0; i < btf_vlen(t); i++)
 *			puts(btf__name_by_offset(btf, btf_members(t)[i].name_off));
 *	btf__free(btf);
 */
#ifndef __BPFKERN_BPF_BTF_H
#define __BPFKERN_BPF_BTF_H

#include <stdbool.h>
#include <linux/bpf.h>

struct btf; /* opaque: a blob's copy and its types indexed by id */

/* A copy of the BTF blob data (size bytes) with its types indexed; NULL and errno if malformed. */
struct btf *btf__new(const void *data, __u32 size);
void btf__free(struct btf *btf);
/* The BTF object the kernel holds as id (BPF_BTF_GET_FD_BY_ID, then its info); NULL and errno. */
struct btf *btf__load_from_kernel_by_id(__u32 id);

/* Type id's record; NULL (errno EINVAL) for ids out of range, and NULL for id 0 (void). */
const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id);
/* The string at off in the string section; "" when off is out of range. */
const char *btf__name_by_offset(const struct btf *btf, __u32 off);
/* Number of type ids including void (valid ids are 1 .. btf__type_cnt() - 1). */
__u32 btf__type_cnt(const struct btf *btf);
/* The older name: number of types, void not counted. */
__u32 btf__get_nr_types(const struct btf *btf);
/* The size in bytes of type id, arrays multiplied out; -EINVAL, -E2BIG or -ELOOP. */
long long btf__resolve_size(const struct btf *btf, __u32 id);
/* The id type id names after typedefs, qualifiers and type tags; -EINVAL or -ELOOP. */
int btf__resolve_type(const struct btf *btf, __u32 id);
/* The id of the type called name of that kind (BTF_KIND_*); -ENOENT. */
int btf__find_by_name_kind(const struct btf *btf, const char *name, __u32 kind);

/*
 * The inline accessors of libbpf's btf.h. lib/bpf's own files see the same
 * records through the loader's view (lib/bpf/libbpf_internal.h) instead.
 */
#ifndef __BPFKERN_LIBBPF_INTERNAL_H
#include <linux/btf.h>

static inline __u16 btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline __u16 btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

static inline bool btf_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static inline bool btf_is_int(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_INT;
}

static inline bool btf_is_ptr(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_PTR;
}

static inline bool btf_is_array(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ARRAY;
}

static inline bool btf_is_struct(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_STRUCT;
}

static inline bool btf_is_union(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_UNION;
}

static inline bool btf_is_composite(const struct btf_type *t)
{
	return btf_is_struct(t) || btf_is_union(t);
}

static inline bool btf_is_enum(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM;
}

static inline bool btf_is_enum64(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM64;
}

static inline bool btf_is_fwd(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FWD;
}

static inline bool btf_is_typedef(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPEDEF;
}

static inline bool btf_is_volatile(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VOLATILE;
}

static inline bool btf_is_const(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_CONST;
}

static inline bool btf_is_restrict(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_RESTRICT;
}

static inline bool btf_is_type_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPE_TAG;
}

static inline bool btf_is_mod(const struct btf_type *t)
{
	return btf_is_volatile(t) || btf_is_const(t) || btf_is_restrict(t) || btf_is_type_tag(t);
}

static inline bool btf_is_func(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC;
}

static inline bool btf_is_func_proto(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC_PROTO;
}

static inline bool btf_is_var(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VAR;
}

static inline bool btf_is_datasec(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DATASEC;
}

static inline bool btf_is_float(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FLOAT;
}

static inline bool btf_is_decl_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DECL_TAG;
}

/* An INT's encoding word (BTF_INT_SIGNED...), bit offset and bit count. */
static inline __u8 btf_int_encoding(const struct btf_type *t)
{
	return BTF_INT_ENCODING(*(const __u32 *)(t + 1));
}

static inline __u8 btf_int_offset(const struct btf_type *t)
{
	return BTF_INT_OFFSET(*(const __u32 *)(t + 1));
}

static inline __u8 btf_int_bits(const struct btf_type *t)
{
	return BTF_INT_BITS(*(const __u32 *)(t + 1));
}

static inline struct btf_array *btf_array(const struct btf_type *t)
{
	return (struct btf_array *)(t + 1);
}

static inline struct btf_enum *btf_enum(const struct btf_type *t)
{
	return (struct btf_enum *)(t + 1);
}

static inline struct btf_enum64 *btf_enum64(const struct btf_type *t)
{
	return (struct btf_enum64 *)(t + 1);
}

static inline __u64 btf_enum64_value(const struct btf_enum64 *e)
{
	return ((__u64)e->val_hi32 << 32) | e->val_lo32;
}

static inline struct btf_member *btf_members(const struct btf_type *t)
{
	return (struct btf_member *)(t + 1);
}

/* Member member_idx's offset in bits (kind_flag: the low 24 bits of the offset word). */
static inline __u32 btf_member_bit_offset(const struct btf_type *t, __u32 member_idx)
{
	const struct btf_member *m = btf_members(t) + member_idx;

	return btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
}

/* Member member_idx's bitfield width, 0 for a whole-type member. */
static inline __u32 btf_member_bitfield_size(const struct btf_type *t, __u32 member_idx)
{
	const struct btf_member *m = btf_members(t) + member_idx;

	return btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
}

static inline struct btf_param *btf_params(const struct btf_type *t)
{
	return (struct btf_param *)(t + 1);
}

static inline struct btf_var *btf_var(const struct btf_type *t)
{
	return (struct btf_var *)(t + 1);
}

static inline struct btf_var_secinfo *btf_var_secinfos(const struct btf_type *t)
{
	return (struct btf_var_secinfo *)(t + 1);
}

static inline struct btf_decl_tag *btf_decl_tag(const struct btf_type *t)
{
	return (struct btf_decl_tag *)(t + 1);
}
#endif /* !__BPFKERN_LIBBPF_INTERNAL_H */

#endif
