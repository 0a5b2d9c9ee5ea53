// SPDX-License-Identifier: GPL-2.0
/*
 * The operation sequences of the map differential test (see seq.h): for
 * each map type of docs/maps.md, creation edge cases, then scripted and
 * seeded-random operations, every result printed ("= 0", "= -22", values,
 * iteration order) so that the Linux and bpfkern outputs can be diffed.
 * Nothing here may depend on the CPU count or on ids, which differ.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "seq.h"

static const struct backend *be;
static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Creates a map, prints the result; returns the handle or -errno. */
static int create(const char *what, uint32_t type, uint32_t ks, uint32_t vs, uint32_t max,
		  uint32_t flags, int inner)
{
	int h = be->create(type, ks, vs, max, flags, inner);

	printf("create %s type=%u key=%u value=%u max=%u flags=%#x = %d\n", what, type, ks, vs, max,
	       flags, h < 0 ? h : 0);
	return h;
}

static void create_checks(void)
{
	static const struct {
		const char *what;
		uint32_t type, ks, vs, max, flags;
	} c[] = {
		{ "lpm4", T_LPM_TRIE, 8, 8, 16, F_NO_PREALLOC },
		{ "lpm-prealloc", T_LPM_TRIE, 8, 8, 16, 0 },
		{ "lpm-key4", T_LPM_TRIE, 4, 8, 16, F_NO_PREALLOC },
		{ "lpm-key5", T_LPM_TRIE, 5, 8, 16, F_NO_PREALLOC },
		{ "lpm-key260", T_LPM_TRIE, 260, 8, 16, F_NO_PREALLOC },
		{ "lpm-key261", T_LPM_TRIE, 261, 8, 16, F_NO_PREALLOC },
		{ "lpm-value0", T_LPM_TRIE, 8, 0, 16, F_NO_PREALLOC },
		{ "lpm-value-max", T_LPM_TRIE, 8, (1u << 22) - 256 - 24, 16, F_NO_PREALLOC },
		{ "lpm-value-max+1", T_LPM_TRIE, 8, (1u << 22) - 256 - 23, 16, F_NO_PREALLOC },
		{ "lpm-value-4m", T_LPM_TRIE, 8, 1u << 22, 16, F_NO_PREALLOC },
		{ "lpm-max0", T_LPM_TRIE, 8, 8, 0, F_NO_PREALLOC },
		{ "lpm-mmap", T_LPM_TRIE, 8, 8, 16, F_NO_PREALLOC | F_MMAPABLE },
		{ "lpm-rdonly-prog", T_LPM_TRIE, 8, 8, 16, F_NO_PREALLOC | F_RDONLY_PROG },
		{ "lpm-rw-prog", T_LPM_TRIE, 8, 8, 16,
		  F_NO_PREALLOC | F_RDONLY_PROG | F_WRONLY_PROG },
		{ "queue", T_QUEUE, 0, 4, 8, 0 },
		{ "queue-key", T_QUEUE, 4, 4, 8, 0 },
		{ "queue-value0", T_QUEUE, 0, 0, 8, 0 },
		{ "queue-max0", T_QUEUE, 0, 4, 0, 0 },
		{ "queue-noprealloc", T_QUEUE, 0, 4, 8, F_NO_PREALLOC },
		{ "queue-rdonly", T_QUEUE, 0, 4, 8, F_RDONLY },
		{ "queue-huge-value", T_QUEUE, 0, (1u << 22) + 1, 1, 0 },
		{ "queue-value-4m", T_QUEUE, 0, 1u << 22, 1, 0 },
		{ "stack", T_STACK, 0, 8, 1, 0 },
		{ "stack-mmap", T_STACK, 0, 8, 1, F_MMAPABLE },
		{ "ringbuf", T_RINGBUF, 0, 0, 4096, 0 },
		{ "ringbuf-64k-numa", T_RINGBUF, 0, 0, 65536, F_NUMA_NODE },
		{ "ringbuf-key", T_RINGBUF, 4, 0, 4096, 0 },
		{ "ringbuf-value", T_RINGBUF, 0, 4, 4096, 0 },
		{ "ringbuf-2048", T_RINGBUF, 0, 0, 2048, 0 },
		{ "ringbuf-12k", T_RINGBUF, 0, 0, 12288, 0 },
		{ "ringbuf-0", T_RINGBUF, 0, 0, 0, 0 },
		{ "ringbuf-noprealloc", T_RINGBUF, 0, 0, 4096, F_NO_PREALLOC },
		{ "ringbuf-rdonly-prog", T_RINGBUF, 0, 0, 4096, F_RDONLY_PROG },
		{ "percpu-hash", T_PERCPU_HASH, 4, 8, 16, 0 },
		{ "percpu-hash-noprealloc", T_PERCPU_HASH, 4, 8, 16, F_NO_PREALLOC },
		{ "percpu-hash-nocommon", T_PERCPU_HASH, 4, 8, 16, F_NO_COMMON_LRU },
		{ "percpu-hash-numa", T_PERCPU_HASH, 4, 8, 16, F_NUMA_NODE },
		{ "percpu-hash-32k", T_PERCPU_HASH, 4, 32768, 1, 0 },
		{ "percpu-hash-32k+1", T_PERCPU_HASH, 4, 32769, 1, 0 },
		{ "percpu-hash-key0", T_PERCPU_HASH, 0, 8, 16, 0 },
		{ "percpu-hash-mmap", T_PERCPU_HASH, 4, 8, 16, F_MMAPABLE },
		{ "lru-hash", T_LRU_HASH, 4, 8, 16, 0 },
		{ "lru-hash-nocommon", T_LRU_HASH, 4, 8, 16, F_NO_COMMON_LRU },
		{ "lru-hash-noprealloc", T_LRU_HASH, 4, 8, 16, F_NO_PREALLOC },
		{ "lru-hash-numa", T_LRU_HASH, 4, 8, 16, F_NUMA_NODE },
		{ "lru-hash-value0", T_LRU_HASH, 4, 0, 16, 0 },
		{ "lru-hash-max0", T_LRU_HASH, 4, 8, 0, 0 },
		{ "lru-hash-rdonly-prog", T_LRU_HASH, 4, 8, 16, F_RDONLY_PROG },
		{ "lru-percpu-hash", T_LRU_PERCPU_HASH, 4, 8, 16, 0 },
		{ "lru-percpu-hash-nocommon", T_LRU_PERCPU_HASH, 4, 8, 16, F_NO_COMMON_LRU },
		{ "lru-percpu-hash-numa", T_LRU_PERCPU_HASH, 4, 8, 16, F_NUMA_NODE },
		{ "lru-percpu-hash-noprealloc", T_LRU_PERCPU_HASH, 4, 8, 16, F_NO_PREALLOC },
		{ "lru-percpu-hash-32k+1", T_LRU_PERCPU_HASH, 4, 32769, 1, 0 },
		{ "percpu", T_PERCPU_ARRAY, 4, 8, 4, 0 },
		{ "percpu-key8", T_PERCPU_ARRAY, 8, 8, 4, 0 },
		{ "percpu-mmap", T_PERCPU_ARRAY, 4, 8, 4, F_MMAPABLE },
		{ "percpu-inner", T_PERCPU_ARRAY, 4, 8, 4, F_INNER_MAP },
		{ "percpu-noprealloc", T_PERCPU_ARRAY, 4, 8, 4, F_NO_PREALLOC },
		{ "percpu-32k", T_PERCPU_ARRAY, 4, 32768, 1, 0 },
		{ "percpu-32k+1", T_PERCPU_ARRAY, 4, 32769, 1, 0 },
		{ "devmap", T_DEVMAP, 4, 4, 8, 0 },
		{ "devmap-val8", T_DEVMAP, 4, 8, 8, 0 },
		{ "devmap-val6", T_DEVMAP, 4, 6, 8, 0 },
		{ "devmap-key8", T_DEVMAP, 8, 4, 8, 0 },
		{ "devmap-max0", T_DEVMAP, 4, 4, 0, 0 },
		{ "devmap-noprealloc", T_DEVMAP, 4, 4, 8, F_NO_PREALLOC },
		{ "devmap-rdonly", T_DEVMAP, 4, 4, 8, F_RDONLY },
		{ "devmap-rdonly-prog", T_DEVMAP, 4, 4, 8, F_RDONLY_PROG },
		{ "devmap-hash", T_DEVMAP_HASH, 4, 4, 5, 0 },
		{ "devmap-hash-val12", T_DEVMAP_HASH, 4, 12, 5, 0 },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int h = create(c[i].what, c[i].type, c[i].ks, c[i].vs, c[i].max, c[i].flags, -1);

		if (h >= 0)
			be->close(h);
	}
}

struct lpm_key {
	uint32_t prefixlen;
	uint8_t data[16];
};

static void print_key(const struct lpm_key *k, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		printf("%s%u", i ? "." : "", k->data[i]);
	printf("/%u", k->prefixlen);
}

/* The whole get_next_key walk from NULL, one line. */
static void lpm_walk(int h, uint32_t n)
{
	struct lpm_key cur, next;
	int count = 0, err;

	printf("walk:");
	for (err = be->next_key(h, NULL, &next); !err && count < 200;
	     err = be->next_key(h, &cur, &next), count++) {
		printf(" ");
		print_key(&next, n);
		cur = next;
	}
	printf(" = %d\n", err);
}

/* A random prefix near four bases so that prefixes nest. */
static void lpm_random_key(struct lpm_key *k, uint32_t n, const uint8_t bases[4][16])
{
	memcpy(k->data, bases[rnd() % 4], n);
	if (rnd() & 1)
		k->data[rnd() % n] ^= (uint8_t)(1u << (rnd() % 8));
	k->prefixlen = (uint32_t)(rnd() % (n * 8 + 2)); /* sometimes one too long */
}

static void lpm_run(uint32_t n, uint32_t max, int steps)
{
	uint8_t bases[4][16];
	int h = create("lpm-run", T_LPM_TRIE, 4 + n, 8, max, F_NO_PREALLOC, -1);

	if (h < 0)
		return;
	for (int b = 0; b < 4; b++)
		for (uint32_t i = 0; i < n; i++)
			bases[b][i] = (uint8_t)rnd();
	for (int s = 0; s < steps; s++) {
		struct lpm_key k;
		uint64_t v = rnd() & 0xffff, out = 0;
		unsigned int op = rnd() % 8;

		lpm_random_key(&k, n, bases);
		if (op < 3) {
			uint64_t flags = rnd() % 4;

			printf("update ");
			print_key(&k, n);
			printf(" flags=%llu = %d\n", (unsigned long long)flags,
			       be->update(h, &k, &v, flags));
		} else if (op < 5) {
			printf("delete ");
			print_key(&k, n);
			printf(" = %d\n", be->del(h, &k));
		} else if (op < 7) {
			int err;

			if (op == 5)
				k.prefixlen = n * 8;
			err = be->lookup(h, &k, &out);
			printf("lookup ");
			print_key(&k, n);
			printf(" = %d value=%llu\n", err, err ? 0ull : (unsigned long long)out);
		} else {
			struct lpm_key next;
			int err = be->next_key(h, &k, &next);

			printf("next_key ");
			print_key(&k, n);
			printf(" = %d", err);
			if (!err) {
				printf(" ");
				print_key(&next, n);
			}
			printf("\n");
		}
		if (s % 50 == 49)
			lpm_walk(h, n);
	}
	lpm_walk(h, n);
	be->close(h);
}

static void queue_stack_run(uint32_t type, const char *what)
{
	int h = create(what, type, 0, 4, 5, 0, -1);
	uint32_t v, out;

	if (h < 0)
		return;
	for (int s = 0; s < 300; s++) {
		unsigned int op = rnd() % 10;
		int err;

		v = (uint32_t)(rnd() & 0xfff);
		out = 0xdead;
		if (op < 5) {
			uint64_t flags = op < 3 ? 0 : rnd() % 4;

			err = be->update(h, NULL, &v, flags);
			printf("push %u flags=%llu = %d\n", v, (unsigned long long)flags, err);
		} else if (op < 7) {
			err = be->lookup_and_delete(h, NULL, &out);
			printf("pop = %d value=%u\n", err, err ? 0 : out);
		} else if (op < 9) {
			err = be->lookup(h, NULL, &out);
			printf("peek = %d value=%u\n", err, err ? 0 : out);
		} else {
			err = be->del(h, NULL);
			printf("delete = %d next_key = %d\n", err, be->next_key(h, NULL, &out));
		}
	}
	be->close(h);
}

static void percpu_run(void)
{
	unsigned int n = be->ncpus();
	uint64_t *buf = calloc(n, 8);
	int h = create("percpu-run", T_PERCPU_ARRAY, 4, 4, 4, 0, -1);

	if (h < 0 || !buf)
		return;
	for (int s = 0; s < 100; s++) {
		uint32_t key = (uint32_t)(rnd() % 6), next = 0;
		unsigned int op = rnd() % 4;
		int err;

		if (op == 0) {
			uint64_t flags = rnd() % 4;

			uint64_t v = rnd() & 0xffff;

			for (unsigned int c = 0; c < n; c++) /* padding bits are ignored */
				buf[c] = (v + c) | 0xffffffff00000000ull;
			err = be->update(h, &key, buf, flags);
			printf("update %u flags=%llu = %d\n", key, (unsigned long long)flags, err);
		} else if (op == 1) {
			memset(buf, 0xee, n * 8);
			err = be->lookup(h, &key, buf);
			printf("lookup %u = %d cpu0=%llx\n", key, err,
			       err ? 0ull : (unsigned long long)buf[0]);
		} else if (op == 2) {
			printf("delete %u = %d\n", key, be->del(h, &key));
		} else {
			err = be->next_key(h, rnd() % 3 ? &key : NULL, &next);
			printf("next_key %u = %d next=%u\n", key, err, err ? 0 : next);
		}
	}
	be->close(h);
	free(buf);
}

/* Counts the keys a get_next_key walk from NULL visits (hash orders differ). */
static void hash_count(int h)
{
	uint32_t cur = 0, next;
	int count = 0, err;

	for (err = be->next_key(h, NULL, &next); !err && count < 200;
	     err = be->next_key(h, &cur, &next), count++)
		cur = next;
	printf("walk count=%d = %d\n", count, err);
}

/*
 * PERCPU_HASH, LRU_HASH, LRU_PERCPU_HASH: random updates (all flags, and an
 * invalid one), lookups (CPU 0's copy), deletes over 8 keys in a map of 64,
 * so that no LRU evicts whatever the CPU count; then a PERCPU_HASH fill
 * past max_entries (-E2BIG).
 */
static void hash_family_run(uint32_t type, const char *what, uint32_t vs, uint32_t flags)
{
	unsigned int n = be->ncpus();
	uint64_t *buf = calloc(n, 8);
	int h = create(what, type, 4, vs, 64, flags, -1);
	int percpu = type != T_LRU_HASH;

	if (h < 0 || !buf)
		return;
	for (int s = 0; s < 200; s++) {
		uint32_t key = (uint32_t)(rnd() % 8);
		unsigned int op = rnd() % 3;
		int err;

		if (op == 0) {
			uint64_t f = rnd() % 4, v = rnd() & 0xffff;

			for (unsigned int c = 0; c < (percpu ? n : 1); c++)
				buf[c] = (v + c) | 0xabcd000000000000ull;
			err = be->update(h, &key, buf, f);
			printf("update %u flags=%llu = %d\n", key, (unsigned long long)f, err);
		} else if (op == 1) {
			memset(buf, 0xee, n * 8);
			err = be->lookup(h, &key, buf);
			printf("lookup %u = %d cpu0=%llx\n", key, err,
			       err ? 0ull : (unsigned long long)buf[0]);
		} else {
			printf("delete %u = %d\n", key, be->del(h, &key));
		}
		if (s % 50 == 49)
			hash_count(h);
	}
	be->close(h);
	if (type == T_PERCPU_HASH) {
		h = create("percpu-hash-full", type, 4, vs, 4, flags, -1);
		for (uint32_t k = 0; h >= 0 && k < 6; k++)
			printf("update %u = %d\n", k, be->update(h, &k, buf, 0));
		if (h >= 0)
			be->close(h);
	}
	free(buf);
}

/* Prints the whole DEVMAP_HASH iteration order. */
static void devmap_walk(int h)
{
	uint32_t cur, next;
	int err, count = 0;

	printf("walk:");
	for (err = be->next_key(h, NULL, &next); !err && count < 100;
	     err = be->next_key(h, &cur, &next), count++) {
		printf(" %u", next);
		cur = next;
	}
	printf(" = %d\n", err);
}

static void devmap_run(uint32_t type, const char *what, uint32_t vs)
{
	int h = create(what, type, 4, vs, 8, 0, -1);

	if (h < 0)
		return;
	for (int s = 0; s < 200; s++) {
		uint32_t key = (uint32_t)(rnd() % (type == T_DEVMAP ? 10 : 40));
		uint32_t val[2] = { 0, 0 }, out[2];
		unsigned int op = rnd() % 6;
		int err;

		if (op < 3) {
			uint64_t flags = rnd() % 4;
			unsigned int pick = rnd() % 8;

			val[0] = pick < 6 ? 1 : pick == 6 ? 0 : 9999; /* lo, none, missing */
			if (vs == 8 && rnd() % 8 == 0)
				val[1] = (uint32_t)-1; /* prog fd -1: no program */
			err = be->update(h, &key, val, flags);
			printf("update %u ifindex=%u fd=%d flags=%llu = %d\n", key, val[0],
			       (int)val[1], (unsigned long long)flags, err);
		} else if (op == 3) {
			printf("delete %u = %d\n", key, be->del(h, &key));
		} else if (op == 4) {
			memset(out, 0xee, sizeof(out));
			err = be->lookup(h, &key, out);
			printf("lookup %u = %d ifindex=%u", key, err, err ? 0 : out[0]);
			if (vs == 8 && !err)
				printf(" prog_id=%u", out[1]);
			printf("\n");
		} else {
			devmap_walk(h);
		}
	}
	devmap_walk(h);
	be->close(h);
}

static void ringbuf_run(void)
{
	int h = create("ringbuf-ops", T_RINGBUF, 0, 0, 4096, 0, -1);
	uint32_t key = 0, v = 0;

	if (h < 0)
		return;
	printf("lookup = %d\n", be->lookup(h, &key, &v));
	printf("update = %d\n", be->update(h, &key, &v, 0));
	printf("delete = %d\n", be->del(h, &key));
	printf("next_key = %d\n", be->next_key(h, NULL, &v));
	printf("pop = %d\n", be->lookup_and_delete(h, &key, &v));
	be->close(h);
}

static void close_if_made(int h)
{
	if (h >= 0)
		be->close(h);
}

static void map_in_map_run(void)
{
	int tmpl = create("inner-template", T_ARRAY, 4, 4, 2, 0, -1);
	int loose_tmpl = create("inner-template-loose", T_ARRAY, 4, 4, 2, F_INNER_MAP, -1);
	int inner[7], outer, loose, nested, k, fd, err;
	uint32_t id, key;

	inner[0] = create("same", T_ARRAY, 4, 4, 2, 0, -1);
	inner[1] = create("longer", T_ARRAY, 4, 4, 3, 0, -1);
	inner[2] = create("wider", T_ARRAY, 4, 8, 2, 0, -1);
	inner[3] = create("percpu", T_PERCPU_ARRAY, 4, 4, 2, 0, -1);
	inner[4] = create("loose-longer", T_ARRAY, 4, 4, 9, F_INNER_MAP, -1);
	inner[5] = create("lpm", T_LPM_TRIE, 8, 4, 2, F_NO_PREALLOC, -1);
	inner[6] = create("rdonly", T_ARRAY, 4, 4, 2, F_RDONLY, -1);
	outer = create("outer", T_ARRAY_OF_MAPS, 4, 4, 3, 0, tmpl);
	loose = create("outer-loose", T_ARRAY_OF_MAPS, 4, 4, 3, 0, loose_tmpl);
	close_if_made(create("outer-value8", T_ARRAY_OF_MAPS, 4, 8, 3, 0, tmpl));
	close_if_made(create("outer-mmap", T_ARRAY_OF_MAPS, 4, 4, 3, F_MMAPABLE, tmpl));
	close_if_made(create("outer-lpm-inner", T_ARRAY_OF_MAPS, 4, 4, 3, 0, inner[5]));
	nested = outer >= 0 ? create("nested", T_ARRAY_OF_MAPS, 4, 4, 3, 0, outer) : -1;
	if (outer < 0 || loose < 0)
		return;
	for (k = 0; k < 7; k++) {
		key = (uint32_t)k % 3;
		fd = inner[k];
		printf("outer update %d = %d\n", k, be->update(outer, &key, &fd, 0));
		printf("loose update %d = %d\n", k, be->update(loose, &key, &fd, 0));
	}
	key = 0;
	fd = inner[0];
	printf("update noexist = %d\n", be->update(outer, &key, &fd, 1));
	printf("update exist = %d\n", be->update(outer, &key, &fd, 2));
	key = 3;
	printf("update past end = %d\n", be->update(outer, &key, &fd, 0));
	key = 0;
	printf("update ok = %d\n", be->update(outer, &key, &fd, 0));
	id = 0;
	err = be->lookup(outer, &key, &id);
	printf("lookup = %d same-id=%d\n", err, id == be->map_id(inner[0]));
	err = be->del(outer, &key);
	printf("delete = %d delete-again = %d\n", err, be->del(outer, &key));
	key = 2;
	printf("lookup empty = %d\n", be->lookup(outer, &key, &id));
	printf("next_key = %d key=%u\n", be->next_key(outer, NULL, &key), key);
	for (k = 0; k < 7; k++)
		if (inner[k] >= 0)
			be->close(inner[k]);
	be->close(outer);
	be->close(loose);
	if (nested >= 0)
		be->close(nested);
	be->close(tmpl);
	be->close(loose_tmpl);
}

/* HASH_OF_MAPS: flags, limits and compatibility; iteration only counted (hashes differ). */
static void hash_of_maps_run(void)
{
	int tmpl = create("hinner-template", T_ARRAY, 4, 4, 2, 0, -1);
	int same = create("hsame", T_ARRAY, 4, 4, 2, 0, -1);
	int other = create("hother", T_ARRAY, 4, 4, 2, 0, -1);
	int longer = create("hlonger", T_ARRAY, 4, 4, 3, 0, -1);
	int outer, n = 0, err;
	uint32_t key, next, id;

	close_if_made(create("houter-value8", T_HASH_OF_MAPS, 4, 8, 3, 0, tmpl));
	close_if_made(create("houter-key0", T_HASH_OF_MAPS, 0, 4, 3, 0, tmpl));
	close_if_made(create("houter-max0", T_HASH_OF_MAPS, 4, 4, 0, 0, tmpl));
	outer = create("houter", T_HASH_OF_MAPS, 4, 4, 3, 0, tmpl);
	if (outer < 0)
		return;
	for (key = 10; key < 15; key++) {
		uint64_t flags = key % 3;
		int fd = key == 12 ? longer : key % 2 ? same : other;

		printf("update %u flags=%llu = %d\n", key, (unsigned long long)flags,
		       be->update(outer, &key, &fd, flags));
	}
	key = 10;
	printf("update exist = %d\n", be->update(outer, &key, &other, 2));
	printf("update noexist = %d\n", be->update(outer, &key, &other, 1));
	id = 0;
	err = be->lookup(outer, &key, &id);
	printf("lookup = %d other-id=%d\n", err, id == be->map_id(other));
	key = 99;
	err = be->lookup(outer, &key, &id);
	printf("lookup missing = %d delete missing = %d\n", err, be->del(outer, &key));
	for (err = be->next_key(outer, NULL, &next); !err && n < 10; n++) {
		key = next;
		err = be->next_key(outer, &key, &next);
	}
	printf("walk: %d keys = %d\n", n, err);
	key = 10;
	err = be->del(outer, &key);
	printf("delete = %d again = %d\n", err, be->del(outer, &key));
	be->close(outer);
	be->close(same);
	be->close(other);
	be->close(longer);
	be->close(tmpl);
}

int run_sequences(const struct backend *backend)
{
	be = backend;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# section create_checks\n");
	create_checks();
	printf("# section lpm_ipv4\n");
	lpm_run(4, 24, 1500);
	printf("# section lpm_ipv6\n");
	lpm_run(16, 48, 800);
	printf("# section queue\n");
	queue_stack_run(T_QUEUE, "queue-run");
	printf("# section stack\n");
	queue_stack_run(T_STACK, "stack-run");
	printf("# section percpu_array\n");
	percpu_run();
	printf("# section percpu_hash\n");
	hash_family_run(T_PERCPU_HASH, "percpu-hash-run", 4, 0);
	printf("# section percpu_hash_noprealloc\n");
	hash_family_run(T_PERCPU_HASH, "percpu-hash-run-np", 8, F_NO_PREALLOC);
	printf("# section lru_hash\n");
	hash_family_run(T_LRU_HASH, "lru-hash-run", 8, 0);
	printf("# section lru_hash_nocommon\n");
	hash_family_run(T_LRU_HASH, "lru-hash-run-nc", 8, F_NO_COMMON_LRU);
	printf("# section lru_percpu_hash\n");
	hash_family_run(T_LRU_PERCPU_HASH, "lru-percpu-hash-run", 4, 0);
	printf("# section lru_percpu_hash_nocommon\n");
	hash_family_run(T_LRU_PERCPU_HASH, "lru-percpu-hash-run-nc", 8, F_NO_COMMON_LRU);
	printf("# section devmap\n");
	devmap_run(T_DEVMAP, "devmap-run", 4);
	printf("# section devmap_val8\n");
	devmap_run(T_DEVMAP, "devmap-run8", 8);
	printf("# section devmap_hash\n");
	devmap_run(T_DEVMAP_HASH, "devmap-hash-run", 4);
	printf("# section ringbuf\n");
	ringbuf_run();
	printf("# section array_of_maps\n");
	map_in_map_run();
	printf("# section hash_of_maps\n");
	hash_of_maps_run();
	return 0;
}
