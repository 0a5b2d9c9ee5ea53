// SPDX-License-Identifier: GPL-2.0
/*
 * Callbacks (kernel/bpf/core.c bpf_callback_call, kernel/bpf/bpf_iter.c):
 * bpf_loop and bpf_for_each_map_elem in the interpreter and in the JIT, each
 * program run in both and the results compared with what Linux gives:
 * iteration counts, early stop, nr_loops 0, -E2BIG, -EINVAL for flags, a
 * callback that calls a helper, nested bpf_loop, a callback writing its
 * caller's stack through ctx, a callback that makes a BPF-to-BPF call, and
 * the walk over each map type with a deleted element and an early stop.
 * Programs are assembled (lib/bpf/asm.c) and loaded without the verifier.
 */
#define UNIT_SUITE "callback"
#include "lib/unit.h"
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/load.h>

#define RUN_FAILED 0xdeadbeefdeadbeefull

static struct bpf_map *test_map;

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	(void)ctx;
	return fd == 0 ? test_map : NULL;
}

/* Assembles and loads text, jited or not; NULL (and a "#" line) on failure. */
static struct bpf_prog *load(const char *text, bool jit)
{
	struct bpf_asm_result res;
	char log[256];
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_UNSPEC,
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
	prog->jit_requested = jit;
	err = bpf_prog_prepare(prog, &opts);
	if (err) {
		printf("# load: %d %s\n", err, log);
		bpf_prog_free(prog);
		return NULL;
	}
	prog = bpf_prog_select_runtime(prog, &err);
	if (jit && !prog->jited) {
		printf("# the JIT declined the program\n");
		bpf_prog_free(prog);
		return NULL;
	}
	return prog;
}

/* r0 of text in one runtime; RUN_FAILED if it does not load. */
static u64 run(const char *text, bool jit)
{
	struct bpf_prog *prog = load(text, jit);
	u64 r0;

	if (!prog)
		return RUN_FAILED;
	r0 = bpf_prog_run_raw(prog, NULL, 0);
	bpf_prog_free(prog);
	return r0;
}

/* Both runtimes must give want. */
#define EXPECT_BOTH(text, want)                             \
	do {                                                \
		EXPECT_EQ(run((text), false), (u64)(want)); \
		EXPECT_EQ(run((text), true), (u64)(want));  \
	} while (0)

/*
 * bpf_loop(nr, cb, &counter, flags) where cb counts its calls in the
 * caller's stack through ctx and stops after i == stop: r0 is bpf_loop's
 * result << 32 | the count.
 */
static const char *loop_prog(char *buf, size_t size, u32 nr, int flags, int stop)
{
	snprintf(buf, size,
		 "*(u64 *)(r10 -8) = 0\n"
		 "r1 = %u\n"
		 "r2 = subprog[cb]\n"
		 "r3 = r10\n"
		 "r3 += -8\n"
		 "r4 = %d\n"
		 "call bpf_loop\n"
		 "r1 = *(u64 *)(r10 -8)\n"
		 "r0 <<= 32\n"
		 "r0 |= r1\n"
		 "exit\n"
		 "cb:\n"
		 "r3 = *(u64 *)(r2 +0)\n"
		 "r3 += 1\n"
		 "*(u64 *)(r2 +0) = r3\n"
		 "r0 = 0\n"
		 "if r1 != %d goto out\n"
		 "r0 = 1\n"
		 "out:\n"
		 "exit\n",
		 nr, flags, stop);
	return buf;
}

#define LOOP_RESULT(ret, count) ((u64)(s64)(ret) << 32 | (count))

UNIT_TEST(loop_counts)
{
	char buf[1024];

	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 10, 0, -1), LOOP_RESULT(10, 10));
	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 1000, 0, -1), LOOP_RESULT(1000, 1000));
}

UNIT_TEST(loop_early_stop)
{
	char buf[1024];

	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 10, 0, 4), LOOP_RESULT(5, 5));
	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 10, 0, 0), LOOP_RESULT(1, 1));
	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 10, 0, 9), LOOP_RESULT(10, 10));
}

UNIT_TEST(loop_zero)
{
	char buf[1024];

	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 0, 0, -1), LOOP_RESULT(0, 0));
}

UNIT_TEST(loop_e2big_and_flags)
{
	char buf[1024];

	EXPECT_BOTH(loop_prog(buf, sizeof(buf), BPF_MAX_LOOPS + 1, 0, -1), LOOP_RESULT(-E2BIG, 0));
	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 0xffffffffu, 0, -1), LOOP_RESULT(-E2BIG, 0));
	EXPECT_BOTH(loop_prog(buf, sizeof(buf), 10, 1, -1), LOOP_RESULT(-EINVAL, 0));
}

/* The callback calls map_lookup_elem and bumps element i % 4 of an ARRAY. */
static const char helper_prog[] = "r1 = 8\n"
				  "r2 = subprog[cb]\n"
				  "r3 = 0\n"
				  "r4 = 0\n"
				  "call bpf_loop\n"
				  "exit\n"
				  "cb:\n"
				  "r1 &= 3\n"
				  "*(u32 *)(r10 -4) = r1\n"
				  "r2 = r10\n"
				  "r2 += -4\n"
				  "r1 = map[fd:0]\n"
				  "call bpf_map_lookup_elem\n"
				  "if r0 == 0 goto out\n"
				  "r1 = *(u64 *)(r0 +0)\n"
				  "r1 += 1\n"
				  "*(u64 *)(r0 +0) = r1\n"
				  "out:\n"
				  "r0 = 0\n"
				  "exit\n";

static struct bpf_map *make_map(enum bpf_map_type type, u32 key_size, u32 value_size, u32 max)
{
	union bpf_attr attr;
	const struct bpf_map_ops *ops;
	struct bpf_map *map;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max;
	switch (type) {
	case BPF_MAP_TYPE_ARRAY:
		ops = &array_map_ops;
		break;
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		ops = &percpu_array_map_ops;
		break;
	case BPF_MAP_TYPE_HASH:
		ops = &htab_map_ops;
		break;
	case BPF_MAP_TYPE_PERCPU_HASH:
		ops = &htab_percpu_map_ops;
		break;
	case BPF_MAP_TYPE_LRU_HASH:
		ops = &htab_lru_map_ops;
		break;
	case BPF_MAP_TYPE_PROG_ARRAY:
		ops = &prog_array_map_ops;
		break;
	default:
		ops = &htab_lru_percpu_map_ops;
		break;
	}
	if (ops->map_alloc_check && ops->map_alloc_check(&attr))
		return NULL;
	map = ops->map_alloc(&attr);
	if (IS_ERR_OR_NULL(map))
		return NULL;
	map->ops = ops;
	return map;
}

UNIT_TEST(callback_calls_helper)
{
	for (int jit = 0; jit < 2; jit++) {
		u32 key;

		test_map = make_map(BPF_MAP_TYPE_ARRAY, 4, 8, 4);
		ASSERT(test_map);
		EXPECT_EQ(run(helper_prog, jit), 8);
		for (key = 0; key < 4; key++) {
			u64 *v = test_map->ops->map_lookup_elem(test_map, &key);

			EXPECT(v && *v == 2);
		}
		test_map->ops->map_free(test_map);
		test_map = NULL;
	}
}

/*
 * bpf_loop(3, outer) where outer runs bpf_loop(4, inner) on the same
 * counter and inner adds 1 through a BPF-to-BPF call: 12 calls in all.
 * r0 = outer result << 32 | counter.
 */
static const char nested_prog[] = "*(u64 *)(r10 -8) = 0\n"
				  "r1 = 3\n"
				  "r2 = subprog[outer]\n"
				  "r3 = r10\n"
				  "r3 += -8\n"
				  "r4 = 0\n"
				  "call bpf_loop\n"
				  "r1 = *(u64 *)(r10 -8)\n"
				  "r0 <<= 32\n"
				  "r0 |= r1\n"
				  "exit\n"
				  "outer:\n"
				  "r6 = r2\n"
				  "*(u64 *)(r10 -8) = 77\n" /* its own frame: not the caller's */
				  "r1 = 4\n"
				  "r3 = r2\n"
				  "r2 = subprog[inner]\n"
				  "r4 = 0\n"
				  "call bpf_loop\n"
				  "r1 = *(u64 *)(r10 -8)\n"
				  "r0 = 0\n"
				  "if r1 == 77 goto good\n"
				  "r0 = 1\n" /* the inner run clobbered this frame: stop */
				  "good:\n"
				  "exit\n"
				  "inner:\n"
				  "r1 = r2\n"
				  "call add1\n"
				  "r0 = 0\n"
				  "exit\n"
				  "add1:\n"
				  "r2 = *(u64 *)(r1 +0)\n"
				  "r2 += 1\n"
				  "*(u64 *)(r1 +0) = r2\n"
				  "exit\n";

UNIT_TEST(nested_loop)
{
	EXPECT_BOTH(nested_prog, LOOP_RESULT(3, 12));
}

/*
 * Callbacks nested as deep as MAX_CALL_FRAMES allows: each level's callback
 * runs bpf_loop(1) on the next. Past the limit the interpreter stops the
 * callback (r0 = 0) instead of overrunning the stack.
 */
UNIT_TEST(interp_callback_frames_bounded)
{
	static const char deep[] = "r1 = 1\n"
				   "r2 = subprog[cb]\n"
				   "r3 = 0\n"
				   "r4 = 0\n"
				   "call bpf_loop\n"
				   "exit\n"
				   "cb:\n"
				   "r1 = 1\n"
				   "r2 = subprog[cb]\n"
				   "r3 = 0\n"
				   "r4 = 0\n"
				   "call bpf_loop\n"
				   "r0 = 0\n"
				   "exit\n";

	/* unbounded recursion: only the interpreter's frame limit ends it */
	EXPECT_EQ(run(deep, false), 1);
}

/*
 * A program that tail-calls: its callbacks are entered with the tail-call
 * count at its limit, so a tail call inside one falls through, while the
 * main program's own tail call still happens (slot 0 returns 99).
 */
static const char tail_prog[] = "*(u64 *)(r10 -8) = 0\n"
				"r1 = 3\n"
				"r2 = subprog[cb]\n"
				"r3 = r10\n"
				"r3 += -8\n"
				"r4 = 0\n"
				"call bpf_loop\n"
				"r0 = *(u64 *)(r10 -8)\n"
				"r0 += 1000\n"
				"if r0 != 1003 goto out\n"
				"r1 = 0\n"
				"r2 = map[fd:0]\n"
				"r3 = 0\n"
				"call bpf_tail_call\n"
				"r0 = 1\n"
				"out:\n"
				"exit\n"
				"cb:\n"
				"r6 = r2\n"
				"r1 = 0\n"
				"r2 = map[fd:0]\n"
				"r3 = 0\n"
				"call bpf_tail_call\n"
				"r1 = *(u64 *)(r6 +0)\n"
				"r1 += 1\n"
				"*(u64 *)(r6 +0) = r1\n"
				"r0 = 0\n"
				"exit\n";

UNIT_TEST(tail_calls_in_callbacks_fall_through)
{
	for (int jit = 0; jit < 2; jit++) {
		struct bpf_prog *target;

		test_map = make_map(BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1);
		ASSERT(test_map);
		target = load("r0 = 99\nexit\n", jit);
		ASSERT(target);
		EXPECT_EQ(bpf_prog_array_set(test_map, 0, target), 0);
		EXPECT_EQ(run(tail_prog, jit), 99);
		bpf_prog_array_set(test_map, 0, NULL);
		test_map->ops->map_free(test_map);
		test_map = NULL;
		bpf_prog_free(target);
	}
}

/*
 * bpf_for_each_map_elem(map, cb, ctx) where cb adds each value (a u64) to
 * ctx[0], counts its calls in ctx[1], deletes the element when del, and
 * stops after the element whose key is stop. r0 = result * 10^6 + calls *
 * 1000 + sum.
 */
static const char *for_each_prog(char *buf, size_t size, int stop, bool del)
{
	snprintf(buf, size,
		 "*(u64 *)(r10 -16) = 0\n"
		 "*(u64 *)(r10 -8) = 0\n"
		 "r1 = map[fd:0]\n"
		 "r2 = subprog[cb]\n"
		 "r3 = r10\n"
		 "r3 += -16\n"
		 "r4 = 0\n"
		 "call bpf_for_each_map_elem\n"
		 "r0 *= 1000000\n"
		 "r1 = *(u64 *)(r10 -8)\n"
		 "r1 *= 1000\n"
		 "r0 += r1\n"
		 "r1 = *(u64 *)(r10 -16)\n"
		 "r0 += r1\n"
		 "exit\n"
		 "cb:\n"
		 "r6 = r1\n"
		 "r7 = r2\n"
		 "r8 = *(u32 *)(r2 +0)\n"
		 "r0 = *(u64 *)(r3 +0)\n"
		 "r5 = *(u64 *)(r4 +0)\n"
		 "r5 += r0\n"
		 "*(u64 *)(r4 +0) = r5\n"
		 "r5 = *(u64 *)(r4 +8)\n"
		 "r5 += 1\n"
		 "*(u64 *)(r4 +8) = r5\n"
		 "%s"
		 "r0 = 0\n"
		 "if r8 != %d goto out\n"
		 "r0 = 1\n"
		 "out:\n"
		 "exit\n",
		 del ? "r1 = r6\nr2 = r7\ncall bpf_map_delete_elem\n" : "", stop);
	return buf;
}

#define FOR_EACH_RESULT(ret, calls, sum) ((u64)(ret)*1000000 + (calls)*1000 + (sum))

static const enum bpf_map_type for_each_types[] = {
	BPF_MAP_TYPE_ARRAY,	  BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_HASH,
	BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_LRU_HASH,     BPF_MAP_TYPE_LRU_PERCPU_HASH,
};

/* Keys 0..5 with values 10 * key + 1, then key 3 deleted (arrays keep it: -EINVAL). */
static struct bpf_map *for_each_map(enum bpf_map_type type)
{
	struct bpf_map *map = make_map(type, 4, 8, 8);

	if (!map)
		return NULL;
	for (u32 key = 0; key < 6; key++) {
		u64 value = 10 * key + 1;

		if (map->ops->map_update_elem(map, &key, &value, BPF_ANY))
			printf("# update of key %u failed\n", key);
	}
	map->ops->map_delete_elem(map, &(u32){ 3 });
	return map;
}

static bool is_array(enum bpf_map_type type)
{
	return type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY;
}

UNIT_TEST(for_each_map_types)
{
	char buf[2048];

	for (u32 t = 0; t < ARRAY_SIZE(for_each_types); t++) {
		enum bpf_map_type type = for_each_types[t];

		for (int jit = 0; jit < 2; jit++) {
			u64 all = is_array(type) ? FOR_EACH_RESULT(8, 8, 156)
						 : FOR_EACH_RESULT(5, 5, 125);
			u64 r0;

			test_map = for_each_map(type);
			ASSERT(test_map);
			r0 = run(for_each_prog(buf, sizeof(buf), -1, false), jit);
			if (r0 != all)
				printf("# type %d jit %d: %llu\n", type, jit,
				       (unsigned long long)r0);
			EXPECT_EQ(r0, all);
			/* early stop at key 4: the calls so far, the last one key 4's */
			r0 = run(for_each_prog(buf, sizeof(buf), 4, false), jit);
			EXPECT(r0 / 1000000 == r0 / 1000 % 1000 && r0 / 1000000 >= 1);
			EXPECT(r0 % 1000 >= 41);
			if (is_array(type))
				EXPECT_EQ(r0, FOR_EACH_RESULT(5, 5, 1 + 11 + 21 + 31 + 41));
			EXPECT_EQ(test_map->ops->map_for_each_callback(test_map, 0, NULL, 1),
				  -EINVAL);
			test_map->ops->map_free(test_map);
			test_map = NULL;
		}
	}
}

/* The callback deletes each element it visits: the walk still sees each once. */
UNIT_TEST(for_each_deleting_callback)
{
	char buf[2048];

	for (u32 t = 2; t < ARRAY_SIZE(for_each_types); t++) {
		for (int jit = 0; jit < 2; jit++) {
			u32 next;

			test_map = for_each_map(for_each_types[t]);
			ASSERT(test_map);
			EXPECT_EQ(run(for_each_prog(buf, sizeof(buf), -1, true), jit),
				  FOR_EACH_RESULT(5, 5, 125));
			EXPECT_EQ(test_map->ops->map_get_next_key(test_map, NULL, &next), -ENOENT);
			test_map->ops->map_free(test_map);
			test_map = NULL;
		}
	}
}

/* Until the helper table points at them, the tests install the helpers themselves. */
__attribute__((constructor)) static void install_helpers(void)
{
	if (!bpf_func_protos[BPF_FUNC_loop].func)
		bpf_func_protos[BPF_FUNC_loop].func = bpf_loop;
	if (!bpf_func_protos[BPF_FUNC_for_each_map_elem].func)
		bpf_func_protos[BPF_FUNC_for_each_map_elem].func = bpf_for_each_map_elem;
}

UNIT_MAIN()
