// SPDX-License-Identifier: GPL-2.0
/*
 * RINGBUF maps (Linux: kernel/bpf/ringbuf.c): a multi-producer,
 * single-consumer byte ring that programs write variable-length records
 * into and user space reads, in Linux's exact memory format so that
 * libbpf's ring_buffer consumer works unchanged.
 *
 * Positions are free-running u64 byte counters; the ring offset is
 * pos & mask (size = mask + 1, a power of two, whole pages). Each record
 * is an 8-byte header { u32 len; u32 pg_off; } then len bytes, rounded up
 * to 8. len carries BPF_RINGBUF_BUSY_BIT while reserved and
 * BPF_RINGBUF_DISCARD_BIT when discarded; pg_off is the header's page
 * distance from struct bpf_ringbuf, which is how submit finds the ring
 * from a bare record pointer.
 *
 * Memory, in pages from one page-aligned allocation: struct bpf_ringbuf
 * (bookkeeping), consumer_pos's page, producer_pos's page, the data pages,
 * then as many shadow pages. Linux maps the data pages twice in a row so a
 * record that wraps is contiguous; here a wrapping record is written on into
 * the shadow pages and its tail is copied to the ring's start when it is
 * submitted, before the busy bit clears, so a consumer (or a ring-3 mapping
 * of the data pages twice: ringbuf_map_mmap_page) sees Linux's ring.
 */
#include <bpfkern/bpf_maps.h>
#include <bpfkern/mm.h>
#include <bpfkern/poll.h>

#define RINGBUF_CREATE_FLAG_MASK (BPF_F_NUMA_NODE)
/* Largest record (Linux: UINT_MAX / 4, leaving the two flag bits of len free). */
#define RINGBUF_MAX_RECORD_SZ (0xffffffffu / 4)
/* Pages in front of the data: bookkeeping, consumer, producer. */
#define RINGBUF_PGOFF 1
#define RINGBUF_POS_PAGES 2

struct bpf_ringbuf {
	u64 mask;
	u64 nr_data_pages;
	void *area; /* what kvzalloc returned (this struct is page-aligned inside it) */
	u64 pending_pos; /* oldest record that may still be busy */
	u64 wakeups;
	u64 consumer_pos __aligned(PAGE_SIZE); /* written by the consumer */
	u64 producer_pos __aligned(PAGE_SIZE);
	char data[] __aligned(PAGE_SIZE);
};

struct bpf_ringbuf_map {
	struct bpf_map map;
	struct bpf_ringbuf *rb;
};

struct bpf_ringbuf_hdr {
	u32 len;
	u32 pg_off;
};

BUILD_BUG_ON(sizeof(struct bpf_ringbuf_hdr) != BPF_RINGBUF_HDR_SZ);

static struct bpf_ringbuf *map_to_rb(const struct bpf_map *map)
{
	return container_of(map, struct bpf_ringbuf_map, map)->rb;
}

/* Linux's ringbuf_map_alloc checks: flags, no key or value, a power-of-2 page multiple. */
static int ringbuf_map_alloc_check(const union bpf_attr *attr)
{
	u32 n = attr->max_entries;

	if (attr->map_flags & ~RINGBUF_CREATE_FLAG_MASK)
		return -EINVAL;
	if (attr->key_size || attr->value_size || !n || (n & (n - 1)) || n % PAGE_SIZE)
		return -EINVAL;
	return 0;
}

/*
 * Allocates the ring for data_sz bytes: bookkeeping, position pages, data and
 * shadow pages, zeroed and page-aligned. NULL on exhaustion.
 */
static struct bpf_ringbuf *bpf_ringbuf_alloc(u64 data_sz)
{
	u64 size = (RINGBUF_PGOFF + RINGBUF_POS_PAGES) * PAGE_SIZE + 2 * data_sz;
	struct bpf_ringbuf *rb;
	void *area = kvzalloc(size, GFP_KERNEL);

	if (area && !IS_ALIGNED((uintptr_t)area, PAGE_SIZE)) {
		/* kernel page allocations are aligned; a host malloc may not be */
		kvfree(area);
		area = kvzalloc(size + PAGE_SIZE, GFP_KERNEL);
	}
	if (!area)
		return NULL;
	rb = (struct bpf_ringbuf *)ALIGN((uintptr_t)area, PAGE_SIZE);
	rb->area = area;
	rb->mask = data_sz - 1;
	rb->nr_data_pages = data_sz / PAGE_SIZE;
	return rb;
}

static struct bpf_map *ringbuf_map_alloc(const union bpf_attr *attr)
{
	struct bpf_ringbuf_map *rb_map;
	int err = ringbuf_map_alloc_check(attr);

	if (err)
		return ERR_PTR(err);
	rb_map = kzalloc(sizeof(*rb_map), GFP_KERNEL);
	if (!rb_map)
		return ERR_PTR(-ENOMEM);
	bpf_map_init_from_attr(&rb_map->map, attr);
	rb_map->map.ops = &ringbuf_map_ops;
	rb_map->rb = bpf_ringbuf_alloc(attr->max_entries);
	if (!rb_map->rb) {
		kfree(rb_map);
		return ERR_PTR(-ENOMEM);
	}
	return &rb_map->map;
}

static void ringbuf_map_free(struct bpf_map *map)
{
	struct bpf_ringbuf_map *rb_map = container_of(map, struct bpf_ringbuf_map, map);

	kvfree(rb_map->rb->area);
	kfree(rb_map);
}

/* Keyed access does not exist: Linux answers -ENOTSUPP to all of it. */
static void *ringbuf_map_lookup_elem(struct bpf_map *map, const void *key)
{
	return ERR_PTR(-ENOTSUPP);
}

static long ringbuf_map_update_elem(struct bpf_map *map, const void *key, const void *value,
				    u64 flags)
{
	return -ENOTSUPP;
}

static long ringbuf_map_delete_elem(struct bpf_map *map, const void *key)
{
	return -ENOTSUPP;
}

static int ringbuf_map_get_next_key(struct bpf_map *map, const void *key, void *next_key)
{
	return -ENOTSUPP;
}

u64 ringbuf_map_mmap_pages(const struct bpf_map *map)
{
	return RINGBUF_POS_PAGES + 2 * map_to_rb(map)->nr_data_pages;
}

void *ringbuf_map_mmap_page(struct bpf_map *map, u64 pgoff)
{
	struct bpf_ringbuf *rb = map_to_rb(map);

	if (pgoff >= ringbuf_map_mmap_pages(map))
		return NULL;
	if (pgoff < RINGBUF_POS_PAGES)
		return (char *)rb + (RINGBUF_PGOFF + pgoff) * PAGE_SIZE;
	pgoff = (pgoff - RINGBUF_POS_PAGES) % rb->nr_data_pages;
	return rb->data + pgoff * PAGE_SIZE;
}

/*
 * Linux's ringbuf_map_mmap_kern: the view is 2 + 2 * data pages long; only
 * the consumer page, alone, may be mapped writable (-EPERM otherwise: the
 * producer position and the data are the kernel's to write).
 */
static int ringbuf_map_mmap(struct bpf_map *map, u64 pgoff, u64 nr_pages, bool write)
{
	u64 total = ringbuf_map_mmap_pages(map);

	if (write && (pgoff != 0 || nr_pages != 1))
		return -EPERM;
	if (pgoff > total || nr_pages > total - pgoff)
		return -EINVAL;
	return 0;
}

/* Linux's ringbuf_map_poll_kern: readable while the producer is ahead of the consumer. */
static u32 ringbuf_map_poll(struct bpf_map *map, u64 *wake_seq)
{
	struct bpf_ringbuf *rb = map_to_rb(map);

	*wake_seq = READ_ONCE(rb->wakeups);
	if (READ_ONCE(rb->producer_pos) != READ_ONCE(rb->consumer_pos))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/* Bytes a record of len (header bits included) occupies in the ring. */
static u64 ringbuf_round_up_hdr_len(u32 len)
{
	len &= ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
	return ALIGN((u64)len + BPF_RINGBUF_HDR_SZ, 8);
}

/* Moves pending_pos past every record already submitted or discarded. */
static void ringbuf_advance_pending(struct bpf_ringbuf *rb)
{
	while (rb->pending_pos < rb->producer_pos) {
		struct bpf_ringbuf_hdr *hdr = (void *)(rb->data + (rb->pending_pos & rb->mask));
		u32 len = READ_ONCE(hdr->len);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		rb->pending_pos += ringbuf_round_up_hdr_len(len);
	}
}

/*
 * Linux's __bpf_ringbuf_reserve: room for size bytes, or NULL when the
 * record is too big or the ring lacks room (the producer may not run more
 * than size - 1 bytes ahead of the consumer, nor of the oldest busy record).
 */
static void *__bpf_ringbuf_reserve(struct bpf_ringbuf *rb, u64 size)
{
	u64 len, prod_pos, new_prod_pos, cons_pos;
	struct bpf_ringbuf_hdr *hdr;

	if (unlikely(size > RINGBUF_MAX_RECORD_SZ))
		return NULL;
	len = ALIGN(size + BPF_RINGBUF_HDR_SZ, 8);
	if (len > rb->mask + 1)
		return NULL;
	cons_pos = READ_ONCE(rb->consumer_pos);
	ringbuf_advance_pending(rb);
	prod_pos = rb->producer_pos;
	new_prod_pos = prod_pos + len;
	if (new_prod_pos - cons_pos > rb->mask || new_prod_pos - rb->pending_pos > rb->mask)
		return NULL;
	hdr = (void *)(rb->data + (prod_pos & rb->mask));
	hdr->len = (u32)size | BPF_RINGBUF_BUSY_BIT;
	hdr->pg_off = (u32)(((char *)hdr - (char *)rb) >> PAGE_SHIFT);
	WRITE_ONCE(rb->producer_pos, new_prod_pos);
	return hdr + 1;
}

/* The helpers take the program's registers: a map argument is its struct bpf_map pointer. */
static struct bpf_map *helper_map(u64 r)
{
	return (struct bpf_map *)(uintptr_t)r;
}

/* void *bpf_ringbuf_reserve(map, size, flags): flags must be 0; NULL when there is no room. */
u64 bpf_ringbuf_reserve(u64 map, u64 size, u64 flags, u64 r4, u64 r5)
{
	if (unlikely(flags))
		return 0;
	return (u64)(uintptr_t)__bpf_ringbuf_reserve(map_to_rb(helper_map(map)), size);
}

/* The ring a record header belongs to (Linux's bpf_ringbuf_restore_from_rec). */
static struct bpf_ringbuf *bpf_ringbuf_restore_from_rec(struct bpf_ringbuf_hdr *hdr)
{
	uintptr_t addr = (uintptr_t)hdr & ~(uintptr_t)(PAGE_SIZE - 1);

	return (struct bpf_ringbuf *)(addr - ((uintptr_t)hdr->pg_off << PAGE_SHIFT));
}

/*
 * Ends the reservation of sample: copies a wrapped tail from the shadow
 * pages to the ring's start, then clears the busy bit (setting the discard
 * bit if discard) and counts a wakeup as Linux sends one: always with
 * BPF_RB_FORCE_WAKEUP, else when the consumer is waiting at this record
 * and BPF_RB_NO_WAKEUP is not given.
 */
static void bpf_ringbuf_commit(void *sample, u64 flags, bool discard)
{
	struct bpf_ringbuf_hdr *hdr = (struct bpf_ringbuf_hdr *)sample - 1;
	struct bpf_ringbuf *rb = bpf_ringbuf_restore_from_rec(hdr);
	u64 rec_pos = (u64)((char *)hdr - rb->data);
	u64 end = rec_pos + ringbuf_round_up_hdr_len(hdr->len);
	u32 new_len = hdr->len ^ BPF_RINGBUF_BUSY_BIT;

	if (end > rb->mask + 1 && !discard)
		__builtin_memcpy(rb->data, rb->data + rb->mask + 1, end - (rb->mask + 1));
	if (discard)
		new_len |= BPF_RINGBUF_DISCARD_BIT;
	__atomic_store_n(&hdr->len, new_len, __ATOMIC_RELEASE);
	if (flags & BPF_RB_FORCE_WAKEUP)
		rb->wakeups++;
	else if ((READ_ONCE(rb->consumer_pos) & rb->mask) == rec_pos && !(flags & BPF_RB_NO_WAKEUP))
		rb->wakeups++;
}

/* void bpf_ringbuf_submit(sample, flags) and bpf_ringbuf_discard(sample, flags). */
u64 bpf_ringbuf_submit(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5)
{
	bpf_ringbuf_commit((void *)(uintptr_t)sample, flags, false);
	return 0;
}

u64 bpf_ringbuf_discard(u64 sample, u64 flags, u64 r3, u64 r4, u64 r5)
{
	bpf_ringbuf_commit((void *)(uintptr_t)sample, flags, true);
	return 0;
}

/*
 * long bpf_ringbuf_output(map, data, size, flags): reserve, copy, submit;
 * 0, -EINVAL for unknown flags, -EAGAIN when there is no room.
 */
u64 bpf_ringbuf_output(u64 map, u64 data, u64 size, u64 flags, u64 r5)
{
	void *rec;

	if (unlikely(flags & ~(u64)(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP)))
		return (u64)-EINVAL;
	rec = __bpf_ringbuf_reserve(map_to_rb(helper_map(map)), size);
	if (!rec)
		return (u64)-EAGAIN;
	__builtin_memcpy(rec, (const void *)(uintptr_t)data, size);
	bpf_ringbuf_commit(rec, flags, false);
	return 0;
}

/* u64 bpf_ringbuf_query(map, flags): a position or size by flags; 0 for unknown flags. */
u64 bpf_ringbuf_query(u64 map, u64 flags, u64 r3, u64 r4, u64 r5)
{
	struct bpf_ringbuf *rb = map_to_rb(helper_map(map));

	switch (flags) {
	case BPF_RB_AVAIL_DATA:
		return READ_ONCE(rb->producer_pos) - READ_ONCE(rb->consumer_pos);
	case BPF_RB_RING_SIZE:
		return rb->mask + 1;
	case BPF_RB_CONS_POS:
		return READ_ONCE(rb->consumer_pos);
	case BPF_RB_PROD_POS:
		return READ_ONCE(rb->producer_pos);
	default:
		return 0;
	}
}

int bpf_ringbuf_consume(struct bpf_map *map, int (*fn)(void *ctx, void *data, u32 len), void *ctx)
{
	struct bpf_ringbuf *rb = map_to_rb(map);
	u64 cons_pos = READ_ONCE(rb->consumer_pos);
	int cnt = 0;

	while (cons_pos < READ_ONCE(rb->producer_pos)) {
		struct bpf_ringbuf_hdr *hdr = (void *)(rb->data + (cons_pos & rb->mask));
		u32 len = __atomic_load_n(&hdr->len, __ATOMIC_ACQUIRE);

		if (len & BPF_RINGBUF_BUSY_BIT)
			break;
		cons_pos += ringbuf_round_up_hdr_len(len);
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			cnt++;
			if (fn(ctx, hdr + 1, len)) {
				WRITE_ONCE(rb->consumer_pos, cons_pos);
				break;
			}
		}
		WRITE_ONCE(rb->consumer_pos, cons_pos);
	}
	return cnt;
}

u64 bpf_ringbuf_wakeups(const struct bpf_map *map)
{
	return map_to_rb(map)->wakeups;
}

static u64 ringbuf_map_mem_usage(const struct bpf_map *map)
{
	const struct bpf_ringbuf *rb = map_to_rb(map);

	return sizeof(struct bpf_ringbuf_map) +
	       (RINGBUF_PGOFF + RINGBUF_POS_PAGES + 2 * rb->nr_data_pages) * PAGE_SIZE;
}

const struct bpf_map_ops ringbuf_map_ops = {
	.map_alloc_check = ringbuf_map_alloc_check,
	.map_alloc = ringbuf_map_alloc,
	.map_free = ringbuf_map_free,
	.map_lookup_elem = ringbuf_map_lookup_elem,
	.map_update_elem = ringbuf_map_update_elem,
	.map_delete_elem = ringbuf_map_delete_elem,
	.map_get_next_key = ringbuf_map_get_next_key,
	.map_meta_equal = bpf_map_meta_equal,
	.map_mem_usage = ringbuf_map_mem_usage,
	.map_mmap = ringbuf_map_mmap,
	.map_mmap_page = ringbuf_map_mmap_page,
	.map_poll = ringbuf_map_poll,
};
