/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The BTF format as the bpf() ABI defines it (Linux: include/uapi/linux/btf.h;
 * Documentation/bpf/btf.rst): a header, a type section of variable-length
 * records and a string section. Facts of the format, written for bpfkern.
 */
#ifndef _UAPI__LINUX_BTF_H__
#define _UAPI__LINUX_BTF_H__

#include <linux/bpf.h> /* __u32 and the rest */

#define BTF_MAGIC 0xeB9F
#define BTF_VERSION 1

struct btf_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	/* offsets are relative to the end of the header */
	__u32 type_off;
	__u32 type_len;
	__u32 str_off;
	__u32 str_len;
};

/* Most types and the largest name offset. */
#define BTF_MAX_TYPE 0x000fffff
#define BTF_MAX_NAME_OFFSET 0x00ffffff
/* Most members, enumerators, parameters or variables of one type. */
#define BTF_MAX_VLEN 0xffff

struct btf_type {
	__u32 name_off;
	/*
	 * bits 0-15: vlen (members, enumerators, parameters...)
	 * bits 24-28: kind
	 * bit 31: kind_flag (bitfield members, FWD of a union, signed enum)
	 */
	__u32 info;
	/* size for INT, ENUM, STRUCT, UNION, DATASEC, FLOAT, ENUM64; else a type id */
	union {
		__u32 size;
		__u32 type;
	};
};

#define BTF_INFO_KIND(info) (((info) >> 24) & 0x1f)
#define BTF_INFO_VLEN(info) ((info)&0xffff)
#define BTF_INFO_KFLAG(info) ((info) >> 31)

enum {
	BTF_KIND_UNKN = 0,
	BTF_KIND_INT = 1,
	BTF_KIND_PTR = 2,
	BTF_KIND_ARRAY = 3,
	BTF_KIND_STRUCT = 4,
	BTF_KIND_UNION = 5,
	BTF_KIND_ENUM = 6,
	BTF_KIND_FWD = 7,
	BTF_KIND_TYPEDEF = 8,
	BTF_KIND_VOLATILE = 9,
	BTF_KIND_CONST = 10,
	BTF_KIND_RESTRICT = 11,
	BTF_KIND_FUNC = 12,
	BTF_KIND_FUNC_PROTO = 13,
	BTF_KIND_VAR = 14,
	BTF_KIND_DATASEC = 15,
	BTF_KIND_FLOAT = 16,
	BTF_KIND_DECL_TAG = 17,
	BTF_KIND_TYPE_TAG = 18,
	BTF_KIND_ENUM64 = 19,
	NR_BTF_KINDS,
	BTF_KIND_MAX = NR_BTF_KINDS - 1,
};

/* INT: one __u32 after the type: encoding (bits 24-27), offset (16-23), bits (0-7). */
#define BTF_INT_ENCODING(VAL) (((VAL)&0x0f000000) >> 24)
#define BTF_INT_OFFSET(VAL) (((VAL)&0x00ff0000) >> 16)
#define BTF_INT_BITS(VAL) ((VAL)&0x000000ff)
#define BTF_INT_SIGNED (1 << 0)
#define BTF_INT_CHAR (1 << 1)
#define BTF_INT_BOOL (1 << 2)

/* ENUM: vlen of these. */
struct btf_enum {
	__u32 name_off;
	__s32 val;
};

/* ARRAY: one of these. */
struct btf_array {
	__u32 type;
	__u32 index_type;
	__u32 nelems;
};

/* STRUCT and UNION: vlen of these; with kind_flag, offset holds bitfield size << 24. */
struct btf_member {
	__u32 name_off;
	__u32 type;
	__u32 offset;
};

#define BTF_MEMBER_BITFIELD_SIZE(val) ((val) >> 24)
#define BTF_MEMBER_BIT_OFFSET(val) ((val)&0xffffff)

/* FUNC_PROTO: vlen of these (a last one of type 0 is "..."). */
struct btf_param {
	__u32 name_off;
	__u32 type;
};

enum {
	BTF_VAR_STATIC = 0,
	BTF_VAR_GLOBAL_ALLOCATED = 1,
	BTF_VAR_GLOBAL_EXTERN = 2,
};

/* FUNC's vlen: its linkage. */
enum btf_func_linkage {
	BTF_FUNC_STATIC = 0,
	BTF_FUNC_GLOBAL = 1,
	BTF_FUNC_EXTERN = 2,
};

/* VAR: one of these. */
struct btf_var {
	__u32 linkage;
};

/* DATASEC: vlen of these, one per variable in the section. */
struct btf_var_secinfo {
	__u32 type;
	__u32 offset;
	__u32 size;
};

/* DECL_TAG: one of these (-1: the type itself, else its member or argument). */
struct btf_decl_tag {
	__s32 component_idx;
};

/* ENUM64: vlen of these. */
struct btf_enum64 {
	__u32 name_off;
	__u32 val_lo32;
	__u32 val_hi32;
};

#endif
