// SPDX-License-Identifier: GPL-2.0
/*
 * Map keys and values printed from their BTF, as bpftool's map dump does
 * for a map created with BTF: integers in decimal, chars arrays as strings,
 * structs as {"member": value, ...}, enums by name, pointers in hex. The
 * BTF blob comes from the kernel (BPF_BTF_GET_FD_BY_ID, then its info's
 * btf buffer); it is walked again here with bounds checks, and printing
 * never reads outside the bytes it is given.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <linux/btf.h>
#include "user/console.h"

#define BTF_DEPTH_MAX 8
#define BTF_ARRAY_SHOWN 64 /* elements printed before "..." */

struct console_btf {
	void *data;
	const struct btf_type **types; /* [1..nr_types] */
	__u32 nr_types;
	const char *strs;
	__u32 strs_len;
};

/* Bytes that follow a btf_type of this kind (its vlen records), or -1 for an unknown kind. */
static long btf_extra(const struct btf_type *t)
{
	__u32 vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
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
	}
	return -1;
}

/* Index the types of the blob b->data (size bytes); 0 or -EINVAL. */
static int btf_index(struct console_btf *b, __u32 size)
{
	const struct btf_header *h = b->data;
	const __u8 *p, *end;
	__u32 n = 0;

	if (size < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > size ||
	    h->type_off + (__u64)h->type_len > size - h->hdr_len ||
	    h->str_off + (__u64)h->str_len > size - h->hdr_len || !h->str_len)
		return -EINVAL;
	p = (const __u8 *)b->data + h->hdr_len + h->type_off;
	end = p + h->type_len;
	b->strs = (const char *)b->data + h->hdr_len + h->str_off;
	b->strs_len = h->str_len;
	b->types = calloc(h->type_len / sizeof(struct btf_type) + 2, sizeof(*b->types));
	if (!b->types)
		return -ENOMEM;
	while (p + sizeof(struct btf_type) <= end) {
		const struct btf_type *t = (const struct btf_type *)p;
		long extra = btf_extra(t);

		if (extra < 0 || p + sizeof(*t) + extra > end)
			return -EINVAL;
		b->types[++n] = t;
		p += sizeof(*t) + extra;
	}
	b->nr_types = n;
	return 0;
}

struct console_btf *console_btf_load(unsigned int btf_id)
{
	struct bpf_btf_info info = { 0 };
	__u32 len = sizeof(info), size;
	struct console_btf *b;
	int fd = bpf_btf_get_fd_by_id(btf_id);

	if (fd < 0)
		return NULL;
	b = calloc(1, sizeof(*b));
	if (!b || bpf_obj_get_info_by_fd(fd, &info, &len) || !info.btf_size)
		goto fail;
	size = info.btf_size;
	b->data = malloc(size);
	memset(&info, 0, sizeof(info));
	info.btf = (__u64)(long)b->data;
	info.btf_size = size;
	len = sizeof(info);
	if (!b->data || bpf_obj_get_info_by_fd(fd, &info, &len) || btf_index(b, size))
		goto fail;
	close(fd);
	return b;
fail:
	close(fd);
	console_btf_free(b);
	return NULL;
}

void console_btf_free(struct console_btf *b)
{
	if (!b)
		return;
	free(b->types);
	free(b->data);
	free(b);
}

static const struct btf_type *btf_type(const struct console_btf *b, __u32 id)
{
	return id && id <= b->nr_types ? b->types[id] : NULL;
}

static const char *btf_name(const struct console_btf *b, __u32 off)
{
	return off < b->strs_len && memchr(b->strs + off, '\0', b->strs_len - off) ? b->strs + off
										   : "?";
}

const char *console_btf_str(const struct console_btf *b, unsigned int off)
{
	return btf_name(b, off);
}

/* An unsigned little-endian value of n bytes (n <= 8) at p. */
static __u64 load_le(const __u8 *p, __u32 n)
{
	__u64 v = 0;

	for (__u32 i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static void print_type(const struct console_btf *b, __u32 id, const __u8 *p, __u32 size, int depth);

static void print_int(const struct btf_type *t, const __u8 *p, __u32 size, __u32 bit_off,
		      __u32 bits)
{
	__u32 enc = *(const __u32 *)(t + 1);
	__u32 bytes = t->size <= 8 ? t->size : 8;
	__u64 v;

	if (t->size > size || !bytes) {
		printf("\"<truncated>\"");
		return;
	}
	v = load_le(p, bytes);
	if (!bits)
		bits = BTF_INT_BITS(enc) ? BTF_INT_BITS(enc) : bytes * 8;
	if (bits > 64)
		bits = 64;
	v >>= bit_off + BTF_INT_OFFSET(enc);
	if (bits < 64)
		v &= (1ULL << bits) - 1;
	if (BTF_INT_ENCODING(enc) & BTF_INT_BOOL)
		printf("%s", v ? "true" : "false");
	else if ((BTF_INT_ENCODING(enc) & BTF_INT_SIGNED) && bits < 64 && (v >> (bits - 1)))
		printf("%lld", (long long)(v | ~((1ULL << bits) - 1)));
	else if (BTF_INT_ENCODING(enc) & BTF_INT_SIGNED)
		printf("%lld", (long long)v);
	else
		printf("%llu", (unsigned long long)v);
}

static void print_struct(const struct console_btf *b, const struct btf_type *t, const __u8 *p,
			 __u32 size, int depth)
{
	const struct btf_member *m = (const struct btf_member *)(t + 1);
	bool bitfields = BTF_INFO_KFLAG(t->info);

	printf("{");
	for (__u32 i = 0; i < BTF_INFO_VLEN(t->info); i++) {
		__u32 bit = bitfields ? BTF_MEMBER_BIT_OFFSET(m[i].offset) : m[i].offset;
		__u32 bits = bitfields ? BTF_MEMBER_BITFIELD_SIZE(m[i].offset) : 0;
		const struct btf_type *mt = btf_type(b, m[i].type);

		printf("%s\"%s\": ", i ? ", " : "", btf_name(b, m[i].name_off));
		if (bit / 8 >= size) {
			printf("\"<truncated>\"");
		} else if (bits && mt && BTF_INFO_KIND(mt->info) == BTF_KIND_INT) {
			print_int(mt, p + bit / 8, size - bit / 8, bit % 8, bits);
		} else {
			print_type(b, m[i].type, p + bit / 8, size - bit / 8, depth + 1);
		}
	}
	printf("}");
}

static void print_array(const struct console_btf *b, const struct btf_type *t, const __u8 *p,
			__u32 size, int depth)
{
	const struct btf_array *a = (const struct btf_array *)(t + 1);
	const struct btf_type *et = btf_type(b, a->type);
	__u32 esize = et && BTF_INFO_KIND(et->info) == BTF_KIND_INT ? et->size : 0;

	if (esize == 1 && (BTF_INT_ENCODING(*(const __u32 *)(et + 1)) & BTF_INT_CHAR)) {
		__u32 n = a->nelems < size ? a->nelems : size;

		printf("\"%.*s\"", (int)strnlen((const char *)p, n), (const char *)p);
		return;
	}
	printf("[");
	for (__u32 i = 0; i < a->nelems; i++) {
		long long off = 0;
		const struct btf_type *it = et;

		while (it && (BTF_INFO_KIND(it->info) == BTF_KIND_TYPEDEF ||
			      BTF_INFO_KIND(it->info) == BTF_KIND_CONST ||
			      BTF_INFO_KIND(it->info) == BTF_KIND_VOLATILE))
			it = btf_type(b, it->type);
		off = it && BTF_INFO_KIND(it->info) != BTF_KIND_ARRAY ? (long long)it->size * i
								      : -1;
		if (i == BTF_ARRAY_SHOWN || off < 0 || off >= size) {
			printf("%s...", i ? ", " : "");
			break;
		}
		printf("%s", i ? ", " : "");
		print_type(b, a->type, p + off, size - (__u32)off, depth + 1);
	}
	printf("]");
}

static void print_enum(const struct console_btf *b, const struct btf_type *t, const __u8 *p,
		       __u32 size)
{
	__u32 n = t->size <= 8 ? t->size : 8;
	__u64 v = n <= size ? load_le(p, n) : 0;
	bool is64 = BTF_INFO_KIND(t->info) == BTF_KIND_ENUM64;

	for (__u32 i = 0; n <= size && i < BTF_INFO_VLEN(t->info); i++) {
		const __u32 *e = (const __u32 *)(t + 1) + i * (is64 ? 3 : 2);
		__u64 ev = is64 ? ((__u64)e[2] << 32 | e[1]) : (__u64)(__s64)(__s32)e[1];

		if ((ev & (n < 8 ? (1ULL << n * 8) - 1 : ~0ULL)) == v) {
			printf("\"%s\"", btf_name(b, e[0]));
			return;
		}
	}
	printf("%llu", (unsigned long long)v);
}

/* A DATASEC (global data: .data, .rodata, .bss): {"variable": value, ...}. */
static void print_datasec(const struct console_btf *b, const struct btf_type *t, const __u8 *p,
			  __u32 size, int depth)
{
	const struct btf_var_secinfo *v = (const struct btf_var_secinfo *)(t + 1);

	printf("{");
	for (__u32 i = 0; i < BTF_INFO_VLEN(t->info); i++) {
		const struct btf_type *var = btf_type(b, v[i].type);

		printf("%s\"%s\": ", i ? ", " : "", var ? btf_name(b, var->name_off) : "?");
		if (!var || BTF_INFO_KIND(var->info) != BTF_KIND_VAR || v[i].offset >= size)
			printf("\"?\"");
		else
			print_type(b, var->type, p + v[i].offset, size - v[i].offset, depth + 1);
	}
	printf("}");
}

/* Print the value of type id at p (size bytes readable) in bpftool's JSON-like form. */
static void print_type(const struct console_btf *b, __u32 id, const __u8 *p, __u32 size, int depth)
{
	const struct btf_type *t = btf_type(b, id);

	if (!t || depth > BTF_DEPTH_MAX) {
		printf("\"?\"");
		return;
	}
	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:
		print_int(t, p, size, 0, 0);
		break;
	case BTF_KIND_PTR:
		printf(size >= 8 ? "\"0x%llx\"" : "\"?\"",
		       size >= 8 ? (unsigned long long)load_le(p, 8) : 0ULL);
		break;
	case BTF_KIND_ARRAY:
		print_array(b, t, p, size, depth);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		print_struct(b, t, p, size, depth);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		print_enum(b, t, p, size);
		break;
	case BTF_KIND_DATASEC:
		print_datasec(b, t, p, size, depth);
		break;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		print_type(b, t->type, p, size, depth + 1);
		break;
	default:
		printf("\"<%s>\"", btf_name(b, t->name_off));
	}
}

void console_btf_print(const struct console_btf *b, unsigned int type_id, const void *data,
		       unsigned int size)
{
	print_type(b, type_id, data, size, 0);
}
