// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux guest's XDP side: the benchmark programs loaded through bpf(),
 * attached natively to a virtio-net port through netlink (RTM_SETLINK,
 * IFLA_XDP, XDP_FLAGS_DRV_MODE: what `ip link set dev X xdpdrv` does), and
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES (bench=live).
 *
 * The programs are bpfkern's built-in ones (progs/xdp_progs.h, one copy
 * for both guests): "drop" is the demux program (the verdict is the first
 * payload byte, so that tests/net/bench.py's probe frame comes back as
 * XDP_TX while the rest are dropped), "tx" the MAC-swapping XDP_TX.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include "firewall.h"
#include "guest.h"
#include "../../progs/xdp_progs.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const prog_names[NR_GUEST_PROGS] = {
	[PROG_DROP] = "drop",
	[PROG_TX] = "tx",
	[PROG_PASS] = "pass",
	[PROG_FIREWALL] = "firewall",
};

long guest_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

/* The guest_prog of a bench=xdp:NAME name, or -1. */
int guest_prog_by_name(const char *name)
{
	for (int i = 0; i < NR_GUEST_PROGS; i++)
		if (!strcmp(name, prog_names[i]))
			return i;
	return -1;
}

/* Load one of the built-in XDP programs; its fd, or -1 with the verifier log printed. */
static int load_insns(const struct bpf_insn *insns, unsigned int cnt)
{
	static char log[4096];
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)insns;
	attr.insn_cnt = cnt;
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	fd = (int)guest_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0)
		printf("guest: BPF_PROG_LOAD: %s\n%s\n", strerror(errno), log);
	return fd;
}

/* The fd of program prog, loaded (the firewall with its deny list filled); -1 on failure. */
int guest_prog_load(int prog)
{
	switch (prog) {
	case PROG_DROP:
		return load_insns(xdp_prog_demux, ARRAY_LEN(xdp_prog_demux));
	case PROG_TX:
		return load_insns(xdp_prog_tx, ARRAY_LEN(xdp_prog_tx));
	case PROG_PASS:
		return load_insns(xdp_prog_pass, ARRAY_LEN(xdp_prog_pass));
	default:
		return firewall_load(FW_OBJECT_PATH, FW_BENCH_PREFIXES);
	}
}

/* An RTM_SETLINK request carrying IFLA_XDP { IFLA_XDP_FD, IFLA_XDP_FLAGS }. */
struct xdp_setlink_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	struct rtattr xdp; /* nested: */
	struct rtattr fd_attr;
	int fd;
	struct rtattr flags_attr;
	unsigned int flags;
};

/* Attach prog_fd to ifindex in driver (native) mode. 0, or -errno (reported). */
int xdp_attach(int ifindex, int prog_fd)
{
	struct xdp_setlink_req req;
	char buf[4096];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	int sock, err = -EIO;
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = RTM_SETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nh.nlmsg_seq = 1;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	req.xdp.rta_type = IFLA_XDP | NLA_F_NESTED;
	req.xdp.rta_len = sizeof(req) - offsetof(struct xdp_setlink_req, xdp);
	req.fd_attr.rta_type = IFLA_XDP_FD;
	req.fd_attr.rta_len = RTA_LENGTH(sizeof(int));
	req.fd = prog_fd;
	req.flags_attr.rta_type = IFLA_XDP_FLAGS;
	req.flags_attr.rta_len = RTA_LENGTH(sizeof(unsigned int));
	req.flags = XDP_FLAGS_DRV_MODE;

	sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (sock < 0 || send(sock, &req, sizeof(req), 0) < 0)
		goto out;
	n = recv(sock, buf, sizeof(buf), 0);
	if (n >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) && nh->nlmsg_type == NLMSG_ERROR)
		err = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
out:
	if (err)
		printf("guest: XDP attach to ifindex %d: %s\n", ifindex, strerror(-err));
	if (sock >= 0)
		close(sock);
	return err;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One live-frames run of repeat frames; seconds taken, or -1 (reported). */
static double live_run(int prog, int prog_fd, int ifindex, unsigned int repeat)
{
	unsigned char plain[64] = XDP_LIVE_FRAME_INIT, ipv4[64] = XDP_LIVE_FW_FRAME_INIT;
	unsigned char *frame = prog == PROG_FIREWALL ? ipv4 : plain;
	struct xdp_md ctx = { .data_end = sizeof(plain), .ingress_ifindex = ifindex };
	union bpf_attr attr;
	double start;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog_fd;
	attr.test.data_in = (unsigned long)frame;
	attr.test.data_size_in = sizeof(plain);
	attr.test.ctx_in = (unsigned long)&ctx;
	attr.test.ctx_size_in = sizeof(ctx);
	attr.test.repeat = repeat;
	attr.test.flags = BPF_F_TEST_XDP_LIVE_FRAMES;
	start = now();
	if (guest_bpf(BPF_PROG_TEST_RUN, &attr) < 0) {
		printf("bench live failed: BPF_PROG_TEST_RUN: %s\n", strerror(errno));
		return -1;
	}
	return now() - start;
}

/*
 * bench=live, one program: prog attached to ifindex (its XDP_TX frames go
 * out of that port) and run there by BPF_PROG_TEST_RUN with live frames:
 * prints "bench live_NAME_fps N", the median of 5 runs of about half a
 * second each.
 */
int bench_live(int prog, int ifindex)
{
	unsigned int repeat = 1000;
	double t[5];
	int fd = guest_prog_load(prog);

	if (fd < 0 || xdp_attach(ifindex, fd))
		return 1;
	for (;;) { /* calibrate: about 0.5 s per run */
		double s = live_run(prog, fd, ifindex, repeat);

		if (s < 0)
			return 1;
		if (s >= 0.5 || repeat >= (1u << 30))
			break;
		repeat = s < 0.01 ? repeat * 50 : (unsigned int)(repeat * 0.6 / s);
	}
	for (int i = 0; i < 5; i++) {
		t[i] = live_run(prog, fd, ifindex, repeat);
		if (t[i] < 0)
			return 1;
		for (int j = i; j > 0 && t[j - 1] > t[j]; j--) {
			double x = t[j];

			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	}
	printf("bench live_%s_fps %.0f\n", prog_names[prog], repeat / t[2]);
	return 0;
}
