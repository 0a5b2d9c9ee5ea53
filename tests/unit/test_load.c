// SPDX-License-Identifier: GPL-2.0
/*
 * The load path around the interpreter: structural checks and their
 * messages (kernel/bpf/load.c), ctx rewrites for XDP and socket filters and
 * the ctx dataflow, instruction patching (kernel/bpf/patch.c), the XDP
 * helpers (kernel/bpf/xdp.c) and array-map creation checks
 * (kernel/bpf/arraymap.c).
 */
#define UNIT_SUITE "load"
#include "lib/unit.h"
#include <bpfkern/bpf.h>
#include <bpfkern/bpf_asm.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>
#include <bpfkern/patch.h>
#include <bpfkern/xdp.h>

static char load_log[256];

/* Loads insns of type into a fresh prog; returns the error and keeps the prog in *out. */
static int load_insns(const struct bpf_insn *insns, u32 cnt, enum bpf_prog_type type,
		      struct bpf_prog **out)
{
	struct bpf_load_opts opts = { .prog_type = type,
				      .log_buf = load_log,
				      .log_size = sizeof(load_log) };
	struct bpf_prog *prog = bpf_prog_alloc(cnt);
	int err;

	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->type = type;
	prog->jit_requested = false;
	err = bpf_prog_prepare(prog, &opts);
	if (out && !err)
		*out = bpf_prog_select_runtime(prog, &err);
	else
		bpf_prog_free(prog);
	return err;
}

/* Assembles text and loads it; the load error, or -1000 if it does not assemble. */
static int load_text(const char *text, enum bpf_prog_type type, struct bpf_prog **out)
{
	struct bpf_asm_result res;
	int err;

	if (bpf_asm(text, &res)) {
		printf("# asm: %s\n", res.err);
		bpf_asm_result_free(&res);
		return -1000;
	}
	err = load_insns(res.insns, res.cnt, type, out);
	bpf_asm_result_free(&res);
	return err;
}

#define EXPECT_LOAD_ERR(text, err, msg)                                      \
	do {                                                                 \
		EXPECT_EQ(load_text(text, BPF_PROG_TYPE_UNSPEC, NULL), err); \
		EXPECT(strstr(load_log, msg) != NULL);                       \
	} while (0)

UNIT_TEST(structural_errors)
{
	struct bpf_insn bad_op[] = { BPF_RAW_INSN(0xff, 0, 0, 0, 0), BPF_EXIT_INSN() };
	struct bpf_insn bad_reg[] = { BPF_MOV64_IMM(11, 0), BPF_EXIT_INSN() };
	struct bpf_insn half_lddw[] = { BPF_MOV64_IMM(0, 0), BPF_RAW_INSN(0x18, 0, 0, 0, 1) };
	struct bpf_insn into_lddw[] = { BPF_JMP_A(1), BPF_LD_IMM64(0, 1), BPF_EXIT_INSN() };
	struct bpf_insn tail_op[] = { BPF_RAW_INSN(BPF_JMP | BPF_TAIL_CALL, 0, 0, 0, 0),
				      BPF_EXIT_INSN() };

	EXPECT_EQ(load_insns(bad_op, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT(strstr(load_log, "unknown opcode ff"));
	EXPECT_EQ(load_insns(bad_reg, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT(strstr(load_log, "R11 is invalid"));
	EXPECT_EQ(load_insns(half_lddw, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT(strstr(load_log, "invalid bpf_ld_imm64 insn"));
	EXPECT_EQ(load_insns(into_lddw, 4, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT(strstr(load_log, "jump out of range from insn 0 to 2"));
	EXPECT_EQ(load_insns(tail_op, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT_LOAD_ERR("ja +5\nexit", -EINVAL, "jump out of range from insn 0 to 6");
	EXPECT_LOAD_ERR("mov %r0, 0\ncall local +7\nexit", -EINVAL, "jump out of range");
	EXPECT_LOAD_ERR("mov %r0, 0", -EINVAL, "last insn is not an exit or jmp");
	EXPECT_LOAD_ERR("mov %r10, 0\nexit", -EACCES, "frame pointer is read only");
	EXPECT_LOAD_ERR("call 200\nexit", -EINVAL, "invalid func unknown#200");
	EXPECT_LOAD_ERR("r1 = map[fd:3]\nexit", -EBADF, "fd 3 is not pointing to valid bpf_map");
	EXPECT_LOAD_ERR("ldabsw 0\nexit", -EINVAL, "not allowed for this program type");
}

UNIT_TEST(reserved_fields)
{
	struct bpf_insn sdiv2[] = { BPF_RAW_INSN(BPF_ALU64 | BPF_DIV | BPF_K, 0, 0, 2, 1),
				    BPF_EXIT_INSN() };
	struct bpf_insn movsx4[] = { BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 4, 0),
				     BPF_EXIT_INSN() };
	struct bpf_insn end8[] = { BPF_RAW_INSN(BPF_ALU | BPF_END | BPF_TO_BE, 0, 0, 0, 8),
				   BPF_EXIT_INSN() };
	struct bpf_insn atomic_bad[] = {
		BPF_RAW_INSN(BPF_STX | BPF_ATOMIC | BPF_DW, 10, 1, -8, BPF_SUB), BPF_EXIT_INSN()
	};

	EXPECT_EQ(load_insns(sdiv2, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT_EQ(load_insns(movsx4, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT_EQ(load_insns(end8, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT_EQ(load_insns(atomic_bad, 2, BPF_PROG_TYPE_UNSPEC, NULL), -EINVAL);
	EXPECT(strstr(load_log, "invalid atomic opcode"));
}

UNIT_TEST(tail_call_becomes_opcode)
{
	struct bpf_prog *prog = NULL;

	ASSERT(load_text("call 12\nmov %r0, 0\nexit", BPF_PROG_TYPE_UNSPEC, &prog) == 0);
	EXPECT_EQ(prog->insnsi[0].code, BPF_JMP | BPF_TAIL_CALL);
	EXPECT_EQ(prog->insnsi[0].imm, 0);
	bpf_prog_free(prog);
}

UNIT_TEST(patch_fixes_jumps)
{
	struct bpf_insn insns[] = {
		BPF_JMP_IMM(BPF_JEQ, 1, 0, 2), /* 0 -> 3, across the patch */
		BPF_MOV64_IMM(0, 1), /* 1: patched into 3 insns */
		BPF_JMP_A(-3), /* 2 -> 0, back across */
		BPF_JMP_A(-3), /* 3 -> 1, to the patch start */
		BPF_EXIT_INSN(),
	};
	struct bpf_insn patch[] = { BPF_MOV64_IMM(0, 2), BPF_MOV64_IMM(0, 3), BPF_MOV64_IMM(0, 4) };
	struct bpf_prog *prog = bpf_prog_alloc(5);

	memcpy(prog->insnsi, insns, sizeof(insns));
	ASSERT(bpf_patch_insn_single(prog, 1, patch, 3) == 0);
	EXPECT_EQ(prog->len, 7);
	EXPECT_EQ(prog->insnsi[0].off, 4); /* 0 -> 5 */
	EXPECT_EQ(prog->insnsi[2].imm, 3);
	EXPECT_EQ(prog->insnsi[4].off, -5); /* 4 -> 0 */
	EXPECT_EQ(prog->insnsi[5].off, -5); /* 5 -> 1 */
	EXPECT_EQ(bpf_patch_insn_single(prog, 7, patch, 1), -EINVAL);
	bpf_prog_free(prog);
}

UNIT_TEST(patch_fixes_calls_and_range)
{
	struct bpf_insn insns[] = {
		BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1), /* 0 -> 2 */
		BPF_EXIT_INSN(),
		BPF_MOV64_IMM(0, 1),
		BPF_EXIT_INSN(),
	};
	struct bpf_insn big[64];
	struct bpf_prog *prog = bpf_prog_alloc(4);
	int i;

	for (i = 0; i < 64; i++)
		big[i] = BPF_MOV64_IMM(0, i);
	memcpy(prog->insnsi, insns, sizeof(insns));
	ASSERT(bpf_patch_insn_single(prog, 1, big, 64) == 0);
	EXPECT_EQ(prog->insnsi[0].imm, 64);
	bpf_prog_free(prog);
}

/* Runs an XDP program over a 64-byte packet as bpfrun does; the u32 retval. */
static u64 run_xdp(const char *text, struct xdp_buff *out)
{
	static u8 frame[4096];
	struct net_device lo = { .ifindex = 1 };
	struct xdp_rxq_info rxq = { .dev = &lo, .queue_index = 0 };
	struct xdp_buff xdp;
	struct bpf_prog *prog = NULL;
	u64 ret;

	if (load_text(text, BPF_PROG_TYPE_XDP, &prog)) {
		printf("# %s\n", load_log);
		return ~0ull;
	}
	memset(frame, 0, sizeof(frame));
	xdp_prepare_buff(&xdp, frame, sizeof(frame), XDP_PACKET_HEADROOM, 64, &rxq);
	ret = (u32)bpf_prog_run(prog, &xdp);
	bpf_prog_free(prog);
	if (out)
		*out = xdp;
	return ret;
}

UNIT_TEST(xdp_ctx_conversion)
{
	EXPECT_EQ(run_xdp("r2 = *(u32 *)(r1 +0)\nr3 = *(u32 *)(r1 +4)\nr3 -= r2\nr0 = r3\nexit",
			  NULL),
		  64);
	EXPECT_EQ(run_xdp("r0 = *(u32 *)(r1 +12)\nexit", NULL), 1);
	EXPECT_EQ(run_xdp("r0 = *(u32 *)(r1 +16)\nexit", NULL), 0);
	/* ctx copied to another register is still ctx; jumps over patched loads still land */
	EXPECT_EQ(run_xdp("r6 = r1\nr0 = 0\nif r0 == 0 goto +1\nr0 = 9\nr2 = *(u32 *)(r6 +12)\n"
			  "r0 += r2\nexit",
			  NULL),
		  1);
	EXPECT_EQ(load_text("*(u32 *)(r1 +0) = r2\nexit", BPF_PROG_TYPE_XDP, NULL), -EACCES);
	EXPECT(strstr(load_log, "invalid bpf_context access off=0 size=4"));
	EXPECT_EQ(load_text("r0 = *(u32 *)(r1 +20)\nexit", BPF_PROG_TYPE_XDP, NULL), -EACCES);
	EXPECT_EQ(load_text("r0 = *(u16 *)(r1 +0)\nexit", BPF_PROG_TYPE_XDP, NULL), -EACCES);
	/* a register that is ctx on one path only cannot be rewritten */
	EXPECT_EQ(load_text("r3 = r10\nif r2 == 0 goto +1\nr3 = r1\nr0 = *(u32 *)(r3 -8)\nexit",
			    BPF_PROG_TYPE_XDP, NULL),
		  -EINVAL);
	EXPECT(strstr(load_log, "R3 may or may not be the context"));
	/* a pointer computed from ctx cannot be dereferenced (Linux: -EACCES) */
	EXPECT_EQ(load_text("r1 += 4\nr0 = *(u32 *)(r1 +0)\nexit", BPF_PROG_TYPE_XDP, NULL),
		  -EACCES);
	EXPECT(strstr(load_log, "dereference of modified ctx ptr R1"));
	EXPECT_EQ(load_text("r2 = 8\nr2 += r1\nr0 = *(u32 *)(r2 +0)\nexit", BPF_PROG_TYPE_XDP,
			    NULL),
		  -EACCES);
	EXPECT_EQ(load_text("w1 = w1\nr0 = *(u32 *)(r1 +0)\nexit", BPF_PROG_TYPE_XDP, NULL),
		  -EACCES);
	/* overwriting the register ends it: r1 is plain again */
	EXPECT_EQ(load_text("r1 += 4\nr1 = r10\nr0 = *(u32 *)(r1 -8)\nexit", BPF_PROG_TYPE_XDP,
			    NULL),
		  0);
}

UNIT_TEST(xdp_helpers)
{
	struct xdp_buff x;

	/* adjust_head: up to the xdp_frame area in front, at least ETH_HLEN left */
	EXPECT_EQ(run_xdp("r2 = -216\ncall 44\nexit", &x), 0);
	EXPECT_EQ((u8 *)x.data - (u8 *)x.data_hard_start, 40);
	EXPECT_EQ(run_xdp("r2 = -217\ncall 44\nexit", NULL), (u32)-EINVAL);
	EXPECT_EQ(run_xdp("r2 = 50\ncall 44\nexit", NULL), 0);
	EXPECT_EQ(run_xdp("r2 = 51\ncall 44\nexit", NULL), (u32)-EINVAL);
	/* adjust_meta: multiples of 4 (Linux 6.18 allows up to 255 bytes), after the xdp_frame */
	EXPECT_EQ(run_xdp("r2 = -8\ncall 54\nexit", &x), 0);
	EXPECT_EQ((u8 *)x.data - (u8 *)x.data_meta, 8);
	EXPECT_EQ(run_xdp("r2 = -6\ncall 54\nexit", NULL), (u32)-EACCES);
	EXPECT_EQ(run_xdp("r2 = -216\ncall 54\nexit", NULL), 0);
	EXPECT_EQ(run_xdp("r2 = -220\ncall 54\nexit", NULL), (u32)-EINVAL);
	/* adjust_tail: grows up to the shared-info tailroom, shrinks to ETH_HLEN */
	EXPECT_EQ(run_xdp("r2 = 3456\ncall 65\nexit", &x), 0);
	EXPECT_EQ((u8 *)x.data_end - (u8 *)x.data, 64 + 3456);
	EXPECT_EQ(run_xdp("r2 = 3457\ncall 65\nexit", NULL), (u32)-EINVAL);
	EXPECT_EQ(run_xdp("r2 = -51\ncall 65\nexit", NULL), (u32)-EINVAL);
}

UNIT_TEST(sk_filter_ctx_conversion)
{
	u8 pkt[60] = { [12] = 0x08, [13] = 0x00 };
	struct sk_buff skb;
	struct bpf_prog *prog = NULL;

	/* Linux's test run refuses frames shorter than their IP header */
	EXPECT_EQ(bpf_skb_init_test(&skb, pkt, 33), -EINVAL);
	EXPECT_EQ(bpf_skb_init_test(&skb, pkt, 13), -EINVAL);
	ASSERT(bpf_skb_init_test(&skb, pkt, sizeof(pkt)) == 0);
	EXPECT_EQ(skb.pkt_type, 0); /* to lo's all-zero MAC */
	ASSERT(load_text("r0 = *(u32 *)(r1 +0)\nexit", BPF_PROG_TYPE_SOCKET_FILTER, &prog) == 0);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 46);
	bpf_prog_free(prog);
	ASSERT(load_text("r0 = *(u32 *)(r1 +16)\nexit", BPF_PROG_TYPE_SOCKET_FILTER, &prog) == 0);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 0x0008); /* ETH_P_IP in network byte order */
	bpf_prog_free(prog);
	/* ifindex is lo's, ingress_ifindex 0, as Linux's test run reports them */
	ASSERT(load_text("r2 = *(u32 *)(r1 +40)\nr0 = *(u32 *)(r1 +36)\nr0 <<= 8\nr0 |= r2\nexit",
			 BPF_PROG_TYPE_SOCKET_FILTER, &prog) == 0);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 1);
	bpf_prog_free(prog);
	/* cb[] is writable and reads back */
	ASSERT(load_text("r2 = 77\n*(u32 *)(r1 +52) = r2\nr0 = *(u32 *)(r1 +52)\nexit",
			 BPF_PROG_TYPE_SOCKET_FILTER, &prog) == 0);
	EXPECT_EQ(bpf_prog_run(prog, &skb), 77);
	EXPECT_EQ(skb.cb[1], 77);
	bpf_prog_free(prog);
	EXPECT_EQ(load_text("*(u32 *)(r1 +0) = r2\nexit", BPF_PROG_TYPE_SOCKET_FILTER, NULL),
		  -EACCES);
	EXPECT_EQ(load_text("r0 = *(u32 *)(r1 +76)\nexit", BPF_PROG_TYPE_SOCKET_FILTER, NULL),
		  -EACCES);
}

UNIT_TEST(array_map_checks)
{
	union bpf_attr a = {
		.map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 12, .max_entries = 5
	};
	struct bpf_map *map;
	struct bpf_array *array;
	u32 key = 4, next;
	u8 val[12] = { 1 };

	map = array_map_ops.map_alloc(&a);
	ASSERT(!IS_ERR(map));
	array = container_of(map, struct bpf_array, map);
	EXPECT_EQ(array->elem_size, 16);
	EXPECT_EQ(array->index_mask, 7);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_ANY), 0);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_NOEXIST), -EEXIST);
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, 7), -EINVAL);
	key = 5;
	EXPECT_EQ(map->ops->map_update_elem(map, &key, val, BPF_ANY), -E2BIG);
	EXPECT(map->ops->map_lookup_elem(map, &key) == NULL);
	EXPECT_EQ(map->ops->map_delete_elem(map, &key), -EINVAL);
	EXPECT_EQ(map->ops->map_get_next_key(map, NULL, &next), 0);
	EXPECT_EQ(next, 0);
	key = 4;
	EXPECT_EQ(map->ops->map_get_next_key(map, &key, &next), -ENOENT);
	map->ops->map_free(map);
	a.key_size = 8;
	EXPECT_EQ(PTR_ERR(array_map_ops.map_alloc(&a)), -EINVAL);
	a.key_size = 4;
	a.max_entries = 0;
	EXPECT_EQ(PTR_ERR(array_map_ops.map_alloc(&a)), -EINVAL);
	a.max_entries = 1;
	a.map_flags = 1; /* BPF_F_NO_PREALLOC: not for arrays */
	EXPECT_EQ(PTR_ERR(array_map_ops.map_alloc(&a)), -EINVAL);
	a.map_flags = 0;
	a.value_size = 8;
	EXPECT_EQ(PTR_ERR(prog_array_map_ops.map_alloc(&a)), -EINVAL);
}

/* Hex of prog->tag after loading text. */
static void tag_of(const char *text, char out[17])
{
	struct bpf_prog *prog = NULL;
	int i;

	out[0] = 0;
	if (load_text(text, BPF_PROG_TYPE_XDP, &prog))
		return;
	for (i = 0; i < BPF_TAG_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", prog->tag[i]);
	bpf_prog_free(prog);
}

/* Tags as the host's Linux 6.18 reported them (BPF_OBJ_GET_INFO_BY_FD) for the same insns. */
UNIT_TEST(prog_tag_matches_linux)
{
	char tag[17];
	struct bpf_insn with_map[] = { BPF_LD_IMM64_RAW(1, BPF_PSEUDO_MAP_FD, 0),
				       BPF_MOV64_IMM(0, 1), BPF_EXIT_INSN() };
	struct bpf_prog *a = bpf_prog_alloc(4), *b = bpf_prog_alloc(4);

	tag_of("mov %r0, 1\nexit", tag);
	EXPECT(!strcmp(tag, "b11459a0e11ca14c"));
	tag_of("r6 = r1\nr2 = *(u32 *)(r1 +0)\nr3 = *(u32 *)(r1 +4)\nr0 = 1\nexit", tag);
	EXPECT(!strcmp(tag, "ad0269c9d711056a"));
	/* map fds do not change the tag */
	memcpy(a->insnsi, with_map, sizeof(with_map));
	memcpy(b->insnsi, with_map, sizeof(with_map));
	b->insnsi[0].imm = 7;
	bpf_prog_calc_tag(a);
	bpf_prog_calc_tag(b);
	EXPECT(!memcmp(a->tag, b->tag, BPF_TAG_SIZE));
	b->insnsi[2].imm = 2;
	bpf_prog_calc_tag(b);
	EXPECT(memcmp(a->tag, b->tag, BPF_TAG_SIZE));
	bpf_prog_free(a);
	bpf_prog_free(b);
}

/* Random bytes as instructions: the load path answers every one without a crash (ASan). */
UNIT_TEST(random_input_robustness)
{
	static const enum bpf_prog_type types[] = { BPF_PROG_TYPE_UNSPEC, BPF_PROG_TYPE_XDP,
						    BPF_PROG_TYPE_SOCKET_FILTER };
	struct bpf_insn insns[32];
	u64 seed = 0x9e3779b97f4a7c15ull;
	int i, n, accepted = 0;

	for (i = 0; i < 20000; i++) {
		struct bpf_prog *prog = NULL;
		int k, err;

		n = 1 + (int)(seed % 32);
		for (k = 0; k < n; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			memcpy(&insns[k], &seed, sizeof(seed));
			/* bias towards plausible instructions: small registers and offsets */
			insns[k].dst_reg &= 7, insns[k].src_reg &= (k & 1) ? 1 : 7;
			insns[k].off %= 8;
		}
		insns[n - 1] = BPF_EXIT_INSN();
		err = load_insns(insns, n, types[i % 3], &prog);
		EXPECT(err <= 0);
		if (!err) {
			accepted++;
			bpf_prog_free(prog);
		}
	}
	printf("# %d of 20000 random programs passed the structural checks\n", accepted);
}

UNIT_MAIN()
