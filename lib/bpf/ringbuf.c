// SPDX-License-Identifier: GPL-2.0
/*
 * The user side of RINGBUF maps: libbpf's ring_buffer consumer
 * (include/bpf/libbpf.h), the same code in ring 3 on bpfkern (newlib, the
 * raw system calls) and on a Linux host (glibc).
 *
 * Each ring is mapped as the kernel lays it out (docs/maps.md): the
 * consumer page read-write at offset 0 (consumer_pos, which we advance),
 * and read-only at offset PAGE_SIZE the producer page (producer_pos) then
 * the data pages twice in a row, so a record that wraps is contiguous.
 * Records are an 8-byte header { u32 len; u32 pg_off; } and len bytes,
 * rounded up to 8; len carries the busy bit while the producer writes it
 * and the discard bit when it was thrown away.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#define RB_PAGE_SIZE 4096UL
#define PROT_READ_ 0x1
#define PROT_WRITE_ 0x2
#define MAP_SHARED_ 0x01
#define POLLIN_ 0x1

struct rb_pollfd {
	int fd;
	short events;
	short revents;
};

#ifdef _NEWLIB_VERSION /* ring 3 on bpfkern: newlib has neither mmap nor poll */
#include "user/bpfkern_user.h"

static long rb_syscall_ret(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

static void *rb_mmap(size_t len, int prot, int fd, long off)
{
	long ret = rb_syscall_ret(raw_syscall(__NR_mmap, 0, (long)len, prot, MAP_SHARED_, fd, off));

	return ret == -1 ? NULL : (void *)ret;
}

static void rb_munmap(void *addr, size_t len)
{
	raw_syscall(__NR_munmap, (long)addr, (long)len, 0, 0, 0, 0);
}

static int rb_poll(struct rb_pollfd *fds, unsigned long nfds, int timeout_ms)
{
	return (int)rb_syscall_ret(
		raw_syscall(__NR_poll, (long)fds, (long)nfds, timeout_ms, 0, 0, 0));
}
#else /* a Linux host */
#include <poll.h>
#include <sys/mman.h>

static void *rb_mmap(size_t len, int prot, int fd, long off)
{
	void *p = mmap(NULL, len, prot, MAP_SHARED_, fd, off);

	return p == MAP_FAILED ? NULL : p;
}

static void rb_munmap(void *addr, size_t len)
{
	munmap(addr, len);
}

static int rb_poll(struct rb_pollfd *fds, unsigned long nfds, int timeout_ms)
{
	return poll((struct pollfd *)fds, nfds, timeout_ms);
}
#endif

/* One ring: its two mappings and callback. */
struct ring {
	ring_buffer_sample_fn sample_cb;
	void *ctx;
	int map_fd;
	unsigned long mask;
	unsigned long *consumer_pos; /* the consumer page, read-write */
	unsigned long *producer_pos; /* the producer page, then data twice, read-only */
	char *data;
};

struct ring_buffer {
	struct ring *rings;
	struct rb_pollfd *fds;
	int ring_cnt;
};

/* libbpf's convention: -err returned, errno = err. */
static int rb_err(int err)
{
	errno = err;
	return -err;
}

/* Unmaps a ring's two views (either may be missing). */
static void ring_unmap(struct ring *r)
{
	if (r->consumer_pos)
		rb_munmap(r->consumer_pos, RB_PAGE_SIZE);
	if (r->producer_pos)
		rb_munmap(r->producer_pos, RB_PAGE_SIZE + 2 * (r->mask + 1));
}

/*
 * ring_buffer__add: maps the ring of map_fd (which must be a RINGBUF map:
 * -EINVAL otherwise) and adds it to the set that rb polls and consumes.
 * 0 or -errno.
 */
int ring_buffer__add(struct ring_buffer *rb, int map_fd, ring_buffer_sample_fn sample_cb, void *ctx)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	struct ring *rings, *r;
	struct rb_pollfd *fds;

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(map_fd, &info, &len))
		return rb_err(errno);
	if (info.type != BPF_MAP_TYPE_RINGBUF || !info.max_entries ||
	    (info.max_entries & (info.max_entries - 1)))
		return rb_err(EINVAL);
	rings = realloc(rb->rings, (rb->ring_cnt + 1) * sizeof(*rings));
	if (!rings)
		return rb_err(ENOMEM);
	rb->rings = rings;
	fds = realloc(rb->fds, (rb->ring_cnt + 1) * sizeof(*fds));
	if (!fds)
		return rb_err(ENOMEM);
	rb->fds = fds;
	r = &rb->rings[rb->ring_cnt];
	memset(r, 0, sizeof(*r));
	*r = (struct ring){
		.sample_cb = sample_cb, .ctx = ctx, .map_fd = map_fd, .mask = info.max_entries - 1
	};
	r->consumer_pos = rb_mmap(RB_PAGE_SIZE, PROT_READ_ | PROT_WRITE_, map_fd, 0);
	if (r->consumer_pos)
		r->producer_pos =
			rb_mmap(RB_PAGE_SIZE + 2 * (r->mask + 1), PROT_READ_, map_fd, RB_PAGE_SIZE);
	if (!r->producer_pos) {
		int err = errno;

		ring_unmap(r);
		return rb_err(err);
	}
	r->data = (char *)r->producer_pos + RB_PAGE_SIZE;
	fds[rb->ring_cnt] = (struct rb_pollfd){ .fd = map_fd, .events = POLLIN_ };
	rb->ring_cnt++;
	return 0;
}

struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
				     const struct ring_buffer_opts *opts)
{
	struct ring_buffer *rb;
	int err;

	if (opts && opts->sz && opts->sz < sizeof(size_t)) {
		errno = EINVAL;
		return NULL;
	}
	rb = calloc(1, sizeof(*rb));
	if (!rb) {
		errno = ENOMEM;
		return NULL;
	}
	err = ring_buffer__add(rb, map_fd, sample_cb, ctx);
	if (err) {
		ring_buffer__free(rb);
		errno = -err;
		return NULL;
	}
	return rb;
}

void ring_buffer__free(struct ring_buffer *rb)
{
	if (!rb)
		return;
	for (int i = 0; i < rb->ring_cnt; i++)
		ring_unmap(&rb->rings[i]);
	free(rb->rings);
	free(rb->fds);
	free(rb);
}

/* Bytes a record with header word len occupies. */
static unsigned long rb_round_len(__u32 len)
{
	len &= ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
	return (len + BPF_RINGBUF_HDR_SZ + 7) & ~7UL;
}

/*
 * Hands every complete record of r to its callback, in order, until a busy
 * one or the producer's position; discarded records are skipped. The
 * consumer position advances past each record (so the kernel may reuse the
 * room). Returns the records handed over, or the callback's negative value.
 */
static long ring_process(struct ring *r)
{
	unsigned long cons = __atomic_load_n(r->consumer_pos, __ATOMIC_ACQUIRE), prod;
	long cnt = 0;
	int err;

	for (;;) {
		prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
		if (cons >= prod)
			return cnt;
		__u32 *hdr = (__u32 *)(r->data + (cons & r->mask));
		__u32 len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);

		if (len & BPF_RINGBUF_BUSY_BIT)
			return cnt;
		cons += rb_round_len(len);
		if (!(len & BPF_RINGBUF_DISCARD_BIT)) {
			err = r->sample_cb(r->ctx, (char *)hdr + BPF_RINGBUF_HDR_SZ, len);
			if (err < 0) {
				__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
				return err;
			}
			cnt++;
		}
		__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
	}
}

/* ring_buffer__consume: every ring, without waiting. Records consumed or a callback's error. */
int ring_buffer__consume(struct ring_buffer *rb)
{
	long total = 0;

	for (int i = 0; i < rb->ring_cnt; i++) {
		long n = ring_process(&rb->rings[i]);

		if (n < 0)
			return rb_err((int)-n);
		total += n;
	}
	return total > 0x7fffffff ? 0x7fffffff : (int)total;
}

/*
 * ring_buffer__poll: waits up to timeout_ms (negative: for ever) for a ring
 * to have data, then consumes the rings that have. Records consumed (0 on
 * timeout), a callback's error, or -errno of poll.
 */
int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms)
{
	long total = 0;
	int ready = rb_poll(rb->fds, (unsigned long)rb->ring_cnt, timeout_ms);

	if (ready < 0)
		return rb_err(errno);
	for (int i = 0; i < rb->ring_cnt && ready > 0; i++) {
		long n;

		if (!rb->fds[i].revents)
			continue;
		n = ring_process(&rb->rings[i]);
		if (n < 0)
			return rb_err((int)-n);
		total += n;
	}
	return total > 0x7fffffff ? 0x7fffffff : (int)total;
}
