// SPDX-License-Identifier: GPL-2.0
/*
 * poll(2) and ppoll(2) (Linux: fs/select.c, reduced). The files that can
 * report readiness are BPF maps whose type answers bpf_map_ops.map_poll
 * (the ring buffer: readable while records wait); a map without it reports
 * EPOLLERR as Linux's bpf_map_poll does, and other BPF files (programs,
 * links, BTF) report Linux's DEFAULT_POLLMASK, always ready.
 *
 * Waiting: the caller stays runnable and lets other processes run, or halts
 * until the next interrupt when none can (process_yield_or_halt). As in
 * Linux, it looks again only when woken, here when a polled map's wakeup
 * count moves (a ring buffer producer committed a record and asked for a
 * wakeup: BPF_RB_NO_WAKEUP holds the waiter back, BPF_RB_FORCE_WAKEUP
 * always wakes it), when the timeout expires (one last look), or for a
 * signal (-EINTR; the process then dies on its way back to ring 3).
 */
#include <bpfkern/process.h>
#include <bpfkern/bpf.h>
#include <bpfkern/file.h>
#include <bpfkern/mman.h>
#include <bpfkern/poll.h>
#include <bpfkern/uaccess.h>

#define EPOLLWRNORM 0x0100
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)
#define NO_DEADLINE ((u64)-1)
#define NSEC_PER_SEC 1000000000ull

struct pollfd {
	int fd;
	short events;
	short revents;
};

struct kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

/* The events of file, and into *seq the wakeup count of a pollable map. */
static u32 file_poll(struct file *file, u64 *seq)
{
	struct bpf_map *map = bpf_map_from_file(file);

	*seq = 0;
	if (!map)
		return DEFAULT_POLLMASK;
	if (!map->ops->map_poll)
		return EPOLLERR;
	return map->ops->map_poll(map, seq);
}

/*
 * One look at every pollfd: sets revents (EPOLLNVAL for a closed fd, the
 * asked events plus EPOLLERR/EPOLLHUP otherwise; 0 for a negative fd),
 * sums the wakeup counts into *seq and returns how many fds are ready.
 */
static unsigned int poll_scan(struct pollfd *fds, unsigned int nfds, u64 *seq)
{
	unsigned int ready = 0;

	*seq = 0;
	for (unsigned int i = 0; i < nfds; i++) {
		struct file *file;
		u64 s;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		file = fget(fds[i].fd);
		if (!file) {
			fds[i].revents = EPOLLNVAL;
		} else {
			u32 mask = file_poll(file, &s);

			fds[i].revents = (short)(mask & ((u16)fds[i].events | EPOLLERR | EPOLLHUP));
			*seq += s;
			fput(file);
		}
		ready += fds[i].revents != 0;
	}
	return ready;
}

/*
 * do_poll: scans until an fd is ready, the deadline (a ktime_get_ns value;
 * 0: do not wait, NO_DEADLINE: no limit) passes, or a signal is pending.
 * Returns the ready count, or -EINTR.
 */
static long do_poll(struct pollfd *fds, unsigned int nfds, u64 deadline)
{
	u64 seq, now_seq;
	unsigned int ready = poll_scan(fds, nfds, &seq);

	while (!ready && deadline) {
		bool expired;

		if (current->pending_signal)
			return -EINTR;
		process_yield_or_halt();
		expired = deadline != NO_DEADLINE && ktime_get_ns() >= deadline;
		ready = poll_scan(fds, nfds, &now_seq);
		if (expired)
			break;
		if (now_seq == seq)
			ready = 0; /* not woken: look again after the next wait */
		seq = now_seq;
	}
	return ready;
}

/*
 * The common part of poll and ppoll: copies the pollfds in (-EINVAL past
 * the fd limit, -EFAULT), polls them, and copies the revents back.
 */
static long do_sys_poll(struct pollfd __user *ufds, unsigned long nfds, u64 deadline)
{
	struct pollfd *fds;
	long ret;

	if (nfds > current->files->rlimit_nofile)
		return -EINVAL;
	fds = kmalloc(nfds ? nfds * sizeof(*fds) : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		goto out;
	ret = do_poll(fds, (unsigned int)nfds, deadline);
	if (ret >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ret = -EFAULT;
out:
	kfree(fds);
	return ret;
}

/* The deadline of a relative timeout in ns from now (saturating). */
static u64 deadline_after(u64 ns)
{
	u64 now = ktime_get_ns();

	if (!ns)
		return 0;
	return ns >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + ns;
}

/* poll(fds, nfds, timeout_ms): a negative timeout waits for ever, 0 does not wait. */
long sys_poll(const unsigned long a[6])
{
	int timeout_ms = (int)a[2];
	u64 deadline = timeout_ms < 0 ? NO_DEADLINE : deadline_after((u64)timeout_ms * 1000000);

	return do_sys_poll((struct pollfd __user *)a[0], a[1], deadline);
}

/*
 * ppoll(fds, nfds, tmo, sigmask, sigsetsize): tmo NULL waits for ever; an
 * invalid timespec is -EINVAL. There are no signal handlers, so the mask
 * (when given, sigsetsize must be 8) changes nothing.
 */
long sys_ppoll(const unsigned long a[6])
{
	u64 deadline = NO_DEADLINE;

	if (a[3] && a[4] != 8)
		return -EINVAL;
	if (a[2]) {
		struct kernel_timespec ts;

		if (copy_from_user(&ts, (const void __user *)a[2], sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		if ((u64)ts.tv_sec < NO_DEADLINE / NSEC_PER_SEC - 1)
			deadline = deadline_after((u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec);
	}
	return do_sys_poll((struct pollfd __user *)a[0], a[1], deadline);
}
