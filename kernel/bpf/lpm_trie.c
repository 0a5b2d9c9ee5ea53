// SPDX-License-Identifier: GPL-2.0
/*
 * LPM_TRIE maps (Linux: kernel/bpf/lpm_trie.c): longest-prefix match over
 * keys struct bpf_lpm_trie_key_u8 { u32 prefixlen; u8 data[]; }, e.g. IPv4
 * (key_size 8, prefixes /0../32) or IPv6 (key_size 20, /0../128).
 *
 * The trie is binary and path-compressed: each node holds a prefix
 * (prefixlen bits of data, most significant bit of data[0] first) and two
 * children, child[b] continuing with bit b at position prefixlen. Nodes
 * exist only for stored prefixes and, where two prefixes diverge, for
 * "intermediate" branching nodes (LPM_TREE_NODE_FLAG_IM, no value, always
 * two children). The shape is therefore a function of the stored set, and
 * iteration (get_next_key) is its post-order: more specific prefixes come
 * before the prefixes that contain them, bit 0 branches before bit 1.
 *
 * A lookup walks at most one node per prefix bit: O(max_prefixlen), no
 * allocation. Nodes are kmalloc'd on update (BPF_F_NO_PREALLOC is
 * mandatory, as in Linux).
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/unaligned.h>

#define LPM_TREE_NODE_FLAG_IM 1u
#define LPM_DATA_SIZE_MAX 256
#define LPM_DATA_SIZE_MIN 1
#define LPM_KEY_SIZE_MAX (sizeof(struct bpf_lpm_trie_key_hdr) + LPM_DATA_SIZE_MAX)
#define LPM_KEY_SIZE_MIN (sizeof(struct bpf_lpm_trie_key_hdr) + LPM_DATA_SIZE_MIN)
#define LPM_VAL_SIZE_MIN 1
/* KMALLOC_MAX_SIZE (4 MiB) less the largest key and the node header, as Linux. */
#define LPM_VAL_SIZE_MAX ((1u << 22) - LPM_DATA_SIZE_MAX - sizeof(struct lpm_trie_node))
#define LPM_CREATE_FLAG_MASK (BPF_F_NO_PREALLOC | BPF_F_NUMA_NODE | BPF_F_ACCESS_MASK)

/*
 * One kmalloc'd node: 20 bytes of header, the data_size key bytes, then the
 * value at value_off, 8-byte aligned in the node. An IPv4 prefix with a u64
 * value is 32 bytes (16 + 2 + 2 + 4 + 8: kmalloc-32), an intermediate node
 * 24 (kmalloc-32 too); IPv6 with a u64 value, 48 and 36 (kmalloc-64).
 */
struct lpm_trie_node {
	struct lpm_trie_node *child[2];
	u16 prefixlen; /* at most LPM_DATA_SIZE_MAX * 8 = 2048 */
	u16 flags;
	u8 data[]; /* data_size key bytes, then the value at value_off */
};

struct lpm_trie {
	struct bpf_map map;
	struct lpm_trie_node *root;
	u32 n_entries; /* stored prefixes (intermediate nodes not counted) */
	u32 data_size; /* key_size - 4 */
	u32 max_prefixlen; /* data_size * 8 */
	u32 value_off; /* from data[]: past the key, the value 8-byte aligned in the node */
};

/*
 * A key's two fields, read at any alignment: a program may pass its key at
 * an odd stack offset, so the key is never dereferenced as a struct.
 */
struct lpm_key {
	u32 prefixlen;
	const u8 *data;
};

static struct lpm_trie *to_trie(const struct bpf_map *map)
{
	return container_of(map, struct lpm_trie, map);
}

static struct lpm_key lpm_key_of(const void *key)
{
	return (struct lpm_key){ .prefixlen = get_unaligned_u32(key),
				 .data = (const u8 *)key + sizeof(u32) };
}

/* Bit index of data, counting from the most significant bit of data[0]. */
static unsigned int extract_bit(const u8 *data, u32 index)
{
	return (data[index / 8] >> (7 - index % 8)) & 1;
}

/* Bytes [0, n) of p as a big-endian number (n <= 8): bit order is memory order. */
static u64 load_be(const u8 *p, u32 n)
{
	u64 v = 0;

	if (n == 8) {
		__builtin_memcpy(&v, p, 8);
		return __builtin_bswap64(v);
	}
	if (n == 4) {
		u32 w;

		__builtin_memcpy(&w, p, 4);
		return __builtin_bswap32(w);
	}
	return *p;
}

/*
 * How many leading bits node's prefix and key share, up to the shorter of
 * the two prefix lengths: 8, 4 or 1 bytes at a time, the first differing
 * bit found with a count of leading zeros of the XOR.
 */
static u32 longest_prefix_match(const struct lpm_trie *trie, const struct lpm_trie_node *node,
				const struct lpm_key *key)
{
	u32 limit = min(node->prefixlen, key->prefixlen);
	u32 i = 0;

	while (i < limit) {
		u32 left = trie->data_size - i / 8, n = left >= 8 ? 8 : left >= 4 ? 4 : 1;
		u64 diff = load_be(node->data + i / 8, n) ^ load_be(key->data + i / 8, n);

		if (diff) {
			i += (u32)__builtin_clzll(diff) - (64 - 8 * n);
			break;
		}
		i += 8 * n;
	}
	return min(i, limit);
}

/*
 * The value of the longest stored prefix that matches key (up to key's
 * prefixlen), or NULL; NULL too for a key longer than the trie's prefixes.
 */
static void *trie_lookup_elem(struct bpf_map *map, const void *_key)
{
	struct lpm_trie *trie = to_trie(map);
	struct lpm_key key = lpm_key_of(_key);
	struct lpm_trie_node *node, *found = NULL;

	if (key.prefixlen > trie->max_prefixlen)
		return NULL;
	for (node = trie->root; node;) {
		u32 matchlen = longest_prefix_match(trie, node, &key);

		if (matchlen == trie->max_prefixlen) {
			found = node;
			break;
		}
		if (matchlen < node->prefixlen)
			break;
		if (!(node->flags & LPM_TREE_NODE_FLAG_IM))
			found = node;
		node = node->child[extract_bit(key.data, node->prefixlen)];
	}
	return found ? found->data + trie->value_off : NULL;
}

/* A node for prefixlen bits of data; with value, a stored prefix, else an intermediate one. */
static struct lpm_trie_node *lpm_trie_node_alloc(const struct lpm_trie *trie, u32 prefixlen,
						 const u8 *data, const void *value)
{
	size_t size = offsetof(struct lpm_trie_node, data) + trie->value_off;
	struct lpm_trie_node *node;

	if (value)
		size += trie->map.value_size;
	node = kmalloc(size, GFP_KERNEL);
	if (!node)
		return NULL;
	node->child[0] = node->child[1] = NULL;
	node->prefixlen = (u16)prefixlen;
	node->flags = value ? 0 : LPM_TREE_NODE_FLAG_IM;
	__builtin_memcpy(node->data, data, trie->data_size);
	if (value)
		__builtin_memcpy(node->data + trie->value_off, value, trie->map.value_size);
	return node;
}

/* Whether one more prefix may be stored under flags: 0, -ENOENT (BPF_EXIST) or -ENOSPC. */
static int trie_check_add_elem(const struct lpm_trie *trie, u64 flags)
{
	if (flags == BPF_EXIST)
		return -ENOENT;
	if (trie->n_entries == trie->map.max_entries)
		return -ENOSPC;
	return 0;
}

/*
 * Puts new_node where the walk for its key ended: *slot is empty, holds a
 * node with the same prefix (replaced), a longer prefix (new_node becomes its
 * parent) or a diverging one (an intermediate node takes both). Returns 0,
 * -EEXIST/-ENOENT/-ENOSPC by flags, or -ENOMEM; on error nothing changed.
 */
static int trie_insert(struct lpm_trie *trie, struct lpm_trie_node **slot,
		       struct lpm_trie_node *new_node, u32 matchlen, u64 flags)
{
	struct lpm_trie_node *node = *slot, *im_node;
	int err;

	if (node && node->prefixlen == matchlen && node->prefixlen == new_node->prefixlen) {
		if (!(node->flags & LPM_TREE_NODE_FLAG_IM)) {
			if (flags == BPF_NOEXIST)
				return -EEXIST;
		} else {
			err = trie_check_add_elem(trie, flags);
			if (err)
				return err;
			trie->n_entries++;
		}
		new_node->child[0] = node->child[0];
		new_node->child[1] = node->child[1];
		*slot = new_node;
		kfree(node);
		return 0;
	}
	err = trie_check_add_elem(trie, flags);
	if (err)
		return err;
	if (node && matchlen == new_node->prefixlen) {
		new_node->child[extract_bit(node->data, matchlen)] = node;
	} else if (node) {
		im_node = lpm_trie_node_alloc(trie, matchlen, node->data, NULL);
		if (!im_node)
			return -ENOMEM;
		im_node->child[extract_bit(new_node->data, matchlen)] = new_node;
		im_node->child[!extract_bit(new_node->data, matchlen)] = node;
		new_node = im_node;
	}
	*slot = new_node;
	trie->n_entries++;
	return 0;
}

/* Linux's trie_update_elem: flags BPF_ANY, BPF_NOEXIST or BPF_EXIST; prefixlen <= max. */
static long trie_update_elem(struct bpf_map *map, const void *_key, const void *value, u64 flags)
{
	struct lpm_trie *trie = to_trie(map);
	struct lpm_key key = lpm_key_of(_key);
	struct lpm_trie_node **slot = &trie->root, *node, *new_node;
	u32 matchlen = 0;
	int err;

	if (unlikely(flags > BPF_EXIST))
		return -EINVAL;
	if (key.prefixlen > trie->max_prefixlen)
		return -EINVAL;
	new_node = lpm_trie_node_alloc(trie, key.prefixlen, key.data, value);
	if (!new_node)
		return -ENOMEM;
	while ((node = *slot)) {
		matchlen = longest_prefix_match(trie, node, &key);
		if (node->prefixlen != matchlen || node->prefixlen == key.prefixlen ||
		    node->prefixlen == trie->max_prefixlen)
			break;
		slot = &node->child[extract_bit(key.data, node->prefixlen)];
	}
	err = trie_insert(trie, slot, new_node, matchlen, flags);
	if (err)
		kfree(new_node);
	return err;
}

/*
 * Linux's trie_delete_elem: removes the exact prefix (-ENOENT if absent)
 * and keeps the shape canonical: a node with two children turns
 * intermediate; an intermediate parent left with one child goes away.
 */
static long trie_delete_elem(struct bpf_map *map, const void *_key)
{
	struct lpm_trie *trie = to_trie(map);
	struct lpm_key key = lpm_key_of(_key);
	struct lpm_trie_node **trim = &trie->root, **trim2 = trim;
	struct lpm_trie_node *node, *parent = NULL;
	u32 matchlen = 0;

	if (key.prefixlen > trie->max_prefixlen)
		return -EINVAL;
	while ((node = *trim)) {
		matchlen = longest_prefix_match(trie, node, &key);
		if (node->prefixlen != matchlen || node->prefixlen == key.prefixlen)
			break;
		parent = node;
		trim2 = trim;
		trim = &node->child[extract_bit(key.data, node->prefixlen)];
	}
	if (!node || node->prefixlen != key.prefixlen || node->prefixlen != matchlen ||
	    (node->flags & LPM_TREE_NODE_FLAG_IM))
		return -ENOENT;
	trie->n_entries--;
	if (node->child[0] && node->child[1]) {
		node->flags |= LPM_TREE_NODE_FLAG_IM;
		return 0;
	}
	if (parent && (parent->flags & LPM_TREE_NODE_FLAG_IM) && !node->child[0] &&
	    !node->child[1]) {
		*trim2 = parent->child[node == parent->child[0]];
		kfree(parent);
		kfree(node);
		return 0;
	}
	*trim = node->child[0] ? node->child[0] : node->child[1];
	kfree(node);
	return 0;
}

/* The first stored prefix in post-order under root (intermediate nodes have two children). */
static struct lpm_trie_node *trie_leftmost(struct lpm_trie_node *root)
{
	struct lpm_trie_node *node = root, *next = NULL;

	while (node) {
		if (node->flags & LPM_TREE_NODE_FLAG_IM) {
			node = node->child[0];
		} else {
			next = node;
			node = node->child[0] ? node->child[0] : next->child[1];
		}
	}
	return next;
}

/*
 * The stored prefix after exact in post-order, given the path stack[0..top]
 * from the root to exact; NULL when exact was the last.
 */
static struct lpm_trie_node *trie_postorder_next(struct lpm_trie_node **stack, int top)
{
	struct lpm_trie_node *node = stack[top];

	for (; top > 0; top--) {
		struct lpm_trie_node *parent = stack[top - 1];

		if (parent->child[0] == node && parent->child[1])
			return trie_leftmost(parent->child[1]);
		if (!(parent->flags & LPM_TREE_NODE_FLAG_IM))
			return parent;
		node = parent;
	}
	return NULL;
}

/*
 * Linux's trie_get_next_key: post-order. A NULL key, one longer than the
 * trie's prefixes or one not stored starts at the first prefix; -ENOENT
 * after the last (or on an empty trie), -ENOMEM if the path stack cannot be
 * allocated.
 */
static int trie_get_next_key(struct bpf_map *map, const void *_key, void *_next_key)
{
	struct lpm_trie *trie = to_trie(map);
	struct lpm_key key;
	struct lpm_trie_node **stack, *node, *next = NULL;
	int top = -1;

	if (!trie->root)
		return -ENOENT;
	if (!_key)
		goto first;
	key = lpm_key_of(_key);
	if (key.prefixlen > trie->max_prefixlen)
		goto first;
	stack = kmalloc((trie->max_prefixlen + 1) * sizeof(*stack), GFP_KERNEL);
	if (!stack)
		return -ENOMEM;
	for (node = trie->root; node;) {
		u32 matchlen = longest_prefix_match(trie, node, &key);

		stack[++top] = node;
		if (node->prefixlen != matchlen || node->prefixlen == key.prefixlen)
			break;
		node = node->child[extract_bit(key.data, node->prefixlen)];
	}
	if (node && node->prefixlen == key.prefixlen &&
	    longest_prefix_match(trie, node, &key) == node->prefixlen &&
	    !(node->flags & LPM_TREE_NODE_FLAG_IM)) {
		next = trie_postorder_next(stack, top);
		kfree(stack);
		if (!next)
			return -ENOENT;
		goto copy;
	}
	kfree(stack);
first:
	next = trie_leftmost(trie->root);
copy:
	put_unaligned_u32(next->prefixlen, _next_key);
	__builtin_memcpy((u8 *)_next_key + sizeof(u32), next->data, trie->data_size);
	return 0;
}

/* Linux's trie_alloc checks: BPF_F_NO_PREALLOC required; -EINVAL for every bad attribute. */
static int trie_alloc_check(const union bpf_attr *attr)
{
	if (attr->max_entries == 0 || !(attr->map_flags & BPF_F_NO_PREALLOC) ||
	    attr->map_flags & ~LPM_CREATE_FLAG_MASK || !bpf_map_flags_access_ok(attr->map_flags) ||
	    attr->key_size < LPM_KEY_SIZE_MIN || attr->key_size > LPM_KEY_SIZE_MAX ||
	    attr->value_size < LPM_VAL_SIZE_MIN || attr->value_size > LPM_VAL_SIZE_MAX)
		return -EINVAL;
	return 0;
}

static struct bpf_map *trie_alloc(const union bpf_attr *attr)
{
	struct lpm_trie *trie;
	int err = trie_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	trie = kzalloc(sizeof(*trie), GFP_KERNEL);
	if (!trie)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&trie->map, attr);
	trie->map.ops = &trie_map_ops;
	trie->data_size = attr->key_size - sizeof(struct bpf_lpm_trie_key_hdr);
	trie->max_prefixlen = trie->data_size * 8;
	trie->value_off = ALIGN(offsetof(struct lpm_trie_node, data) + trie->data_size, 8) -
			  offsetof(struct lpm_trie_node, data);
	return &trie->map;
}

/* Frees every node without recursion: repeatedly descend to a leaf, free it, unlink it. */
static void trie_free(struct bpf_map *map)
{
	struct lpm_trie *trie = to_trie(map);

	while (trie->root) {
		struct lpm_trie_node **slot = &trie->root;

		while ((*slot)->child[0] || (*slot)->child[1])
			slot = &(*slot)->child[(*slot)->child[0] ? 0 : 1];
		kfree(*slot);
		*slot = NULL;
	}
	kfree(trie);
}

static u64 trie_mem_usage(const struct bpf_map *map)
{
	const struct lpm_trie *trie = to_trie(map);
	/* Linux's formula (its node header is 24 bytes), so memlock reads as Linux's */
	u64 elem_size = sizeof(struct lpm_trie_node) + trie->data_size + map->value_size;

	return sizeof(*trie) + elem_size * trie->n_entries;
}

const struct bpf_map_ops trie_map_ops = {
	.map_alloc_check = trie_alloc_check,
	.map_alloc = trie_alloc,
	.map_free = trie_free,
	.map_get_next_key = trie_get_next_key,
	.map_lookup_elem = trie_lookup_elem,
	.map_update_elem = trie_update_elem,
	.map_delete_elem = trie_delete_elem,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = trie_mem_usage,
};
