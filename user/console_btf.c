// SPDX-License-Identifier: GPL-2.0
/*
 * Map keys and values printed from their BTF, as bpftool's map dump does
 * for a map created with BTF: integers in decimal, chars arrays as strings,
 * structs as {"member": value, ...}, enums by name, pointers in hex. The
 * BTF comes from the kernel through libbpf's public BTF API
 * (btf__load_from_kernel_by_id, include/bpf/btf.h), which checked every
 * record against the blob; printing never reads outside the bytes it is given.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "user/console.h"

#define BTF_DEPTH_MAX 8
#define BTF_ARRAY_SHOWN 64 /* elements printed before "..." */

/* An unsigned little-endian value of n bytes (n <= 8) at p. */
static __u64 load_le(const __u8 *p, __u32 n)
{
	__u64 v = 0;

	for (__u32 i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static void print_type(const struct btf *b, __u32 id, const __u8 *p, __u32 size, int depth);

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

static void print_struct(const struct btf *b, const struct btf_type *t, const __u8 *p, __u32 size,
			 int depth)
{
	const struct btf_member *m = btf_members(t);

	printf("{");
	for (__u32 i = 0; i < btf_vlen(t); i++) {
		__u32 bit = btf_member_bit_offset(t, i), bits = btf_member_bitfield_size(t, i);
		const struct btf_type *mt = btf__type_by_id(b, m[i].type);

		printf("%s\"%s\": ", i ? ", " : "", btf__name_by_offset(b, m[i].name_off));
		if (bit / 8 >= size) {
			printf("\"<truncated>\"");
		} else if (bits && mt && btf_is_int(mt)) {
			print_int(mt, p + bit / 8, size - bit / 8, bit % 8, bits);
		} else {
			print_type(b, m[i].type, p + bit / 8, size - bit / 8, depth + 1);
		}
	}
	printf("}");
}

static void print_array(const struct btf *b, const struct btf_type *t, const __u8 *p, __u32 size,
			int depth)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *et = btf__type_by_id(b, a->type);
	__u32 esize = et && btf_is_int(et) ? et->size : 0;

	if (esize == 1 && (btf_int_encoding(et) & BTF_INT_CHAR)) {
		__u32 n = a->nelems < size ? a->nelems : size;

		printf("\"%.*s\"", (int)strnlen((const char *)p, n), (const char *)p);
		return;
	}
	printf("[");
	for (__u32 i = 0; i < a->nelems; i++) {
		long long off = 0;
		const struct btf_type *it = et;

		while (it && (btf_is_typedef(it) || btf_is_mod(it)))
			it = btf__type_by_id(b, it->type);
		off = it && !btf_is_array(it) ? (long long)it->size * i : -1;
		if (i == BTF_ARRAY_SHOWN || off < 0 || off >= size) {
			printf("%s...", i ? ", " : "");
			break;
		}
		printf("%s", i ? ", " : "");
		print_type(b, a->type, p + off, size - (__u32)off, depth + 1);
	}
	printf("]");
}

static void print_enum(const struct btf *b, const struct btf_type *t, const __u8 *p, __u32 size)
{
	__u32 n = t->size <= 8 ? t->size : 8;
	__u64 v = n <= size ? load_le(p, n) : 0;
	bool is64 = btf_is_enum64(t);

	for (__u32 i = 0; n <= size && i < btf_vlen(t); i++) {
		const __u32 *e = (const __u32 *)(t + 1) + i * (is64 ? 3 : 2);
		__u64 ev = is64 ? ((__u64)e[2] << 32 | e[1]) : (__u64)(__s64)(__s32)e[1];

		if ((ev & (n < 8 ? (1ULL << n * 8) - 1 : ~0ULL)) == v) {
			printf("\"%s\"", btf__name_by_offset(b, e[0]));
			return;
		}
	}
	printf("%llu", (unsigned long long)v);
}

/* A DATASEC (global data: .data, .rodata, .bss): {"variable": value, ...}. */
static void print_datasec(const struct btf *b, const struct btf_type *t, const __u8 *p, __u32 size,
			  int depth)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);

	printf("{");
	for (__u32 i = 0; i < btf_vlen(t); i++) {
		const struct btf_type *var = btf__type_by_id(b, v[i].type);

		printf("%s\"%s\": ", i ? ", " : "",
		       var ? btf__name_by_offset(b, var->name_off) : "?");
		if (!var || !btf_is_var(var) || v[i].offset >= size)
			printf("\"?\"");
		else
			print_type(b, var->type, p + v[i].offset, size - v[i].offset, depth + 1);
	}
	printf("}");
}

/* Print the value of type id at p (size bytes readable) in bpftool's JSON-like form. */
static void print_type(const struct btf *b, __u32 id, const __u8 *p, __u32 size, int depth)
{
	const struct btf_type *t = btf__type_by_id(b, id);

	if (!t || depth > BTF_DEPTH_MAX) {
		printf("\"?\"");
		return;
	}
	switch (btf_kind(t)) {
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
		printf("\"<%s>\"", btf__name_by_offset(b, t->name_off));
	}
}

void console_btf_print(const struct btf *b, unsigned int type_id, const void *data,
		       unsigned int size)
{
	print_type(b, type_id, data, size, 0);
}
