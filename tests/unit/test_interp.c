// SPDX-License-Identifier: GPL-2.0
/*
 * Interpreter semantics at the edges (kernel/bpf/core.c): division and
 * modulo by zero and by -1, shift masking, sign extension, byte swaps,
 * 32-bit zero extension, atomics, jumps, BPF-to-BPF call frames, tail calls
 * and their limit, helper calls through maps, LD_ABS/LD_IND. Programs are
 * written in the conformance suite's assembly (lib/bpf/asm.c) and run in the
 * interpreter only (the JIT has its own tests).
 */
#define UNIT_SUITE "interp"
#include "lib/unit.h"
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>

#define RUN_FAILED 0xdeadbeefdeadbeefull

static struct bpf_map *test_maps[4];

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	return fd >= 0 && fd < 4 ? test_maps[fd] : NULL;
}

/* Assembles and loads text as a program of type; NULL (and a "#" line) on failure. */
static struct bpf_prog *load(const char *text, enum bpf_prog_type type)
{
	struct bpf_asm_result res;
	char log[256];
	struct bpf_load_opts opts = { .prog_type = type,
				      .map_from_fd = map_from_fd,
				      .log_buf = log,
				      .log_size = sizeof(log) };
	struct bpf_prog *prog;
	int err;

	if (bpf_asm(text, &res)) {
		printf("# asm: %s\n", res.err);
		bpf_asm_result_free(&res);
		return NULL;
	}
	prog = bpf_prog_alloc(res.cnt);
	memcpy(prog->insnsi, res.insns, res.cnt * sizeof(struct bpf_insn));
	bpf_asm_result_free(&res);
	prog->type = type;
	prog->jit_requested = false;
	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		printf("# load: %d %s\n", err, log);
		bpf_prog_free(prog);
		return NULL;
	}
	return bpf_prog_select_runtime(prog, &err);
}

/* Runs text as a raw program with r1 = mem, r2 = len; RUN_FAILED if it does not load. */
static u64 run_mem(const char *text, void *mem, u64 len)
{
	struct bpf_prog *prog = load(text, BPF_PROG_TYPE_UNSPEC);
	u64 r0;

	if (!prog)
		return RUN_FAILED;
	r0 = bpf_prog_run_raw(prog, mem, len);
	bpf_prog_free(prog);
	return r0;
}

static u64 run(const char *text)
{
	return run_mem(text, NULL, 0);
}

UNIT_TEST(runs_in_interpreter)
{
	struct bpf_prog *prog = load("mov %r0, 7\nexit\n", BPF_PROG_TYPE_UNSPEC);

	ASSERT(prog);
	EXPECT(!prog->jited);
	EXPECT(prog->bpf_func == __bpf_prog_run);
	EXPECT_EQ(bpf_prog_run(prog, NULL), 7);
	bpf_prog_free(prog);
}

UNIT_TEST(div_mod_by_zero)
{
	EXPECT_EQ(run("mov %r0, 7\nmov %r1, 0\ndiv %r0, %r1\nexit"), 0);
	EXPECT_EQ(run("mov %r0, 7\ndiv %r0, 0\nexit"), 0);
	EXPECT_EQ(run("mov %r0, 7\nmov %r1, 0\nmod %r0, %r1\nexit"), 7);
	EXPECT_EQ(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\nmod %r0, %r1\nexit"),
		  0xffffffff00000007ull);
	/* 32-bit: x % 0 = x's low half, zero-extended */
	EXPECT_EQ(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\nmod32 %r0, %r1\nexit"), 7);
	EXPECT_EQ(run("lddw %r0, 0xffffffff00000007\nmov %r1, 0\ndiv32 %r0, %r1\nexit"), 0);
	/* the divisor is 32 bits wide in 32-bit ops */
	EXPECT_EQ(run("mov %r0, 9\nlddw %r1, 0x100000000\ndiv32 %r0, %r1\nexit"), 0);
	EXPECT_EQ(run("mov %r0, 9\nlddw %r1, 0x100000000\nmod32 %r0, %r1\nexit"), 9);
}

UNIT_TEST(signed_div_mod)
{
	EXPECT_EQ(run("mov %r0, -7\nsdiv %r0, 2\nexit"), (u64)-3);
	EXPECT_EQ(run("mov %r0, -7\nsmod %r0, 2\nexit"), (u64)-1);
	EXPECT_EQ(run("mov %r0, 7\nsmod %r0, -2\nexit"), 1);
	EXPECT_EQ(run("mov %r0, -7\nmov %r1, 0\nsdiv %r0, %r1\nexit"), 0);
	EXPECT_EQ(run("mov %r0, -7\nmov %r1, 0\nsmod %r0, %r1\nexit"), (u64)-7);
	/* INT_MIN / -1 wraps to INT_MIN, INT_MIN % -1 = 0, as Linux */
	EXPECT_EQ(run("lddw %r0, 0x8000000000000000\nmov %r1, -1\nsdiv %r0, %r1\nexit"),
		  0x8000000000000000ull);
	EXPECT_EQ(run("lddw %r0, 0x8000000000000000\nmov %r1, -1\nsmod %r0, %r1\nexit"), 0);
	EXPECT_EQ(run("mov32 %r0, 0x80000000\nsdiv32 %r0, -1\nexit"), 0x80000000ull);
	EXPECT_EQ(run("mov32 %r0, 0x80000000\nsmod32 %r0, -1\nexit"), 0);
	EXPECT_EQ(run("mov32 %r0, -7\nsdiv32 %r0, 2\nexit"), 0xfffffffdull);
}

UNIT_TEST(shifts_are_masked)
{
	EXPECT_EQ(run("mov %r0, 1\nmov %r1, 65\nlsh %r0, %r1\nexit"), 2);
	EXPECT_EQ(run("mov %r0, 1\nmov %r1, 33\nlsh32 %r0, %r1\nexit"), 2);
	EXPECT_EQ(run("mov %r0, 4\nmov %r1, 66\nrsh %r0, %r1\nexit"), 1);
	EXPECT_EQ(run("mov %r0, -8\nmov %r1, 65\narsh %r0, %r1\nexit"), (u64)-4);
	EXPECT_EQ(run("mov32 %r0, -8\nmov %r1, 33\narsh32 %r0, %r1\nexit"), 0xfffffffcull);
	EXPECT_EQ(run("mov %r0, -1\nrsh32 %r0, 0\nexit"), 0xffffffffull);
}

UNIT_TEST(alu32_zero_extends)
{
	EXPECT_EQ(run("mov %r0, -1\nadd32 %r0, 1\nexit"), 0);
	EXPECT_EQ(run("mov32 %r0, -1\nexit"), 0xffffffffull);
	EXPECT_EQ(run("mov %r0, -1\nmov32 %r0, %r0\nexit"), 0xffffffffull);
	EXPECT_EQ(run("mov %r0, 0\nsub32 %r0, 1\nexit"), 0xffffffffull);
	EXPECT_EQ(run("mov %r0, 1\nneg32 %r0\nexit"), 0xffffffffull);
	EXPECT_EQ(run("mov %r0, 1\nneg %r0\nexit"), (u64)-1);
	EXPECT_EQ(run("lddw %r0, 0x1ffffffff\nmul32 %r0, 2\nexit"), 0xfffffffeull);
}

UNIT_TEST(sign_extension)
{
	u8 mem[8] = { 0x80, 0xff, 0x00, 0x80, 0x01, 0, 0, 0 };

	EXPECT_EQ(run("mov %r1, 0x80\nmovsx864 %r0, %r1\nexit"), (u64)-128);
	EXPECT_EQ(run("mov %r1, 0x8000\nmovsx1664 %r0, %r1\nexit"), (u64)-32768);
	EXPECT_EQ(run("mov32 %r1, 0x80000000\nmovsx3264 %r0, %r1\nexit"), 0xffffffff80000000ull);
	EXPECT_EQ(run("mov %r1, 0x80\nmovsx832 %r0, %r1\nexit"), 0xffffff80ull);
	EXPECT_EQ(run("mov %r1, 0x8000\nmovsx1632 %r0, %r1\nexit"), 0xffff8000ull);
	EXPECT_EQ(run_mem("ldxsb %r0, [%r1]\nexit", mem, 8), (u64)-128);
	EXPECT_EQ(run_mem("ldxsh %r0, [%r1]\nexit", mem, 8), (u64)(s16)0xff80);
	EXPECT_EQ(run_mem("ldxsw %r0, [%r1]\nexit", mem, 8), (u64)(s32)0x8000ff80);
	EXPECT_EQ(run_mem("ldxw %r0, [%r1]\nexit", mem, 8), 0x8000ff80ull);
}

UNIT_TEST(byte_swaps)
{
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nbe16 %r0\nexit"), 0x8877);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nbe32 %r0\nexit"), 0x88776655);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nbe64 %r0\nexit"), 0x8877665544332211ull);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nle16 %r0\nexit"), 0x7788);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nle32 %r0\nexit"), 0x55667788);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nle64 %r0\nexit"), 0x1122334455667788ull);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nbswap16 %r0\nexit"), 0x8877);
	EXPECT_EQ(run("lddw %r0, 0x1122334455667788\nbswap64 %r0\nexit"), 0x8877665544332211ull);
}

UNIT_TEST(atomics)
{
	u64 m[2] = { 10, 0xf0 };

	EXPECT_EQ(run_mem("mov %r2, 5\nlock add [%r1], %r2\nldxdw %r0, [%r1]\nexit", m, 16), 15);
	EXPECT_EQ(run_mem("mov %r2, 5\nlock fetch add [%r1], %r2\nmov %r0, %r2\nexit", m, 16), 15);
	EXPECT_EQ(m[0], 20);
	EXPECT_EQ(run_mem("mov %r2, 0x0f\nlock fetch or [%r1+8], %r2\nmov %r0, %r2\nexit", m, 16),
		  0xf0);
	EXPECT_EQ(m[1], 0xff);
	EXPECT_EQ(run_mem("mov %r2, 0x3c\nlock and [%r1+8], %r2\nldxdw %r0, [%r1+8]\nexit", m, 16),
		  0x3c);
	EXPECT_EQ(run_mem("mov %r2, 0xff\nlock fetch xor [%r1+8], %r2\nldxdw %r0, [%r1+8]\nexit", m,
			  16),
		  0xc3);
	EXPECT_EQ(run_mem("mov %r2, 99\nlock xchg [%r1], %r2\nmov %r0, %r2\nexit", m, 16), 20);
	EXPECT_EQ(m[0], 99);
	/* cmpxchg: r0 is the expected value in, the old value out */
	EXPECT_EQ(run_mem("mov %r0, 99\nmov %r2, 7\nlock cmpxchg [%r1], %r2\nexit", m, 16), 99);
	EXPECT_EQ(m[0], 7);
	EXPECT_EQ(run_mem("mov %r0, 1\nmov %r2, 8\nlock cmpxchg [%r1], %r2\nexit", m, 16), 7);
	EXPECT_EQ(m[0], 7);
	/* 32-bit forms touch 4 bytes and zero-extend what they fetch */
	m[0] = 0xaaaaaaaa00000001ull;
	EXPECT_EQ(run_mem("mov %r2, -1\nlock fetch add32 [%r1], %r2\nmov %r0, %r2\nexit", m, 16),
		  1);
	EXPECT_EQ(m[0], 0xaaaaaaaa00000000ull);
	EXPECT_EQ(
		run_mem("lddw %r0, 0xffffffff00000000\nmov %r2, 3\nlock cmpxchg32 [%r1], %r2\nexit",
			m, 16),
		0);
	EXPECT_EQ(m[0], 0xaaaaaaaa00000003ull);
}

UNIT_TEST(jumps)
{
	EXPECT_EQ(
		run("mov %r0, 0\nlddw %r1, 0x100000001\njeq32 %r1, 1, +1\nexit\nmov %r0, 1\nexit"),
		1);
	EXPECT_EQ(run("mov %r0, 0\nlddw %r1, 0x100000001\njeq %r1, 1, +1\nexit\nmov %r0, 1\nexit"),
		  0);
	EXPECT_EQ(run("mov %r0, 0\nmov %r1, -1\njsgt %r1, 0, +1\nmov %r0, 1\nexit"), 1);
	EXPECT_EQ(run("mov %r0, 0\nmov %r1, -1\njgt %r1, 0, +1\nmov %r0, 1\nexit"), 0);
	EXPECT_EQ(run("mov %r0, 0\nmov %r1, 6\njset %r1, 2, +1\nmov %r0, 1\nexit"), 0);
	EXPECT_EQ(run("mov %r0, 3\nja32 +1\nmov %r0, 4\nexit"), 3);
}

UNIT_TEST(call_frames)
{
	/* the callee's r10 is its own frame: its stores leave the caller's stack alone */
	EXPECT_EQ(run("stdw [%r10-8], 11\n"
		      "mov %r6, 5\n"
		      "call local f\n"
		      "ldxdw %r1, [%r10-8]\n"
		      "add %r0, %r1\n"
		      "add %r0, %r6\n"
		      "exit\n"
		      "f:\n"
		      "stdw [%r10-8], 1000\n"
		      "mov %r6, 77\n"
		      "ldxdw %r0, [%r10-8]\n"
		      "exit\n"),
		  1000 + 11 + 5);
	/* arguments in r1-r5, result in r0 */
	EXPECT_EQ(run("mov %r1, 3\nmov %r2, 4\ncall local f\nexit\nf:\nmov %r0, %r1\nmul %r0, %r2\n"
		      "exit\n"),
		  12);
}

/* A chain of depth nested calls, returning depth (or 0 when the interpreter stops it). */
static u64 nested_calls(int depth)
{
	char text[2048];
	int n = 0, i;

	n += snprintf(text + n, sizeof(text) - n, "mov %%r0, 0\ncall local f1\nexit\n");
	for (i = 1; i < depth; i++)
		n += snprintf(text + n, sizeof(text) - n,
			      "f%d:\ncall local f%d\nadd %%r0, 1\nexit\n", i, i + 1);
	snprintf(text + n, sizeof(text) - n, "f%d:\nmov %%r0, 1\nexit\n", depth);
	return run(text);
}

UNIT_TEST(call_depth_limit)
{
	/* main + 7 callees = 8 frames run; one more stops the program with r0 = 0 */
	EXPECT_EQ(nested_calls(7), 7);
	EXPECT_EQ(nested_calls(8), 0);
}

UNIT_TEST(helpers_and_array_map)
{
	union bpf_attr attr = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 4
	};
	struct bpf_map *map = array_map_ops.map_alloc(&attr);
	u32 key = 2;
	u64 *val;

	ASSERT(!IS_ERR(map));
	test_maps[0] = map;
	/* update key 2 with 42, then look it up and return the value */
	EXPECT_EQ(run("stw [%r10-4], 2\n"
		      "stdw [%r10-16], 42\n"
		      "r1 = map[fd:0]\n"
		      "mov %r2, %r10\nadd %r2, -4\n"
		      "mov %r3, %r10\nadd %r3, -16\n"
		      "mov %r4, 0\n"
		      "call 2\n"
		      "jne %r0, 0, fail\n"
		      "r1 = map[fd:0]\n"
		      "mov %r2, %r10\nadd %r2, -4\n"
		      "call 1\n"
		      "jeq %r0, 0, fail\n"
		      "ldxdw %r0, [%r0]\n"
		      "exit\n"
		      "fail:\nmov %r0, -1\nexit\n"),
		  42);
	val = map->ops->map_lookup_elem(map, &key);
	ASSERT(val);
	EXPECT_EQ(*val, 42);
	test_maps[0] = NULL;
	map->ops->map_free(map);
}

UNIT_TEST(ld_abs_ind)
{
	u8 pkt[20] = { [0] = 0xaa,  [12] = 0x88, [13] = 0xb5, [14] = 0x45,
		       [15] = 0x01, [16] = 0x02, [17] = 0x03, [19] = 0x7f };
	struct sk_buff skb;
	struct bpf_prog *prog;

	ASSERT(bpf_skb_init_test(&skb, pkt, sizeof(pkt)) == 0);
	EXPECT_EQ(skb.len, 6); /* the Ethernet header is pulled, as Linux's test run */
	EXPECT_EQ(skb.pkt_type, 3); /* PACKET_OTHERHOST: not lo's MAC */
	prog = load("mov %r6, %r1\nldabsw 0\nexit", BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT(prog);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 0x45010203);
	bpf_prog_free(prog);
	/* out of bounds: the program ends with r0 = 0 */
	prog = load("mov %r6, %r1\nmov %r0, 5\nldabsw 3\nmov %r0, 9\nexit",
		    BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT(prog);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 0);
	bpf_prog_free(prog);
	prog = load("mov %r6, %r1\nmov %r7, 3\nldindb %r7, 2\nexit", BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT(prog);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 0x7f);
	bpf_prog_free(prog);
	/* negative offsets: SKF_LL_OFF reaches the link-layer header */
	prog = load("mov %r6, %r1\nldabsb -0x200000\nexit", BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT(prog);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 0xaa);
	bpf_prog_free(prog);
}

/* A program that counts its runs in map 0's element 0 and tail-calls slot 0 of map 1. */
static const char *tail_self_text = "mov %r6, %r1\n"
				    "stw [%r10-4], 0\n"
				    "r1 = map[fd:0]\n"
				    "mov %r2, %r10\nadd %r2, -4\n"
				    "call 1\n"
				    "jeq %r0, 0, out\n"
				    "mov %r1, 1\n"
				    "lock add [%r0], %r1\n"
				    "mov %r1, %r6\n"
				    "r2 = map[fd:1]\n"
				    "mov %r3, 0\n"
				    "call 12\n"
				    "out:\n"
				    "mov %r0, 7\n"
				    "exit\n";

UNIT_TEST(tail_call_limit)
{
	union bpf_attr a = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 1
	};
	union bpf_attr pa = { .map_type = BPF_MAP_TYPE_PROG_ARRAY,
			      .key_size = 4,
			      .value_size = 4,
			      .max_entries = 2 };
	struct bpf_map *counter = array_map_ops.map_alloc(&a);
	struct bpf_map *progs = prog_array_map_ops.map_alloc(&pa);
	struct bpf_prog *prog;
	u32 key = 0;

	ASSERT(!IS_ERR(counter) && !IS_ERR(progs));
	test_maps[0] = counter;
	test_maps[1] = progs;
	prog = load(tail_self_text, BPF_PROG_TYPE_UNSPEC);
	ASSERT(prog);
	/* an empty slot falls through */
	EXPECT_EQ(bpf_prog_run(prog, NULL), 7);
	EXPECT_EQ(*(u64 *)counter->ops->map_lookup_elem(counter, &key), 1);
	/* the program calls itself: 1 run + MAX_TAIL_CALL_CNT tail calls */
	EXPECT_EQ(bpf_prog_array_set(progs, 0, prog), 0);
	*(u64 *)counter->ops->map_lookup_elem(counter, &key) = 0;
	EXPECT_EQ(bpf_prog_run(prog, NULL), 7);
	EXPECT_EQ(*(u64 *)counter->ops->map_lookup_elem(counter, &key), 1 + MAX_TAIL_CALL_CNT);
	EXPECT_EQ(bpf_prog_array_set(progs, 2, prog), -E2BIG);
	bpf_prog_free(prog);
	/* an index past max_entries falls through */
	prog = load("r2 = map[fd:1]\nmov %r3, 5\ncall 12\nmov %r0, 3\nexit", BPF_PROG_TYPE_UNSPEC);
	ASSERT(prog);
	EXPECT_EQ(bpf_prog_run(prog, NULL), 3);
	bpf_prog_free(prog);
	test_maps[0] = test_maps[1] = NULL;
	counter->ops->map_free(counter);
	progs->ops->map_free(progs);
}

UNIT_MAIN()
