// SPDX-License-Identifier: GPL-2.0
/*
 * The map family seen from programs: small programs (lib/bpf/asm.c syntax)
 * loaded by the load path and run in the interpreter and in the JIT call
 * the helpers of map_helpers.c and ringbuf.c and the lookups of the new
 * types through bpf_func_protos[], and the results are checked from the
 * map side: queue push/pop, ringbuf reserve/submit/output/query, LPM and
 * per-CPU lookups, redirect_map's verdicts.
 */
#include <string.h>
#define UNIT_SUITE "map_progs"
#include "lib/unit.h"
#include "lib/map_util.h"
#include <bpfkern/bpf_asm.h>
#include <bpfkern/load.h>
#include <bpfkern/netdev.h>

#define RUN_FAILED 0xdeadbeefdeadbeefull

static struct bpf_map *test_maps[4];

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd >= 0 && fd < 4 ? test_maps[fd] : NULL;
}

/* Assembles, loads and runs text (r1 = NULL) in the interpreter or the JIT. */
static u64 run(const char *text, bool jit)
{
	struct bpf_asm_result res;
	char log[256];
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_UNSPEC,
				      .map_from_fd = map_from_fd,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	struct bpf_prog *prog;
	u64 r0;
	int err;

	if (bpf_asm(text, &res)) {
		printf("# asm: %s\n", res.err);
		bpf_asm_result_free(&res);
		return RUN_FAILED;
	}
	prog = bpf_prog_alloc(res.cnt);
	memcpy(prog->insnsi, res.insns, res.cnt * sizeof(struct bpf_insn));
	bpf_asm_result_free(&res);
	prog->type = BPF_PROG_TYPE_UNSPEC;
	prog->jit_requested = jit;
	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		printf("# load: %d %s\n", err, log);
		bpf_prog_free(prog);
		return RUN_FAILED;
	}
	prog = bpf_prog_select_runtime(prog, &err);
	if (jit && !prog->jited)
		printf("# not jited\n");
	r0 = bpf_prog_run_raw(prog, NULL, 0);
	bpf_prog_free(prog);
	return r0;
}

/* Pushes 11 and 22 onto map 0, pops one into r0. */
static const char push_pop[] = "stdw [%r10-8], 11\n"
			       "r1 = map[fd:0]\nmov %r2, %r10\nadd %r2, -8\nmov %r3, 0\n"
			       "call 87\n"
			       "jne %r0, 0, fail\n"
			       "stdw [%r10-8], 22\n"
			       "r1 = map[fd:0]\nmov %r2, %r10\nadd %r2, -8\nmov %r3, 0\n"
			       "call 87\n"
			       "jne %r0, 0, fail\n"
			       "r1 = map[fd:0]\nmov %r2, %r10\nadd %r2, -16\n"
			       "call 88\n"
			       "jne %r0, 0, fail\n"
			       "ldxdw %r0, [%r10-16]\nexit\n"
			       "fail:\nmov %r0, -1\nexit\n";

UNIT_TEST(queue_and_stack_helpers)
{
	for (int jit = 0; jit < 2; jit++) {
		struct bpf_map *q = map_create(&queue_map_ops, BPF_MAP_TYPE_QUEUE, 0, 8, 4, 0);
		struct bpf_map *s = map_create(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 8, 4, 0);
		u64 v = 0;

		ASSERT(!IS_ERR(q) && !IS_ERR(s));
		test_maps[0] = q;
		EXPECT_EQ(run(push_pop, jit), 11); /* FIFO */
		EXPECT_EQ(q->ops->map_peek_elem(q, &v), 0);
		EXPECT_EQ(v, 22);
		test_maps[0] = s;
		EXPECT_EQ(run(push_pop, jit), 22); /* LIFO */
		test_maps[0] = NULL;
		q->ops->map_free(q);
		s->ops->map_free(s);
	}
}

static int collect(void *ctx, void *data, u32 len)
{
	u64 *sum = ctx;

	*sum += len == 8 ? *(u64 *)data : 1000000;
	return 0;
}

UNIT_TEST(ringbuf_helpers)
{
	for (int jit = 0; jit < 2; jit++) {
		struct bpf_map *rb =
			map_create(&ringbuf_map_ops, BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
		u64 sum = 0;

		ASSERT(!IS_ERR(rb));
		test_maps[0] = rb;
		/* reserve 8 bytes, write 5, submit; output 7; discard one; return the query */
		EXPECT_EQ(run("r1 = map[fd:0]\nmov %r2, 8\nmov %r3, 0\ncall 131\n"
			      "jeq %r0, 0, fail\n"
			      "stdw [%r0], 5\n"
			      "mov %r1, %r0\nmov %r2, 0\ncall 132\n"
			      "stdw [%r10-8], 7\n"
			      "r1 = map[fd:0]\nmov %r2, %r10\nadd %r2, -8\nmov %r3, 8\nmov %r4, 0\n"
			      "call 130\n"
			      "jne %r0, 0, fail\n"
			      "r1 = map[fd:0]\nmov %r2, 8\nmov %r3, 0\ncall 131\n"
			      "jeq %r0, 0, fail\n"
			      "mov %r1, %r0\nmov %r2, 0\ncall 133\n"
			      "r1 = map[fd:0]\nmov %r2, 0\ncall 134\n"
			      "exit\n"
			      "fail:\nmov %r0, -1\nexit\n",
			      jit),
			  48); /* BPF_RB_AVAIL_DATA: three 16-byte records */
		EXPECT_EQ(bpf_ringbuf_consume(rb, collect, &sum), 2);
		EXPECT_EQ(sum, 12);
		test_maps[0] = NULL;
		rb->ops->map_free(rb);
	}
}

UNIT_TEST(lpm_and_percpu_lookups)
{
	for (int jit = 0; jit < 2; jit++) {
		struct bpf_map *lpm = map_create(&trie_map_ops, BPF_MAP_TYPE_LPM_TRIE, 8, 8, 8,
						 BPF_F_NO_PREALLOC);
		struct bpf_map *pc =
			map_create(&percpu_array_map_ops, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 2, 0);
		struct {
			u32 prefixlen;
			u8 data[4];
		} net = { 16, { 192, 168 } };
		u64 v = 77, *p;
		u32 one = 1;

		ASSERT(!IS_ERR(lpm) && !IS_ERR(pc));
		EXPECT_EQ(lpm->ops->map_update_elem(lpm, &net, &v, BPF_ANY), 0);
		test_maps[0] = lpm;
		test_maps[1] = pc;
		/* look up 192.168.7.9/32 in the trie; add its value to per-CPU element 1 */
		EXPECT_EQ(run("stw [%r10-8], 32\n"
			      "stw [%r10-4], 0x0907a8c0\n"
			      "r1 = map[fd:0]\nmov %r2, %r10\nadd %r2, -8\ncall 1\n"
			      "jeq %r0, 0, fail\n"
			      "ldxdw %r6, [%r0]\n"
			      "stw [%r10-12], 1\n"
			      "r1 = map[fd:1]\nmov %r2, %r10\nadd %r2, -12\ncall 1\n"
			      "jeq %r0, 0, fail\n"
			      "ldxdw %r1, [%r0]\nadd %r1, %r6\nstxdw [%r0], %r1\n"
			      "mov %r0, %r6\nexit\n"
			      "fail:\nmov %r0, -1\nexit\n",
			      jit),
			  77);
		p = pc->ops->map_lookup_elem(pc, &one);
		EXPECT(p && *p == 77);
		test_maps[0] = test_maps[1] = NULL;
		lpm->ops->map_free(lpm);
		pc->ops->map_free(pc);
	}
}

UNIT_TEST(redirect_map_helper)
{
	static struct net_device dev = { .ifindex = 31, .name = "veth31" };

	if (!dev_get_by_index(31))
		ASSERT(register_netdev(&dev) == 0);
	for (int jit = 0; jit < 2; jit++) {
		struct bpf_map *dm = map_create(&dev_map_ops, BPF_MAP_TYPE_DEVMAP, 4, 4, 4, 0);
		u32 k = 1, ifindex = 31;

		ASSERT(!IS_ERR(dm));
		EXPECT_EQ(dm->ops->map_update_elem(dm, &k, &ifindex, BPF_ANY), 0);
		test_maps[0] = dm;
		EXPECT_EQ(run("r1 = map[fd:0]\nmov %r2, 1\nmov %r3, 0\ncall 51\nexit\n", jit),
			  XDP_REDIRECT);
		EXPECT(bpf_net_ctx_get_ri()->tgt_value == &dev);
		EXPECT_EQ(run("r1 = map[fd:0]\nmov %r2, 2\nmov %r3, 2\ncall 51\nexit\n", jit),
			  XDP_PASS);
		test_maps[0] = NULL;
		dm->ops->map_free(dm);
	}
}

UNIT_MAIN()
