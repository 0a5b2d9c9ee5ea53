// SPDX-License-Identifier: GPL-2.0
/*
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES on the appliance's
 * ports (tier 60, tests/net/nettest.py "live"): Linux's argument checks,
 * then runs whose verdicts are carried out for real. Each run sends its
 * own frame (byte 14 names the case) so the host can count what came out
 * of which port: XDP_TX out of the ingress port eth0, XDP_PASS to the
 * bridge peer eth1, bpf_redirect(2) out of eth1, XDP_DROP nowhere. Prints
 * the frames per second of a DROP and a TX run (information, not a check).
 * Run by `utest=t_net_live xdp=none` with two virtio-net ports.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define EINVAL 22
#define ENODEV 19
#define E2BIG 7
#define ETH0 1
#define ETH1 2
/* What nettest.py expects out of the ports: keep the two in step. */
#define LIVE_TX_FRAMES 1000
#define LIVE_TX_BIG_BATCH_FRAMES 2000
#define LIVE_PASS_FRAMES 300
#define LIVE_REDIRECT_FRAMES 200
#define LIVE_DROP_FRAMES 100000

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

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

static long load(const struct bpf_insn *insns, unsigned int cnt)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insns = (unsigned long)insns;
	a.insn_cnt = cnt;
	a.license = (unsigned long)"GPL";
	return bpf(BPF_PROG_LOAD, &a);
}

/* A program returning act. */
static long load_ret(int act)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, act),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, 2);
}

/* A program returning bpf_redirect(ifindex, 0). */
static long load_redirect(int ifindex)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, ifindex),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_redirect),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, 4);
}

/* A 64-byte frame whose byte 14 is tag (the host sorts frames by it). */
static void make_frame(unsigned char *f, unsigned int tag)
{
	static const unsigned char head[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0xb5 };

	memset(f, 0, 64);
	memcpy(f, head, sizeof(head));
	f[14] = (unsigned char)tag;
	for (unsigned int i = 15; i < 64; i++)
		f[i] = (unsigned char)(i * 3 + tag);
}

/*
 * One live run: prog on frame (len bytes) repeat times arriving on ifindex
 * (0: no context), batch_size, flags. The call's result; *retval its retval.
 */
static long live_run(long prog, const unsigned char *frame, unsigned int len, unsigned int repeat,
		     unsigned int ifindex, unsigned int batch_size, unsigned int flags,
		     long *retval)
{
	struct xdp_md ctx = { .data_end = len, .ingress_ifindex = ifindex };
	union bpf_attr a;
	long err;

	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (unsigned int)prog;
	a.test.data_in = (unsigned long)frame;
	a.test.data_size_in = len;
	if (ifindex) {
		a.test.ctx_in = (unsigned long)&ctx;
		a.test.ctx_size_in = sizeof(ctx);
	}
	a.test.repeat = repeat;
	a.test.batch_size = batch_size;
	a.test.flags = flags;
	err = bpf(BPF_PROG_TEST_RUN, &a);
	if (retval)
		*retval = a.test.retval;
	return err;
}

/* Linux's argument checks for live frames. */
static void test_checks(long drop)
{
	static unsigned char big[3500];
	unsigned char f[64], out[64];
	struct xdp_md ctx = { .data_end = 64, .ingress_ifindex = ETH0 };
	union bpf_attr a;
	const unsigned int live = BPF_F_TEST_XDP_LIVE_FRAMES;

	make_frame(f, 0xee);
	memcpy(big, f, sizeof(f));
	expect("net_live.bad_flags", live_run(drop, f, 64, 1, ETH0, 0, live | 1, NULL), -EINVAL);
	expect("net_live.batch_without_live", live_run(drop, f, 64, 1, ETH0, 8, 0, NULL), -EINVAL);
	expect("net_live.batch_over_256", live_run(drop, f, 64, 1, ETH0, 257, live, NULL), -E2BIG);
	expect("net_live.batch_256", live_run(drop, f, 64, 1, ETH0, 256, live, NULL), 0);
	expect("net_live.no_such_device", live_run(drop, f, 64, 1, 9, 0, live, NULL), -ENODEV);
	expect("net_live.no_context_is_ifindex_1", live_run(drop, f, 64, 1, 0, 0, live, NULL), 0);
	expect("net_live.3408_bytes", live_run(drop, big, 3408, 1, ETH0, 0, live, NULL), 0);
	expect("net_live.3409_bytes_too_long", live_run(drop, big, 3409, 1, ETH0, 0, live, NULL),
	       -EINVAL);
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (unsigned int)drop;
	a.test.data_in = (unsigned long)f;
	a.test.data_size_in = 64;
	a.test.ctx_in = (unsigned long)&ctx;
	a.test.ctx_size_in = sizeof(ctx);
	a.test.data_out = (unsigned long)out;
	a.test.data_size_out = sizeof(out);
	a.test.flags = live;
	expect("net_live.ctx_with_data_out", bpf(BPF_PROG_TEST_RUN, &a), -EINVAL);
	ctx.rx_queue_index = 1;
	a.test.data_out = 0;
	a.test.data_size_out = 0;
	expect("net_live.rx_queue_1", bpf(BPF_PROG_TEST_RUN, &a), -EINVAL);
}

/* repeat frames through prog; prints and returns the frames per second. */
static void rate(const char *name, long prog, unsigned int tag, unsigned int repeat)
{
	unsigned char f[64];
	double t;
	long err;

	make_frame(f, tag);
	t = now();
	err = live_run(prog, f, 64, repeat, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, NULL);
	t = now() - t;
	expect(name, err, 0);
	printf("t_net_live: %s %u frames in %.1f ms: %.0f frames/s\n", name, repeat, t * 1e3,
	       t > 0 ? repeat / t : 0.0);
}

int main(void)
{
	long drop = load_ret(XDP_DROP), tx = load_ret(XDP_TX), pass = load_ret(XDP_PASS);
	long redir = load_redirect(ETH1), retval = -1;
	unsigned char f[64];

	expect_true("net_live.load", drop >= 0 && tx >= 0 && pass >= 0 && redir >= 0, redir);
	if (failed)
		return 1;
	test_checks(drop);
	make_frame(f, 1);
	expect("net_live.tx_run",
	       live_run(tx, f, 64, LIVE_TX_FRAMES, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, &retval),
	       0);
	expect("net_live.retval_0", retval, 0);
	make_frame(f, 2);
	expect("net_live.tx_run_batch_256",
	       live_run(tx, f, 64, LIVE_TX_BIG_BATCH_FRAMES, ETH0, 256, BPF_F_TEST_XDP_LIVE_FRAMES,
			NULL),
	       0);
	make_frame(f, 3);
	expect("net_live.pass_run",
	       live_run(pass, f, 64, LIVE_PASS_FRAMES, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, NULL),
	       0);
	make_frame(f, 4);
	expect("net_live.redirect_run",
	       live_run(redir, f, 64, LIVE_REDIRECT_FRAMES, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES,
			NULL),
	       0);
	rate("net_live.drop_rate", drop, 5, LIVE_DROP_FRAMES);
	printf("t_net_live: done\n");
	return failed ? 1 : 0;
}
