// SPDX-License-Identifier: GPL-2.0
/*
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES on the appliance's
 * ports (tier 60, tests/net/nettest.py "live"): Linux's argument checks,
 * then runs whose verdicts are carried out for real. Each run sends its
 * own frame (byte 14 names the case) so the host can count what came out
 * of which port: XDP_TX out of the ingress port eth0, XDP_PASS to the
 * bridge peer eth1, bpf_redirect(2) out of eth1, XDP_DROP nowhere. As on
 * Linux a full transmit ring drops, so the runs whose frames the host
 * counts are cut into runs of LIVE_CHUNK frames, fewer than a ring holds,
 * with a pause between them for the device to send them. Then Linux's
 * rule for recycled frames (a page gets data_in once per test run; run on
 * again, only its pointers are reset). Prints the frames per second of a
 * DROP run (information, not a check).
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
#define LIVE_CHUNK 100 /* frames per run: fewer than a transmit ring holds (128 or more) */
#define REINIT_FRAMES 150
#define REINIT_BAD_LEN 255 /* the histogram slot of a frame not 64 bytes long */

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

/*
 * repeat frames in runs of LIVE_CHUNK, each run's frames given 20 ms to
 * leave. 0, or the first failing run's result.
 */
static long live_run_chunked(long prog, const unsigned char *frame, unsigned int repeat,
			     unsigned int batch_size)
{
	struct timespec pause = { .tv_nsec = 20000000 };
	long err = 0;

	for (unsigned int done = 0; done < repeat && !err; done += LIVE_CHUNK) {
		unsigned int n = repeat - done < LIVE_CHUNK ? repeat - done : LIVE_CHUNK;

		err = live_run(prog, frame, 64, n, ETH0, batch_size, BPF_F_TEST_XDP_LIVE_FRAMES,
			       NULL);
		raw_syscall(__NR_nanosleep, (long)&pause, 0, 0, 0, 0, 0);
	}
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

/*
 * A program that counts, in hist (an ARRAY of 256 u64), the frame's byte
 * 15 as it finds it (REINIT_BAD_LEN when the frame is not 64 bytes from
 * data), adds one to that byte, moves data on by one byte with
 * bpf_xdp_adjust_head, and drops the frame.
 */
static long load_reinit(long hist)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0),
		INSN(BPF_LDX | BPF_W | BPF_MEM, 2, 6, 0, 0), /* data */
		INSN(BPF_LDX | BPF_W | BPF_MEM, 3, 6, 4, 0), /* data_end */
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 7, 0, 0, REINIT_BAD_LEN),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, 64),
		INSN(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 7, 0), /* shorter than 64: count */
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 5, 3, 0, 0),
		INSN(BPF_ALU64 | BPF_SUB | BPF_X, 5, 2, 0, 0),
		INSN(BPF_JMP | BPF_JNE | BPF_K, 5, 0, 4, 64), /* longer: count */
		INSN(BPF_LDX | BPF_B | BPF_MEM, 7, 2, 15, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 5, 7, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 5, 0, 0, 1),
		INSN(BPF_STX | BPF_B | BPF_MEM, 2, 5, 15, 0),
		INSN(BPF_STX | BPF_W | BPF_MEM, 10, 7, -4, 0), /* key: what byte 15 held */
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 6, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 1),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_xdp_adjust_head),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, (int)hist),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3, 0),
		INSN(BPF_LDX | BPF_DW | BPF_MEM, 1, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 1, 0, 0, 1),
		INSN(BPF_STX | BPF_DW | BPF_MEM, 0, 1, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_DROP),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return load(insns, sizeof(insns) / sizeof(insns[0]));
}

/* Read hist[0 .. 256) into counts; the number of frames counted. */
static unsigned long read_hist(long hist, unsigned long counts[256])
{
	unsigned long sum = 0;
	union bpf_attr a;

	for (unsigned int key = 0; key < 256; key++) {
		memset(&a, 0, sizeof(a));
		a.map_fd = (unsigned int)hist;
		a.key = (unsigned long)&key;
		a.value = (unsigned long)&counts[key];
		counts[key] = 0;
		bpf(BPF_MAP_LOOKUP_ELEM, &a);
		sum += counts[key];
	}
	return sum;
}

/*
 * Linux's rule for live frames (xdp_test_run_init_page, reset_ctx): a page
 * gets data_in's bytes when a test run first takes it; run on again in the
 * same test run, it keeps the bytes the program wrote and only data,
 * data_meta and data_end are set back. Two runs of load_reinit's program:
 * every frame counted once, each 64 bytes from the original data (the last
 * run's adjust_head undone), byte 15 found as data_in has it only on fresh
 * pages (at least once, not every time), and again in the second run.
 */
static void test_reinit(void)
{
	union bpf_attr a = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 256
	};
	long hist = bpf(BPF_MAP_CREATE, &a), prog = hist < 0 ? hist : load_reinit(hist);
	static unsigned long counts[256];
	unsigned char f[64];
	unsigned long first;

	expect_true("net_live.reinit_load", hist >= 0 && prog >= 0, prog);
	if (prog < 0)
		return;
	make_frame(f, 6);
	expect("net_live.reinit_run",
	       live_run(prog, f, 64, REINIT_FRAMES, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, NULL), 0);
	expect("net_live.reinit_every_frame_ran", read_hist(hist, counts), REINIT_FRAMES);
	expect("net_live.reinit_pointers_reset", counts[REINIT_BAD_LEN], 0);
	first = counts[f[15]];
	expect_true("net_live.reinit_bytes_kept_on_recycled_pages",
		    first >= 1 && first < REINIT_FRAMES, first);
	live_run(prog, f, 64, REINIT_FRAMES, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, NULL);
	read_hist(hist, counts);
	expect_true("net_live.reinit_new_run_copies_again", counts[f[15]] > first, counts[f[15]]);
	raw_syscall(__NR_close, prog, 0, 0, 0, 0, 0);
	raw_syscall(__NR_close, hist, 0, 0, 0, 0, 0);
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
	expect("net_live.retval_0_run",
	       live_run(tx, f, 64, 1, ETH0, 0, BPF_F_TEST_XDP_LIVE_FRAMES, &retval), 0);
	expect("net_live.retval_0", retval, 0);
	expect("net_live.tx_run", live_run_chunked(tx, f, LIVE_TX_FRAMES - 1, 0), 0);
	make_frame(f, 2);
	expect("net_live.tx_run_batch_256", live_run_chunked(tx, f, LIVE_TX_BIG_BATCH_FRAMES, 256),
	       0);
	make_frame(f, 3);
	expect("net_live.pass_run", live_run_chunked(pass, f, LIVE_PASS_FRAMES, 0), 0);
	make_frame(f, 4);
	expect("net_live.redirect_run", live_run_chunked(redir, f, LIVE_REDIRECT_FRAMES, 0), 0);
	test_reinit();
	rate("net_live.drop_rate", drop, 5, LIVE_DROP_FRAMES);
	printf("t_net_live: done\n");
	return failed ? 1 : 0;
}
