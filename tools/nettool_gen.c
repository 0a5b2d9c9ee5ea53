// SPDX-License-Identifier: GPL-2.0
/*
 * nettool_gen: the traffic generator of make bench's end-to-end rows
 * (tests/net/bench.py), the same for bpfkern and the Linux guest.
 *
 *   nettool_gen --to PORT --fd FD [--seconds S] [--stride N] [--window W]
 *               [--count N] < frames
 *
 * frames: one Ethernet frame per line, in hex. The generator sends them in
 * turn, round and round, as UDP datagrams to 127.0.0.1:PORT (a guest port's
 * datagram netdev), keeping at most W (default 256) frames unconfirmed in
 * flight, and counts what comes back on FD (an inherited, bound UDP socket:
 * the output port). A frame counts only when it is confirmed: each datagram
 * back stands for N frames (--stride: 1 for XDP_TX, where every frame comes
 * back; 64 for the drop case, where one frame in 64 is a reflected probe).
 * After 0.2 s with nothing back the frames in flight are written off
 * (a "stall") and sending resumes; at most 10 stalls end the run early.
 * Sends use sendmmsg and receives recvmmsg, so the generator costs the
 * 2-core machine far less CPU than one Python sendto per frame.
 *
 * Runs for S seconds (default 3) or until N frames are confirmed (--count:
 * then no more than N are sent, unless a stall writes some off), then prints one line: "rate FRAMES_PER_S stalls N sent N back N seconds S".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAMES 4096
#define MAX_FRAME_LEN 2048
#define BATCH 64
/*
 * At most this many frames sent between looks at the output: 256 small
 * datagrams at once overrun a default 208 KiB socket receive buffer
 * (the emulator's), losing the window's tail before any guest saw it.
 */
#define MAX_BURST 128
#define STALL_MS 200
#define MAX_STALLS 10

struct gen {
	unsigned char *frames[MAX_FRAMES];
	unsigned int lens[MAX_FRAMES];
	unsigned int nr_frames;
	int tx_fd, rx_fd;
	struct sockaddr_in to;
	unsigned long stride, window, count;
	double seconds;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read the hex frames on stdin into g. 0, or -1 with a message. */
static int read_frames(struct gen *g)
{
	static char line[2 * MAX_FRAME_LEN + 16];

	while (fgets(line, sizeof(line), stdin)) {
		size_t n = strcspn(line, "\r\n");
		unsigned char *f;

		if (!n)
			continue;
		if (n % 2 || n / 2 > MAX_FRAME_LEN || g->nr_frames == MAX_FRAMES) {
			fprintf(stderr, "nettool_gen: frame %u: bad hex or too long\n",
				g->nr_frames);
			return -1;
		}
		f = malloc(n / 2);
		if (!f)
			return -1;
		for (size_t i = 0; i < n / 2; i++) {
			int hi = hexval(line[2 * i]), lo = hexval(line[2 * i + 1]);

			if (hi < 0 || lo < 0) {
				fprintf(stderr, "nettool_gen: frame %u: not hex\n", g->nr_frames);
				return -1;
			}
			f[i] = (unsigned char)(hi << 4 | lo);
		}
		g->frames[g->nr_frames] = f;
		g->lens[g->nr_frames++] = (unsigned int)(n / 2);
	}
	if (!g->nr_frames) {
		fprintf(stderr, "nettool_gen: no frames on stdin\n");
		return -1;
	}
	return 0;
}

/* Send n frames starting with frame number first (modulo the list). How many went. */
static unsigned long send_frames(struct gen *g, unsigned long first, unsigned long n)
{
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	unsigned long done = 0;

	while (done < n) {
		unsigned int k = n - done < BATCH ? (unsigned int)(n - done) : BATCH;
		int sent;

		for (unsigned int i = 0; i < k; i++) {
			unsigned int f = (unsigned int)((first + done + i) % g->nr_frames);

			iov[i] = (struct iovec){ g->frames[f], g->lens[f] };
			msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_name = &g->to,
								 .msg_namelen = sizeof(g->to),
								 .msg_iov = &iov[i],
								 .msg_iovlen = 1 } };
		}
		sent = sendmmsg(g->tx_fd, msgs, k, 0);
		if (sent <= 0)
			break;
		done += (unsigned long)sent;
	}
	return done;
}

/* Receive every datagram waiting on the output socket. How many. */
static unsigned long drain(struct gen *g)
{
	static unsigned char bufs[BATCH][MAX_FRAME_LEN];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	unsigned long n = 0;
	int got;

	do {
		for (unsigned int i = 0; i < BATCH; i++) {
			iov[i] = (struct iovec){ bufs[i], MAX_FRAME_LEN };
			msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[i],
								 .msg_iovlen = 1 } };
		}
		got = recvmmsg(g->rx_fd, msgs, BATCH, MSG_DONTWAIT, NULL);
		if (got > 0)
			n += (unsigned long)got;
	} while (got == BATCH);
	return n;
}

/* The closed-window run (see the file comment); prints the result line. */
static void run(struct gen *g)
{
	unsigned long sent = 0, back = 0, stalls = 0;
	double start = now_s(), elapsed = 0;
	struct pollfd pfd = { .fd = g->rx_fd, .events = POLLIN };

	while (stalls < MAX_STALLS && (!g->count || back * g->stride < g->count)) {
		unsigned long confirmed = back * g->stride;

		elapsed = now_s() - start;
		if (elapsed >= g->seconds)
			break;
		if (sent - confirmed < g->window) {
			unsigned long n = g->window - (sent - confirmed);

			if (g->count && n > g->count - sent)
				n = g->count - sent; /* no more than --count in all */
			if (n > MAX_BURST)
				n = MAX_BURST; /* a whole window at once overflows the emulator's socket */
			sent += send_frames(g, sent, n);
		}
		if (poll(&pfd, 1, STALL_MS) <= 0) {
			stalls++;
			sent = back * g->stride; /* the frames in flight are written off */
			continue;
		}
		back += drain(g);
	}
	elapsed = now_s() - start;
	printf("rate %.0f stalls %lu sent %lu back %lu seconds %.3f\n", back * g->stride / elapsed,
	       stalls, sent, back, elapsed);
}

static void usage(void)
{
	fprintf(stderr, "usage: nettool_gen --to PORT --fd FD [--seconds S] [--stride N] "
			"[--window W] [--count N] < frames (hex, one a line)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct gen g = { .rx_fd = -1, .stride = 1, .window = 256, .seconds = 3 };
	long port = 0;

	for (int i = 1; i + 1 < argc; i += 2) {
		const char *opt = argv[i], *val = argv[i + 1];

		if (!strcmp(opt, "--to"))
			port = strtol(val, NULL, 0);
		else if (!strcmp(opt, "--fd"))
			g.rx_fd = (int)strtol(val, NULL, 0);
		else if (!strcmp(opt, "--seconds"))
			g.seconds = strtod(val, NULL);
		else if (!strcmp(opt, "--stride"))
			g.stride = strtoul(val, NULL, 0);
		else if (!strcmp(opt, "--window"))
			g.window = strtoul(val, NULL, 0);
		else if (!strcmp(opt, "--count"))
			g.count = strtoul(val, NULL, 0);
		else
			usage();
	}
	if (argc % 2 == 0 || port <= 0 || port > 65535 || g.rx_fd < 0 || !g.stride || !g.window)
		usage();
	if (read_frames(&g))
		return 1;
	g.tx_fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (g.tx_fd < 0) {
		perror("nettool_gen: socket");
		return 1;
	}
	g.to = (struct sockaddr_in){ .sin_family = AF_INET,
				     .sin_port = htons((unsigned short)port),
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	run(&g);
	return 0;
}
