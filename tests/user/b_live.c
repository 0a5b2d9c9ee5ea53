// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark, not a test: the datapath without the emulated device in the
 * way. Each of make bench's XDP programs (progs/xdp_progs.h, the same
 * instructions the Linux guest runs; the firewall from the boot
 * module /boot/firewall.bpf.o with 10,000 deny prefixes, loaded by
 * tools/linuxguest/firewall.c as on the Linux guest) is run by
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES on eth0 (ifindex 1;
 * XDP_TX frames really go out of it, XDP_PASS ones out of eth1): frames per
 * second, the median of 5 runs of about half a second. Boot with
 * utest=b_live and two ports; prints "bench live_NAME_fps N", or
 * "bench live_NAME_fps n/a (WHY)".
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "user/bpfkern_user.h"
#include "tools/linuxguest/firewall.h"
#include "progs/xdp_progs.h"

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
static double live_run(long prog_fd, const unsigned char *frame, unsigned int repeat, long *err)
{
	struct xdp_md ctx = { .data_end = 64, .ingress_ifindex = ETH0_IFINDEX };
	union bpf_attr attr;
	double start;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (unsigned int)prog_fd;
	attr.test.data_in = (unsigned long)frame;
	attr.test.data_size_in = 64;
	attr.test.ctx_in = (unsigned long)&ctx;
	attr.test.ctx_size_in = sizeof(ctx);
	attr.test.repeat = repeat;
	attr.test.flags = BPF_F_TEST_XDP_LIVE_FRAMES;
	start = now();
	*err = bpf(BPF_PROG_TEST_RUN, &attr);
	return now() - start;
}

/* insns (cnt of them) loaded as XDP: its fd, or a negative errno. */
static long load(const struct bpf_insn *insns, unsigned int cnt)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = cnt;
	attr.license = (unsigned long)"GPL";
	return bpf(BPF_PROG_LOAD, &attr);
}

/* Print program fd's "bench live_NAME_fps" line (frame: 64 bytes), then close fd. */
static void bench_live(const char *name, long fd, const unsigned char *frame)
{
	unsigned int repeat = 1000;
	double t[5], s;
	long err;

	if (fd < 0) {
		printf("bench live_%s_fps n/a (load: %ld)\n", name, fd);
		return;
	}
	for (;;) { /* calibrate: about 0.5 s per run */
		s = live_run(fd, frame, repeat, &err);
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
		t[i] = live_run(fd, frame, repeat, &err);
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
	static const unsigned char plain[64] = XDP_LIVE_FRAME_INIT;
	static const unsigned char ipv4[64] = XDP_LIVE_FW_FRAME_INIT;
	int fw;

	bench_live("drop", load(xdp_prog_demux, sizeof(xdp_prog_demux) / sizeof(xdp_prog_demux[0])),
		   plain);
	bench_live("tx", load(xdp_prog_tx, sizeof(xdp_prog_tx) / sizeof(xdp_prog_tx[0])), plain);
	bench_live("pass", load(xdp_prog_pass, sizeof(xdp_prog_pass) / sizeof(xdp_prog_pass[0])),
		   plain);
	fw = firewall_load("/boot/firewall.bpf.o", FW_BENCH_PREFIXES);
	bench_live("firewall", fw < 0 ? -2 /* -ENOENT */ : fw, ipv4);
	return 0;
}
