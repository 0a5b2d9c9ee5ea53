// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/lpm_trie.c. The core test keeps a brute-force
 * model (a plain list of prefixes) beside the trie through random updates
 * and deletes of nested IPv4 and IPv6 prefixes, and checks every lookup
 * (longest match by linear scan) and the whole get_next_key order (the
 * post-order of the trie: a prefix after all prefixes it contains, bit 0
 * before bit 1). Also Linux's creation checks, flag semantics, the
 * example order of Linux's lpm_trie.c, and 10,000 create/destroy cycles.
 */
#include <string.h>
#define UNIT_SUITE "lpm"
#include "lib/unit.h"
#include "lib/map_util.h"

#define MAX_DATA 16
#define MODEL_MAX 512

struct lpm_key {
	u32 prefixlen;
	u8 data[MAX_DATA];
};

struct model {
	u32 data_size, n;
	struct lpm_key keys[MODEL_MAX];
	u64 values[MODEL_MAX];
};

static unsigned int bit(const u8 *data, u32 i)
{
	return (data[i / 8] >> (7 - i % 8)) & 1;
}

/* Whether the first len bits of a and b agree. */
static bool bits_match(const u8 *a, const u8 *b, u32 len)
{
	for (u32 i = 0; i < len; i++)
		if (bit(a, i) != bit(b, i))
			return false;
	return true;
}

/* Post-order: -1 if a comes before b. Descendants first, then bit 0 before bit 1. */
static int postorder_cmp(const struct lpm_key *a, const struct lpm_key *b)
{
	u32 l = min(a->prefixlen, b->prefixlen);

	for (u32 i = 0; i < l; i++)
		if (bit(a->data, i) != bit(b->data, i))
			return bit(a->data, i) ? 1 : -1;
	if (a->prefixlen == b->prefixlen)
		return 0;
	return a->prefixlen > b->prefixlen ? -1 : 1;
}

static int model_find(const struct model *m, const struct lpm_key *k)
{
	for (u32 i = 0; i < m->n; i++)
		if (m->keys[i].prefixlen == k->prefixlen &&
		    bits_match(m->keys[i].data, k->data, k->prefixlen))
			return (int)i;
	return -1;
}

/* The value of the longest model prefix covering the address (all its bits), or NULL. */
static const u64 *model_lookup(const struct model *m, const u8 *addr)
{
	int best = -1;

	for (u32 i = 0; i < m->n; i++)
		if (bits_match(m->keys[i].data, addr, m->keys[i].prefixlen) &&
		    (best < 0 || m->keys[i].prefixlen > m->keys[best].prefixlen))
			best = (int)i;
	return best < 0 ? NULL : &m->values[best];
}

/* A random prefix near a few base addresses, so that prefixes nest and share bits. */
static void random_key(struct lpm_key *k, u32 data_size, const u8 (*bases)[MAX_DATA])
{
	memcpy(k->data, bases[unit_rand() % 4], data_size);
	for (int flips = unit_rand() % 3; flips > 0; flips--) {
		u32 b = (u32)(unit_rand() % (data_size * 8));

		k->data[b / 8] ^= (u8)(0x80 >> (b % 8));
	}
	k->prefixlen = (u32)(unit_rand() % (data_size * 8 + 1));
	/* bits past the prefix are don't-care: randomise them */
	for (u32 i = k->prefixlen; i < data_size * 8; i++)
		if (unit_rand() & 1)
			k->data[i / 8] ^= (u8)(0x80 >> (i % 8));
}

/* Walks get_next_key from NULL and checks it yields the model sorted by post-order. */
static void check_order(struct bpf_map *map, struct model *m)
{
	struct lpm_key sorted[MODEL_MAX], cur, next;
	u32 n = 0;
	bool first = true;

	memcpy(sorted, m->keys, m->n * sizeof(sorted[0]));
	qsort(sorted, m->n, sizeof(sorted[0]), (int (*)(const void *, const void *))postorder_cmp);
	while (map->ops->map_get_next_key(map, first ? NULL : &cur, &next) == 0) {
		ASSERT(n < m->n);
		EXPECT_EQ(next.prefixlen, sorted[n].prefixlen);
		EXPECT(bits_match(next.data, sorted[n].data, next.prefixlen));
		cur = next;
		first = false;
		n++;
	}
	EXPECT_EQ(n, m->n);
}

static void model_run(u32 data_size, unsigned long long seed)
{
	u8 bases[4][MAX_DATA];
	struct model *m = calloc(1, sizeof(*m));
	struct bpf_map *map = map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 4 + data_size, 8,
					 MODEL_MAX, BPF_F_NO_PREALLOC);

	ASSERT(m && !IS_ERR(map));
	unit_srand(seed);
	for (int b = 0; b < 4; b++)
		for (u32 i = 0; i < data_size; i++)
			bases[b][i] = (u8)unit_rand();
	m->data_size = data_size;
	for (int step = 0; step < 3000; step++) {
		struct lpm_key k;
		int at;

		random_key(&k, data_size, (const u8(*)[MAX_DATA])bases);
		at = model_find(m, &k);
		if (unit_rand() % 2) {
			u64 v = unit_rand();
			long err = map->ops->map_update_elem(map, &k, &v, BPF_ANY);

			if (at < 0 && m->n == MODEL_MAX) {
				EXPECT_EQ(err, -ENOSPC);
				continue;
			}
			EXPECT_EQ(err, 0);
			if (at < 0) {
				m->keys[m->n] = k;
				at = (int)m->n++;
			}
			m->values[at] = v;
		} else {
			EXPECT_EQ(map->ops->map_delete_elem(map, &k), at < 0 ? -ENOENT : 0);
			if (at >= 0) {
				m->n--;
				m->keys[at] = m->keys[m->n];
				m->values[at] = m->values[m->n];
			}
		}
		/* lookups of full-length addresses near the bases */
		for (int q = 0; q < 8; q++) {
			struct lpm_key addr;
			const u64 *want, *got;

			random_key(&addr, data_size, (const u8(*)[MAX_DATA])bases);
			addr.prefixlen = data_size * 8;
			want = model_lookup(m, addr.data);
			got = map->ops->map_lookup_elem(map, &addr);
			EXPECT_EQ(got != NULL, want != NULL);
			if (got && want)
				EXPECT_EQ(*got, *want);
		}
		if (step % 100 == 0)
			check_order(map, m);
	}
	check_order(map, m);
	map->ops->map_free(map);
	free(m);
}

UNIT_TEST(ipv4_random_against_model)
{
	model_run(4, 1);
	model_run(4, 2);
}

UNIT_TEST(ipv6_random_against_model)
{
	model_run(16, 3);
}

static struct lpm_key ip4(u8 a, u8 b, u8 c, u8 d, u32 len)
{
	struct lpm_key k = { len, { a, b, c, d } };

	return k;
}

/* The example of Linux's lpm_trie.c: more specific prefixes first. */
UNIT_TEST(linux_example_order)
{
	struct bpf_map *map =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 4, 16, BPF_F_NO_PREALLOC);
	struct lpm_key keys[] = { ip4(192, 168, 0, 0, 16), ip4(192, 168, 0, 0, 24),
				  ip4(192, 168, 1, 0, 24), ip4(192, 168, 128, 0, 24) };
	const int order[] = { 1, 2, 3, 0 };
	struct lpm_key next, bogus = ip4(10, 0, 0, 0, 8);
	u32 v = 0;

	ASSERT(!IS_ERR(map));
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(map->ops->map_update_elem(map, &keys[i], &v, BPF_ANY), 0);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT(!memcmp(&next, &keys[order[0]], 8));
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(map->ops->map_get_next_key(map, &keys[order[i]], &next), 0);
		EXPECT(!memcmp(&next, &keys[order[i + 1]], 8));
	}
	EXPECT_EQ(map->ops->map_get_next_key(map, &keys[0], &next), -ENOENT);
	/* a key that is not stored restarts from the first */
	EXPECT_EQ(map->ops->map_get_next_key(map, &bogus, &next), 0);
	EXPECT(!memcmp(&next, &keys[order[0]], 8));
	map->ops->map_free(map);
}

UNIT_TEST(create_checks)
{
	const struct bpf_map_ops *o = &trie_map_ops;
	const enum bpf_map_type t = BPF_MAP_TYPE_LPM_TRIE;

	EXPECT_EQ(map_create_err(o, t, 8, 4, 16, BPF_F_NO_PREALLOC), 0);
	EXPECT_EQ(map_create_err(o, t, 8, 4, 16, 0), -EINVAL); /* must not preallocate */
	EXPECT_EQ(map_create_err(o, t, 4, 4, 16, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 5, 4, 16, BPF_F_NO_PREALLOC), 0);
	EXPECT_EQ(map_create_err(o, t, 260, 4, 16, BPF_F_NO_PREALLOC), 0);
	EXPECT_EQ(map_create_err(o, t, 261, 4, 16, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 8, 0, 16, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 8, 4, 0, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 8, 4, 16, BPF_F_NO_PREALLOC | BPF_F_MMAPABLE), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 8, 4, 16, BPF_F_NO_PREALLOC | BPF_F_RDONLY_PROG), 0);
}

UNIT_TEST(update_flags_and_limits)
{
	struct bpf_map *map =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 4, 2, BPF_F_NO_PREALLOC);
	struct lpm_key a = ip4(10, 0, 0, 0, 8), b = ip4(10, 1, 0, 0, 16), c = ip4(11, 0, 0, 0, 8);
	struct lpm_key im = ip4(10, 0, 0, 0, 7), bad = ip4(10, 0, 0, 0, 33);
	u32 v = 1, *p;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_update_elem(map, &a, &v, BPF_EXIST), -ENOENT);
	EXPECT_EQ(map->ops->map_update_elem(map, &a, &v, BPF_NOEXIST), 0);
	EXPECT_EQ(map->ops->map_update_elem(map, &a, &v, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_update_elem(map, &a, &v, 3), -EINVAL);
	EXPECT_EQ(map->ops->map_update_elem(map, &bad, &v, BPF_ANY), -EINVAL);
	EXPECT_EQ(map->ops->map_delete_elem(map, &bad), -EINVAL);
	EXPECT_EQ(map->ops->map_update_elem(map, &c, &v, BPF_ANY), 0);
	/* 10/8 and 11/8 diverge under an intermediate 10.0.0.0/7: not an element */
	EXPECT_EQ(map->ops->map_update_elem(map, &im, &v, BPF_EXIST), -ENOENT);
	EXPECT_EQ(map->ops->map_delete_elem(map, &im), -ENOENT);
	EXPECT_EQ(map->ops->map_update_elem(map, &im, &v, BPF_ANY), -ENOSPC);
	EXPECT_EQ(map->ops->map_update_elem(map, &b, &v, BPF_ANY), -ENOSPC);
	v = 7; /* replacing works when full */
	EXPECT_EQ(map->ops->map_update_elem(map, &a, &v, BPF_EXIST), 0);
	p = map->ops->map_lookup_elem(map, &(struct lpm_key){ 32, { 10, 9, 9, 9 } });
	EXPECT(p && *p == 7);
	/* a lookup key's own prefix length bounds the match */
	EXPECT(map->ops->map_lookup_elem(map, &(struct lpm_key){ 7, { 10 } }) == NULL);
	EXPECT_EQ(map->ops->map_delete_elem(map, &a), 0);
	EXPECT_EQ(map->ops->map_delete_elem(map, &a), -ENOENT);
	EXPECT_EQ(map->ops->map_update_elem(map, &b, &v, BPF_ANY), 0);
	map->ops->map_free(map);
}

UNIT_TEST(zero_length_prefix_matches_all)
{
	struct bpf_map *map =
		map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 20, 8, 4, BPF_F_NO_PREALLOC);
	struct {
		u32 prefixlen;
		u8 data[16];
	} dflt = { 0, { 0 } }, addr = { 128, { 0x20, 0x01, 0x0d, 0xb8 } };
	u64 v = 42, *p;

	ASSERT(!IS_ERR(map));
	EXPECT(map->ops->map_lookup_elem(map, &addr) == NULL);
	EXPECT_EQ(map->ops->map_update_elem(map, &dflt, &v, BPF_ANY), 0);
	p = map->ops->map_lookup_elem(map, &addr);
	EXPECT(p && *p == 42);
	map->ops->map_free(map);
}

UNIT_TEST(create_destroy_10000)
{
	for (int i = 0; i < 10000; i++) {
		struct bpf_map *map = map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 4, 8,
						 BPF_F_NO_PREALLOC);
		struct lpm_key a = ip4(10, (u8)i, 0, 0, 16), b = ip4(10, 0, 0, 0, 8);
		struct lpm_key c = ip4(11, 0, 0, 0, 8);
		u32 v = 0;

		ASSERT(!IS_ERR(map));
		map->ops->map_update_elem(map, &a, &v, BPF_ANY);
		map->ops->map_update_elem(map, &b, &v, BPF_ANY);
		map->ops->map_update_elem(map, &c, &v, BPF_ANY);
		map->ops->map_free(map);
	}
}

UNIT_MAIN()
