/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loads and stores at any alignment (Linux: <linux/unaligned.h>). A map key
 * may sit at any stack offset the verifier accepts, odd ones included, so
 * map code reads a u32 index or prefixlen through these, never through a
 * cast pointer (undefined in C when misaligned; UBSan flags it). On x86-64
 * each compiles to one plain mov.
 */
#ifndef BPFKERN_UNALIGNED_H
#define BPFKERN_UNALIGNED_H

#include <bpfkern/types.h>

static inline u32 get_unaligned_u32(const void *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u64 get_unaligned_u64(const void *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline void put_unaligned_u32(u32 v, void *p)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

#endif
