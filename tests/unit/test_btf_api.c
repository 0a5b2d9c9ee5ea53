// SPDX-License-Identifier: GPL-2.0
/*
 * libbpf's public BTF API (include/bpf/btf.h, lib/bpf/btf.c) on a blob built
 * here by hand: btf__new copies and indexes it, lookups by id, name and kind,
 * sizes and modifier chains resolved, the inline accessors on each kind, and
 * malformed blobs refused with EINVAL rather than read past their end.
 */
#define UNIT_SUITE "btf_api"
#include "lib/unit.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#define INFO(kind, kflag, vlen) ((__u32)(kind) << 24 | (__u32)(kflag) << 31 | (vlen))

/*
 * Types: [1] int (4, signed) [2] struct pair {int a; int b:3 at bit 32}
 * [3] typedef pair_t -> 2 [4] const -> 3 [5] int[4] [6] enum color {RED=1}
 * [7] ptr -> 4. Strings: "", "int", "pair", "a", "b", "pair_t", "color", "RED".
 */
static const char strs[] = "\0int\0pair\0a\0b\0pair_t\0color\0RED";
enum { S_INT = 1, S_PAIR = 5, S_A = 10, S_B = 12, S_PAIR_T = 14, S_COLOR = 21, S_RED = 27 };

static const __u32 types[] = {
	S_INT,
	INFO(BTF_KIND_INT, 0, 0),
	4,
	BTF_INT_SIGNED << 24 | 32,
	S_PAIR,
	INFO(BTF_KIND_STRUCT, 1, 2),
	8,
	S_A,
	1,
	0,
	S_B,
	1,
	3u << 24 | 32,
	S_PAIR_T,
	INFO(BTF_KIND_TYPEDEF, 0, 0),
	2,
	0,
	INFO(BTF_KIND_CONST, 0, 0),
	3,
	0,
	INFO(BTF_KIND_ARRAY, 0, 0),
	0,
	1,
	1,
	4,
	S_COLOR,
	INFO(BTF_KIND_ENUM, 0, 1),
	4,
	S_RED,
	1,
	0,
	INFO(BTF_KIND_PTR, 0, 0),
	4,
};

/* The blob: header, types, strings; *size set. malloc'ed. */
static void *make_blob(__u32 *size)
{
	struct btf_header h = { .magic = BTF_MAGIC,
				.version = 1,
				.hdr_len = sizeof(h),
				.type_off = 0,
				.type_len = sizeof(types),
				.str_off = sizeof(types),
				.str_len = sizeof(strs) };
	__u8 *blob;

	*size = sizeof(h) + sizeof(types) + sizeof(strs);
	blob = malloc(*size);
	if (!blob)
		return NULL;
	memcpy(blob, &h, sizeof(h));
	memcpy(blob + sizeof(h), types, sizeof(types));
	memcpy(blob + sizeof(h) + sizeof(types), strs, sizeof(strs));
	return blob;
}

UNIT_TEST(lookups_and_accessors)
{
	__u32 size;
	void *blob = make_blob(&size);
	struct btf *btf = blob ? btf__new(blob, size) : NULL;
	const struct btf_type *t;

	EXPECT(btf != NULL);
	if (!btf) {
		free(blob);
		return;
	}
	memset(blob, 0, size); /* btf__new copied it */
	free(blob);
	EXPECT_EQ(btf__type_cnt(btf), 8);
	EXPECT_EQ(btf__get_nr_types(btf), 7);
	EXPECT(btf__type_by_id(btf, 0) == NULL);
	errno = 0;
	EXPECT(btf__type_by_id(btf, 8) == NULL);
	EXPECT_EQ(errno, EINVAL);
	t = btf__type_by_id(btf, 1);
	EXPECT(t && btf_is_int(t) && btf_int_bits(t) == 32 &&
	       (btf_int_encoding(t) & BTF_INT_SIGNED) && btf_int_offset(t) == 0);
	t = btf__type_by_id(btf, 2);
	EXPECT(t && btf_is_struct(t) && btf_is_composite(t) && btf_vlen(t) == 2 && btf_kflag(t));
	if (t && btf_is_struct(t)) {
		EXPECT(!strcmp(btf__name_by_offset(btf, btf_members(t)[1].name_off), "b"));
		EXPECT_EQ(btf_member_bit_offset(t, 1), 32);
		EXPECT_EQ(btf_member_bitfield_size(t, 1), 3);
		EXPECT_EQ(btf_member_bitfield_size(t, 0), 0);
	}
	t = btf__type_by_id(btf, 4);
	EXPECT(t && btf_is_const(t) && btf_is_mod(t));
	t = btf__type_by_id(btf, 5);
	EXPECT(t && btf_is_array(t) && btf_array(t)->nelems == 4);
	t = btf__type_by_id(btf, 6);
	EXPECT(t && btf_is_enum(t) && btf_enum(t)[0].val == 1 &&
	       !strcmp(btf__name_by_offset(btf, btf_enum(t)[0].name_off), "RED"));
	EXPECT(!strcmp(btf__name_by_offset(btf, S_PAIR_T), "pair_t"));
	EXPECT(!strcmp(btf__name_by_offset(btf, 1000), ""));
	EXPECT_EQ(btf__resolve_type(btf, 4), 2);
	EXPECT_EQ(btf__resolve_type(btf, 1), 1);
	EXPECT_EQ(btf__resolve_type(btf, 99), -EINVAL);
	EXPECT_EQ(btf__resolve_size(btf, 4), 8);
	EXPECT_EQ(btf__resolve_size(btf, 5), 16);
	EXPECT_EQ(btf__resolve_size(btf, 7), 8);
	EXPECT_EQ(btf__find_by_name_kind(btf, "pair_t", BTF_KIND_TYPEDEF), 3);
	EXPECT_EQ(btf__find_by_name_kind(btf, "pair", BTF_KIND_STRUCT), 2);
	EXPECT_EQ(btf__find_by_name_kind(btf, "pair", BTF_KIND_UNION), -ENOENT);
	EXPECT_EQ(btf__find_by_name_kind(btf, "void", BTF_KIND_UNKN), 0);
	btf__free(btf);
	btf__free(NULL);
}

/*
 * Every truncation of the blob, a record cut short, a kind that does not
 * exist, a bad magic: all refused.
 */
UNIT_TEST(malformed_blobs_are_refused)
{
	__u32 size, cut;
	__u8 *blob = make_blob(&size);
	struct btf_header *h = (struct btf_header *)blob;
	struct btf *btf;

	EXPECT(blob != NULL);
	if (!blob)
		return;
	for (cut = 0; cut < size; cut++) {
		errno = 0;
		EXPECT(btf__new(blob, cut) == NULL);
		EXPECT_EQ(errno, EINVAL);
	}
	h->type_len -= 4; /* the last record (the ptr) loses a word */
	EXPECT(btf__new(blob, size) == NULL);
	h->type_len += 4;
	blob[sizeof(*h) + 5 * 4 + 3] = 0x1f; /* the struct's info word: kind 31 */
	EXPECT(btf__new(blob, size) == NULL);
	blob[sizeof(*h) + 5 * 4 + 3] = 0x80 | BTF_KIND_STRUCT;
	btf = btf__new(blob, size); /* restored: accepted */
	EXPECT(btf != NULL);
	btf__free(btf);
	h->magic = 0x1234;
	EXPECT(btf__new(blob, size) == NULL);
	free(blob);
}

UNIT_MAIN()
