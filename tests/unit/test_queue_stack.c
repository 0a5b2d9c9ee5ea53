// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kernel/bpf/queue_stack_maps.c: creation checks, FIFO and
 * LIFO order, full/empty edges and BPF_EXIST overwrite, the helpers, a
 * random sequence against a model deque, and 10,000 create/destroy cycles
 * (LeakSanitizer reports any leak at exit).
 */
#include <string.h>
#define UNIT_SUITE "queue_stack"
#include "lib/unit.h"
#include "lib/map_util.h"

UNIT_TEST(create_checks)
{
	const struct bpf_map_ops *q = &queue_map_ops;
	const enum bpf_map_type t = BPF_MAP_TYPE_QUEUE;

	EXPECT_EQ(map_create_err(q, t, 0, 4, 8, 0), 0);
	EXPECT_EQ(map_create_err(q, t, 4, 4, 8, 0), -EINVAL); /* no keys */
	EXPECT_EQ(map_create_err(q, t, 0, 0, 8, 0), -EINVAL);
	EXPECT_EQ(map_create_err(q, t, 0, 4, 0, 0), -EINVAL);
	EXPECT_EQ(map_create_err(q, t, 0, 4, 8, BPF_F_NO_PREALLOC), -EINVAL);
	EXPECT_EQ(map_create_err(q, t, 0, 4, 8, BPF_F_RDONLY | BPF_F_WRONLY), -EINVAL);
	EXPECT_EQ(map_create_err(q, t, 0, 4, 8, BPF_F_RDONLY_PROG), 0);
	EXPECT_EQ(map_create_err(q, t, 0, (1u << 22) + 1, 8, 0), -E2BIG);
	EXPECT_EQ(map_create_err(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 8, 1, 0), 0);
}

/* Pushes 1..n (as u32) onto map with flags; returns the first error or 0. */
static long push_range(struct bpf_map *map, u32 from, u32 to, u64 flags)
{
	for (u32 v = from; v <= to; v++) {
		long err = map->ops->map_push_elem(map, &v, flags);

		if (err)
			return err;
	}
	return 0;
}

UNIT_TEST(queue_fifo_full_empty)
{
	struct bpf_map *map = map_create(&queue_map_ops, BPF_MAP_TYPE_QUEUE, 0, 4, 4, 0);
	u32 v = 99;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(map->ops->map_pop_elem(map, &v), -ENOENT);
	EXPECT_EQ(v, 0); /* zeroed on -ENOENT, as Linux */
	EXPECT_EQ(push_range(map, 1, 4, BPF_ANY), 0);
	v = 5;
	EXPECT_EQ(map->ops->map_push_elem(map, &v, BPF_ANY), -E2BIG);
	EXPECT_EQ(map->ops->map_push_elem(map, &v, BPF_NOEXIST), -EINVAL);
	EXPECT_EQ(map->ops->map_push_elem(map, &v, 3), -EINVAL);
	EXPECT_EQ(map->ops->map_peek_elem(map, &v), 0);
	EXPECT_EQ(v, 1);
	for (u32 want = 1; want <= 4; want++) {
		EXPECT_EQ(map->ops->map_pop_elem(map, &v), 0);
		EXPECT_EQ(v, want);
	}
	EXPECT_EQ(map->ops->map_peek_elem(map, &v), -ENOENT);
	map->ops->map_free(map);
}

UNIT_TEST(exist_overwrites_oldest)
{
	struct bpf_map *q = map_create(&queue_map_ops, BPF_MAP_TYPE_QUEUE, 0, 4, 3, 0);
	struct bpf_map *s = map_create(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 4, 3, 0);
	u32 v;

	ASSERT(!IS_ERR(q) && !IS_ERR(s));
	EXPECT_EQ(push_range(q, 1, 3, BPF_ANY), 0);
	EXPECT_EQ(push_range(q, 4, 5, BPF_EXIST), 0); /* drops 1 and 2 */
	for (u32 want = 3; want <= 5; want++) {
		EXPECT_EQ(q->ops->map_pop_elem(q, &v), 0);
		EXPECT_EQ(v, want);
	}
	EXPECT_EQ(push_range(s, 1, 3, BPF_ANY), 0);
	EXPECT_EQ(push_range(s, 4, 4, BPF_EXIST), 0); /* drops 1, the oldest */
	for (u32 want = 4; want >= 2; want--) {
		EXPECT_EQ(s->ops->map_pop_elem(s, &v), 0);
		EXPECT_EQ(v, want);
	}
	EXPECT_EQ(s->ops->map_pop_elem(s, &v), -ENOENT);
	q->ops->map_free(q);
	s->ops->map_free(s);
}

UNIT_TEST(keyed_ops_refused)
{
	struct bpf_map *map = map_create(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 4, 3, 0);
	u32 v = 1, next;

	ASSERT(!IS_ERR(map));
	EXPECT(map->ops->map_lookup_elem(map, NULL) == NULL);
	EXPECT_EQ(map->ops->map_update_elem(map, NULL, &v, 0), -EINVAL);
	EXPECT_EQ(map->ops->map_delete_elem(map, NULL), -EINVAL);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), -EINVAL);
	map->ops->map_free(map);
}

UNIT_TEST(helpers)
{
	struct bpf_map *map = map_create(&stack_map_ops, BPF_MAP_TYPE_STACK, 0, 8, 2, 0);
	u64 v = 0x1122334455667788ull, out = 0;

	ASSERT(!IS_ERR(map));
	EXPECT(bpf_helper_func(BPF_FUNC_map_push_elem) == bpf_map_push_elem);
	EXPECT_EQ(bpf_map_push_elem(ptr_arg(map), ptr_arg(&v), 0, 0, 0), 0);
	EXPECT_EQ(bpf_map_peek_elem(ptr_arg(map), ptr_arg(&out), 0, 0, 0), 0);
	EXPECT_EQ(out, v);
	EXPECT_EQ(bpf_map_pop_elem(ptr_arg(map), ptr_arg(&out), 0, 0, 0), 0);
	EXPECT_EQ((long)bpf_map_pop_elem(ptr_arg(map), ptr_arg(&out), 0, 0, 0), -ENOENT);
	map->ops->map_free(map);
}

/* A random push/pop/peek sequence against a plain array model, for both types. */
static void model_run(const struct bpf_map_ops *ops, enum bpf_map_type type, bool lifo)
{
	enum { CAP = 7 };
	struct bpf_map *map = map_create(ops, type, 0, 4, CAP, 0);
	u32 model[CAP], n = 0, v, got;

	ASSERT(!IS_ERR(map));
	unit_srand(lifo ? 7 : 11);
	for (int i = 0; i < 20000; i++) {
		unsigned int op = unit_rand() % 4;
		long err;

		v = (u32)unit_rand();
		if (op <= 1) {
			u64 flags = op ? BPF_EXIST : BPF_ANY;

			err = ops->map_push_elem(map, &v, flags);
			if (n == CAP && flags == BPF_ANY) {
				EXPECT_EQ(err, -E2BIG);
				continue;
			}
			EXPECT_EQ(err, 0);
			if (n == CAP)
				memmove(model, model + 1, --n * sizeof(u32));
			model[n++] = v;
		} else {
			err = op == 2 ? ops->map_pop_elem(map, &got)
				      : ops->map_peek_elem(map, &got);
			if (!n) {
				EXPECT_EQ(err, -ENOENT);
				continue;
			}
			EXPECT_EQ(err, 0);
			EXPECT_EQ(got, lifo ? model[n - 1] : model[0]);
			if (op == 2 && lifo)
				n--;
			else if (op == 2)
				memmove(model, model + 1, --n * sizeof(u32));
		}
	}
	ops->map_free(map);
}

UNIT_TEST(random_against_model)
{
	model_run(&queue_map_ops, BPF_MAP_TYPE_QUEUE, false);
	model_run(&stack_map_ops, BPF_MAP_TYPE_STACK, true);
}

/* The syscall paths: LOOKUP_ELEM peeks, UPDATE_ELEM pushes. */
UNIT_TEST(syscall_value_paths)
{
	struct bpf_map *map = map_create(&queue_map_ops, BPF_MAP_TYPE_QUEUE, 0, 4, 2, 0);
	u32 v = 5, out = 0;

	ASSERT(!IS_ERR(map));
	EXPECT_EQ(bpf_map_copy_value(map, NULL, &out, 0), -ENOENT);
	EXPECT_EQ(bpf_map_update_value(map, NULL, &v, BPF_ANY, NULL), 0);
	EXPECT_EQ(bpf_map_update_value(map, NULL, &v, BPF_NOEXIST, NULL), -EINVAL);
	EXPECT_EQ(bpf_map_copy_value(map, NULL, &out, 0), 0);
	EXPECT_EQ(out, 5);
	EXPECT_EQ(map->ops->map_pop_elem(map, &out), 0);
	map->ops->map_free(map);
}

UNIT_TEST(create_destroy_10000)
{
	for (int i = 0; i < 10000; i++) {
		bool stack = i & 1;
		struct bpf_map *map = map_create(stack ? &stack_map_ops : &queue_map_ops,
						 stack ? BPF_MAP_TYPE_STACK : BPF_MAP_TYPE_QUEUE, 0,
						 16, 8, 0);
		u8 v[16] = { (u8)i };

		ASSERT(!IS_ERR(map));
		map->ops->map_push_elem(map, v, 0);
		map->ops->map_free(map);
	}
}

UNIT_MAIN()
