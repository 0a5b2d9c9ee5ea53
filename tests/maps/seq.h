/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The map differential test (tests/maps, tier 50-maps-diff): seq.c runs
 * fixed sequences of map operations through a backend and prints one line
 * per result; the Linux backend calls the host's bpf(), ours calls our map
 * ops in-process. The two outputs must be identical. This header knows no
 * <linux/bpf.h>: types, flags and errnos are the ABI numbers.
 */
#ifndef TESTS_MAPS_SEQ_H
#define TESTS_MAPS_SEQ_H

#include <stdint.h>

enum {
	T_ARRAY = 2,
	T_PERCPU_HASH = 5,
	T_PERCPU_ARRAY = 6,
	T_LRU_HASH = 9,
	T_LRU_PERCPU_HASH = 10,
	T_LPM_TRIE = 11,
	T_ARRAY_OF_MAPS = 12,
	T_HASH_OF_MAPS = 13,
	T_DEVMAP = 14,
	T_QUEUE = 22,
	T_STACK = 23,
	T_DEVMAP_HASH = 25,
	T_RINGBUF = 27,
};

enum {
	F_NO_PREALLOC = 1u << 0,
	F_NO_COMMON_LRU = 1u << 1,
	F_NUMA_NODE = 1u << 2,
	F_RDONLY = 1u << 3,
	F_WRONLY = 1u << 4,
	F_RDONLY_PROG = 1u << 7,
	F_WRONLY_PROG = 1u << 8,
	F_MMAPABLE = 1u << 10,
	F_INNER_MAP = 1u << 12,
};

/*
 * Every call returns >= 0 or -errno. Handles are small integers. value
 * buffers of per-CPU maps hold one 8-byte-rounded value per CPU of the
 * backend (ncpus()).
 */
struct backend {
	const char *name;
	int (*create)(uint32_t type, uint32_t key_size, uint32_t value_size, uint32_t max_entries,
		      uint32_t flags, int inner);
	int (*update)(int h, const void *key, const void *value, uint64_t flags);
	int (*lookup)(int h, const void *key, void *value);
	int (*del)(int h, const void *key);
	int (*next_key)(int h, const void *key, void *next_key);
	int (*lookup_and_delete)(int h, const void *key, void *value);
	/* The map's id (as BPF_OBJ_GET_INFO_BY_FD reports it). */
	uint32_t (*map_id)(int h);
	void (*close)(int h);
	unsigned int (*ncpus)(void);
};

/* Runs every sequence, printing results to stdout; returns 0. */
int run_sequences(const struct backend *be);

#endif
