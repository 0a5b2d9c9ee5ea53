// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/ringbuf.c through its helpers and consumer:
 * creation checks, record order and contents, overflow (the size - 1
 * rule), discard, a busy record holding back the consumer and the
 * producer, wrap-around checked both through the kernel consumer and
 * through the user-space view (consumer page, producer page, data pages
 * twice) as libbpf would read it, query, wakeups, and 10,000
 * create/destroy cycles.
 */
#include <string.h>
#include <bpfkern/mm.h>
#define UNIT_SUITE "ringbuf"
#include "lib/unit.h"
#include "lib/map_util.h"

static struct bpf_map *rb_create(u32 size)
{
	return map_create(&ringbuf_map_ops, BPF_MAP_TYPE_RINGBUF, 0, 0, size, 0);
}

static void *reserve(struct bpf_map *map, u64 size)
{
	return (void *)(uintptr_t)bpf_ringbuf_reserve(ptr_arg(map), size, 0, 0, 0);
}

static void submit(void *sample, u64 flags)
{
	bpf_ringbuf_submit(ptr_arg(sample), flags, 0, 0, 0);
}

static long output(struct bpf_map *map, const void *data, u64 size, u64 flags)
{
	return (long)bpf_ringbuf_output(ptr_arg(map), ptr_arg(data), size, flags, 0);
}

static u64 query(struct bpf_map *map, u64 flags)
{
	return bpf_ringbuf_query(ptr_arg(map), flags, 0, 0, 0);
}

/* What the consumer callback saw. */
struct seen {
	int n;
	u32 len[64];
	u8 first[64];
};

static int record_cb(void *ctx, void *data, u32 len)
{
	struct seen *s = ctx;

	if (s->n < 64) {
		s->len[s->n] = len;
		s->first[s->n] = len ? *(u8 *)data : 0;
	}
	s->n++;
	return 0;
}

UNIT_TEST(create_checks)
{
	const struct bpf_map_ops *o = &ringbuf_map_ops;
	const enum bpf_map_type t = BPF_MAP_TYPE_RINGBUF;

	EXPECT_EQ(map_create_err(o, t, 0, 0, 4096, 0), 0);
	EXPECT_EQ(map_create_err(o, t, 0, 0, 1 << 16, BPF_F_NUMA_NODE), 0);
	EXPECT_EQ(map_create_err(o, t, 4, 0, 4096, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 0, 4, 4096, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 0, 0, 0, 0), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 0, 0, 2048, 0), -EINVAL); /* not whole pages */
	EXPECT_EQ(map_create_err(o, t, 0, 0, 3 * 4096, 0), -EINVAL); /* not a power of 2 */
	EXPECT_EQ(map_create_err(o, t, 0, 0, 4096, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(o, t, 0, 0, 4096, BPF_F_RDONLY_PROG), -EINVAL);
}

UNIT_TEST(keyed_ops_refused)
{
	struct bpf_map *map = rb_create(4096);
	u32 k = 0;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(PTR_ERR(map->ops->map_lookup_elem(map, &k)), -ENOTSUPP);
	EXPECT_EQ(map->ops->map_update_elem(map, &k, &k, 0), -ENOTSUPP);
	EXPECT_EQ(map->ops->map_delete_elem(map, &k), -ENOTSUPP);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &k), -ENOTSUPP);
	map->ops->map_free(map);
}

UNIT_TEST(syscall_lookup_is_enotsupp)
{
	struct bpf_map *map = rb_create(4096);
	u32 k = 0;
	u8 v[8];

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(bpf_map_copy_value(map, &k, v, 0), -ENOTSUPP);
	EXPECT_EQ(bpf_map_update_value(map, &k, v, 0, NULL), -ENOTSUPP);
	map->ops->map_free(map);
}

UNIT_TEST(order_contents_and_header)
{
	struct bpf_map *map = rb_create(4096);
	struct seen s = { 0 };
	u8 *a, *b;
	u32 *hdr;

	ASSERT(!IS_ERR(map));
	a = reserve(map, 5);
	ASSERT(a != NULL);
	hdr = (u32 *)a - 2;
	EXPECT_EQ(hdr[0], 5 | BPF_RINGBUF_BUSY_BIT);
	EXPECT_EQ((uintptr_t)a % 8, 0);
	memset(a, 0xa1, 5);
	b = reserve(map, 3);
	ASSERT(b != NULL);
	EXPECT_EQ(b - a, 16); /* 8-byte header + 5 bytes rounded to 8 */
	memset(b, 0xb2, 3);
	EXPECT_EQ(query(map, BPF_RB_PROD_POS), 32);
	submit(b, 0);
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 0); /* a is still busy */
	submit(a, 0);
	EXPECT_EQ(hdr[0], 5);
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 2);
	EXPECT_EQ(s.len[0], 5);
	EXPECT_EQ(s.first[0], 0xa1);
	EXPECT_EQ(s.len[1], 3);
	EXPECT_EQ(s.first[1], 0xb2);
	EXPECT_EQ(query(map, BPF_RB_CONS_POS), 32);
	EXPECT_EQ(query(map, BPF_RB_AVAIL_DATA), 0);
	EXPECT_EQ(query(map, BPF_RB_RING_SIZE), 4096);
	EXPECT_EQ(query(map, 99), 0);
	map->ops->map_free(map);
}

UNIT_TEST(overflow_and_flags)
{
	struct bpf_map *map = rb_create(4096);
	struct seen s = { 0 };
	u8 buf[4096] = { 0 };
	void *r;

	ASSERT(!IS_ERR(map));
	EXPECT(reserve(map, 4088) == NULL); /* 4096 bytes with its header: one too many */
	EXPECT(bpf_ringbuf_reserve(ptr_arg(map), 8, 1, 0, 0) == 0); /* flags must be 0 */
	EXPECT(reserve(map, 1ull << 31) == NULL);
	EXPECT_EQ(output(map, buf, 8, 4), -EINVAL);
	r = reserve(map, 4080); /* 4088 bytes: fits */
	ASSERT(r != NULL);
	submit(r, 0);
	EXPECT_EQ(output(map, buf, 0, 0), -EAGAIN); /* 8 more would reach 4096 */
	EXPECT_EQ(query(map, BPF_RB_AVAIL_DATA), 4088);
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 1);
	EXPECT_EQ(output(map, buf, 100, BPF_RB_NO_WAKEUP), 0);
	map->ops->map_free(map);
}

UNIT_TEST(discard)
{
	struct bpf_map *map = rb_create(4096);
	struct seen s = { 0 };
	u8 one = 1, three = 3;
	void *r;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(output(map, &one, 1, 0), 0);
	r = reserve(map, 64);
	ASSERT(r != NULL);
	bpf_ringbuf_discard(ptr_arg(r), 0, 0, 0, 0);
	EXPECT_EQ(((u32 *)r)[-2], 64 | BPF_RINGBUF_DISCARD_BIT);
	EXPECT_EQ(output(map, &three, 1, 0), 0);
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 2);
	EXPECT_EQ(s.first[0], 1);
	EXPECT_EQ(s.first[1], 3);
	EXPECT_EQ(query(map, BPF_RB_CONS_POS), 16 + 72 + 16);
	map->ops->map_free(map);
}

UNIT_TEST(busy_record_bounds_producer)
{
	struct bpf_map *map = rb_create(4096);
	struct seen s = { 0 };
	u8 buf[120] = { 0 };
	void *held;
	int n = 0;

	ASSERT(!IS_ERR(map));
	held = reserve(map, 120); /* 128 bytes, kept busy */
	ASSERT(held != NULL);
	while (output(map, buf, 120, 0) == 0)
		n++;
	EXPECT_EQ(n, 30); /* 31 * 128 = 3968; one more would pass 4095 */
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 0);
	submit(held, 0);
	EXPECT_EQ(bpf_ringbuf_consume(map, record_cb, &s), 31);
	EXPECT_EQ(output(map, buf, 120, 0), 0);
	map->ops->map_free(map);
}

/*
 * Reads the records between consumer_pos and producer_pos through the user
 * view (pages 1 .. : producer page, data, data again), as libbpf does with
 * its mapping, and checks each record's bytes against the pattern of its
 * sequence number. Advances consumer_pos like a user consumer. Returns the
 * number of records read.
 */
static int user_view_consume(struct bpf_map *map, u32 *seq)
{
	u64 npages = ringbuf_map_mmap_pages(map), mask = query(map, BPF_RB_RING_SIZE) - 1;
	u8 *view = malloc(npages * PAGE_SIZE), *data = view + 2 * PAGE_SIZE;
	u64 *cons = ringbuf_map_mmap_page(map, 0), prod = query(map, BPF_RB_PROD_POS);
	int n = 0;

	for (u64 i = 0; i < npages; i++)
		memcpy(view + i * PAGE_SIZE, ringbuf_map_mmap_page(map, i), PAGE_SIZE);
	EXPECT_EQ(*(u64 *)(view + PAGE_SIZE), prod); /* producer_pos heads page 1 */
	while (*cons < prod) {
		u32 len = *(u32 *)(data + (*cons & mask));
		u8 *rec = data + (*cons & mask) + 8;
		bool ok = true;

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		for (u32 i = 0; i < len; i++)
			ok &= rec[i] == (u8)(*seq * 7 + i);
		EXPECT(ok);
		(*seq)++;
		n++;
		*cons += ALIGN(len + 8, 8);
	}
	free(view);
	return n;
}

UNIT_TEST(wrap_around)
{
	struct bpf_map *map = rb_create(2 * 4096);
	u32 wseq = 0, rseq = 0, written = 0, read = 0, wraps = 0;

	ASSERT(!IS_ERR(map));
	unit_srand(5);
	for (int round = 0; round < 400; round++) {
		for (int k = unit_rand() % 6; k >= 0; k--) {
			u32 len = (u32)(unit_rand() % 1500);
			u64 pos = query(map, BPF_RB_PROD_POS);
			u8 *r = reserve(map, len);

			if (!r)
				break;
			for (u32 i = 0; i < len; i++)
				r[i] = (u8)(wseq * 7 + i);
			wraps += (pos & 8191) + len + 8 > 8192;
			wseq++;
			written++;
			submit(r, 0);
		}
		read += user_view_consume(map, &rseq);
	}
	EXPECT_EQ(read, written);
	EXPECT(wraps > 10); /* the test did cross the end of the ring */
	EXPECT(query(map, BPF_RB_PROD_POS) > 20 * 8192);
	map->ops->map_free(map);
}

UNIT_TEST(wakeups)
{
	struct bpf_map *map = rb_create(4096);
	struct seen s = { 0 };
	u8 b = 0;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(output(map, &b, 1, 0), 0); /* consumer waits at this record */
	EXPECT_EQ(bpf_ringbuf_wakeups(map), 1);
	EXPECT_EQ(output(map, &b, 1, 0), 0); /* consumer is behind: no new wakeup */
	EXPECT_EQ(bpf_ringbuf_wakeups(map), 1);
	EXPECT_EQ(output(map, &b, 1, BPF_RB_FORCE_WAKEUP), 0);
	EXPECT_EQ(bpf_ringbuf_wakeups(map), 2);
	bpf_ringbuf_consume(map, record_cb, &s);
	EXPECT_EQ(output(map, &b, 1, BPF_RB_NO_WAKEUP), 0);
	EXPECT_EQ(bpf_ringbuf_wakeups(map), 2);
	map->ops->map_free(map);
}

UNIT_TEST(helper_table)
{
	EXPECT(bpf_helper_func(BPF_FUNC_ringbuf_reserve) == bpf_ringbuf_reserve);
	EXPECT(bpf_helper_func(BPF_FUNC_ringbuf_submit) == bpf_ringbuf_submit);
	EXPECT(bpf_helper_func(BPF_FUNC_ringbuf_discard) == bpf_ringbuf_discard);
	EXPECT(bpf_helper_func(BPF_FUNC_ringbuf_output) == bpf_ringbuf_output);
	EXPECT(bpf_helper_func(BPF_FUNC_ringbuf_query) == bpf_ringbuf_query);
}

UNIT_TEST(create_destroy_10000)
{
	u8 b[32] = { 0 };

	for (int i = 0; i < 10000; i++) {
		struct bpf_map *map = rb_create(4096 << (i % 3));

		ASSERT(!IS_ERR(map));
		output(map, b, sizeof(b), 0);
		map->ops->map_free(map);
	}
}

UNIT_MAIN()
