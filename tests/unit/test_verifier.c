// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the verifier (kernel/bpf/verifier*.c): hand-written programs
 * for each rule, accepted or rejected with Linux's error text. Each case
 * prints "ok verifier.NAME" or "not ok verifier.NAME" with the log's last
 * lines.
 *
 * Built with -DVERIFIER_LINUX_ORACLE (see docs/verifier.md) the same file
 * instead loads every privileged case into the host's Linux verifier and
 * reports where Linux's verdict or message differs from the expectation,
 * which is how the expectations below were checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/verifier.h>
#include <bpfkern/filter.h>

/* Test maps: the lddw imm names them; the oracle creates equivalents. */
enum { MAP_ARRAY = 100, MAP_HASH, MAP_PROG_ARRAY, MAP_ARRAY1, MAP_RINGBUF, MAP_ARRAY_OF_MAPS };

struct test_map {
	int fd;
	enum bpf_map_type type;
	u32 key_size, value_size, max_entries;
};

static const struct test_map test_maps[] = {
	{ MAP_ARRAY, BPF_MAP_TYPE_ARRAY, 4, 16, 4 },
	{ MAP_HASH, BPF_MAP_TYPE_HASH, 8, 16, 16 },
	{ MAP_PROG_ARRAY, BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 4 },
	{ MAP_ARRAY1, BPF_MAP_TYPE_ARRAY, 4, 32, 1 },
	{ MAP_RINGBUF, BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 },
	/* its inner maps are MAP_ARRAY1's kind (the template) */
	{ MAP_ARRAY_OF_MAPS, BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 2 },
};

#define LD_MAP(dst, fd) BPF_LD_IMM64_RAW(dst, BPF_PSEUDO_MAP_FD, fd)
#define CALL(id) BPF_CALL_HELPER(BPF_FUNC_##id)
#define EXIT BPF_EXIT_INSN()
#define MOV(d, imm) BPF_MOV64_IMM(d, imm)
#define MOVR(d, s) BPF_MOV64_REG(d, s)
#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R4 BPF_REG_4
#define R5 BPF_REG_5
#define R6 BPF_REG_6
#define R7 BPF_REG_7
#define R8 BPF_REG_8
#define R9 BPF_REG_9
#define R10 BPF_REG_10
/* r2 = data, r3 = data_end of an XDP context in r1 */
#define XDP_DATA                                                   \
	BPF_LDX_MEM(BPF_W, R2, R1, offsetof(struct xdp_md, data)), \
		BPF_LDX_MEM(BPF_W, R3, R1, offsetof(struct xdp_md, data_end))
/* r2 = &key (8 zero bytes at fp-8), r1 = map */
#define KEY_AND_MAP(fd)                                                                \
	BPF_ST_MEM(BPF_DW, R10, -8, 0), MOVR(R2, R10), BPF_ALU64_IMM(BPF_ADD, R2, -8), \
		LD_MAP(R1, fd)
/* r0 = lookup(map, &key); if (!r0) return 0 */
#define LOOKUP_CHECKED(fd) \
	KEY_AND_MAP(fd), CALL(map_lookup_elem), BPF_JMP_IMM(BPF_JNE, R0, 0, 2), MOV(R0, 0), EXIT

/* r0 = bpf_ringbuf_reserve(ringbuf, 8, 0); if (!r0) return 0 */
#define RESERVE_CHECKED                                                         \
	LD_MAP(R1, MAP_RINGBUF), MOV(R2, 8), MOV(R3, 0), CALL(ringbuf_reserve), \
		BPF_JMP_IMM(BPF_JNE, R0, 0, 2), MOV(R0, 0), EXIT

#define XDP BPF_PROG_TYPE_XDP
#define SKF BPF_PROG_TYPE_SOCKET_FILTER
#define MAX_TEST_INSNS 64

struct vcase {
	const char *name;
	enum bpf_prog_type type;
	int unpriv; /* 0 root, 1 unprivileged, 2 CAP_BPF without CAP_PERFMON */
	int result; /* 0 accepted, else -errno */
	const char *errstr; /* substring of the log, NULL for none */
	struct bpf_insn insns[MAX_TEST_INSNS];
};

/* A case: name, program type, privilege, expected result and message, insns. */
#define VCASE(n, t, priv, e, s, ...) \
	{                            \
		n, t, priv, e, s,    \
		{                    \
			__VA_ARGS__  \
		}                    \
	}
#define ACCEPT(n, t, ...) VCASE(n, t, 0, 0, NULL, __VA_ARGS__)
#define REJECT(n, t, e, s, ...) VCASE(n, t, 0, e, s, __VA_ARGS__)
#define REJECT_UNPRIV(n, t, e, s, ...) VCASE(n, t, 1, e, s, __VA_ARGS__)
#define REJECT_CAP_BPF(n, t, e, s, ...) VCASE(n, t, 2, e, s, __VA_ARGS__)
#define ACCEPT_UNPRIV(n, t, ...) VCASE(n, t, 1, 0, NULL, __VA_ARGS__)
#define ACCEPT_CAP_BPF(n, t, ...) VCASE(n, t, 2, 0, NULL, __VA_ARGS__)

static const struct vcase cases[] = {
	/* structure and control flow */
	ACCEPT("ret_const", XDP, MOV(R0, 2), EXIT),
	REJECT("r0_unset", XDP, -EACCES, "R0 !read_ok", EXIT),
	REJECT("read_uninit", XDP, -EACCES, "R2 !read_ok", MOVR(R0, R2), EXIT),
	REJECT("fp_read_only", XDP, -EACCES, "frame pointer is read only", MOV(R10, 0), EXIT),
	REJECT("unreachable", XDP, -EINVAL, "unreachable insn 2", MOV(R0, 0), EXIT, MOV(R0, 1),
	       EXIT),
	REJECT("jump_out_of_range", XDP, -EINVAL, "jump out of range from insn 1 to 7", MOV(R0, 0),
	       BPF_JMP_A(5), EXIT),
	REJECT("last_not_exit", XDP, -EINVAL, "last insn is not an exit or jmp", MOV(R0, 0)),
	REJECT("unknown_opcode", XDP, -EINVAL, "unknown opcode 8c", MOV(R0, 0),
	       BPF_RAW_INSN(0x8c, 0, 0, 0, 0), EXIT),
	REJECT("ldx_reserved", XDP, -EINVAL, "BPF_LDX uses reserved fields",
	       BPF_RAW_INSN(BPF_LDX | BPF_MEM | BPF_W, R0, R1, 0, 1), EXIT),
	REJECT("div_by_zero", XDP, -EINVAL, "div by zero", MOV(R0, 1),
	       BPF_ALU64_IMM(BPF_DIV, R0, 0), EXIT),
	REJECT("invalid_shift", XDP, -EINVAL, "invalid shift 64", MOV(R0, 1),
	       BPF_ALU64_IMM(BPF_LSH, R0, 64), EXIT),
	REJECT("alu_reserved", XDP, -EINVAL, "BPF_ALU uses reserved fields",
	       BPF_RAW_INSN(BPF_ALU64 | BPF_ADD | BPF_K, R0, R1, 0, 1), EXIT),
	REJECT("lddw_incomplete", XDP, -EINVAL, "invalid bpf_ld_imm64 insn", MOV(R0, 0),
	       BPF_RAW_INSN(BPF_LD | BPF_IMM | BPF_DW, R0, 0, 0, 1), EXIT),
	REJECT("lddw_last", XDP, -EINVAL, "last insn is not an exit or jmp", MOV(R0, 0),
	       BPF_RAW_INSN(BPF_LD | BPF_IMM | BPF_DW, R0, 0, 0, 1)),
	REJECT("lddw_middle", XDP, -EINVAL, "jump into the middle of ldimm64 insn 2", MOV(R0, 0),
	       BPF_JMP_IMM(BPF_JEQ, R1, 0, 1), BPF_LD_IMM64(R0, 1), EXIT),
	REJECT("bad_map_fd", XDP, -EBADF, "fd 999 is not pointing to valid bpf_map",
	       LD_MAP(R1, 999), MOV(R0, 0), EXIT),
	ACCEPT("lddw_const", XDP, BPF_LD_IMM64(R0, 0x123456789ULL), BPF_ALU64_IMM(BPF_RSH, R0, 32),
	       EXIT),
	/* bounded loops and pruning */
	ACCEPT("loop_bounded", XDP, MOV(R0, 0), BPF_ALU64_IMM(BPF_ADD, R0, 1),
	       BPF_JMP_IMM(BPF_JLT, R0, 10, -2), EXIT),
	REJECT("loop_infinite", XDP, -EINVAL, "infinite loop detected at insn 1", MOV(R0, 0),
	       BPF_JMP_IMM(BPF_JEQ, R0, 0, -1), EXIT),
	REJECT_UNPRIV("loop_unpriv", SKF, -EINVAL, "back-edge from insn 2 to 1", MOV(R0, 0),
		      BPF_ALU64_IMM(BPF_ADD, R0, 1), BPF_JMP_IMM(BPF_JLT, R0, 10, -2), EXIT),
	ACCEPT("diamond", XDP, BPF_LDX_MEM(BPF_W, R2, R1, 12), MOV(R0, 1),
	       BPF_JMP_IMM(BPF_JEQ, R2, 3, 1), MOV(R0, 2), EXIT),
	/* the context */
	REJECT("ctx_bad_off", XDP, -EACCES, "invalid bpf_context access off=24 size=4",
	       BPF_LDX_MEM(BPF_W, R0, R1, 24), EXIT),
	REJECT("ctx_egress_ifindex", XDP, -EACCES, "invalid bpf_context access off=20 size=4",
	       BPF_LDX_MEM(BPF_W, R0, R1, 20), EXIT),
	REJECT("ctx_narrow", XDP, -EACCES, "invalid bpf_context access off=0 size=2",
	       BPF_LDX_MEM(BPF_H, R0, R1, 0), EXIT),
	REJECT("ctx_write", XDP, -EACCES, "invalid bpf_context access off=16 size=4",
	       BPF_ST_MEM(BPF_W, R1, 16, 0), MOV(R0, 0), EXIT),
	REJECT("ctx_modified", XDP, -EACCES, "dereference of modified ctx ptr R1 off=4 disallowed",
	       BPF_ALU64_IMM(BPF_ADD, R1, 4), BPF_LDX_MEM(BPF_W, R0, R1, 0), EXIT),
	ACCEPT("ctx_read_fields", XDP, BPF_LDX_MEM(BPF_W, R0, R1, 12),
	       BPF_LDX_MEM(BPF_W, R2, R1, 16), BPF_ALU64_REG(BPF_ADD, R0, R2), EXIT),
	ACCEPT("skb_read_len", SKF, BPF_LDX_MEM(BPF_W, R0, R1, 0), BPF_LDX_MEM(BPF_B, R2, R1, 8),
	       EXIT),
	REJECT("skb_no_data", SKF, -EACCES, "invalid bpf_context access off=76 size=4",
	       BPF_LDX_MEM(BPF_W, R0, R1, 76), EXIT),
	ACCEPT("skb_write_cb", SKF, BPF_ST_MEM(BPF_W, R1, 48, 7), MOV(R0, 0), EXIT),
	REJECT("skb_write_mark", SKF, -EACCES, "invalid bpf_context access off=8 size=4",
	       BPF_ST_MEM(BPF_W, R1, 8, 7), MOV(R0, 0), EXIT),
	/* the packet */
	REJECT("pkt_unchecked", XDP, -EACCES,
	       "invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)", XDP_DATA,
	       BPF_LDX_MEM(BPF_B, R0, R2, 0), EXIT),
	ACCEPT("pkt_eth_checked", XDP, XDP_DATA, MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 14),
	       MOV(R0, 1), BPF_JMP_REG(BPF_JGT, R4, R3, 1), BPF_LDX_MEM(BPF_H, R0, R2, 12), EXIT),
	REJECT("pkt_off_by_one", XDP, -EACCES,
	       "invalid access to packet, off=12 size=2, R2(id=0,off=12,r=13)", XDP_DATA,
	       MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 13), MOV(R0, 1),
	       BPF_JMP_REG(BPF_JGT, R4, R3, 1), BPF_LDX_MEM(BPF_H, R0, R2, 12), EXIT),
	ACCEPT("pkt_lt_right_open", XDP, XDP_DATA, MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 14),
	       MOV(R0, 1), BPF_JMP_REG(BPF_JLT, R4, R3, 1), EXIT, BPF_LDX_MEM(BPF_B, R0, R2, 14),
	       EXIT),
	ACCEPT("pkt_end_on_left", XDP, XDP_DATA, MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 8),
	       MOV(R0, 1), BPF_JMP_REG(BPF_JGE, R3, R4, 1), EXIT, BPF_LDX_MEM(BPF_DW, R0, R2, 0),
	       EXIT),
	ACCEPT("pkt_write", XDP, XDP_DATA, MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 6),
	       BPF_JMP_REG(BPF_JGT, R4, R3, 1), BPF_ST_MEM(BPF_W, R2, 2, 0), MOV(R0, 3), EXIT),
	REJECT("pkt_end_deref", XDP, -EACCES, "R3 invalid mem access 'pkt_end'", XDP_DATA,
	       BPF_LDX_MEM(BPF_B, R0, R3, 0), EXIT),
	REJECT("pkt_end_arith", XDP, -EACCES, "R3 pointer arithmetic on pkt_end prohibited",
	       XDP_DATA, BPF_ALU64_IMM(BPF_ADD, R3, 1), MOV(R0, 0), EXIT),
	REJECT("pkt_add_unbounded", XDP, -EINVAL,
	       "math between pkt pointer and register with unbounded min value is not allowed",
	       MOVR(R6, R1), CALL(get_prandom_u32), MOVR(R1, R6), XDP_DATA,
	       BPF_LDX_MEM(BPF_DW, R0, R10, -8), BPF_ALU64_REG(BPF_ADD, R2, R0), MOV(R0, 0), EXIT),
	ACCEPT("pkt_var_off_checked", XDP, MOVR(R6, R1), CALL(get_prandom_u32),
	       BPF_ALU64_IMM(BPF_AND, R0, 0xff), MOVR(R1, R6), XDP_DATA,
	       BPF_ALU64_REG(BPF_ADD, R2, R0), MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 1),
	       MOV(R0, 0), BPF_JMP_REG(BPF_JGT, R4, R3, 1), BPF_LDX_MEM(BPF_B, R0, R2, 0), EXIT),
	REJECT("pkt_stale_after_adjust_head", XDP, -EACCES, "R7 invalid mem access 'scalar'",
	       MOVR(R6, R1), XDP_DATA, MOVR(R4, R2), BPF_ALU64_IMM(BPF_ADD, R4, 14),
	       BPF_JMP_REG(BPF_JGT, R4, R3, 5), MOVR(R7, R2), MOVR(R1, R6), MOV(R2, 4),
	       CALL(xdp_adjust_head), BPF_LDX_MEM(BPF_B, R0, R7, 0), MOVR(R2, R7),
	       BPF_LDX_MEM(BPF_B, R0, R2, 0), MOV(R0, 0), EXIT),
	/* the stack */
	ACCEPT("stack_spill_fill", XDP, BPF_ST_MEM(BPF_DW, R10, -8, 1),
	       BPF_LDX_MEM(BPF_DW, R0, R10, -8), EXIT),
	REJECT("stack_out_of_frame", XDP, -EACCES, "invalid write to stack R10 off=-520 size=8",
	       BPF_ST_MEM(BPF_DW, R10, -520, 0), MOV(R0, 0), EXIT),
	REJECT("stack_above_fp", XDP, -EACCES, "invalid write to stack R10 off=0 size=8",
	       BPF_ST_MEM(BPF_DW, R10, 0, 0), MOV(R0, 0), EXIT),
	REJECT("stack_misaligned", XDP, -EACCES, "misaligned stack access off 0+0+-4 size 8",
	       BPF_ST_MEM(BPF_DW, R10, -4, 0), MOV(R0, 0), EXIT),
	ACCEPT("stack_uninit_read_priv", XDP, BPF_LDX_MEM(BPF_DW, R0, R10, -8), EXIT),
	REJECT_UNPRIV("stack_uninit_read_unpriv", SKF, -EACCES, "invalid read from stack",
		      BPF_ST_MEM(BPF_W, R10, -8, 0), BPF_LDX_MEM(BPF_DW, R0, R10, -8), EXIT),
	ACCEPT("stack_spill_ctx", XDP, BPF_STX_MEM(BPF_DW, R10, R1, -8),
	       BPF_LDX_MEM(BPF_DW, R2, R10, -8), BPF_LDX_MEM(BPF_W, R0, R2, 16), EXIT),
	REJECT("stack_partial_fill_ptr", XDP, -EACCES, "invalid size of register fill",
	       BPF_STX_MEM(BPF_DW, R10, R1, -8), BPF_LDX_MEM(BPF_W, R0, R10, -8), EXIT),
	REJECT("stack_partial_spill_ptr", XDP, -EACCES, "invalid size of register spill",
	       BPF_STX_MEM(BPF_W, R10, R1, -8), MOV(R0, 0), EXIT),
	/* maps and helpers */
	REJECT("map_no_null_check", XDP, -EACCES, "R0 invalid mem access 'map_value_or_null'",
	       KEY_AND_MAP(MAP_HASH), CALL(map_lookup_elem), BPF_LDX_MEM(BPF_DW, R0, R0, 0), EXIT),
	ACCEPT("map_null_checked", XDP, LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_DW, R0, R0, 8),
	       EXIT),
	ACCEPT("map_null_check_on_copy", XDP, KEY_AND_MAP(MAP_HASH), CALL(map_lookup_elem),
	       MOVR(R6, R0), BPF_JMP_IMM(BPF_JEQ, R6, 0, 2), BPF_LDX_MEM(BPF_DW, R0, R0, 0), EXIT,
	       MOV(R0, 0), EXIT),
	REJECT("map_value_oob", XDP, -EACCES,
	       "invalid access to map value, value_size=16 off=16 size=8", LOOKUP_CHECKED(MAP_HASH),
	       BPF_LDX_MEM(BPF_DW, R0, R0, 16), EXIT),
	REJECT("map_var_unbounded", XDP, -EACCES,
	       "R0 unbounded memory access, make sure to bounds check any such access",
	       LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_W, R1, R0, 0),
	       BPF_ALU64_REG(BPF_ADD, R0, R1), BPF_LDX_MEM(BPF_B, R0, R0, 0), EXIT),
	ACCEPT("map_var_masked", XDP, LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_W, R1, R0, 0),
	       BPF_ALU64_IMM(BPF_AND, R1, 7), BPF_ALU64_REG(BPF_ADD, R0, R1),
	       BPF_LDX_MEM(BPF_DW, R0, R0, 0), EXIT),
	REJECT("map_var_masked_oob", XDP, -EACCES,
	       "R0 max value is outside of the allowed memory range", LOOKUP_CHECKED(MAP_HASH),
	       BPF_LDX_MEM(BPF_W, R1, R0, 0), BPF_ALU64_IMM(BPF_AND, R1, 15),
	       BPF_ALU64_REG(BPF_ADD, R0, R1), BPF_LDX_MEM(BPF_DW, R0, R0, 0), EXIT),
	ACCEPT("map_branch_bound", XDP, LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_W, R1, R0, 0),
	       BPF_JMP_IMM(BPF_JGT, R1, 8, 2), BPF_ALU64_REG(BPF_ADD, R0, R1),
	       BPF_LDX_MEM(BPF_DW, R0, R0, 0), MOV(R0, 0), EXIT),
	REJECT("map_branch_bound_oob", XDP, -EACCES,
	       "R0 max value is outside of the allowed memory range", LOOKUP_CHECKED(MAP_HASH),
	       BPF_LDX_MEM(BPF_W, R1, R0, 0), BPF_JMP_IMM(BPF_JGT, R1, 9, 2),
	       BPF_ALU64_REG(BPF_ADD, R0, R1), BPF_LDX_MEM(BPF_DW, R0, R0, 0), MOV(R0, 0), EXIT),
	ACCEPT("map_jmp32_bound", XDP, LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_W, R1, R0, 0),
	       BPF_RAW_INSN(BPF_JMP32 | BPF_JGT | BPF_K, R1, 0, 2, 8),
	       BPF_ALU64_REG(BPF_ADD, R0, R1), BPF_LDX_MEM(BPF_DW, R0, R0, 0), MOV(R0, 0), EXIT),
	REJECT("map_signed_unbounded", XDP, -EINVAL,
	       "math between map_value pointer and register with unbounded min value is not allowed",
	       LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_DW, R1, R0, 0),
	       BPF_JMP_IMM(BPF_JSGT, R1, 8, 2), BPF_ALU64_REG(BPF_ADD, R0, R1),
	       BPF_LDX_MEM(BPF_B, R0, R0, 0), MOV(R0, 0), EXIT),
	REJECT("map_min_negative", XDP, -EACCES,
	       "R0 min value is negative, either use unsigned index or do a if (index >=0) check.",
	       LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_B, R1, R0, 0),
	       BPF_ALU64_IMM(BPF_AND, R1, 7), BPF_ALU64_IMM(BPF_SUB, R1, 4),
	       BPF_ALU64_REG(BPF_ADD, R0, R1), BPF_LDX_MEM(BPF_B, R0, R0, 0), EXIT),
	/* Linux 6.18 rebuilds the 64-bit bounds from the 32-bit ones here: [0, 66], not [0, 3] */
	REJECT("bounds_s64_from_s32", XDP, -EACCES,
	       "invalid access to map value, value_size=16 off=66 size=1", CALL(get_prandom_u32),
	       MOVR(R7, R0), BPF_JMP_IMM(BPF_JSGT, R7, 3, 9), BPF_JMP_IMM(BPF_JGT, R7, 66, 8),
	       LOOKUP_CHECKED(MAP_HASH), BPF_ALU64_REG(BPF_ADD, R0, R7),
	       BPF_LDX_MEM(BPF_B, R0, R0, 0), EXIT),
	ACCEPT("map_update", XDP, KEY_AND_MAP(MAP_HASH), BPF_ST_MEM(BPF_DW, R10, -24, 0),
	       BPF_ST_MEM(BPF_DW, R10, -16, 0), MOVR(R3, R10), BPF_ALU64_IMM(BPF_ADD, R3, -24),
	       MOV(R4, 0), CALL(map_update_elem), EXIT),
	REJECT("map_key_out_of_stack", XDP, -EINVAL, "invalid read from stack R2 off=-4 size=8",
	       LD_MAP(R1, MAP_HASH), MOVR(R2, R10), BPF_ALU64_IMM(BPF_ADD, R2, -4),
	       CALL(map_lookup_elem), MOV(R0, 0), EXIT),
	REJECT("map_ptr_arith_null", XDP, -EACCES,
	       "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first",
	       KEY_AND_MAP(MAP_HASH), CALL(map_lookup_elem), BPF_ALU64_IMM(BPF_ADD, R0, 1),
	       MOV(R0, 0), EXIT),
	REJECT("helper_wrong_map_arg", XDP, -EACCES, "R1 type=scalar expected=map_ptr", MOV(R1, 0),
	       MOVR(R2, R10), CALL(map_lookup_elem), MOV(R0, 0), EXIT),
	REJECT("helper_invalid", XDP, -EINVAL, "invalid func unknown#32767", BPF_CALL_HELPER(32767),
	       MOV(R0, 0), EXIT),
	REJECT("helper_wrong_type", XDP, -EINVAL,
	       "program of this type cannot use helper bpf_skb_load_bytes#26", CALL(skb_load_bytes),
	       MOV(R0, 0), EXIT),
	REJECT("helper_clobbers_r1", XDP, -EACCES, "R1 !read_ok", CALL(ktime_get_ns), MOVR(R0, R1),
	       EXIT),
	REJECT("helper_uninit_arg", XDP, -EACCES, "R2 !read_ok", LD_MAP(R1, MAP_HASH),
	       CALL(map_lookup_elem), MOV(R0, 0), EXIT),
	ACCEPT("tail_call", XDP, MOVR(R6, R1), LD_MAP(R2, MAP_PROG_ARRAY), MOV(R3, 0),
	       CALL(tail_call), MOV(R0, 2), EXIT),
	REJECT("tail_call_wrong_map", XDP, -EINVAL, "expected prog array map for tail call",
	       LD_MAP(R2, MAP_HASH), MOV(R3, 0), CALL(tail_call), MOV(R0, 2), EXIT),
	REJECT("scalar_deref", XDP, -EACCES, "R1 invalid mem access 'scalar'", MOV(R1, 0),
	       BPF_LDX_MEM(BPF_B, R0, R1, 0), EXIT),
	REJECT("ptr_alu32", XDP, -EACCES, "R1 32-bit pointer arithmetic prohibited",
	       BPF_ALU32_IMM(BPF_ADD, R1, 1), MOV(R0, 0), EXIT),
	REJECT("ptr_mul", XDP, -EACCES, "R1 pointer arithmetic with *= operator prohibited",
	       BPF_ALU64_IMM(BPF_MUL, R1, 2), MOV(R0, 0), EXIT),
	REJECT("fp_sub", XDP, -EACCES, "R2 subtraction from stack pointer prohibited",
	       MOVR(R2, R10), MOV(R3, 8), BPF_ALU64_REG(BPF_SUB, R2, R3), MOV(R0, 0), EXIT),
	/* socket filters */
	ACCEPT("ld_abs", SKF, MOVR(R6, R1), BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 12),
	       EXIT),
	REJECT("ld_abs_in_xdp", XDP, -EINVAL,
	       "BPF_LD_[ABS|IND] instructions not allowed for this program type", MOVR(R6, R1),
	       BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 12), EXIT),
	ACCEPT("skb_load_bytes", SKF, MOV(R2, 0), MOVR(R3, R10), BPF_ALU64_IMM(BPF_ADD, R3, -16),
	       MOV(R4, 16), CALL(skb_load_bytes), BPF_LDX_MEM(BPF_DW, R0, R10, -16), EXIT),
	ACCEPT_UNPRIV("unpriv_socket_filter", SKF, MOVR(R6, R1),
		      BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_H, 0, 0, 0, 12),
		      BPF_JMP_IMM(BPF_JNE, R0, 0x800, 3), BPF_STX_MEM(BPF_DW, R10, R6, -8),
		      BPF_LDX_MEM(BPF_W, R0, R6, 0), EXIT, MOV(R0, 0), EXIT),
	REJECT_UNPRIV("unpriv_subprog", SKF, -EPERM, "allowed for CAP_BPF",
		      BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 1), EXIT, MOV(R0, 0), EXIT),
	ACCEPT("skb_load_bytes_relative", SKF, MOV(R2, 0), MOVR(R3, R10),
	       BPF_ALU64_IMM(BPF_ADD, R3, -8), MOV(R4, 8), MOV(R5, 1), BPF_CALL_HELPER(68),
	       BPF_LDX_MEM(BPF_DW, R0, R10, -8), EXIT),
	ACCEPT("numa_node_tai_ns", XDP, BPF_CALL_HELPER(42), BPF_CALL_HELPER(208), MOV(R0, 2),
	       EXIT),
	REJECT_UNPRIV("unpriv_ret_ptr", SKF, -EACCES, "R0 leaks addr as return value",
		      MOVR(R0, R10), EXIT),
	REJECT_UNPRIV("unpriv_ptr_cmp", SKF, -EACCES, "R10 pointer comparison prohibited",
		      MOV(R0, 0), BPF_JMP_REG(BPF_JEQ, R1, R10, 0), EXIT),
	/* CAP_BPF without CAP_PERFMON */
	REJECT_CAP_BPF("capbpf_uninit_stack", XDP, -EACCES,
		       "invalid read from stack off -8+4 size 8", BPF_ST_MEM(BPF_W, R10, -8, 5),
		       BPF_LDX_MEM(BPF_DW, R0, R10, -8), EXIT),
	REJECT_CAP_BPF("capbpf_leak_map", XDP, -EACCES, "R10 leaks addr into map",
		       LOOKUP_CHECKED(MAP_HASH), BPF_STX_MEM(BPF_DW, R0, R10, 0), MOV(R0, 0), EXIT),
	REJECT_CAP_BPF("capbpf_pkt_var_add", XDP, -EACCES,
		       "R2 has pointer with unsupported alu operation, pointer arithmetic with it "
		       "prohibited for !root",
		       XDP_DATA, BPF_LDX_MEM(BPF_W, R5, R1, 12), BPF_ALU64_REG(BPF_ADD, R2, R5),
		       MOV(R0, 0), EXIT),
	/*
	 * Without CAP_PERFMON the mispredicted exit of the loop (r0 unknown)
	 * re-enters it and meets its own state again: Linux 6.18 rejects after
	 * 23 insns; root follows the loop only as it really runs.
	 */
	REJECT_CAP_BPF("capbpf_loop_spec_state_repeats", XDP, -EINVAL,
		       "infinite loop detected at insn 1", MOV(R0, 0),
		       BPF_ALU64_IMM(BPF_ADD, R0, 1), BPF_JMP_IMM(BPF_JLT, R0, 4, -2), EXIT),
	ACCEPT("root_loop_no_spec", XDP, MOV(R0, 0), BPF_ALU64_IMM(BPF_ADD, R0, 1),
	       BPF_JMP_IMM(BPF_JLT, R0, 4, -2), EXIT),
	/* an unsafe insn only a mispredicted jump reaches gets a barrier (Linux 6.17+) */
	ACCEPT_CAP_BPF("capbpf_spec_path_error_is_nospec", XDP, MOV(R0, 2), MOV(R1, 0),
		       BPF_JMP_IMM(BPF_JNE, R1, 0, 1), EXIT, BPF_LDX_MEM(BPF_B, R0, R1, 0), EXIT),
	/*
	 * An atomic read-modify-write makes the stack slot unknown: a reload
	 * must not see the constant stored before it (found by the soundness
	 * fuzzer, tests/fuzz/known/atomic-stack.s), and the fetched old value is
	 * what the slot held.
	 */
	REJECT("atomic_stack_slot_unknown", XDP, -EINVAL,
	       "math between fp pointer and register with unbounded min value is not allowed",
	       MOV(R0, 5), BPF_ST_MEM(BPF_DW, R10, -8, 0),
	       BPF_RAW_INSN(BPF_STX | BPF_DW | BPF_ATOMIC, R10, R0, -8, BPF_ADD),
	       BPF_LDX_MEM(BPF_DW, R1, R10, -8), BPF_ALU64_IMM(BPF_LSH, R1, 20), MOVR(R2, R10),
	       BPF_ALU64_REG(BPF_ADD, R2, R1), BPF_LDX_MEM(BPF_DW, R0, R2, -8), MOV(R0, 2), EXIT),
	ACCEPT("atomic_fetch_old_value_known", XDP, MOV(R1, 5), BPF_ST_MEM(BPF_DW, R10, -8, 0),
	       BPF_RAW_INSN(BPF_STX | BPF_DW | BPF_ATOMIC, R10, R1, -8, BPF_ADD | BPF_FETCH),
	       MOVR(R2, R10), BPF_ALU64_REG(BPF_ADD, R2, R1), BPF_LDX_MEM(BPF_DW, R0, R2, -8),
	       MOV(R0, 2), EXIT),
	/* more map and call rules */
	ACCEPT("array_const_key_not_null", XDP, BPF_ST_MEM(BPF_W, R10, -4, 0), MOVR(R2, R10),
	       BPF_ALU64_IMM(BPF_ADD, R2, -4), LD_MAP(R1, MAP_ARRAY), CALL(map_lookup_elem),
	       BPF_LDX_MEM(BPF_DW, R1, R0, 0), MOV(R0, 2), EXIT),
	REJECT("array_key_past_end", XDP, -EACCES, "R0 invalid mem access 'map_value_or_null'",
	       BPF_ST_MEM(BPF_W, R10, -4, 4), MOVR(R2, R10), BPF_ALU64_IMM(BPF_ADD, R2, -4),
	       LD_MAP(R1, MAP_ARRAY), CALL(map_lookup_elem), BPF_LDX_MEM(BPF_DW, R1, R0, 0),
	       MOV(R0, 2), EXIT),
	ACCEPT("map_value_lddw", XDP, BPF_LD_IMM64_RAW(R1, BPF_PSEUDO_MAP_VALUE, MAP_ARRAY1),
	       BPF_LDX_MEM(BPF_DW, R0, R1, 24), EXIT),
	REJECT("alu32_unsafe_unknown", XDP, -EINVAL,
	       "math between map_value pointer and register with unbounded min value is not allowed",
	       LOOKUP_CHECKED(MAP_HASH), BPF_LDX_MEM(BPF_W, R1, R0, 0),
	       BPF_ALU32_IMM(BPF_MOD, R1, 8), BPF_ALU64_REG(BPF_ADD, R0, R1),
	       BPF_LDX_MEM(BPF_B, R0, R0, 0), EXIT),
	ACCEPT("linked_const_delta", XDP, CALL(get_prandom_u32), MOVR(R7, R0), MOVR(R8, R7),
	       BPF_ALU64_IMM(BPF_ADD, R8, 0), BPF_ALU64_IMM(BPF_ADD, R7, 1),
	       BPF_JMP_IMM(BPF_JGT, R8, 6, 9), KEY_AND_MAP(MAP_HASH), CALL(map_lookup_elem),
	       BPF_JMP_IMM(BPF_JEQ, R0, 0, 2), BPF_ALU64_REG(BPF_ADD, R0, R7),
	       BPF_LDX_MEM(BPF_DW, R0, R0, 0), MOV(R0, 2), EXIT),
	/* pruning must not lose the link between copies (r7 = r8 on one path only) */
	REJECT("prune_linked_scalars", XDP, -EINVAL,
	       "math between map_value pointer and register with unbounded min value is not allowed",
	       MOV(R6, 0), MOV(R9, 0), CALL(get_prandom_u32), MOVR(R7, R0), MOVR(R8, R0),
	       CALL(get_prandom_u32), BPF_JMP_IMM(BPF_JGT, R0, 5, 1), BPF_JMP_A(2),
	       CALL(get_prandom_u32), MOVR(R8, R0), BPF_JMP_IMM(BPF_JGT, R8, 7, 10),
	       KEY_AND_MAP(MAP_HASH), CALL(map_lookup_elem), BPF_JMP_IMM(BPF_JEQ, R0, 0, 2),
	       BPF_ALU64_REG(BPF_ADD, R0, R7), BPF_LDX_MEM(BPF_B, R0, R0, 0), MOV(R0, 0), EXIT),
	/* BPF-to-BPF calls */
	REJECT("subprog_tail_call", XDP, -EINVAL,
	       "tail_call is not allowed in subprogs without BTF",
	       BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 2), MOV(R0, 0), EXIT,
	       LD_MAP(R2, MAP_PROG_ARRAY), MOV(R3, 0), CALL(tail_call), MOV(R0, 1), EXIT),
	ACCEPT("subprog", XDP, MOV(R1, 1), BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 1), EXIT,
	       MOVR(R0, R1), EXIT),
	REJECT("subprog_callee_saved", XDP, -EACCES, "R6 !read_ok", MOV(R6, 1),
	       BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 1), EXIT, MOVR(R0, R6), EXIT),
	REJECT("subprog_stack_too_deep", XDP, -EACCES, "combined stack size of 2 calls is 528",
	       BPF_ST_MEM(BPF_DW, R10, -512, 0), BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 1), EXIT,
	       BPF_ST_MEM(BPF_DW, R10, -16, 0), MOV(R0, 0), EXIT),
	REJECT("subprog_fallthrough", XDP, -EINVAL, "last insn is not an exit or jmp",
	       BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 1, 0, 1), EXIT, MOV(R0, 0)),
	/* maps of maps: a lookup gives the inner map, typed by the template */
	ACCEPT("map_in_map_lookup", XDP, LOOKUP_CHECKED(MAP_ARRAY_OF_MAPS), MOVR(R1, R0),
	       MOVR(R2, R10), BPF_ALU64_IMM(BPF_ADD, R2, -8), CALL(map_lookup_elem),
	       BPF_JMP_IMM(BPF_JEQ, R0, 0, 1), BPF_LDX_MEM(BPF_W, R0, R0, 28), EXIT),
	REJECT("map_in_map_inner_bounds", XDP, -EACCES,
	       "invalid access to map value, value_size=32 off=32 size=4",
	       LOOKUP_CHECKED(MAP_ARRAY_OF_MAPS), MOVR(R1, R0), MOVR(R2, R10),
	       BPF_ALU64_IMM(BPF_ADD, R2, -8), CALL(map_lookup_elem),
	       BPF_JMP_IMM(BPF_JEQ, R0, 0, 1), BPF_LDX_MEM(BPF_W, R0, R0, 32), EXIT),
	REJECT("map_in_map_unchecked", XDP, -EACCES, "R1 type=map_value_or_null expected=map_ptr",
	       KEY_AND_MAP(MAP_ARRAY_OF_MAPS), CALL(map_lookup_elem), MOVR(R1, R0), MOVR(R2, R10),
	       BPF_ALU64_IMM(BPF_ADD, R2, -8), CALL(map_lookup_elem), MOV(R0, 0), EXIT),
	/* ring buffer records: acquired references that must be released */
	ACCEPT("ringbuf_submit", XDP, RESERVE_CHECKED, BPF_ST_MEM(BPF_DW, R0, 0, 1), MOVR(R1, R0),
	       MOV(R2, 0), CALL(ringbuf_submit), MOV(R0, 2), EXIT),
	ACCEPT("ringbuf_discard_spilled", XDP, RESERVE_CHECKED, BPF_STX_MEM(BPF_DW, R10, R0, -8),
	       BPF_LDX_MEM(BPF_DW, R1, R10, -8), MOV(R2, 0), CALL(ringbuf_discard), MOV(R0, 2),
	       EXIT),
	REJECT("ringbuf_leak", XDP, -EINVAL, "Unreleased reference id=2 alloc_insn=4",
	       LD_MAP(R1, MAP_RINGBUF), MOV(R2, 8), MOV(R3, 0), CALL(ringbuf_reserve), MOV(R0, 0),
	       EXIT),
	REJECT("ringbuf_leak_one_path", XDP, -EINVAL, "Unreleased reference id=2 alloc_insn=5",
	       MOVR(R6, R1), RESERVE_CHECKED, BPF_LDX_MEM(BPF_W, R2, R6, 12),
	       BPF_JMP_IMM(BPF_JEQ, R2, 0, 3), MOVR(R1, R0), MOV(R2, 0), CALL(ringbuf_submit),
	       MOV(R0, 2), EXIT),
	REJECT("ringbuf_double_submit", XDP, -EACCES, "R1 type=scalar expected=ringbuf_mem",
	       RESERVE_CHECKED, MOVR(R6, R0), MOVR(R1, R0), MOV(R2, 0), CALL(ringbuf_submit),
	       MOVR(R1, R6), MOV(R2, 0), CALL(ringbuf_submit), MOV(R0, 0), EXIT),
	REJECT("ringbuf_submit_unchecked", XDP, -EACCES,
	       "R1 type=ringbuf_mem_or_null expected=ringbuf_mem", LD_MAP(R1, MAP_RINGBUF),
	       MOV(R2, 8), MOV(R3, 0), CALL(ringbuf_reserve), MOVR(R1, R0), MOV(R2, 0),
	       CALL(ringbuf_submit), MOV(R0, 0), EXIT),
	REJECT("ringbuf_record_bounds", XDP, -EACCES,
	       "invalid access to memory, mem_size=8 off=8 size=8", RESERVE_CHECKED,
	       BPF_ST_MEM(BPF_DW, R0, 8, 1), MOVR(R1, R0), MOV(R2, 0), CALL(ringbuf_submit),
	       MOV(R0, 2), EXIT),
	REJECT("ringbuf_ld_abs_leak", SKF, -EINVAL, "BPF_LD_[ABS|IND] would lead to reference leak",
	       MOVR(R6, R1), RESERVE_CHECKED, MOVR(R7, R0),
	       BPF_RAW_INSN(BPF_LD | BPF_ABS | BPF_B, 0, 0, 0, 0), MOVR(R1, R7), MOV(R2, 0),
	       CALL(ringbuf_submit), MOV(R0, 0), EXIT),
	REJECT_UNPRIV("ringbuf_store_ptr_unpriv", SKF, -EACCES, "R10 leaks addr into mem",
		      RESERVE_CHECKED, BPF_STX_MEM(BPF_DW, R0, R10, 0), MOVR(R1, R0), MOV(R2, 0),
		      CALL(ringbuf_submit), MOV(R0, 0), EXIT),
	REJECT("ringbuf_size_unknown", XDP, -EACCES, "R2 is not a known constant'",
	       CALL(get_prandom_u32), MOVR(R2, R0), LD_MAP(R1, MAP_RINGBUF), MOV(R3, 0),
	       CALL(ringbuf_reserve), MOV(R0, 0), EXIT),
};

/* ---------------------------------------------------------------------------
 * Running a case on our verifier.
 */

static struct bpf_map maps[sizeof(test_maps) / sizeof(test_maps[0])];

static struct bpf_map *map_from_fd(void *ctx, int fd)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof(test_maps) / sizeof(test_maps[0]); i++)
		if (test_maps[i].fd == fd) {
			maps[i].map_type = test_maps[i].type;
			maps[i].key_size = test_maps[i].key_size;
			maps[i].value_size = test_maps[i].value_size;
			maps[i].max_entries = test_maps[i].max_entries;
			maps[i].id = (u32)i + 1;
			if (test_maps[i].type == BPF_MAP_TYPE_ARRAY_OF_MAPS) {
				static struct bpf_map inner_meta = {
					.map_type = BPF_MAP_TYPE_ARRAY,
					.key_size = 4,
					.value_size = 32,
					.max_entries = 1,
				};
				maps[i].inner_map_meta = &inner_meta;
			}
			return &maps[i];
		}
	return NULL;
}

static u32 case_len(const struct vcase *c)
{
	u32 n = MAX_TEST_INSNS;

	while (n && !memcmp(&c->insns[n - 1], &(struct bpf_insn){ 0 }, sizeof(struct bpf_insn)))
		n--;
	/* an lddw's second half may be all zero: keep it */
	if (n && c->insns[n - 1].code == (BPF_LD | BPF_IMM | BPF_DW) && n < MAX_TEST_INSNS &&
	    c->insns[n - 1].src_reg)
		n++;
	return n;
}

/* The last non-empty lines of log, for a failure report. */
static void print_log_tail(const char *log)
{
	size_t len = strlen(log);
	const char *p = log + (len > 400 ? len - 400 : 0);

	printf("# log: ");
	for (; *p; p++)
		putchar(*p == '\n' ? '|' : *p);
	putchar('\n');
}

static char log_buf[1 << 20];

static int run_case(const struct vcase *c)
{
	struct bpf_verifier_opts opts = {
		.prog_type = c->type,
		.bpf_capable = c->unpriv != 1,
		.cap_bpf_only = c->unpriv == 2,
		.gpl_compatible = true,
		.log_level = 1,
		.log_buf = log_buf,
		.log_size = sizeof(log_buf),
		.map_from_fd = map_from_fd,
	};
	int err = bpf_verify_insns(c->insns, case_len(c), &opts);
	bool pass = err == c->result && (!c->errstr || strstr(log_buf, c->errstr));

	printf("%s verifier.%s\n", pass ? "ok" : "not ok", c->name);
	if (!pass) {
		printf("# expected %d '%s', got %d\n", c->result, c->errstr ? c->errstr : "", err);
		print_log_tail(log_buf);
	}
	return pass ? 0 : 1;
}

/*
 * Pruning: a loop with a branch inside, whose second counter no check
 * depends on, must converge like Linux's (897 insns on Linux 6.18), not
 * explore 2^50 paths.
 */
static int run_pruning(void)
{
	struct bpf_insn prog[] = {
		MOV(R6, 0),
		MOV(R7, 0),
		CALL(get_prandom_u32),
		BPF_JMP_IMM(BPF_JGT, R0, 7, 1),
		BPF_ALU64_IMM(BPF_ADD, R7, 1),
		BPF_ALU64_IMM(BPF_ADD, R6, 1),
		BPF_JMP_IMM(BPF_JLT, R6, 50, -5),
		MOV(R0, 2),
		EXIT,
	};
	struct bpf_verifier_stats st = { 0 };
	struct bpf_verifier_opts opts = { .prog_type = XDP, .bpf_capable = true, .stats = &st };
	int err = bpf_verify_insns(prog, ARRAY_SIZE(prog), &opts);
	bool pass = !err && st.insn_processed <= 1000;

	printf("%s verifier.prune_imprecise_counter (%u insns processed)\n", pass ? "ok" : "not ok",
	       st.insn_processed);
	return !pass;
}

/* Verifies insns as root or CAP_BPF only; the result, *processed and the log. */
static int verify_spec(const struct bpf_insn *insns, u32 cnt, bool cap_bpf_only, u32 *processed)
{
	struct bpf_verifier_stats st = { 0 };
	struct bpf_verifier_opts opts = { .prog_type = XDP,
					  .bpf_capable = true,
					  .cap_bpf_only = cap_bpf_only,
					  .log_level = 2,
					  .log_buf = log_buf,
					  .log_size = sizeof(log_buf),
					  .stats = &st };
	int err = bpf_verify_insns(insns, cnt, &opts);

	*processed = st.insn_processed;
	return err;
}

/*
 * Spectre v1 paths (CAP_BPF without CAP_PERFMON): a jump whose outcome the
 * bounds decide still has its other side explored, as speculative, with the
 * compared register unknown. Counts and outcomes are Linux 6.18's.
 */
static int run_speculative(void)
{
	/* tests/verifier/cases/priv-bpf-loop.s: r0 grows on every mispredicted exit */
	struct bpf_insn loop[] = { MOV(R0, 0),
				   MOV(R1, 0),
				   BPF_ALU64_IMM(BPF_ADD, R0, 3),
				   BPF_ALU64_IMM(BPF_ADD, R1, 1),
				   BPF_JMP_IMM(BPF_JLT, R1, 10, -3),
				   BPF_ALU64_IMM(BPF_AND, R0, 3),
				   EXIT };
	struct bpf_insn taken[] = { MOV(R0, 2),
				    MOV(R1, 0),
				    BPF_JMP_IMM(BPF_JNE, R1, 0, 1),
				    EXIT,
				    BPF_LDX_MEM(BPF_B, R0, R1, 0),
				    EXIT };
	u32 n_root, n_cap, l_root, l_cap;
	int e_root, e_cap, e_lroot, e_lcap, failed = 0;
	bool pass, spec_logged;

	e_root = verify_spec(taken, ARRAY_SIZE(taken), false, &n_root);
	spec_logged = strstr(log_buf, "(speculative execution)") != NULL;
	e_cap = verify_spec(taken, ARRAY_SIZE(taken), true, &n_cap);
	pass = !e_root && !e_cap && n_root == 4 && n_cap == 5 && !spec_logged &&
	       strstr(log_buf, "from 2 to 4 (speculative execution):") &&
	       strstr(log_buf, "R1 invalid mem access 'scalar'");
	printf("%s verifier.spec_path_known_branch (root %d/%u insns, cap_bpf %d/%u)\n",
	       pass ? "ok" : "not ok", e_root, n_root, e_cap, n_cap);
	if (!pass)
		print_log_tail(log_buf);
	failed += !pass;

	e_lroot = verify_spec(loop, ARRAY_SIZE(loop), false, &l_root);
	e_lcap = verify_spec(loop, ARRAY_SIZE(loop), true, &l_cap);
	pass = !e_lroot && l_root == 34 && e_lcap == -E2BIG &&
	       strstr(log_buf, "BPF program is too large. Processed 1000001 insn");
	printf("%s verifier.spec_loop_never_converges (root %d/%u insns, cap_bpf %d/%u)\n",
	       pass ? "ok" : "not ok", e_lroot, l_root, e_lcap, l_cap);
	failed += !pass;
	return failed;
}

/* bpf_check() on accepting: map lddws carry the map's address, used_maps lists them. */
static int run_rewrite(void)
{
	struct bpf_insn insns[] = { LD_MAP(R1, MAP_HASH),
				    BPF_LD_IMM64_RAW(R2, BPF_PSEUDO_MAP_VALUE, MAP_ARRAY1),
				    LD_MAP(R3, MAP_HASH),
				    MOV(R0, 2),
				    BPF_JMP_IMM(BPF_JEQ, R0, 2, 1), /* always taken: */
				    MOV(R0, 3), /* dead, becomes a trap */
				    EXIT };
	struct bpf_prog_aux aux = { 0 };
	struct bpf_prog prog = { .len = ARRAY_SIZE(insns), .aux = &aux, .insnsi = insns };
	struct bpf_prog *p = &prog;
	struct bpf_verifier_opts opts = { .prog_type = XDP,
					  .bpf_capable = true,
					  .map_from_fd = map_from_fd };
	int err = bpf_check(&p, &opts);
	struct bpf_map *hash = map_from_fd(NULL, MAP_HASH);
	struct bpf_array *arr = (struct bpf_array *)map_from_fd(NULL, MAP_ARRAY1);
	u64 a0 = (u32)insns[0].imm | ((u64)(u32)insns[1].imm << 32);
	u64 a1 = (u32)insns[2].imm | ((u64)(u32)insns[3].imm << 32);
	bool pass = !err && a0 == (u64)(uintptr_t)hash && a1 == (u64)(uintptr_t)arr->value &&
		    aux.used_map_cnt == 2 && aux.used_maps[0] == hash &&
		    insns[0].src_reg == BPF_PSEUDO_MAP_FD &&
		    !memcmp(&insns[8], &(struct bpf_insn)BPF_JMP_A(-1), sizeof(insns[8])) &&
		    insns[7].code == (BPF_JMP | BPF_JEQ | BPF_K);

	printf("%s verifier.rewrite_map_lddw_dead_code\n", pass ? "ok" : "not ok");
	kfree(aux.used_maps);
	return !pass;
}

/* Rules that are not one program: sizes, the log buffer, options. */
static int run_special(void)
{
	static struct bpf_insn big[BPF_MAXINSNS_UNPRIV + 1];
	struct bpf_insn prog[] = { MOV(R0, 0), EXIT };
	char small[64];
	struct bpf_verifier_stats st;
	struct bpf_verifier_opts opts = { .prog_type = SKF, .bpf_capable = false };
	int failed = 0, err;

	for (size_t i = 0; i < BPF_MAXINSNS_UNPRIV; i++)
		big[i] = (struct bpf_insn)MOV(R0, 0);
	big[BPF_MAXINSNS_UNPRIV] = (struct bpf_insn)EXIT;
	err = bpf_verify_insns(big, BPF_MAXINSNS_UNPRIV + 1, &opts);
	printf("%s verifier.too_large_unpriv\n", err == -E2BIG ? "ok" : "not ok");
	failed += err != -E2BIG;
	opts.bpf_capable = true;
	opts.stats = &st;
	err = bpf_verify_insns(big, BPF_MAXINSNS_UNPRIV + 1, &opts);
	printf("%s verifier.large_priv\n",
	       !err && st.insn_processed == BPF_MAXINSNS_UNPRIV + 1 ? "ok" : "not ok");
	failed += !!err;
	opts.log_level = 1;
	opts.log_buf = small;
	opts.log_size = sizeof(small);
	err = bpf_verify_insns(prog, 2, &opts);
	printf("%s verifier.log_truncated_enospc\n",
	       err == -ENOSPC && strlen(small) == sizeof(small) - 1 ? "ok" : "not ok");
	failed += err != -ENOSPC;
	opts.log_level = 0;
	err = bpf_verify_insns(prog, 2, &opts);
	printf("%s verifier.log_buf_without_level\n", err == -EINVAL ? "ok" : "not ok");
	failed += err != -EINVAL;
	opts = (struct bpf_verifier_opts){ .prog_type = BPF_PROG_TYPE_KPROBE, .bpf_capable = true };
	err = bpf_verify_insns(prog, 2, &opts);
	printf("%s verifier.prog_type_unsupported\n", err == -EINVAL ? "ok" : "not ok");
	failed += err != -EINVAL;
	opts = (struct bpf_verifier_opts){ .prog_type = XDP, .bpf_capable = false };
	err = bpf_verify_insns(prog, 2, &opts);
	printf("%s verifier.xdp_unpriv_eperm\n", err == -EPERM ? "ok" : "not ok");
	failed += err != -EPERM;
	return failed;
}

static const struct vcase *find_case(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		if (!strcmp(cases[i].name, name))
			return &cases[i];
	return &cases[0];
}

/* The log ends with Linux's statistics line and, on rejection, our hint. */
static int run_log_format(void)
{
	const struct vcase *c = find_case("r0_unset");
	struct bpf_verifier_opts opts = { .prog_type = XDP,
					  .bpf_capable = true,
					  .log_level = 1,
					  .log_buf = log_buf,
					  .log_size = sizeof(log_buf) };
	bool pass;

	bpf_verify_insns(c->insns, case_len(c), &opts);
	pass = strstr(log_buf, "0: R1=ctx() R10=fp0\n0: (95) exit\nR0 !read_ok\n") &&
	       strstr(log_buf, "processed 1 insns (limit 1000000) max_states_per_insn 0 "
			       "total_states 0 peak_states 0 mark_read 0\n") &&
	       strstr(log_buf, "hint: insn 0: ");
	printf("%s verifier.log_format\n", pass ? "ok" : "not ok");
	if (!pass)
		print_log_tail(log_buf);
	c = find_case("pkt_eth_checked"); /* the annotated trace (level 1 keeps none on success) */
	bpf_verify_insns(c->insns, case_len(c), &opts);
	pass = !strncmp(log_buf, "processed ", 10);
	printf("%s verifier.log_level1_accepted_summary_only\n", pass ? "ok" : "not ok");
	opts.log_level = 2;
	bpf_verify_insns(c->insns, case_len(c), &opts);
	pass = strstr(log_buf, "3: (07) r4 += 14                      ; R4=pkt(off=14,r=0)\n") &&
	       strstr(log_buf, "5: (2d) if r4 > r3 goto pc+1          ; R3=pkt_end() "
			       "R4=pkt(off=14,r=14)\n");
	pass = pass &&
	       strstr(log_buf, "func#0 @0\nLive regs before insn:\n      0: .1........ (61) "
			       "r2 = *(u32 *)(r1 +0)\n") &&
	       strstr(log_buf, "R4=pkt(off=14,r=0xfffffffffffffffe)");
	printf("%s verifier.log_trace_annotations (%s)\n", pass ? "ok" : "not ok", c->name);
	if (!pass)
		print_log_tail(log_buf);
	return !pass; /* a failure above is counted by its own "not ok" line */
}

#ifndef VERIFIER_LINUX_ORACLE
int main(void)
{
	int failed = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += run_case(&cases[i]);
	failed += run_special();
	failed += run_log_format();
	failed += run_pruning();
	failed += run_rewrite();
	failed += run_speculative();
	return failed ? 1 : 0;
}
#else
/*
 * The oracle: the same cases through the host's bpf(BPF_PROG_LOAD). Run as
 * root on Linux; prints "agree NAME" or "DIFFER NAME ..." per case.
 */
#include <unistd.h>
#include <errno.h>
#include <sys/syscall.h>

struct linux_map_create {
	u32 map_type, key_size, value_size, max_entries, map_flags, inner_map_fd;
	u8 pad[104];
};

struct linux_prog_load {
	u32 prog_type, insn_cnt;
	u64 insns, license;
	u32 log_level, log_size;
	u64 log_buf;
	u32 kern_version, prog_flags;
	u8 pad[80];
};

static int linux_fds[sizeof(test_maps) / sizeof(test_maps[0])];

static int linux_map_fd(int fd)
{
	for (size_t i = 0; i < sizeof(test_maps) / sizeof(test_maps[0]); i++) {
		struct linux_map_create a = { .map_type = test_maps[i].type,
					      .key_size = test_maps[i].key_size,
					      .value_size = test_maps[i].value_size,
					      .max_entries = test_maps[i].max_entries };

		if (test_maps[i].fd != fd)
			continue;
		if (a.map_type == BPF_MAP_TYPE_ARRAY_OF_MAPS)
			a.inner_map_fd = (u32)linux_map_fd(MAP_ARRAY1);
		if (!linux_fds[i])
			linux_fds[i] =
				(int)syscall(__NR_bpf, 0 /* BPF_MAP_CREATE */, &a, sizeof(a));
		return linux_fds[i];
	}
	return fd;
}

int main(void)
{
	int differ = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		struct bpf_insn insns[MAX_TEST_INSNS];
		u32 n = case_len(c);
		struct linux_prog_load a = { 0 };
		int fd, err;
		bool same;

		if (c->unpriv) {
			printf("skip %s # unprivileged\n", c->name);
			continue;
		}
		memcpy(insns, c->insns, sizeof(insns));
		for (u32 j = 0; j < n; j++)
			if (insns[j].code == (BPF_LD | BPF_IMM | BPF_DW) && insns[j].src_reg)
				insns[j].imm = linux_map_fd(insns[j].imm);
		log_buf[0] = 0;
		a.prog_type = c->type;
		a.insn_cnt = n;
		a.insns = (u64)(uintptr_t)insns;
		a.license = (u64)(uintptr_t) "GPL";
		a.log_level = 1;
		a.log_size = sizeof(log_buf);
		a.log_buf = (u64)(uintptr_t)log_buf;
		fd = (int)syscall(__NR_bpf, 5 /* BPF_PROG_LOAD */, &a, sizeof(a));
		err = fd >= 0 ? 0 : -errno;
		if (fd >= 0)
			close(fd);
		same = err == c->result && (!c->errstr || strstr(log_buf, c->errstr));
		printf("%s %s (linux %d, expected %d)\n", same ? "agree" : "DIFFER", c->name, err,
		       c->result);
		if (!same) {
			print_log_tail(log_buf);
			differ++;
		}
	}
	return differ ? 1 : 0;
}
#endif
