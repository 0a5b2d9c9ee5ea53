// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark, not a test: the datapath without the emulated device in the
 * way. Each of make bench's XDP programs (tools/linuxguest/xdp_progs.h,
 * the same instructions the Linux guest runs) is loaded through bpf() and
 * run by BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES on eth0
 * (ifindex 1; XDP_TX frames really go out of it): frames per second, the
 * median of 5 runs of about half a second. Boot with utest=b_live and two
 * ports; prints "bench live_NAME_fps N", or "bench live_NAME_fps n/a WHY"
 * while the kernel refuses live frames.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "user/bpfkern_user.h"
#include "tools/linuxguest/xdp_progs.h"

#define ETH0_IFINDEX 1

static long bpf(long cmd, union bpf_attr *attr)
{
	return raw_syscall(__NR_bpf, cmd, (long)attr, sizeof(*attr), 0, 0, 0);
}

static double now(void)
{
	struct timespec ts;

	raw_syscall(__NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, (long)&ts, 0, 0, 0, 0);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds one live-frames run of repeat frames takes; a negative errno on failure. */
static double live_run(long prog_fd, unsigned int repeat, long *err)
{
	unsigned char frame[64] = XDP_LIVE_FRAME_INIT;
	struct xdp_md ctx = { .data_end = sizeof(frame), .ingress_ifindex = ETH0_IFINDEX };
	union bpf_attr attr;
	double start;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (unsigned int)prog_fd;
	attr.test.data_in = (unsigned long)frame;
	attr.test.data_size_in = sizeof(frame);
	attr.test.ctx_in = (unsigned long)&ctx;
	attr.test.ctx_size_in = sizeof(ctx);
	attr.test.repeat = repeat;
	attr.test.flags = BPF_F_TEST_XDP_LIVE_FRAMES;
	start = now();
	*err = bpf(BPF_PROG_TEST_RUN, &attr);
	return now() - start;
}

/* Load insns (cnt of them) as XDP and print its "bench live_NAME_fps" line. */
static void bench_live(const char *name, const struct bpf_insn *insns, unsigned int cnt)
{
	unsigned int repeat = 1000;
	union bpf_attr attr;
	double t[5], s;
	long fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = cnt;
	attr.license = (unsigned long)"GPL";
	fd = bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0) {
		printf("bench live_%s_fps n/a (BPF_PROG_LOAD: %ld)\n", name, fd);
		return;
	}
	for (;;) { /* calibrate: about 0.5 s per run */
		s = live_run(fd, repeat, &err);
		if (err) {
			printf("bench live_%s_fps n/a (BPF_PROG_TEST_RUN with live frames: %ld)\n",
			       name, err);
			goto out;
		}
		if (s >= 0.5 || repeat >= (1u << 30))
			break;
		repeat = s < 0.01 ? repeat * 50 : (unsigned int)(repeat * 0.6 / s);
	}
	for (int i = 0; i < 5; i++) {
		t[i] = live_run(fd, repeat, &err);
		for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
			s = t[j];
			t[j] = t[j - 1];
			t[j - 1] = s;
		}
	}
	printf("bench live_%s_fps %.0f\n", name, repeat / t[2]);
out:
	raw_syscall(__NR_close, fd, 0, 0, 0, 0, 0);
}

int main(void)
{
	bench_live("drop", xdp_prog_demux, sizeof(xdp_prog_demux) / sizeof(xdp_prog_demux[0]));
	bench_live("tx", xdp_prog_tx, sizeof(xdp_prog_tx) / sizeof(xdp_prog_tx[0]));
	return 0;
}
