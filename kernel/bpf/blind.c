// SPDX-License-Identifier: GPL-2.0
/*
 * Constant blinding (Linux's bpf_jit_blind_constants, kernel/bpf/core.c).
 *
 * A JIT copies user-chosen immediates into executable memory; an attacker
 * who controls them can plant byte sequences that decode as useful x86 code
 * (JIT spraying). Before the JIT runs, every instruction that carries a user
 * immediate is rewritten to go through BPF_REG_AX with a fresh random key:
 *
 *	dst op= imm	->	AX = imm ^ key; AX ^= key; dst op= AX
 *	if dst op imm	->	AX = imm ^ key; AX ^= key; if dst op AX
 *	*(sz *)(dst + off) = imm  ->  AX = imm ^ key; AX ^= key; *(sz *)(dst + off) = AX
 *	dst = imm64	->	AX = hi ^ k1; AX ^= k1; AX <<= 32;
 *				dst = (u32)(lo ^ k2); dst ^= k2; dst |= AX
 *
 * Only imm ^ key and key reach the image. Jump and call offsets are then
 * recomputed for the longer program. Portable: no knowledge of any JIT.
 */
#include <bpfkern/bpf.h>

#define BLIND_MAX_PER_INSN 3 /* the lddw pair becomes 6 instructions */

static struct bpf_insn mk(u8 code, u8 dst, u8 src, s16 off, s32 imm)
{
	return (struct bpf_insn){
		.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm
	};
}

/* A random key, never 0 (a zero key would leave the immediate as it is). */
static s32 blind_key(void)
{
	u32 key;

	do {
		key = get_random_u32();
	} while (key == 0);
	return (s32)key;
}

/* True for conditional jumps with an immediate operand. */
static bool is_jmp_imm(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && BPF_SRC(insn->code) == BPF_K &&
	       op != BPF_JA && op != BPF_CALL && op != BPF_EXIT && op != BPF_TAIL_CALL;
}

/* True for ALU instructions whose immediate is a user operand (not NEG/END). */
static bool is_alu_imm(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (cls == BPF_ALU || cls == BPF_ALU64) && BPF_SRC(insn->code) == BPF_K &&
	       op != BPF_NEG && op != BPF_END;
}

/*
 * Write the blinded form of from[0] (and from[1] for lddw) to to[]; returns
 * the number of instructions written (1 when nothing needed blinding).
 */
static u32 blind_insn(const struct bpf_insn *from, struct bpf_insn *to)
{
	u8 cls = BPF_CLASS(from->code), ax = BPF_REG_AX;
	u8 mov = (cls == BPF_ALU ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_K;
	u8 xor = (cls == BPF_ALU ? BPF_ALU : BPF_ALU64) | BPF_XOR | BPF_K;
	s32 key = blind_key(), key2;

	if (is_alu_imm(from) || is_jmp_imm(from)) {
		to[0] = mk(mov, ax, 0, 0, from->imm ^ key);
		to[1] = mk(xor, ax, 0, 0, key);
		to[2] = mk((u8)(from->code | BPF_X), from->dst_reg, ax, from->off, 0);
		return 3;
	}
	if (cls == BPF_ST && BPF_MODE(from->code) == BPF_MEM) {
		to[0] = mk(mov, ax, 0, 0, from->imm ^ key);
		to[1] = mk(xor, ax, 0, 0, key);
		to[2] = mk(BPF_STX | BPF_MEM | BPF_SIZE(from->code), from->dst_reg, ax, from->off,
			   0);
		return 3;
	}
	if (from->code == (BPF_LD | BPF_IMM | BPF_DW) && from->src_reg != BPF_PSEUDO_FUNC) {
		key2 = blind_key();
		to[0] = mk(BPF_ALU64 | BPF_MOV | BPF_K, ax, 0, 0, from[1].imm ^ key);
		to[1] = mk(BPF_ALU64 | BPF_XOR | BPF_K, ax, 0, 0, key);
		to[2] = mk(BPF_ALU64 | BPF_LSH | BPF_K, ax, 0, 0, 32);
		to[3] = mk(BPF_ALU | BPF_MOV | BPF_K, from->dst_reg, 0, 0, from->imm ^ key2);
		to[4] = mk(BPF_ALU | BPF_XOR | BPF_K, from->dst_reg, 0, 0, key2);
		to[5] = mk(BPF_ALU64 | BPF_OR | BPF_X, from->dst_reg, ax, 0, 0);
		return 6;
	}
	to[0] = from[0];
	if (from->code != (BPF_LD | BPF_IMM | BPF_DW))
		return 1;
	to[1] = from[1]; /* a subprogram's address: relative, fixed up with the jumps */
	return 2;
}

/*
 * Where insn i's relative target lives: &off for jumps, &imm for JMP32 JA,
 * BPF-to-BPF calls and lddw of a subprogram; NULL for instructions without one.
 */
static void *jump_field(struct bpf_insn *insn, bool *is_imm)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	*is_imm = false;
	if (insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC) {
		*is_imm = true;
		return &insn->imm;
	}
	if (cls != BPF_JMP && cls != BPF_JMP32)
		return NULL;
	if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) {
		*is_imm = true;
		return &insn->imm;
	}
	if (op == BPF_CALL || op == BPF_EXIT || op == BPF_TAIL_CALL)
		return NULL;
	if (cls == BPF_JMP32 && op == BPF_JA) {
		*is_imm = true;
		return &insn->imm;
	}
	return &insn->off;
}

/*
 * Recompute relative targets after expansion: start[i] is where original
 * insn i's sequence begins in out[]; a jump is always its sequence's last
 * instruction, an lddw of a subprogram stays an unblinded pair. Fails with -EINVAL if a target leaves the program or no
 * longer fits in 16 bits.
 */
static int blind_fix_jumps(const struct bpf_insn *insns, u32 len, struct bpf_insn *out,
			   const u32 *start)
{
	for (u32 i = 0; i < len; i++) {
		bool lddw = insns[i].code == (BPF_LD | BPF_IMM | BPF_DW), is_imm;
		u32 at = lddw ? start[i] : start[i + 1] - 1;
		void *field = jump_field(&out[at], &is_imm);
		s64 target, rel;

		if (!field)
			continue;
		target = (s64)i + 1 + (is_imm ? insns[i].imm : insns[i].off);
		if (target < 0 || target > len)
			return -EINVAL;
		rel = (s64)start[target] - at - 1;
		if (is_imm)
			*(s32 *)field = (s32)rel;
		else if (rel < INT16_MIN || rel > INT16_MAX)
			return -EINVAL;
		else
			*(s16 *)field = (s16)rel;
	}
	return 0;
}

/*
 * Blind the immediates of insns[0 .. len). On success *out is a new
 * kvmalloc'ed array of *out_len instructions (the caller kvfrees it) with the
 * same behaviour; the input is not modified. Returns 0 or a negative errno.
 */
int bpf_jit_blind_constants(const struct bpf_insn *insns, u32 len, struct bpf_insn **out,
			    u32 *out_len)
{
	struct bpf_insn *to;
	u32 *start, n = 0;
	int err;

	if (len > BPF_COMPLEXITY_LIMIT_INSNS)
		return -E2BIG;
	to = kvmalloc((size_t)len * BLIND_MAX_PER_INSN * sizeof(*to), GFP_KERNEL);
	start = kvmalloc(((size_t)len + 1) * sizeof(*start), GFP_KERNEL);
	if (!to || !start) {
		err = -ENOMEM;
		goto free;
	}
	for (u32 i = 0; i < len; i++) {
		bool lddw = insns[i].code == (BPF_LD | BPF_IMM | BPF_DW);

		if (lddw && i + 1 >= len) {
			err = -EINVAL; /* an lddw without its second half */
			goto free;
		}
		start[i] = n;
		n += blind_insn(&insns[i], &to[n]);
		if (lddw)
			start[++i] = n;
	}
	start[len] = n;
	err = blind_fix_jumps(insns, len, to, start);
	if (err)
		goto free;
	kvfree(start);
	*out = to;
	*out_len = n;
	return 0;
free:
	kvfree(start);
	kvfree(to);
	return err;
}

int bpf_jit_harden = 1;

bool bpf_jit_blinding_enabled(bool bpf_capable)
{
	return bpf_jit_harden >= 2 || (bpf_jit_harden == 1 && !bpf_capable);
}
