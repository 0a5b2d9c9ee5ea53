// SPDX-License-Identifier: GPL-2.0
/*
 * BPF_PROG_TEST_RUN with BPF_F_TEST_XDP_LIVE_FRAMES: the argument checks and
 * what the call returns, on the host's Linux (run in a network namespace of
 * its own, where lo is the only device) and on bpfkern's kernel in-process
 * (its stand-in port lo). Prints one line per case, "NAME: RESULT", with
 * no fds, ids or times in it; tier 60-firewall compares the two outputs line
 * by line. The verdicts carried out on a real port are tier 60-net's (t_net_live).
 * Usage: livetest
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>

#define XDP_DROP 1
#define XDP_PASS 2
#define XDP_TX 3

static int load_ret(int act)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = act },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bpf_prog_load(BPF_PROG_TYPE_XDP, "live", "GPL", insns, 2, NULL);
}

struct run {
	unsigned int len, repeat, batch, flags;
	int with_ctx;
	struct xdp_md ctx;
	int with_out;
};

/* One test run of prog as r says; prints NAME: result (errno name or the outputs). */
static void run(const char *name, int prog, const struct run *r)
{
	static unsigned char in[4096], out[4096];
	struct xdp_md ctx = r->ctx;
	union bpf_attr a;
	int err;

	for (unsigned int i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(i * 7 + 1);
	memset(out, 0, sizeof(out));
	memset(&a, 0, sizeof(a));
	a.test.prog_fd = (unsigned int)prog;
	a.test.data_in = (unsigned long)in;
	a.test.data_size_in = r->len;
	a.test.repeat = r->repeat;
	a.test.batch_size = r->batch;
	a.test.flags = r->flags;
	a.test.retval = 0xdead;
	if (r->with_ctx) {
		a.test.ctx_in = (unsigned long)&ctx;
		a.test.ctx_size_in = sizeof(ctx);
	}
	if (r->with_out) {
		a.test.data_out = (unsigned long)out;
		a.test.data_size_out = sizeof(out);
	}
	err = sys_bpf(BPF_PROG_TEST_RUN, &a, sizeof(a));
	if (err) {
		printf("%s: error %s\n", name,
		       errno == EINVAL	 ? "EINVAL"
		       : errno == E2BIG	 ? "E2BIG"
		       : errno == ENODEV ? "ENODEV"
		       : errno == EPERM	 ? "EPERM"
					 : strerror(errno));
		return;
	}
	printf("%s: ok retval %u data_size_out %u out %s\n", name, a.test.retval,
	       a.test.data_size_out,
	       !r->with_out		 ? "none"
	       : memcmp(out, in, r->len) ? "changed"
					 : "data_in");
}

int main(void)
{
	const unsigned int live = BPF_F_TEST_XDP_LIVE_FRAMES;
	int drop = load_ret(XDP_DROP), pass = load_ret(XDP_PASS), tx = load_ret(XDP_TX);

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (drop < 0 || pass < 0 || tx < 0) {
		printf("load: error %s\n", strerror(errno));
		return errno == EPERM ? 2 : 1;
	}
	run("bad_flags", drop, &(struct run){ .len = 64, .flags = live | 1 });
	run("batch_without_live", drop, &(struct run){ .len = 64, .batch = 8 });
	run("batch_257", drop, &(struct run){ .len = 64, .batch = 257, .flags = live });
	run("batch_256", drop, &(struct run){ .len = 64, .batch = 256, .flags = live });
	run("batch_256_bad_size_first", drop,
	    &(struct run){ .len = 5000, .batch = 257, .flags = live });
	run("no_ctx", drop, &(struct run){ .len = 64, .repeat = 10, .flags = live });
	run("repeat_0", drop, &(struct run){ .len = 64, .flags = live });
	run("ifindex_1", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .ctx = { .data_end = 64, .ingress_ifindex = 1 } });
	run("ifindex_0_ctx", drop,
	    &(struct run){ .len = 64, .flags = live, .with_ctx = 1, .ctx = { .data_end = 64 } });
	run("ifindex_99", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .ctx = { .data_end = 64, .ingress_ifindex = 99 } });
	run("rx_queue_1", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .ctx = { .data_end = 64, .ingress_ifindex = 1, .rx_queue_index = 1 } });
	run("egress_ifindex", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .ctx = { .data_end = 64, .egress_ifindex = 1 } });
	run("ctx_and_data_out", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .with_out = 1,
			   .ctx = { .data_end = 64, .ingress_ifindex = 1 } });
	run("data_out_without_ctx", drop,
	    &(struct run){ .len = 64, .repeat = 3, .flags = live, .with_out = 1 });
	run("meta_8", drop,
	    &(struct run){ .len = 64,
			   .flags = live,
			   .with_ctx = 1,
			   .ctx = { .data = 8, .data_end = 64, .ingress_ifindex = 1 } });
	run("len_13", drop, &(struct run){ .len = 13, .flags = live });
	run("len_14", drop, &(struct run){ .len = 14, .flags = live });
	run("len_3408", drop, &(struct run){ .len = 3408, .flags = live });
	run("len_3409", drop, &(struct run){ .len = 3409, .flags = live });
	run("len_3409_not_live", drop, &(struct run){ .len = 3409 });
	run("pass_retval_0", pass, &(struct run){ .len = 64, .repeat = 4, .flags = live });
	run("tx_retval_0", tx, &(struct run){ .len = 64, .repeat = 4, .flags = live });
	run("not_live_retval", pass, &(struct run){ .len = 64, .repeat = 4 });
	return 0;
}
