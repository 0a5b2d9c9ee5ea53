/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BTF a corpus case with a "; func_info:" header line carries (vlinux
 * loads it into Linux, bpfrun verify --func-info into ours): the smallest
 * blob that gives every subprogram a FUNC with the linkage the line names.
 *
 *   ; func_info: global static       subprogram 0 global, 1 static, the rest static
 *
 * Types: [1] int, [2] FUNC_PROTO returning int with no parameters, [3 + i]
 * FUNC "fI" of subprogram i. Subprogram starts are insn 0 and the targets of
 * BPF-to-BPF calls (src_reg 1) and of BPF_PSEUDO_FUNC lddws (src_reg 4), as
 * the verifier finds them. Header-only so that it builds against either
 * uapi (vlinux uses the system's, bpfrun the project's): raw numbers only.
 */
#ifndef VBTF_H
#define VBTF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VBTF_MAX_FUNCS 32

/* Linux's struct bpf_func_info. */
struct vbtf_func_info {
	uint32_t insn_off;
	uint32_t type_id;
};

struct vbtf {
	unsigned char blob[1024];
	uint32_t size;
	struct vbtf_func_info fi[VBTF_MAX_FUNCS];
	uint32_t nfi;
};

/* Appends the 32-bit word v to b. */
static inline void vbtf_put(struct vbtf *b, uint32_t v)
{
	memcpy(b->blob + b->size, &v, 4);
	b->size += 4;
}

/* Sorted insertion of a subprogram start; false when there are too many. */
static inline int vbtf_add_start(uint32_t *starts, uint32_t *n, uint32_t off)
{
	uint32_t i;

	for (i = 0; i < *n; i++)
		if (starts[i] == off)
			return 1;
	if (*n == VBTF_MAX_FUNCS)
		return 0;
	for (i = *n; i > 0 && starts[i - 1] > off; i--)
		starts[i] = starts[i - 1];
	starts[i] = off;
	(*n)++;
	return 1;
}

/*
 * Builds out for the program insns (8-byte BPF instructions, cnt of them)
 * and linkages, a list of "static"/"global" words separated by spaces or
 * commas (subprogram 0 first; missing words: global for 0, static after).
 * Returns 0, or -1 with a reason in err.
 */
static inline int vbtf_build(const void *insns, size_t cnt, const char *linkages, struct vbtf *out,
			     char *err, size_t errlen)
{
	const unsigned char *p = insns;
	uint32_t starts[VBTF_MAX_FUNCS] = { 0 }, n = 1, hdr, tlen, i;
	char strs[VBTF_MAX_FUNCS * 4 + 8];
	uint32_t slen = 0, name_off[VBTF_MAX_FUNCS];
	const char *l = linkages;

	memset(out, 0, sizeof(*out));
	for (i = 0; i + 1 <= cnt; i++) {
		unsigned char code = p[i * 8], src = p[i * 8 + 1] >> 4;
		int32_t imm;

		memcpy(&imm, p + i * 8 + 4, 4);
		if ((code == 0x85 && src == 1) || (code == 0x18 && src == 4)) {
			if (!vbtf_add_start(starts, &n, (uint32_t)((int64_t)i + imm + 1))) {
				snprintf(err, errlen, "more than %d subprograms", VBTF_MAX_FUNCS);
				return -1;
			}
		}
	}
	memcpy(strs, "\0int", 5);
	slen = 5;
	for (i = 0; i < n; i++) {
		name_off[i] = slen;
		slen += (uint32_t)snprintf(strs + slen, sizeof(strs) - slen, "f%u", i) + 1;
	}
	/* btf_header: magic, version, flags, hdr_len; type_off, type_len, str_off, str_len */
	hdr = 24;
	tlen = 16 + 12 + n * 12;
	out->blob[0] = 0x9f, out->blob[1] = 0xeb, out->blob[2] = 1, out->blob[3] = 0;
	out->size = 4;
	vbtf_put(out, hdr);
	vbtf_put(out, 0);
	vbtf_put(out, tlen);
	vbtf_put(out, tlen);
	vbtf_put(out, slen);
	/* [1] INT "int" size 4, signed, 32 bits */
	vbtf_put(out, 1), vbtf_put(out, 1u << 24), vbtf_put(out, 4), vbtf_put(out, (1u << 24) | 32);
	/* [2] FUNC_PROTO int (void) */
	vbtf_put(out, 0), vbtf_put(out, 13u << 24), vbtf_put(out, 1);
	for (i = 0; i < n; i++) {
		uint32_t linkage = i ? 0 : 1; /* BTF_FUNC_STATIC 0, BTF_FUNC_GLOBAL 1 */

		while (l && (*l == ' ' || *l == ','))
			l++;
		if (l && *l) {
			if (!strncmp(l, "global", 6))
				linkage = 1;
			else if (!strncmp(l, "static", 6))
				linkage = 0;
			else {
				snprintf(err, errlen, "func_info: want static or global, got '%s'",
					 l);
				return -1;
			}
			l += 6;
		}
		/* [3 + i] FUNC "fI" -> [2] */
		vbtf_put(out, name_off[i]), vbtf_put(out, (12u << 24) | linkage), vbtf_put(out, 2);
		out->fi[i].insn_off = starts[i];
		out->fi[i].type_id = 3 + i;
	}
	memcpy(out->blob + out->size, strs, slen);
	out->size += slen;
	out->nfi = n;
	return 0;
}

/*
 * The BTF of a corpus map with a ":lockN" or ":btf" suffix ("; maps:
 * array:4:16:1:lock0"): key [1] int (so the key must be 4 bytes), value [3]
 * a struct of value_size bytes holding a struct bpf_spin_lock [2] at byte
 * lock_off, or (lock_off < 0) just an int at 0. Returns 0 or -1 with err.
 */
static inline int vbtf_map_build(uint32_t value_size, int lock_off, struct vbtf *out, char *err,
				 size_t errlen)
{
	static const char strs[] = "\0int\0bpf_spin_lock\0val\0v\0l";
	/* offsets in strs: int 1, bpf_spin_lock 5, val 19, v 23, l 25 */
	uint32_t tlen = 16 + 24 + 24;

	memset(out, 0, sizeof(*out));
	if (lock_off >= 0 && ((uint32_t)lock_off + 4 > value_size || lock_off % 4)) {
		snprintf(err, errlen, "lock at %d does not fit a %u-byte value", lock_off,
			 value_size);
		return -1;
	}
	out->blob[0] = 0x9f, out->blob[1] = 0xeb, out->blob[2] = 1, out->blob[3] = 0;
	out->size = 4;
	vbtf_put(out, 24), vbtf_put(out, 0), vbtf_put(out, tlen), vbtf_put(out, tlen);
	vbtf_put(out, sizeof(strs));
	/* [1] int */
	vbtf_put(out, 1), vbtf_put(out, 1u << 24), vbtf_put(out, 4), vbtf_put(out, (1u << 24) | 32);
	/* [2] struct bpf_spin_lock { int val; } */
	vbtf_put(out, 5), vbtf_put(out, (4u << 24) | 1), vbtf_put(out, 4);
	vbtf_put(out, 19), vbtf_put(out, 1), vbtf_put(out, 0);
	/* [3] struct val { struct bpf_spin_lock l; } or { int v; } */
	vbtf_put(out, 19), vbtf_put(out, (4u << 24) | 1), vbtf_put(out, value_size);
	if (lock_off >= 0)
		vbtf_put(out, 25), vbtf_put(out, 2), vbtf_put(out, (uint32_t)lock_off * 8);
	else
		vbtf_put(out, 23), vbtf_put(out, 1), vbtf_put(out, 0);
	memcpy(out->blob + out->size, strs, sizeof(strs));
	out->size += sizeof(strs);
	return 0;
}

/* The suffix of a map spec: 1 with *lock_off set (-1: BTF without a lock), 0 none. */
static inline int vbtf_map_suffix(const char *spec, int *lock_off)
{
	const char *p = strstr(spec, ":lock");

	if (p) {
		*lock_off = atoi(p + 5);
		return 1;
	}
	*lock_off = -1;
	return strstr(spec, ":btf") != NULL;
}

#endif
