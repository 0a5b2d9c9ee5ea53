// SPDX-License-Identifier: GPL-2.0
/*
 * BTF_LOAD's parser (Linux: kernel/bpf/btf.c, btf_parse). A blob is checked
 * in Linux's order and refused with Linux's errno and log wording:
 *
 *   1. the header: magic, version, flags, hdr_len, and the type and string
 *      sections inside the blob, without gaps or overlap;
 *   2. the string section: last in the blob, NUL first and last;
 *   3. every type's record (check_meta): its kind, vlen, kind_flag, size
 *      and names, one kind per function below;
 *   4. every type that refers to others (resolve): the ids exist, the
 *      referred type is of a kind allowed there, sizes add up, and no chain
 *      of references loops back on itself;
 *   5. type tags come before the other modifiers of a chain;
 *   6. a struct holds at most one struct bpf_spin_lock, 4-byte aligned.
 *
 * It also answers what maps ask of their value type (btf_find_spin_lock)
 * and checks PROG_LOAD's func_info and line_info (btf_prog_check_info).
 *
 * Resolution is Linux's depth-first walk (env_stack_push in Linux) written
 * as recursion bounded at MAX_RESOLVE_DEPTH. Its "mode" decides where a walk
 * stops: a walk from a pointer stops at anything that is not a pointer or
 * modifier; a walk from a struct or array stops at pointers. That is why a
 * struct may point to itself but may not contain itself.
 */
#include <bpfkern/bpf_syscall.h>
#include <bpfkern/btf.h>
#include <bpfkern/uaccess.h>
#include <bpfkern/verifier.h>
#include <stdio.h> /* snprintf and vsnprintf only */
#include <string.h>
#include "verifier_internal.h"

#define MAX_RESOLVE_DEPTH 32
#define KSYM_NAME_LEN 512
#define BITS_PER_U128 128
#define BITS_ROUNDUP_BYTES(bits) (((bits) + 7) / 8)
#define BITS_PER_BYTE_MASKED(bits) ((bits)&7)
#define BTF_INFO_MASK 0x9f00ffffu
#define BTF_INT_MASK 0x0fffffffu

static const struct btf_type btf_void; /* id 0: kind UNKN */

enum resolve_mode { RESOLVE_TBD, RESOLVE_PTR, RESOLVE_STRUCT_OR_ARRAY };
enum visit_state { NOT_VISITED, VISITED, RESOLVED };
enum verifier_phase { CHECK_META, CHECK_TYPE };

struct btf_verifier_env {
	struct btf *btf;
	struct bpf_verifier_log log;
	u32 log_type_id;
	enum verifier_phase phase;
	enum resolve_mode resolve_mode;
	u8 *visit_states;
	u32 depth;
};

/* ------------------------------------------------------------------------
 * Kinds and their properties
 */
static const char *const btf_kind_str[NR_BTF_KINDS] = {
	"UNKNOWN", "INT",     "PTR",	  "ARRAY",    "STRUCT",	  "UNION",  "ENUM",
	"FWD",	   "TYPEDEF", "VOLATILE", "CONST",    "RESTRICT", "FUNC",   "FUNC_PROTO",
	"VAR",	   "DATASEC", "FLOAT",	  "DECL_TAG", "TYPE_TAG", "ENUM64",
};

static u32 btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static u16 btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

static bool btf_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static bool btf_is_modifier(const struct btf_type *t)
{
	u32 k = btf_kind(t);

	return k == BTF_KIND_TYPEDEF || k == BTF_KIND_VOLATILE || k == BTF_KIND_CONST ||
	       k == BTF_KIND_RESTRICT || k == BTF_KIND_TYPE_TAG;
}

static bool btf_is_struct(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_STRUCT || btf_kind(t) == BTF_KIND_UNION;
}

/* Kinds whose size is in the record itself. */
static bool btf_has_size(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_DATASEC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM64:
		return true;
	default:
		return false;
	}
}

/* void, FWD, FUNC, FUNC_PROTO: nothing can be stored in them; NULL: no such id. */
static bool btf_nosize_or_null(const struct btf_type *t)
{
	u32 k;

	if (!t)
		return true;
	k = btf_kind(t);
	return t == &btf_void || k == BTF_KIND_FWD || k == BTF_KIND_FUNC ||
	       k == BTF_KIND_FUNC_PROTO;
}

/* Kinds no other type may refer to as a value type. */
static bool btf_is_resolve_source_only(const struct btf_type *t)
{
	u32 k = btf_kind(t);

	return k == BTF_KIND_VAR || k == BTF_KIND_DECL_TAG || k == BTF_KIND_DATASEC;
}

static bool btf_needs_resolve(const struct btf_type *t)
{
	u32 k = btf_kind(t);

	return btf_is_modifier(t) || k == BTF_KIND_PTR || btf_is_struct(t) || k == BTF_KIND_ARRAY ||
	       k == BTF_KIND_VAR || k == BTF_KIND_FUNC || k == BTF_KIND_DECL_TAG ||
	       k == BTF_KIND_DATASEC;
}

bool btf_type_is_func(const struct btf_type *t)
{
	return t && btf_kind(t) == BTF_KIND_FUNC;
}

const struct btf_type *btf_type_by_id(const struct btf *btf, u32 id)
{
	return id < btf->nr_types ? btf->types[id] : NULL;
}

const char *btf_str_by_offset(const struct btf *btf, u32 off)
{
	return off < btf->hdr.str_len ? btf->strings + off : NULL;
}

const char *btf_name_by_offset(const struct btf *btf, u32 off)
{
	const char *name = btf_str_by_offset(btf, off);

	if (!off)
		return "(anon)";
	return name ? name : "(invalid-name-offset)";
}

static bool btf_name_offset_valid(const struct btf *btf, u32 off)
{
	return off <= BTF_MAX_NAME_OFFSET && off < btf->hdr.str_len;
}

/*
 * The kernel's <linux/ctype.h> classes, which are Latin-1: bytes 0xc0-0xff
 * are letters (but for 0xd7 and 0xf7), 0xa0-0xff printable. Names in BTF
 * are checked with these, so a Latin-1 letter is a valid identifier char.
 */
static bool is_alpha(char ch)
{
	unsigned char c = (unsigned char)ch;

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xc0 && c != 0xd7 && c != 0xf7);
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool is_print(char ch)
{
	unsigned char c = (unsigned char)ch;

	return (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
}

/*
 * A C identifier of fewer than KSYM_NAME_LEN chars, where Linux 6.18 also
 * takes '.' anywhere (clang names static locals "func.var").
 */
static bool btf_name_valid_identifier(const struct btf *btf, u32 off)
{
	const char *s = btf_str_by_offset(btf, off), *limit;

	if (!s || (!is_alpha(*s) && *s != '_' && *s != '.'))
		return false;
	for (limit = s + KSYM_NAME_LEN, s++; *s && s < limit; s++)
		if (!is_alnum(*s) && *s != '_' && *s != '.')
			return false;
	return !*s;
}

/* A section name: non-empty, printable (Linux: btf_name_valid_section). */
static bool btf_name_valid_section(const struct btf *btf, u32 off)
{
	const char *s = btf_str_by_offset(btf, off), *limit;

	if (!s || !*s)
		return false;
	for (limit = s + KSYM_NAME_LEN; *s && s < limit; s++)
		if (!is_print(*s))
			return false;
	return !*s;
}

static bool btf_int_is_regular(const struct btf_type *t)
{
	u32 data = *(const u32 *)(t + 1);
	u32 bits = BTF_INT_BITS(data), bytes = BITS_ROUNDUP_BYTES(bits);

	return !BITS_PER_BYTE_MASKED(bits) && !BTF_INT_OFFSET(data) &&
	       (bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8 || bytes == 16);
}

static u32 btf_resolved_id(const struct btf *btf, u32 id)
{
	return btf->resolved_ids[id];
}

const struct btf_type *btf_type_id_size(const struct btf *btf, u32 *type_id, u32 *size_out)
{
	u32 id = *type_id, size;
	const struct btf_type *t = btf_type_by_id(btf, id);

	if (btf_nosize_or_null(t))
		return NULL;
	if (btf_is_modifier(t) || btf_kind(t) == BTF_KIND_VAR) {
		if (!btf->resolved_ids)
			return NULL;
		id = btf_resolved_id(btf, id);
		t = btf_type_by_id(btf, id);
		if (btf_nosize_or_null(t))
			return NULL;
	}
	if (btf_has_size(t))
		size = t->size;
	else if (btf_kind(t) == BTF_KIND_ARRAY)
		size = btf->resolved_sizes ? btf->resolved_sizes[id] : 0;
	else if (btf_kind(t) == BTF_KIND_PTR)
		size = sizeof(u64);
	else
		return NULL;
	*type_id = id;
	if (size_out)
		*size_out = size;
	return t;
}

/* ------------------------------------------------------------------------
 * The log, in Linux's words: "[id] KIND name details message"
 */
static void btf_verifier_log(struct btf_verifier_env *env, const char *fmt, ...) __printf(2, 3);
static void btf_verifier_log(struct btf_verifier_env *env, const char *fmt, ...)
{
	va_list ap;

	if (!env->log.level)
		return;
	va_start(ap, fmt);
	bpf_verifier_vlog(&env->log, fmt, ap);
	va_end(ap);
}

/* "return=N args=(T name, ..., vararg)" as Linux's btf_func_proto_log. */
static void btf_log_proto_args(struct btf_verifier_env *env, const struct btf_type *t)
{
	const struct btf_param *args = (const void *)(t + 1);
	u16 n = btf_vlen(t), i;

	btf_verifier_log(env, "return=%u args=(", t->type);
	if (!n)
		btf_verifier_log(env, "void");
	else if (n == 1 && !args[0].type)
		btf_verifier_log(env, "vararg");
	for (i = 0; n && !(n == 1 && !args[0].type) && i < n; i++) {
		if (i == n - 1 && i && !args[i].type)
			btf_verifier_log(env, ", vararg");
		else
			btf_verifier_log(env, "%s%u %s", i ? ", " : "", args[i].type,
					 btf_name_by_offset(env->btf, args[i].name_off));
	}
	btf_verifier_log(env, ")");
}

/* The details Linux prints after a type's name (its log_details op). */
static void btf_log_details(struct btf_verifier_env *env, const struct btf_type *t)
{
	static const char *const enc[] = { "(none)", "SIGNED", "CHAR", "UNKN", "BOOL" };
	const struct btf_array *a = (const void *)(t + 1);
	const u32 *data = (const u32 *)(t + 1); /* INT, VAR, DECL_TAG: one word */
	u32 e;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		e = BTF_INT_ENCODING(*data);
		btf_verifier_log(env, "size=%u bits_offset=%u nr_bits=%u encoding=%s", t->size,
				 BTF_INT_OFFSET(*data), BTF_INT_BITS(*data),
				 e <= 4 ? enc[e] : "UNKN");
		break;
	case BTF_KIND_ARRAY:
		btf_verifier_log(env, "type_id=%u index_type_id=%u nr_elems=%u", a->type,
				 a->index_type, a->nelems);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_DATASEC:
		btf_verifier_log(env, "size=%u vlen=%u", t->size, btf_vlen(t));
		break;
	case BTF_KIND_FWD:
		btf_verifier_log(env, "%s", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC_PROTO:
		btf_log_proto_args(env, t);
		break;
	case BTF_KIND_VAR:
		btf_verifier_log(env, "type_id=%u linkage=%u", t->type, *data);
		break;
	case BTF_KIND_FLOAT:
		btf_verifier_log(env, "size=%u", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		btf_verifier_log(env, "type=%u component_idx=%d", t->type, (s32)*data);
		break;
	default: /* pointers, modifiers, FUNC */
		btf_verifier_log(env, "type_id=%u", t->type);
	}
}

static void btf_vlog_type(struct btf_verifier_env *env, const struct btf_type *t, bool details,
			  const char *fmt, va_list ap)
{
	if (!env->log.level)
		return;
	btf_verifier_log(env, "[%u] %s %s%s", env->log_type_id, btf_kind_str[btf_kind(t)],
			 btf_name_by_offset(env->btf, t->name_off), details ? " " : "");
	if (details)
		btf_log_details(env, t);
	if (fmt && *fmt) {
		btf_verifier_log(env, " ");
		bpf_verifier_vlog(&env->log, fmt, ap);
	}
	btf_verifier_log(env, "\n");
}

/* "[id] KIND name details[ message]" (Linux: btf_verifier_log_type). */
static void btf_log_type(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			 ...) __printf(3, 4);
static void btf_log_type(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			 ...)
{
	va_list ap;

	va_start(ap, fmt);
	btf_vlog_type(env, t, true, fmt, ap);
	va_end(ap);
}

/* A refused type: btf_log_type's line, then -EINVAL, for `return btf_type_reject(...)`. */
static int btf_type_reject(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			   ...) __printf(3, 4);
static int btf_type_reject(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			   ...)
{
	va_list ap;

	va_start(ap, fmt);
	btf_vlog_type(env, t, true, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* "[id] KIND name message": for records too short to show details. */
static void btf_log_basic(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			  ...) __printf(3, 4);
static void btf_log_basic(struct btf_verifier_env *env, const struct btf_type *t, const char *fmt,
			  ...)
{
	va_list ap;

	va_start(ap, fmt);
	btf_vlog_type(env, t, false, fmt, ap);
	va_end(ap);
}

/* A struct member's line ("\tname type_id=N bits_offset=N[ message]"). */
static void btf_log_member(struct btf_verifier_env *env, const struct btf_type *st,
			   const struct btf_member *m, const char *msg)
{
	if (!env->log.level)
		return;
	if (env->phase != CHECK_META)
		btf_log_type(env, st, NULL);
	if (btf_kflag(st))
		btf_verifier_log(env, "\t%s type_id=%u bitfield_size=%u bits_offset=%u",
				 btf_name_by_offset(env->btf, m->name_off), m->type,
				 BTF_MEMBER_BITFIELD_SIZE(m->offset),
				 BTF_MEMBER_BIT_OFFSET(m->offset));
	else
		btf_verifier_log(env, "\t%s type_id=%u bits_offset=%u",
				 btf_name_by_offset(env->btf, m->name_off), m->type, m->offset);
	btf_verifier_log(env, "%s%s\n", msg ? " " : "", msg ? msg : "");
}

/* A DATASEC variable's line ("\t type_id=N offset=N size=N[ message]"). */
static void btf_log_vsi(struct btf_verifier_env *env, const struct btf_type *ds,
			const struct btf_var_secinfo *v, const char *msg)
{
	if (!env->log.level)
		return;
	if (env->phase != CHECK_META)
		btf_log_type(env, ds, NULL);
	btf_verifier_log(env, "\t type_id=%u offset=%u size=%u%s%s\n", v->type, v->offset, v->size,
			 msg ? " " : "", msg ? msg : "");
}

/* ------------------------------------------------------------------------
 * Phase 1: each record on its own (Linux: the kinds' check_meta). Each
 * returns the bytes that follow the struct btf_type, or -errno.
 */
#define META_NEEDED(env, t, left, needed)                                                   \
	do {                                                                                \
		if ((left) < (needed)) {                                                    \
			btf_log_basic(env, t, "meta_left:%u meta_needed:%u", left, needed); \
			return -EINVAL;                                                     \
		}                                                                           \
	} while (0)

/* The rules every kind without members shares: vlen 0, and (most) no kind_flag. */
static int btf_check_no_vlen(struct btf_verifier_env *env, const struct btf_type *t, bool kflag_ok)
{
	if (btf_vlen(t))
		return btf_type_reject(env, t, "vlen != 0");
	if (!kflag_ok && btf_kflag(t))
		return btf_type_reject(env, t, "Invalid btf_info kind_flag");
	return 0;
}

static s32 btf_int_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	u32 data, nr_bits, enc;
	int err;

	META_NEEDED(env, t, left, 4u);
	err = btf_check_no_vlen(env, t, false);
	if (err)
		return err;
	data = *(const u32 *)(t + 1);
	if (data & ~BTF_INT_MASK) {
		btf_log_basic(env, t, "Invalid int_data:%x", data);
		return -EINVAL;
	}
	nr_bits = BTF_INT_BITS(data) + BTF_INT_OFFSET(data);
	if (nr_bits > BITS_PER_U128)
		return btf_type_reject(env, t, "nr_bits exceeds %u", BITS_PER_U128);
	if (BITS_ROUNDUP_BYTES(nr_bits) > t->size)
		return btf_type_reject(env, t, "nr_bits exceeds type_size");
	enc = BTF_INT_ENCODING(data);
	if (enc && enc != BTF_INT_SIGNED && enc != BTF_INT_CHAR && enc != BTF_INT_BOOL) {
		btf_log_type(env, t, "Unsupported encoding");
		return -ENOTSUPP;
	}
	btf_log_type(env, t, NULL);
	return 4;
}

/* PTR and the modifiers: a type id; a name only for TYPEDEF and TYPE_TAG. */
static s32 btf_ref_type_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	const char *value;
	int err = btf_check_no_vlen(env, t, btf_kind(t) == BTF_KIND_TYPE_TAG);

	if (err)
		return err;
	if (t->type > BTF_MAX_TYPE)
		return btf_type_reject(env, t, "Invalid type_id");
	if (btf_kind(t) == BTF_KIND_TYPEDEF) {
		if (!t->name_off || !btf_name_valid_identifier(env->btf, t->name_off))
			goto bad_name;
	} else if (btf_kind(t) == BTF_KIND_TYPE_TAG) {
		value = btf_str_by_offset(env->btf, t->name_off);
		if (!value || !value[0])
			goto bad_name;
	} else if (t->name_off) {
		goto bad_name;
	}
	btf_log_type(env, t, NULL);
	return 0;
bad_name:
	btf_log_type(env, t, "Invalid name");
	return -EINVAL;
}

static s32 btf_fwd_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	int err = btf_check_no_vlen(env, t, true);

	if (err)
		return err;
	if (t->type)
		return btf_type_reject(env, t, "type != 0");
	if (!t->name_off || !btf_name_valid_identifier(env->btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	btf_log_type(env, t, NULL);
	return 0;
}

static s32 btf_array_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	const struct btf_array *a = (const void *)(t + 1);
	int err;

	META_NEEDED(env, t, left, (u32)sizeof(*a));
	if (t->name_off)
		return btf_type_reject(env, t, "Invalid name");
	err = btf_check_no_vlen(env, t, false);
	if (err)
		return err;
	if (t->size)
		return btf_type_reject(env, t, "size != 0");
	if (!a->type || a->type > BTF_MAX_TYPE)
		return btf_type_reject(env, t, "Invalid elem");
	if (!a->index_type || a->index_type > BTF_MAX_TYPE)
		return btf_type_reject(env, t, "Invalid index");
	btf_log_type(env, t, NULL);
	return sizeof(*a);
}

static u32 btf_member_bit_offset(const struct btf_type *st, const struct btf_member *m)
{
	return btf_kflag(st) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
}

/* STRUCT and UNION: names, member ids, and offsets ascending within the size. */
static s32 btf_struct_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	const struct btf_member *m = (const void *)(t + 1);
	u32 needed = btf_vlen(t) * (u32)sizeof(*m), last = 0, off, i;
	bool is_union = btf_kind(t) == BTF_KIND_UNION;
	const struct btf *btf = env->btf;

	META_NEEDED(env, t, left, needed);
	if (t->name_off && !btf_name_valid_identifier(btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	btf_log_type(env, t, NULL);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *why = NULL;
		char bad_off[48];

		off = btf_member_bit_offset(t, m);
		snprintf(bad_off, sizeof(bad_off), "Invalid member name_offset:%u", m->name_off);
		if (!btf_name_offset_valid(btf, m->name_off))
			why = bad_off;
		else if (m->name_off && !btf_name_valid_identifier(btf, m->name_off))
			why = "Invalid name";
		else if (!m->type || m->type > BTF_MAX_TYPE)
			why = "Invalid type_id";
		else if ((is_union && off) || last > off)
			why = "Invalid member bits_offset";
		else if (BITS_ROUNDUP_BYTES(off) > t->size)
			why = "Member bits_offset exceeds its struct size";
		btf_log_member(env, t, m, why);
		if (why)
			return -EINVAL;
		last = off;
	}
	return needed;
}

/* ENUM (4-byte values) and ENUM64 (8-byte): size a power of 2 up to 8, named enumerators. */
static s32 btf_enum_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	bool is64 = btf_kind(t) == BTF_KIND_ENUM64;
	u32 rec = is64 ? sizeof(struct btf_enum64) : sizeof(struct btf_enum);
	u32 needed = btf_vlen(t) * rec, i;
	const u8 *p = (const u8 *)(t + 1);
	const struct btf *btf = env->btf;

	META_NEEDED(env, t, left, needed);
	if (t->size > 8 || !t->size || (t->size & (t->size - 1)))
		return btf_type_reject(env, t, "Unexpected size");
	if (t->name_off && !btf_name_valid_identifier(btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	btf_log_type(env, t, NULL);
	for (i = 0; i < btf_vlen(t); i++, p += rec) {
		u32 name_off = *(const u32 *)p;

		if (!btf_name_offset_valid(btf, name_off)) {
			btf_verifier_log(env, "\tInvalid name_offset:%u", name_off);
			return -EINVAL;
		}
		if (!name_off || !btf_name_valid_identifier(btf, name_off))
			return btf_type_reject(env, t, "Invalid name");
		btf_verifier_log(env, "\t%s\n", btf_name_by_offset(btf, name_off));
	}
	return needed;
}

static s32 btf_func_proto_check_meta(struct btf_verifier_env *env, const struct btf_type *t,
				     u32 left)
{
	u32 needed = btf_vlen(t) * (u32)sizeof(struct btf_param);

	META_NEEDED(env, t, left, needed);
	if (t->name_off)
		return btf_type_reject(env, t, "Invalid name");
	if (btf_kflag(t))
		return btf_type_reject(env, t, "Invalid btf_info kind_flag");
	btf_log_type(env, t, NULL);
	return needed;
}

/* FUNC: a named function; vlen is its linkage (static or global). */
static s32 btf_func_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	if (!t->name_off || !btf_name_valid_identifier(env->btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	if (btf_vlen(t) > BTF_FUNC_GLOBAL)
		return btf_type_reject(env, t, "Invalid func linkage");
	if (btf_kflag(t))
		return btf_type_reject(env, t, "Invalid btf_info kind_flag");
	btf_log_type(env, t, NULL);
	return 0;
}

static s32 btf_var_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	u32 linkage;
	int err;

	META_NEEDED(env, t, left, (u32)sizeof(struct btf_var));
	err = btf_check_no_vlen(env, t, false);
	if (err)
		return err;
	if (!t->name_off || !btf_name_valid_identifier(env->btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	if (!t->type || t->type > BTF_MAX_TYPE)
		return btf_type_reject(env, t, "Invalid type_id");
	linkage = *(const u32 *)(t + 1);
	if (linkage != BTF_VAR_STATIC && linkage != BTF_VAR_GLOBAL_ALLOCATED)
		return btf_type_reject(env, t, "Linkage not supported");
	btf_log_type(env, t, NULL);
	return sizeof(struct btf_var);
}

/* DATASEC: a named section of variables, each inside it, in order, not overlapping. */
static s32 btf_datasec_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	const struct btf_var_secinfo *v = (const void *)(t + 1);
	u32 needed = btf_vlen(t) * (u32)sizeof(*v), i;
	u64 last_end = 0, sum = 0;

	META_NEEDED(env, t, left, needed);
	if (!t->size)
		return btf_type_reject(env, t, "size == 0");
	if (btf_kflag(t))
		return btf_type_reject(env, t, "Invalid btf_info kind_flag");
	if (!t->name_off || !btf_name_valid_section(env->btf, t->name_off))
		return btf_type_reject(env, t, "Invalid name");
	btf_log_type(env, t, NULL);
	for (i = 0; i < btf_vlen(t); i++, v++) {
		const char *why = NULL;

		if (!v->type || v->type > BTF_MAX_TYPE)
			why = "Invalid type_id";
		else if (v->offset < last_end || v->offset >= t->size)
			why = "Invalid offset";
		else if (!v->size || v->size > t->size)
			why = "Invalid size";
		else if ((u64)v->offset + v->size > t->size)
			why = "Invalid offset+size";
		btf_log_vsi(env, t, v, why);
		if (why)
			return -EINVAL;
		last_end = (u64)v->offset + v->size;
		sum += v->size;
	}
	if (t->size < sum)
		return btf_type_reject(env, t, "Invalid btf_info size");
	return needed;
}

static s32 btf_float_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	int err = btf_check_no_vlen(env, t, false);

	if (err)
		return err;
	if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 && t->size != 16)
		return btf_type_reject(env, t, "Invalid type_size");
	btf_log_type(env, t, NULL);
	return 0;
}

static s32 btf_decl_tag_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	const char *value;
	int err;

	META_NEEDED(env, t, left, (u32)sizeof(struct btf_decl_tag));
	value = btf_str_by_offset(env->btf, t->name_off);
	if (!value || !value[0])
		return btf_type_reject(env, t, "Invalid value");
	err = btf_check_no_vlen(env, t, true);
	if (err)
		return err;
	if (*(const s32 *)(t + 1) < -1)
		return btf_type_reject(env, t, "Invalid component_idx");
	btf_log_type(env, t, NULL);
	return sizeof(struct btf_decl_tag);
}

typedef s32 (*check_meta_fn)(struct btf_verifier_env *env, const struct btf_type *t, u32 left);

static const check_meta_fn btf_check_meta_ops[NR_BTF_KINDS] = {
	[BTF_KIND_INT] = btf_int_check_meta,
	[BTF_KIND_PTR] = btf_ref_type_check_meta,
	[BTF_KIND_ARRAY] = btf_array_check_meta,
	[BTF_KIND_STRUCT] = btf_struct_check_meta,
	[BTF_KIND_UNION] = btf_struct_check_meta,
	[BTF_KIND_ENUM] = btf_enum_check_meta,
	[BTF_KIND_FWD] = btf_fwd_check_meta,
	[BTF_KIND_TYPEDEF] = btf_ref_type_check_meta,
	[BTF_KIND_VOLATILE] = btf_ref_type_check_meta,
	[BTF_KIND_CONST] = btf_ref_type_check_meta,
	[BTF_KIND_RESTRICT] = btf_ref_type_check_meta,
	[BTF_KIND_FUNC] = btf_func_check_meta,
	[BTF_KIND_FUNC_PROTO] = btf_func_proto_check_meta,
	[BTF_KIND_VAR] = btf_var_check_meta,
	[BTF_KIND_DATASEC] = btf_datasec_check_meta,
	[BTF_KIND_FLOAT] = btf_float_check_meta,
	[BTF_KIND_DECL_TAG] = btf_decl_tag_check_meta,
	[BTF_KIND_TYPE_TAG] = btf_ref_type_check_meta,
	[BTF_KIND_ENUM64] = btf_enum_check_meta,
};

/* One record at t with left bytes of type section from t: its total length, or -errno. */
static s32 btf_check_meta(struct btf_verifier_env *env, const struct btf_type *t, u32 left)
{
	s32 extra;

	if (left < sizeof(*t)) {
		btf_verifier_log(env, "[%u] meta_left:%u meta_needed:%u", env->log_type_id, left,
				 (u32)sizeof(*t));
		return -EINVAL;
	}
	left -= sizeof(*t);
	if (t->info & ~BTF_INFO_MASK) {
		btf_verifier_log(env, "[%u] Invalid btf_info:%x", env->log_type_id, t->info);
		return -EINVAL;
	}
	if (btf_kind(t) > BTF_KIND_MAX || btf_kind(t) == BTF_KIND_UNKN) {
		btf_verifier_log(env, "[%u] Invalid kind:%u", env->log_type_id, btf_kind(t));
		return -EINVAL;
	}
	if (!btf_name_offset_valid(env->btf, t->name_off)) {
		btf_verifier_log(env, "[%u] Invalid name_offset:%u", env->log_type_id, t->name_off);
		return -EINVAL;
	}
	extra = btf_check_meta_ops[btf_kind(t)](env, t, left);
	return extra < 0 ? extra : (s32)sizeof(*t) + extra;
}

/* Appends t to the id index, growing it by a quarter (Linux: btf_add_type). */
static int btf_add_type(struct btf_verifier_env *env, const struct btf_type *t, u32 *cap)
{
	struct btf *btf = env->btf;

	if (btf->nr_types == *cap) {
		u32 grow = *cap / 4 > 16 ? *cap / 4 : 16;
		const struct btf_type **types;

		if (*cap >= BTF_MAX_TYPE) {
			btf_verifier_log(env, "Exceeded max num of types");
			return -E2BIG;
		}
		*cap = *cap + grow < BTF_MAX_TYPE ? *cap + grow : BTF_MAX_TYPE;
		types = kvmalloc(*cap * sizeof(*types), GFP_KERNEL);
		if (!types)
			return -ENOMEM;
		if (btf->nr_types)
			memcpy(types, btf->types, btf->nr_types * sizeof(*types));
		kvfree(btf->types);
		btf->types = types;
	}
	btf->types[btf->nr_types++] = t;
	return 0;
}

/* Walks the type section: checks every record and indexes it by id (void is 0). */
static int btf_check_all_metas(struct btf_verifier_env *env)
{
	struct btf *btf = env->btf;
	const u8 *p = (const u8 *)btf->data + btf->hdr.hdr_len + btf->hdr.type_off;
	const u8 *end = p + btf->hdr.type_len;
	u32 cap = 0;
	s32 len;
	int err;

	err = btf_add_type(env, &btf_void, &cap);
	for (env->log_type_id = 1; !err && p < end; p += len, env->log_type_id++) {
		len = btf_check_meta(env, (const struct btf_type *)p, (u32)(end - p));
		if (len < 0)
			return len;
		err = btf_add_type(env, (const struct btf_type *)p, &cap);
	}
	return err;
}

/* ------------------------------------------------------------------------
 * Phase 2: references (Linux: the kinds' resolve and check_member)
 */
static bool env_type_is_resolved(const struct btf_verifier_env *env, u32 id)
{
	return env->visit_states[id] == RESOLVED;
}

/* Whether a walk in the current mode stops at t instead of resolving it first. */
static bool env_type_is_resolve_sink(const struct btf_verifier_env *env, const struct btf_type *t)
{
	switch (env->resolve_mode) {
	case RESOLVE_TBD:
		return !btf_needs_resolve(t);
	case RESOLVE_PTR:
		return !btf_is_modifier(t) && btf_kind(t) != BTF_KIND_PTR;
	default:
		return !btf_is_modifier(t) && btf_kind(t) != BTF_KIND_ARRAY && !btf_is_struct(t);
	}
}

static void env_resolved(struct btf_verifier_env *env, u32 id, u32 res_id, u32 res_size)
{
	env->btf->resolved_ids[id] = res_id;
	env->btf->resolved_sizes[id] = res_size;
	env->visit_states[id] = RESOLVED;
}

static int btf_resolve_one(struct btf_verifier_env *env, const struct btf_type *t, u32 id);

/*
 * Resolves the type next (id next_id) that the type being resolved refers
 * to, unless the walk stops there or it is done: 0, or -EEXIST a loop,
 * -E2BIG too deep, -EINVAL (Linux: env_stack_push and the walk it starts).
 */
static int btf_resolve_dep(struct btf_verifier_env *env, const struct btf_type *next, u32 next_id)
{
	u32 saved = env->log_type_id;
	int err;

	if (env_type_is_resolve_sink(env, next) || env_type_is_resolved(env, next_id))
		return 0;
	err = btf_resolve_one(env, next, next_id);
	env->log_type_id = saved;
	return err;
}

/*
 * A modifier, pointer or VAR: what it refers to, resolved; a pointer or
 * modifier may end at void, FWD or FUNC_PROTO, a VAR must have a size.
 */
static int btf_ref_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf *btf = env->btf;
	u32 next_id = t->type, kind = btf_kind(t);
	const struct btf_type *next = btf_type_by_id(btf, next_id);
	int err;

	if (!next || btf_is_resolve_source_only(next))
		return btf_type_reject(env, t, "Invalid type_id");
	err = btf_resolve_dep(env, next, next_id);
	if (err)
		return err;
	/* a modifier resolved from a struct stopped at a pointer: walk that pointer too */
	if ((kind == BTF_KIND_PTR || kind == BTF_KIND_VAR) && btf_is_modifier(next)) {
		u32 rid = btf_resolved_id(btf, next_id);
		const struct btf_type *r = btf_type_by_id(btf, rid);

		if (r && btf_kind(r) == BTF_KIND_PTR) {
			err = btf_resolve_dep(env, r, rid);
			if (err)
				return err;
		}
	}
	if (!btf_type_id_size(btf, &next_id, NULL)) {
		if (kind != BTF_KIND_VAR && env_type_is_resolved(env, next_id)) {
			next_id = btf_resolved_id(btf, next_id);
			next = btf_type_by_id(btf, next_id);
		}
		if (kind == BTF_KIND_VAR || !next ||
		    (next != &btf_void && btf_kind(next) != BTF_KIND_FWD &&
		     btf_kind(next) != BTF_KIND_FUNC_PROTO))
			return btf_type_reject(env, t, "Invalid type_id");
	}
	env_resolved(env, id, next_id, 0);
	return 0;
}

/* Resolves an index or element type of an array: its id and size, or NULL after logging. */
static int btf_array_part(struct btf_verifier_env *env, const struct btf_type *t, u32 *part_id,
			  u32 *size, const char *what)
{
	const struct btf_type *p = btf_type_by_id(env->btf, *part_id);
	int err;

	if (btf_nosize_or_null(p) || btf_is_resolve_source_only(p))
		return btf_type_reject(env, t, "%s", what);
	err = btf_resolve_dep(env, p, *part_id);
	if (err)
		return err;
	p = btf_type_id_size(env->btf, part_id, size);
	if (!p)
		return btf_type_reject(env, t, "%s", what);
	return 0;
}

/* ARRAY: a regular int index, an element with a size, a total within u32. */
static int btf_array_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf_array *a = (const void *)(t + 1);
	u32 index_id = a->index_type, elem_id = a->type, size;
	const struct btf_type *p;
	int err;

	err = btf_array_part(env, t, &index_id, &size, "Invalid index");
	if (err)
		return err;
	p = btf_type_by_id(env->btf, index_id);
	if (btf_kind(p) != BTF_KIND_INT || !btf_int_is_regular(p))
		return btf_type_reject(env, t, "Invalid index");
	err = btf_array_part(env, t, &elem_id, &size, "Invalid elem");
	if (err)
		return err;
	p = btf_type_by_id(env->btf, elem_id);
	if (btf_kind(p) == BTF_KIND_INT && !btf_int_is_regular(p))
		return btf_type_reject(env, t, "Invalid array of int");
	if (a->nelems && size > UINT32_MAX / a->nelems)
		return btf_type_reject(env, t, "Array size overflows U32_MAX");
	env_resolved(env, id, elem_id, size * a->nelems);
	return 0;
}

/* A member at whole bytes of size bytes must end inside the struct. */
static int btf_member_fits(struct btf_verifier_env *env, const struct btf_type *st,
			   const struct btf_member *m, u32 bit_off, u32 size)
{
	if (BITS_PER_BYTE_MASKED(bit_off)) {
		btf_log_member(env, st, m, "Member is not byte aligned");
		return -EINVAL;
	}
	if (st->size - bit_off / 8 < size) {
		btf_log_member(env, st, m, "Member exceeds struct_size");
		return -EINVAL;
	}
	return 0;
}

/* An int member (a bitfield when the struct has kind_flag) fits its struct. */
static int btf_int_check_member(struct btf_verifier_env *env, const struct btf_type *st,
				const struct btf_member *m, const struct btf_type *mt)
{
	u32 data = *(const u32 *)(mt + 1), off, nr_bits, copy_bits, bytes;

	if (btf_kflag(st)) {
		if (!btf_int_is_regular(mt)) {
			btf_log_member(env, st, m, "Invalid member base type");
			return -EINVAL;
		}
		off = BTF_MEMBER_BIT_OFFSET(m->offset);
		nr_bits = BTF_MEMBER_BITFIELD_SIZE(m->offset);
		if (!nr_bits && BITS_PER_BYTE_MASKED(off)) {
			btf_log_member(env, st, m, "Invalid member offset");
			return -EINVAL;
		}
		if (nr_bits > BTF_INT_BITS(data)) {
			btf_log_member(env, st, m, "Invalid member bitfield_size");
			return -EINVAL;
		}
		nr_bits = nr_bits ? nr_bits : BTF_INT_BITS(data);
	} else {
		if (UINT32_MAX - m->offset < BTF_INT_OFFSET(data)) {
			btf_log_member(env, st, m, "bits_offset exceeds UINT32_MAX");
			return -EINVAL;
		}
		off = m->offset + BTF_INT_OFFSET(data);
		nr_bits = BTF_INT_BITS(data);
	}
	copy_bits = nr_bits + BITS_PER_BYTE_MASKED(off);
	bytes = off / 8;
	if (copy_bits > BITS_PER_U128) {
		btf_log_member(env, st, m, "nr_copy_bits exceeds 128");
		return -EINVAL;
	}
	if (st->size < bytes || st->size - bytes < BITS_ROUNDUP_BYTES(copy_bits)) {
		btf_log_member(env, st, m, "Member exceeds struct_size");
		return -EINVAL;
	}
	return 0;
}

/* An enum member (an int-sized bitfield with kind_flag) fits its struct. */
static int btf_enum_check_member(struct btf_verifier_env *env, const struct btf_type *st,
				 const struct btf_member *m, const struct btf_type *mt)
{
	u32 off = BTF_MEMBER_BIT_OFFSET(m->offset), nr_bits = BTF_MEMBER_BITFIELD_SIZE(m->offset);

	if (!btf_kflag(st))
		return btf_member_fits(env, st, m, m->offset, mt->size);
	if (!nr_bits) {
		if (BITS_PER_BYTE_MASKED(off)) {
			btf_log_member(env, st, m, "Member is not byte aligned");
			return -EINVAL;
		}
		nr_bits = 32;
	} else if (nr_bits > 32) {
		btf_log_member(env, st, m, "Invalid member bitfield_size");
		return -EINVAL;
	}
	if (st->size < BITS_ROUNDUP_BYTES(off + nr_bits)) {
		btf_log_member(env, st, m, "Member exceeds struct_size");
		return -EINVAL;
	}
	return 0;
}

/* A float member: aligned to min(8, its size) and inside the struct. */
static int btf_float_check_member(struct btf_verifier_env *env, const struct btf_type *st,
				  const struct btf_member *m, u32 off, const struct btf_type *mt)
{
	u32 align_bits = (mt->size < 8 ? mt->size : 8) * 8;

	if (off % align_bits) {
		btf_log_member(env, st, m, "Member is not properly aligned");
		return -EINVAL;
	}
	if ((u64)off / 8 + mt->size > st->size) {
		btf_log_member(env, st, m, "Member exceeds struct_size");
		return -EINVAL;
	}
	return 0;
}

/*
 * One member of struct st, its (resolved) type mt with id mid: the kinds'
 * check_member and check_kflag_member of Linux in one place.
 */
static int btf_check_member(struct btf_verifier_env *env, const struct btf_type *st,
			    const struct btf_member *m, const struct btf_type *mt, u32 mid)
{
	u32 off = m->offset, size;

	if (btf_is_modifier(mt)) { /* the member as if it had the resolved type */
		struct btf_member rm = *m;

		mt = btf_type_id_size(env->btf, &mid, NULL);
		if (!mt) {
			btf_log_member(env, st, m, "Invalid member");
			return -EINVAL;
		}
		rm.type = mid;
		return btf_check_member(env, st, &rm, mt, mid);
	}
	if (btf_kind(mt) == BTF_KIND_INT)
		return btf_int_check_member(env, st, m, mt);
	if (btf_kind(mt) == BTF_KIND_ENUM || btf_kind(mt) == BTF_KIND_ENUM64)
		return btf_enum_check_member(env, st, m, mt);
	if (btf_kind(mt) != BTF_KIND_PTR && btf_kind(mt) != BTF_KIND_ARRAY && !btf_is_struct(mt) &&
	    btf_kind(mt) != BTF_KIND_FLOAT) {
		btf_log_basic(env, st,
			      btf_kflag(st) ? "Unsupported check_kflag_member"
					    : "Unsupported check_member");
		return -EINVAL;
	}
	if (btf_kflag(st)) { /* no bitfields of these */
		if (BTF_MEMBER_BITFIELD_SIZE(off)) {
			btf_log_member(env, st, m, "Invalid member bitfield_size");
			return -EINVAL;
		}
		off = BTF_MEMBER_BIT_OFFSET(off);
	}
	if (btf_kind(mt) == BTF_KIND_FLOAT)
		return btf_float_check_member(env, st, m, off, mt);
	btf_type_id_size(env->btf, &mid, &size);
	return btf_member_fits(env, st, m, off, btf_kind(mt) == BTF_KIND_PTR ? 8 : size);
}

/* STRUCT and UNION: every member's type resolved, with a size, inside the struct. */
static int btf_struct_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf_member *m = (const void *)(t + 1);
	u32 i;
	int err;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const struct btf_type *mt = btf_type_by_id(env->btf, m->type);

		if (btf_nosize_or_null(mt) || btf_is_resolve_source_only(mt)) {
			btf_log_member(env, t, m, "Invalid member");
			return -EINVAL;
		}
		err = btf_resolve_dep(env, mt, m->type);
		err = err ?: btf_check_member(env, t, m, mt, m->type);
		if (err)
			return err;
	}
	env_resolved(env, id, 0, 0);
	return 0;
}

/* DATASEC: every entry is a VAR whose type fits the entry's size. */
static int btf_datasec_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf_var_secinfo *v = (const void *)(t + 1);
	u32 i, type_id, size = 0;
	int err;

	for (i = 0; i < btf_vlen(t); i++, v++) {
		const struct btf_type *var = btf_type_by_id(env->btf, v->type);

		if (!var || btf_kind(var) != BTF_KIND_VAR) {
			btf_log_vsi(env, t, v, "Not a VAR kind member");
			return -EINVAL;
		}
		err = btf_resolve_dep(env, var, v->type);
		if (err)
			return err;
		type_id = var->type;
		if (!btf_type_id_size(env->btf, &type_id, &size)) {
			btf_log_vsi(env, t, v, "Invalid type");
			return -EINVAL;
		}
		if (v->size < size) {
			btf_log_vsi(env, t, v, "Invalid size");
			return -EINVAL;
		}
	}
	env_resolved(env, id, 0, 0);
	return 0;
}

/* FUNC: its type is a FUNC_PROTO whose typed arguments all have names. */
static int btf_func_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf_type *proto = btf_type_by_id(env->btf, t->type);
	const struct btf_param *args;
	u32 i;

	if (!proto || btf_kind(proto) != BTF_KIND_FUNC_PROTO)
		return btf_type_reject(env, t, "Invalid type_id");
	args = (const void *)(proto + 1);
	for (i = 0; i < btf_vlen(proto); i++) {
		if (!args[i].name_off && args[i].type)
			return btf_type_reject(env, t, "Invalid arg#%u", i + 1);
	}
	env_resolved(env, id, t->type, 0);
	return 0;
}

/* DECL_TAG: tags a struct, union, VAR, FUNC or TYPEDEF, or one member / argument of it. */
static int btf_decl_tag_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf_type *next = btf_type_by_id(env->btf, t->type);
	s32 idx = *(const s32 *)(t + 1);
	u32 k = next ? btf_kind(next) : BTF_KIND_UNKN, vlen;
	int err;

	if (!next || !(btf_is_struct(next) || k == BTF_KIND_VAR || k == BTF_KIND_FUNC ||
		       k == BTF_KIND_TYPEDEF))
		return btf_type_reject(env, t, "Invalid type_id");
	err = btf_resolve_dep(env, next, t->type);
	if (err)
		return err;
	if (idx != -1) {
		if (k == BTF_KIND_VAR || k == BTF_KIND_TYPEDEF)
			return btf_type_reject(env, t, "Invalid component_idx");
		if (k == BTF_KIND_FUNC)
			next = btf_type_by_id(env->btf, next->type);
		vlen = next ? btf_vlen(next) : 0;
		if ((u32)idx >= vlen)
			return btf_type_reject(env, t, "Invalid component_idx");
	}
	env_resolved(env, id, t->type, 0);
	return 0;
}

/* One step of the walk: t (id) is entered, resolved through its kind, left resolved. */
static int btf_resolve_one(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	int err;

	if (env->depth == MAX_RESOLVE_DEPTH)
		return -E2BIG;
	if (env->visit_states[id] != NOT_VISITED)
		return -EEXIST;
	env->visit_states[id] = VISITED;
	if (env->resolve_mode == RESOLVE_TBD) {
		if (btf_kind(t) == BTF_KIND_PTR)
			env->resolve_mode = RESOLVE_PTR;
		else if (btf_is_struct(t) || btf_kind(t) == BTF_KIND_ARRAY)
			env->resolve_mode = RESOLVE_STRUCT_OR_ARRAY;
	}
	env->depth++;
	env->log_type_id = id;
	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		err = btf_array_resolve(env, t, id);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		err = btf_struct_resolve(env, t, id);
		break;
	case BTF_KIND_DATASEC:
		err = btf_datasec_resolve(env, t, id);
		break;
	case BTF_KIND_FUNC:
		err = btf_func_resolve(env, t, id);
		break;
	case BTF_KIND_DECL_TAG:
		err = btf_decl_tag_resolve(env, t, id);
		break;
	default: /* PTR, VAR and the modifiers */
		err = btf_ref_resolve(env, t, id);
	}
	env->depth--;
	return err;
}

/* Linux's final sanity check of a resolved type (btf_resolve_valid). */
static bool btf_resolve_valid(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	const struct btf *btf = env->btf;
	const struct btf_array *a = (const void *)(t + 1);
	u32 elem_id, elem_size;

	if (!env_type_is_resolved(env, id))
		return false;
	if (btf_is_struct(t) || btf_kind(t) == BTF_KIND_DATASEC)
		return !btf->resolved_ids[id] && !btf->resolved_sizes[id];
	if (btf_kind(t) == BTF_KIND_DECL_TAG || btf_kind(t) == BTF_KIND_FUNC)
		return btf->resolved_ids[id] && !btf->resolved_sizes[id];
	if (btf_is_modifier(t) || btf_kind(t) == BTF_KIND_PTR || btf_kind(t) == BTF_KIND_VAR) {
		t = btf_type_by_id(btf, btf->resolved_ids[id]);
		return t && !btf_is_modifier(t) && btf_kind(t) != BTF_KIND_VAR &&
		       btf_kind(t) != BTF_KIND_DATASEC;
	}
	if (btf_kind(t) == BTF_KIND_ARRAY) {
		elem_id = a->type;
		t = btf_type_id_size(btf, &elem_id, &elem_size);
		return t && !btf_is_modifier(t) && a->nelems * elem_size == btf->resolved_sizes[id];
	}
	return false;
}

/* One walk from type id (Linux: btf_resolve), logging a loop or a walk too deep. */
static int btf_resolve(struct btf_verifier_env *env, const struct btf_type *t, u32 id)
{
	u32 saved_log_type_id = env->log_type_id;
	int err;

	env->resolve_mode = RESOLVE_TBD;
	env->depth = 0;
	err = btf_resolve_one(env, t, id);
	env->log_type_id = id;
	if (err == -E2BIG)
		btf_log_type(env, t, "Exceeded max resolving depth:%u", MAX_RESOLVE_DEPTH);
	else if (err == -EEXIST)
		btf_log_type(env, t, "Loop detected");
	if (!err && !btf_resolve_valid(env, t, id)) {
		btf_log_type(env, t, "Invalid resolve state");
		err = -EINVAL;
	}
	env->log_type_id = saved_log_type_id;
	return err;
}

/* FUNC_PROTO: the return type and every argument have a size; "..." only last. */
static int btf_func_proto_check(struct btf_verifier_env *env, const struct btf_type *t)
{
	const struct btf_param *args = (const void *)(t + 1);
	const struct btf *btf = env->btf;
	u32 nr = btf_vlen(t), i, tid;
	const struct btf_type *at;
	int err;

	if (t->type) {
		tid = t->type;
		at = btf_type_by_id(btf, tid);
		if (!at || btf_is_resolve_source_only(at))
			return btf_type_reject(env, t, "Invalid return type");
		if (btf_needs_resolve(at) && !env_type_is_resolved(env, tid)) {
			err = btf_resolve(env, at, tid);
			if (err)
				return err;
		}
		if (!btf_type_id_size(btf, &tid, NULL))
			return btf_type_reject(env, t, "Invalid return type");
	}
	if (nr && !args[nr - 1].type) {
		if (args[nr - 1].name_off)
			return btf_type_reject(env, t, "Invalid arg#%u", nr);
		nr--;
	}
	for (i = 0; i < nr; i++) {
		tid = args[i].type;
		at = btf_type_by_id(btf, tid);
		if (!at || btf_is_resolve_source_only(at) ||
		    (args[i].name_off && (!btf_name_offset_valid(btf, args[i].name_off) ||
					  !btf_name_valid_identifier(btf, args[i].name_off))))
			return btf_type_reject(env, t, "Invalid arg#%u", i + 1);
		if (btf_needs_resolve(at) && !env_type_is_resolved(env, tid)) {
			err = btf_resolve(env, at, tid);
			if (err)
				return err;
		}
		if (!btf_type_id_size(btf, &tid, NULL))
			return btf_type_reject(env, t, "Invalid arg#%u", i + 1);
	}
	return 0;
}

/* Phase 2 over every type in id order (Linux: btf_check_all_types). */
static int btf_check_all_types(struct btf_verifier_env *env)
{
	struct btf *btf = env->btf;
	u32 n = btf->nr_types, id;
	int err;

	btf->resolved_ids = kvzalloc(n * sizeof(u32), GFP_KERNEL);
	btf->resolved_sizes = kvzalloc(n * sizeof(u32), GFP_KERNEL);
	env->visit_states = kvzalloc(n, GFP_KERNEL);
	if (!btf->resolved_ids || !btf->resolved_sizes || !env->visit_states)
		return -ENOMEM;
	env->phase = CHECK_TYPE;
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf->types[id];

		env->log_type_id = id;
		if (btf_needs_resolve(t) && !env_type_is_resolved(env, id)) {
			err = btf_resolve(env, t, id);
			if (err)
				return err;
		}
		if (btf_kind(t) == BTF_KIND_FUNC_PROTO) {
			err = btf_func_proto_check(env, t);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Phase 3: in a chain of modifiers, type tags come first (Linux: btf_check_type_tags). */
static int btf_check_type_tags(struct btf_verifier_env *env)
{
	const struct btf *btf = env->btf;
	u32 i, good_id = 0;

	for (i = 1; i < btf->nr_types; i++) {
		const struct btf_type *t = btf->types[i];
		u32 cur = i, limit = 32;
		bool in_tags;

		if (!btf_is_modifier(t))
			continue;
		in_tags = btf_kind(t) == BTF_KIND_TYPE_TAG;
		while (t && btf_is_modifier(t)) {
			if (!limit--) {
				btf_verifier_log(env, "Max chain length or cycle detected");
				return -ELOOP;
			}
			if (btf_kind(t) == BTF_KIND_TYPE_TAG && !in_tags) {
				btf_verifier_log(env, "Type tags don't precede modifiers");
				return -EINVAL;
			}
			if (btf_kind(t) != BTF_KIND_TYPE_TAG)
				in_tags = false;
			if (cur <= good_id)
				break;
			cur = t->type;
			t = btf_type_by_id(btf, cur);
		}
		if (!t)
			return -EINVAL;
		good_id = i;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * The header and the string section
 */

/* The two sections cover the data after the header exactly, in either order. */
static int btf_check_sec_info(struct btf_verifier_env *env, u32 data_size)
{
	const struct btf_header *h = &env->btf->hdr;
	struct {
		u32 off, len;
	} secs[2] = { { h->type_off, h->type_len }, { h->str_off, h->str_len } }, tmp;
	u32 total = 0, expected = data_size - h->hdr_len, i;

	/* Linux sorts by the signed difference of the offsets, then of the lengths */
	if ((s32)(secs[0].off - secs[1].off) > 0 ||
	    (secs[0].off == secs[1].off && (s32)(secs[0].len - secs[1].len) > 0))
		tmp = secs[0], secs[0] = secs[1], secs[1] = tmp;
	for (i = 0; i < 2; i++) {
		if (expected < secs[i].off) {
			btf_verifier_log(env, "Invalid section offset");
			return -EINVAL;
		}
		if (total < secs[i].off) {
			btf_verifier_log(env, "Unsupported section found");
			return -EINVAL;
		}
		if (total > secs[i].off) {
			btf_verifier_log(env, "Section overlap found");
			return -EINVAL;
		}
		if (expected - total < secs[i].len) {
			btf_verifier_log(env, "Total section length too long");
			return -EINVAL;
		}
		total += secs[i].len;
	}
	if (expected != total) {
		btf_verifier_log(env, "Unsupported section found");
		return -EINVAL;
	}
	return 0;
}

/* The header (Linux: btf_parse_hdr); a longer header than ours must end in zeros. */
static int btf_parse_hdr(struct btf_verifier_env *env)
{
	struct btf *btf = env->btf;
	struct btf_header *h = &btf->hdr;
	const u8 *p = btf->data;
	u32 size = btf->data_size, hdr_len, i;

	if (size < offsetof(struct btf_header, hdr_len) + sizeof(u32)) {
		btf_verifier_log(env, "hdr_len not found");
		return -EINVAL;
	}
	memcpy(&hdr_len, p + offsetof(struct btf_header, hdr_len), sizeof(hdr_len));
	if (size < hdr_len) {
		btf_verifier_log(env, "btf_header not found");
		return -EINVAL;
	}
	for (i = sizeof(*h); i < hdr_len; i++) {
		if (p[i]) {
			btf_verifier_log(env, "Unsupported btf_header");
			return -E2BIG;
		}
	}
	memset(h, 0, sizeof(*h));
	memcpy(h, p, hdr_len < sizeof(*h) ? hdr_len : sizeof(*h));
	btf_verifier_log(env,
			 "magic: 0x%x\nversion: %u\nflags: 0x%x\nhdr_len: %u\ntype_off: %u\n"
			 "type_len: %u\nstr_off: %u\nstr_len: %u\nbtf_total_size: %u\n",
			 h->magic, h->version, h->flags, h->hdr_len, h->type_off, h->type_len,
			 h->str_off, h->str_len, size);
	if (h->magic != BTF_MAGIC) {
		btf_verifier_log(env, "Invalid magic");
		return -EINVAL;
	}
	if (h->version != BTF_VERSION) {
		btf_verifier_log(env, "Unsupported version");
		return -ENOTSUPP;
	}
	if (h->flags) {
		btf_verifier_log(env, "Unsupported flags");
		return -ENOTSUPP;
	}
	if (size == h->hdr_len) {
		btf_verifier_log(env, "No data");
		return -EINVAL;
	}
	return btf_check_sec_info(env, size);
}

/* The string section: last in the blob, starting and ending with NUL. */
static int btf_parse_str_sec(struct btf_verifier_env *env)
{
	struct btf *btf = env->btf;
	const struct btf_header *h = &btf->hdr;
	const char *start = (const char *)btf->data + h->hdr_len + h->str_off;

	if (h->hdr_len + h->str_off + h->str_len != btf->data_size) {
		btf_verifier_log(env, "String section is not at the end");
		return -EINVAL;
	}
	btf->strings = start;
	if (!h->str_len || h->str_len - 1 > BTF_MAX_NAME_OFFSET || start[h->str_len - 1] ||
	    start[0]) {
		btf_verifier_log(env, "Invalid string section");
		return -EINVAL;
	}
	return 0;
}

static int btf_check_special_fields(struct btf_verifier_env *env);

/* Parses btf->data: the phases in Linux's order. */
static int btf_parse_data(struct btf_verifier_env *env)
{
	const struct btf_header *h = &env->btf->hdr;
	int err;

	err = btf_parse_hdr(env);
	err = err ?: btf_parse_str_sec(env);
	if (err)
		return err;
	if (h->type_off & 3) {
		btf_verifier_log(env, "Unaligned type_off");
		return -EINVAL;
	}
	if (!h->type_len) {
		btf_verifier_log(env, "No type found");
		return -EINVAL;
	}
	err = btf_check_all_metas(env);
	err = err ?: btf_check_all_types(env);
	err = err ?: btf_check_type_tags(env);
	return err ?: btf_check_special_fields(env);
}

void btf_free(struct btf *btf)
{
	if (!btf)
		return;
	kvfree(btf->types);
	kvfree(btf->resolved_ids);
	kvfree(btf->resolved_sizes);
	kvfree(btf->alloc);
	kfree(btf);
}

/*
 * A kernel copy of the user's blob, placed so that the type section is
 * 4-byte aligned whatever hdr_len is (Linux reads records unaligned; we
 * keep C's alignment rules). 0 or -EFAULT / -ENOMEM.
 */
static int btf_copy_blob(struct btf *btf, const void __user *data, u32 size)
{
	u32 hdr_len = 0, pad;

	if (size >= offsetof(struct btf_header, hdr_len) + sizeof(u32) &&
	    copy_from_user(&hdr_len, (const u8 __user *)data + offsetof(struct btf_header, hdr_len),
			   sizeof(hdr_len)))
		return -EFAULT;
	pad = (4 - (hdr_len & 3)) & 3;
	btf->alloc = kvmalloc((size_t)size + pad + 1, GFP_KERNEL);
	if (!btf->alloc)
		return -ENOMEM;
	btf->data = (u8 *)btf->alloc + pad;
	btf->data_size = size;
	return copy_from_user(btf->data, data, size) ? -EFAULT : 0;
}

/* Copies the log to the user (Linux: finalize_log): -ENOSPC if it was cut, -EFAULT. */
static int btf_log_to_user(struct btf_verifier_env *env, char __user *log_ubuf, u32 log_size,
			   u32 *log_true_size)
{
	u32 n = env->log.len_used + 1 < log_size ? env->log.len_used + 1 : log_size;
	int err = bpf_vlog_finalize(&env->log);

	*log_true_size = env->log.len_total + 1;
	if (*log_true_size > log_size)
		err = -ENOSPC;
	env->log.buf[n - 1] = '\0';
	if (copy_to_user(log_ubuf, env->log.buf, n))
		err = -EFAULT;
	return err;
}

struct btf *btf_parse(const void __user *data, u32 size, u32 log_level, char __user *log_ubuf,
		      u32 log_size, u32 *log_true_size)
{
	struct btf_verifier_env *env = kzalloc(sizeof(*env), GFP_KERNEL);
	struct btf *btf = kzalloc(sizeof(*btf), GFP_KERNEL);
	int err = -ENOMEM;

	*log_true_size = 0;
	if (!env || !btf)
		goto out;
	env->btf = btf;
	if (log_level && log_ubuf && log_size) {
		/* a log of 1 byte holds only its NUL: keep 2 to count what overflows */
		env->log.size = log_size > 1 ? log_size : 2;
		env->log.buf = kvzalloc(env->log.size, GFP_KERNEL);
		if (!env->log.buf)
			goto out;
		env->log.level = log_level;
	}
	err = btf_copy_blob(btf, data, size);
	err = err ?: btf_parse_data(env);
	if (env->log.level) {
		/* as Linux's finalize_log: a log that did not fit wins over the verdict */
		int log_err = btf_log_to_user(env, log_ubuf, log_size, log_true_size);

		err = log_err ?: err;
	}
out:
	if (env) {
		kvfree(env->log.buf);
		kvfree(env->visit_states);
		kfree(env);
	}
	if (err) {
		btf_free(btf);
		return ERR_PTR(err);
	}
	btf->refcnt = 1;
	return btf;
}

/* ------------------------------------------------------------------------
 * What maps ask of their value type
 */

/* Whether t is `struct bpf_spin_lock` (a 4-byte struct of that name). */
static bool btf_is_spin_lock(const struct btf *btf, const struct btf_type *t)
{
	return t && btf_is_struct(t) && t->size == 4 &&
	       !strcmp(btf_name_by_offset(btf, t->name_off), "bpf_spin_lock");
}

int btf_find_spin_lock(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_member *m = (const void *)(t + 1);
	const struct btf_var_secinfo *v = (const void *)(t + 1);
	int found = -ENOENT;
	u32 i, off;

	if (!btf_is_struct(t) && btf_kind(t) != BTF_KIND_DATASEC)
		return -EINVAL;
	for (i = 0; i < btf_vlen(t); i++) {
		const struct btf_type *mt;

		if (btf_is_struct(t)) {
			off = btf_member_bit_offset(t, &m[i]);
			mt = btf_type_by_id(btf, m[i].type);
		} else {
			const struct btf_type *var = btf_type_by_id(btf, v[i].type);

			off = v[i].offset * 8;
			mt = var ? btf_type_by_id(btf, var->type) : NULL;
		}
		if (!btf_is_spin_lock(btf, mt))
			continue;
		if (off % 32) /* whole bytes, 4-aligned */
			return -EINVAL;
		if (found >= 0)
			return -E2BIG;
		found = (int)(off / 8);
	}
	return found;
}

/*
 * Phase 4: a struct may hold at most one bpf_spin_lock, at a 4-byte
 * boundary (Linux finds such special fields in every struct at load).
 */
static int btf_check_special_fields(struct btf_verifier_env *env)
{
	const struct btf *btf = env->btf;
	u32 id;
	int ret;

	for (id = 1; id < btf->nr_types; id++) {
		if (!btf_is_struct(btf->types[id]))
			continue;
		ret = btf_find_spin_lock(btf, btf->types[id]);
		if (ret == -E2BIG || ret == -EINVAL) {
			env->log_type_id = id;
			btf_log_type(env, btf->types[id], "Invalid bpf_spin_lock");
			return ret;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Program BTF: PROG_LOAD's func_info and line_info (Linux: check_btf_func,
 * check_btf_line in kernel/bpf/verifier.c)
 */
#define MIN_BPF_FUNCINFO_SIZE 8
#define MAX_FUNCINFO_REC_SIZE 252
#define MIN_BPF_LINEINFO_SIZE 16

/*
 * The first instruction of every subprogram, ascending: 0 and each target
 * of a BPF-to-BPF call or a callback address (BPF_PSEUDO_CALL / _FUNC).
 * Returns how many (at most max); targets outside the program are left to
 * the verifier, which refuses them.
 */
static u32 prog_subprog_starts(const struct bpf_prog *prog, u32 *starts, u32 max)
{
	u32 n = 1, i, j, k;

	starts[0] = 0;
	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];
		bool call = insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
		bool func = insn->code == (BPF_LD | BPF_IMM | BPF_DW) &&
			    insn->src_reg == BPF_PSEUDO_FUNC;
		s64 target = (s64)i + insn->imm + 1;

		if ((!call && !func) || target < 0 || target >= prog->len)
			continue;
		for (j = 0; j < n && starts[j] < (u32)target; j++)
			;
		if ((j < n && starts[j] == (u32)target) || n == max)
			continue;
		for (k = n++; k > j; k--)
			starts[k] = starts[k - 1];
		starts[j] = (u32)target;
	}
	return n;
}

/*
 * A refusal of func_info or line_info: c->msg gets Linux's log line made
 * from fmt. Returns -EINVAL, for `return prog_info_reject(...)`.
 */
static __printf(2, 3) int prog_info_reject(struct btf_prog_check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/*
 * Copies cnt records of urec_size bytes from user array uptr into a new
 * array of cnt kernel records of krec_size (zero-filled when shorter),
 * stored in *krecs before any copying so that the caller attaches it to the
 * program whatever the outcome (it is freed with the program). A record
 * longer than ours must end in zeros: else -E2BIG, *rec_size_out gets our
 * size (Linux writes it back so a loader can retry) and c->msg says
 * "nonzero tailing record in WHAT". 0 or -errno.
 */
static int copy_info_records(void **krecs, u32 krec_size, u64 uptr, u32 urec_size, u32 cnt,
			     const char *what, u32 *rec_size_out, struct btf_prog_check *c)
{
	u32 n = krec_size < urec_size ? krec_size : urec_size, i;
	u8 *k = kvzalloc((size_t)cnt * krec_size, GFP_KERNEL);
	int err;

	*krecs = k;
	if (!k)
		return -ENOMEM;
	for (i = 0; i < cnt; i++) {
		bpfptr_t u = USER_BPFPTR((void __user *)(unsigned long)(uptr + (u64)i * urec_size));

		err = bpf_check_uarg_tail_zero(u, krec_size, urec_size);
		if (err == -E2BIG) {
			*rec_size_out = n;
			snprintf(c->msg, sizeof(c->msg), "nonzero tailing record in %s", what);
		}
		if (err)
			return err;
		if (copy_from_bpfptr(k + (size_t)i * krec_size, u, n))
			return -EFAULT;
	}
	return 0;
}

/* func_info: one FUNC per subprogram, at its first instruction. */
static int check_btf_func(struct bpf_prog *prog, const union bpf_attr *attr, const u32 *starts,
			  u32 nstarts, struct btf_prog_check *c)
{
	const struct btf *btf = prog->aux->btf;
	u32 n = attr->func_info_cnt, rs = attr->func_info_rec_size, i;
	struct bpf_func_info *fi;
	void *recs;
	int err;

	if (!n)
		return 0;
	if (rs < MIN_BPF_FUNCINFO_SIZE || rs > MAX_FUNCINFO_REC_SIZE || rs % 4)
		return prog_info_reject(c, "invalid func info rec size %u\n", rs);
	err = copy_info_records(&recs, sizeof(*fi), attr->func_info, rs, n, "func info",
				&c->func_rec_size, c);
	prog->aux->func_info = fi = recs;
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		const struct btf_type *t = btf_type_by_id(btf, fi[i].type_id);

		if (!i && fi[i].insn_off)
			return prog_info_reject(
				c, "nonzero insn_off %u for the first func info record",
				fi[i].insn_off);
		if (i && fi[i].insn_off <= fi[i - 1].insn_off)
			return prog_info_reject(
				c,
				"same or smaller insn offset (%u) than previous func info record (%u)",
				fi[i].insn_off, fi[i - 1].insn_off);
		if (!t || btf_kind(t) != BTF_KIND_FUNC)
			return prog_info_reject(c, "invalid type id %d in func info",
						(int)fi[i].type_id);
	}
	if (n != nstarts)
		return prog_info_reject(
			c, "number of funcs in func_info doesn't match number of subprogs\n");
	for (i = 0; i < n; i++)
		if (fi[i].insn_off != starts[i])
			return prog_info_reject(
				c,
				"func_info BTF section doesn't match subprog layout in BPF program\n");
	prog->aux->func_info_cnt = n;
	return 0;
}

/* line_info: offsets ascending inside the program, strings in the BTF, one at each subprog. */
static int check_btf_line(struct bpf_prog *prog, const union bpf_attr *attr, const u32 *starts,
			  u32 nstarts, struct btf_prog_check *c)
{
	const struct btf *btf = prog->aux->btf;
	u32 n = attr->line_info_cnt, rs = attr->line_info_rec_size, i, s = 0;
	struct bpf_line_info *li;
	void *recs;
	int err;

	if (!n)
		return 0;
	if (n > 0x7fffffff / sizeof(*li) || rs < MIN_BPF_LINEINFO_SIZE ||
	    rs > MAX_FUNCINFO_REC_SIZE || rs % 4)
		return -EINVAL;
	err = copy_info_records(&recs, sizeof(*li), attr->line_info, rs, n, "line_info",
				&c->line_rec_size, c);
	prog->aux->linfo = li = recs;
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		u32 prev = i ? li[i - 1].insn_off : 0;

		if ((i && li[i].insn_off <= prev) || li[i].insn_off >= prog->len)
			return prog_info_reject(
				c,
				"Invalid line_info[%u].insn_off:%u (prev_offset:%u prog->len:%u)\n",
				i, li[i].insn_off, prev, prog->len);
		if (!prog->insnsi[li[i].insn_off].code)
			return prog_info_reject(c, "Invalid insn code at line_info[%u].insn_off\n",
						i);
		if (!btf_str_by_offset(btf, li[i].line_off) ||
		    !btf_str_by_offset(btf, li[i].file_name_off))
			return prog_info_reject(
				c, "Invalid line_info[%u].line_off or .file_name_off\n", i);
		if (s != nstarts && li[i].insn_off == starts[s])
			s++;
		else if (s != nstarts && starts[s] < li[i].insn_off)
			return prog_info_reject(c, "missing bpf_line_info for func#%u\n", s);
	}
	if (s != nstarts)
		return prog_info_reject(
			c, "missing bpf_line_info for %u funcs starting from func#%u\n",
			nstarts - s, s);
	prog->aux->nr_linfo = n;
	return 0;
}

int btf_prog_check_info(struct bpf_prog *prog, const union bpf_attr *attr, struct btf_prog_check *c)
{
	u32 *starts, n;
	int err;

	c->msg[0] = '\0';
	starts = kvmalloc(BPF_MAX_SUBPROGS * sizeof(*starts), GFP_KERNEL);
	if (!starts)
		return -ENOMEM;
	n = prog_subprog_starts(prog, starts, BPF_MAX_SUBPROGS);
	err = check_btf_func(prog, attr, starts, n, c);
	err = err ?: check_btf_line(prog, attr, starts, n, c);
	kvfree(starts);
	return err;
}
