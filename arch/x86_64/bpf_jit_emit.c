// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 encodings for the BPF JIT: the primitives (REX, ModRM, moves,
 * pushes, short jumps) and the straight-line BPF instruction classes: ALU and
 * ALU64 (incl. div/mod, shifts, movsx, byte swaps), LDX (incl. MEMSX), ST,
 * STX and the atomics. Control flow lives in bpf_jit.c.
 *
 * Every emitter appends to ctx->buf; ctx->pos + ctx->n is the image offset of
 * the next byte, which short jumps inside one instruction use.
 */
#include "bpf_jit.h"

/* BPF register -> x86 register (Linux's mapping; helper calls need no shuffling). */
static const u8 reg2x86[MAX_BPF_EXT_REG] = {
	[BPF_REG_0] = X86_RAX, [BPF_REG_1] = X86_RDI,  [BPF_REG_2] = X86_RSI,
	[BPF_REG_3] = X86_RDX, [BPF_REG_4] = X86_RCX,  [BPF_REG_5] = X86_R8,
	[BPF_REG_6] = X86_RBX, [BPF_REG_7] = X86_R13,  [BPF_REG_8] = X86_R14,
	[BPF_REG_9] = X86_R15, [BPF_REG_10] = X86_RBP, [BPF_REG_AX] = X86_R10,
};

u8 bpf_jit_reg(u8 bpf_reg)
{
	return reg2x86[bpf_reg];
}

void jit_emit1(struct jit_ctx *ctx, u8 b)
{
	BUG_ON(ctx->n >= JIT_MAX_INSN_BYTES);
	ctx->buf[ctx->n++] = b;
}

void jit_emit_imm32(struct jit_ctx *ctx, u32 imm)
{
	for (int i = 0; i < 4; i++)
		jit_emit1(ctx, (u8)(imm >> (8 * i)));
}

static void emit_imm16(struct jit_ctx *ctx, u16 imm)
{
	jit_emit1(ctx, (u8)imm);
	jit_emit1(ctx, (u8)(imm >> 8));
}

static bool is_imm8(s64 v)
{
	return v >= -128 && v <= 127;
}

/*
 * A REX prefix for operand width w with reg in ModRM.reg and rm in
 * ModRM.rm (or the base register). Emitted only when needed, or always with
 * force (byte access to sil/dil/spl/bpl needs a plain 0x40).
 */
void jit_emit_rex(struct jit_ctx *ctx, bool w, u8 reg, u8 rm, bool force)
{
	u8 rex = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((rm & 8) ? 1 : 0);

	if (rex != 0x40 || force)
		jit_emit1(ctx, rex);
}

static void emit_modrm_rr(struct jit_ctx *ctx, u8 reg, u8 rm)
{
	jit_emit1(ctx, 0xc0 | (reg & 7) << 3 | (rm & 7));
}

/*
 * ModRM (+disp) for the operand [base + off]. Always with a displacement, so
 * rbp/r13 bases need no special case; rsp/r12 are never BPF registers.
 */
void jit_emit_mem(struct jit_ctx *ctx, u8 reg, u8 base, s32 off)
{
	BUG_ON((base & 7) == X86_RSP);
	if (is_imm8(off)) {
		jit_emit1(ctx, 0x40 | (reg & 7) << 3 | (base & 7));
		jit_emit1(ctx, (u8)off);
	} else {
		jit_emit1(ctx, 0x80 | (reg & 7) << 3 | (base & 7));
		jit_emit_imm32(ctx, (u32)off);
	}
}

/* "op rm, reg" with a one-byte opcode (add 01, or 09, and 21, sub 29, xor 31, cmp 39, test 85). */
void jit_emit_alu_rr(struct jit_ctx *ctx, u8 opcode, bool is64, u8 dst, u8 src)
{
	jit_emit_rex(ctx, is64, src, dst, false);
	jit_emit1(ctx, opcode);
	emit_modrm_rr(ctx, src, dst);
}

/* "op dst, imm" of group 1 (ext: add 0, or 1, and 4, sub 5, xor 6, cmp 7). */
void jit_emit_alu_ri(struct jit_ctx *ctx, u8 ext, bool is64, u8 dst, s32 imm)
{
	jit_emit_rex(ctx, is64, 0, dst, false);
	jit_emit1(ctx, is_imm8(imm) ? 0x83 : 0x81);
	emit_modrm_rr(ctx, ext, dst);
	if (is_imm8(imm))
		jit_emit1(ctx, (u8)imm);
	else
		jit_emit_imm32(ctx, (u32)imm);
}

/* dst = src; a 32-bit move zero-extends, so it is emitted even when dst == src. */
void jit_emit_mov_reg(struct jit_ctx *ctx, bool is64, u8 dst, u8 src)
{
	if (is64 && dst == src)
		return;
	jit_emit_alu_rr(ctx, 0x89, is64, dst, src);
}

static void emit_zero(struct jit_ctx *ctx, u8 dst)
{
	jit_emit_alu_rr(ctx, 0x31, false, dst, dst);
}

/* dst = imm, sign-extended to 64 bits when is64, else zero-extended. */
static void emit_mov_imm32(struct jit_ctx *ctx, bool is64, u8 dst, s32 imm)
{
	if (imm == 0) {
		emit_zero(ctx, dst);
	} else if (is64 && imm < 0) {
		jit_emit_rex(ctx, true, 0, dst, false);
		jit_emit1(ctx, 0xc7);
		emit_modrm_rr(ctx, 0, dst);
		jit_emit_imm32(ctx, (u32)imm);
	} else {
		jit_emit_rex(ctx, false, 0, dst, false);
		jit_emit1(ctx, 0xb8 | (dst & 7));
		jit_emit_imm32(ctx, (u32)imm);
	}
}

/* dst = imm with the shortest encoding (xor, mov r32, sign-extended mov, movabs). */
void jit_emit_mov_imm64(struct jit_ctx *ctx, u8 dst, u64 imm)
{
	if (imm <= 0xffffffffu) {
		emit_mov_imm32(ctx, false, dst, (s32)(u32)imm);
	} else if ((s64)imm == (s32)imm) {
		emit_mov_imm32(ctx, true, dst, (s32)imm);
	} else {
		jit_emit_rex(ctx, true, 0, dst, false);
		jit_emit1(ctx, 0xb8 | (dst & 7));
		jit_emit_imm32(ctx, (u32)imm);
		jit_emit_imm32(ctx, (u32)(imm >> 32));
	}
}

void jit_emit_push(struct jit_ctx *ctx, u8 reg)
{
	jit_emit_rex(ctx, false, 0, reg, false);
	jit_emit1(ctx, 0x50 | (reg & 7));
}

void jit_emit_pop(struct jit_ctx *ctx, u8 reg)
{
	jit_emit_rex(ctx, false, 0, reg, false);
	jit_emit1(ctx, 0x58 | (reg & 7));
}

/*
 * A forward short jump inside one instruction's code: emits jcc/jmp rel8
 * with a placeholder and returns where to patch it once the target is known.
 */
u32 jit_emit_jcc8(struct jit_ctx *ctx, u8 cc)
{
	jit_emit1(ctx, cc == X86_CC_ALWAYS ? 0xeb : 0x70 | cc);
	jit_emit1(ctx, 0);
	return ctx->n - 1;
}

/* Point the rel8 at buf[at] to the current end of the instruction. */
void jit_patch_jcc8(struct jit_ctx *ctx, u32 at)
{
	u32 dist = ctx->n - (at + 1);

	BUG_ON(dist > 127);
	ctx->buf[at] = (u8)dist;
}

/* Two-byte 0x0f opcode with a register-register ModRM: "op reg, rm". */
static void emit_0f_rr(struct jit_ctx *ctx, u8 opcode, bool is64, u8 reg, u8 rm, bool force)
{
	jit_emit_rex(ctx, is64, reg, rm, force);
	jit_emit1(ctx, 0x0f);
	jit_emit1(ctx, opcode);
	emit_modrm_rr(ctx, reg, rm);
}

static bool is_byte_reg_needing_rex(u8 reg)
{
	return reg >= X86_RSP && reg <= X86_RDI;
}

/* Shift dst by cl (ext: shl 4, shr 5, sar 7). */
static void emit_shift_cl(struct jit_ctx *ctx, u8 ext, bool is64, u8 dst)
{
	jit_emit_rex(ctx, is64, 0, dst, false);
	jit_emit1(ctx, 0xd3);
	emit_modrm_rr(ctx, ext, dst);
}

/*
 * dst <<= / >>= src with the count in cl. BPF r4 lives in rcx, so rcx is
 * saved in the scratch register around the shift unless it is the count.
 * x86 masks the count to 5/6 bits exactly as BPF does.
 */
static void emit_shift_reg(struct jit_ctx *ctx, u8 ext, bool is64, u8 dst, u8 src)
{
	if (src == X86_RCX) {
		emit_shift_cl(ctx, ext, is64, dst);
	} else if (dst == X86_RCX) {
		jit_emit_mov_reg(ctx, true, X86_TMP, X86_RCX);
		jit_emit_mov_reg(ctx, true, X86_RCX, src);
		emit_shift_cl(ctx, ext, is64, X86_TMP);
		jit_emit_mov_reg(ctx, is64, X86_RCX, X86_TMP);
	} else {
		jit_emit_mov_reg(ctx, true, X86_TMP, X86_RCX);
		jit_emit_mov_reg(ctx, true, X86_RCX, src);
		emit_shift_cl(ctx, ext, is64, dst);
		jit_emit_mov_reg(ctx, true, X86_RCX, X86_TMP);
	}
}

/* dst <<= / >>= imm; the count is masked as BPF masks it. */
static void emit_shift_imm(struct jit_ctx *ctx, u8 ext, bool is64, u8 dst, s32 imm)
{
	u8 count = (u8)imm & (is64 ? 63 : 31);

	if (count == 0) {
		if (!is64)
			jit_emit_mov_reg(ctx, false, dst, dst);
		return;
	}
	jit_emit_rex(ctx, is64, 0, dst, false);
	jit_emit1(ctx, count == 1 ? 0xd1 : 0xc1);
	emit_modrm_rr(ctx, ext, dst);
	if (count != 1)
		jit_emit1(ctx, count);
}

/* The result of dividing by zero: dst / 0 = 0, dst % 0 = dst (zero-extended for 32 bits). */
static void emit_div_by_zero(struct jit_ctx *ctx, bool is_mod, bool is64, u8 dst)
{
	if (!is_mod)
		emit_zero(ctx, dst);
	else if (!is64)
		jit_emit_mov_reg(ctx, false, dst, dst);
}

/* The result of a signed division by -1: dst / -1 = -dst (INT_MIN stays), dst % -1 = 0. */
static void emit_sdiv_by_minus1(struct jit_ctx *ctx, bool is_mod, bool is64, u8 dst)
{
	if (is_mod) {
		emit_zero(ctx, dst);
	} else {
		jit_emit_rex(ctx, is64, 0, dst, false);
		jit_emit1(ctx, 0xf7);
		emit_modrm_rr(ctx, 3, dst);
	}
}

/*
 * dst = dst / r11 or dst % r11 with x86 div/idiv, which need rdx:rax: rax
 * is parked in r10 (free: a BPF_REG_AX divisor was already copied to r11)
 * and rdx on the stack, unless dst is that register.
 */
static void emit_div_core(struct jit_ctx *ctx, bool is_mod, bool is_signed, bool is64, u8 dst)
{
	u8 result = is_mod ? X86_RDX : X86_RAX;

	if (dst != X86_RAX)
		jit_emit_mov_reg(ctx, true, X86_R10, X86_RAX);
	if (dst != X86_RDX)
		jit_emit_push(ctx, X86_RDX);
	jit_emit_mov_reg(ctx, true, X86_RAX, dst);
	if (is_signed) {
		jit_emit_rex(ctx, is64, 0, 0, false);
		jit_emit1(ctx, 0x99); /* cdq / cqo */
	} else {
		emit_zero(ctx, X86_RDX);
	}
	jit_emit_rex(ctx, is64, 0, X86_TMP, false);
	jit_emit1(ctx, 0xf7);
	emit_modrm_rr(ctx, is_signed ? 7 : 6, X86_TMP);
	jit_emit_mov_reg(ctx, true, dst, result);
	if (dst != X86_RDX)
		jit_emit_pop(ctx, X86_RDX);
	if (dst != X86_RAX)
		jit_emit_mov_reg(ctx, true, X86_RAX, X86_R10);
}

/*
 * BPF_DIV / BPF_MOD, unsigned (off 0) or signed (off 1), with Linux's
 * results for a zero divisor and for INT_MIN / -1. An immediate divisor
 * decides the special cases at compile time; a register one tests at run time.
 */
static void emit_div(struct jit_ctx *ctx, const struct bpf_insn *insn, bool is64, u8 dst)
{
	bool is_mod = BPF_OP(insn->code) == BPF_MOD, is_signed = insn->off == 1;
	u32 to_done[2], ndone = 0, skip;

	if (BPF_SRC(insn->code) == BPF_K) {
		if (insn->imm == 0) {
			emit_div_by_zero(ctx, is_mod, is64, dst);
			return;
		}
		if (is_signed && insn->imm == -1) {
			emit_sdiv_by_minus1(ctx, is_mod, is64, dst);
			return;
		}
		emit_mov_imm32(ctx, is64, X86_TMP, insn->imm);
	} else {
		jit_emit_mov_reg(ctx, true, X86_TMP, bpf_jit_reg(insn->src_reg));
		jit_emit_alu_rr(ctx, 0x85, is64, X86_TMP, X86_TMP);
		skip = jit_emit_jcc8(ctx, X86_CC_NE);
		emit_div_by_zero(ctx, is_mod, is64, dst);
		to_done[ndone++] = jit_emit_jcc8(ctx, X86_CC_ALWAYS);
		jit_patch_jcc8(ctx, skip);
		if (is_signed) {
			jit_emit_alu_ri(ctx, 7, is64, X86_TMP, -1);
			skip = jit_emit_jcc8(ctx, X86_CC_NE);
			emit_sdiv_by_minus1(ctx, is_mod, is64, dst);
			to_done[ndone++] = jit_emit_jcc8(ctx, X86_CC_ALWAYS);
			jit_patch_jcc8(ctx, skip);
		}
	}
	emit_div_core(ctx, is_mod, is_signed, is64, dst);
	while (ndone)
		jit_patch_jcc8(ctx, to_done[--ndone]);
}

/* BPF_MOV: plain register/immediate moves and the cpu-v4 sign-extending movsx (off 8/16/32). */
static int emit_mov(struct jit_ctx *ctx, const struct bpf_insn *insn, bool is64, u8 dst, u8 src)
{
	if (BPF_SRC(insn->code) == BPF_K) {
		emit_mov_imm32(ctx, is64, dst, insn->imm);
		return 0;
	}
	switch (insn->off) {
	case 0:
		jit_emit_mov_reg(ctx, is64, dst, src);
		return 0;
	case 8:
		emit_0f_rr(ctx, 0xbe, is64, dst, src, is_byte_reg_needing_rex(src));
		return 0;
	case 16:
		emit_0f_rr(ctx, 0xbf, is64, dst, src, false);
		return 0;
	case 32:
		if (!is64)
			return -EINVAL;
		jit_emit_rex(ctx, true, dst, src, false);
		jit_emit1(ctx, 0x63); /* movsxd */
		emit_modrm_rr(ctx, dst, src);
		return 0;
	}
	return -EINVAL;
}

/* BPF_END (to_be/to_le) and the ALU64 bswap: a byte swap and/or a zero-extension. */
static int emit_end(struct jit_ctx *ctx, const struct bpf_insn *insn, u8 dst)
{
	bool swap = BPF_CLASS(insn->code) == BPF_ALU64 || BPF_SRC(insn->code) == BPF_TO_BE;

	switch (insn->imm) {
	case 16:
		if (swap) { /* rol dst16, 8 */
			jit_emit1(ctx, 0x66);
			jit_emit_rex(ctx, false, 0, dst, false);
			jit_emit1(ctx, 0xc1);
			emit_modrm_rr(ctx, 0, dst);
			jit_emit1(ctx, 8);
		}
		emit_0f_rr(ctx, 0xb7, false, dst, dst, false); /* movzx dst32, dst16 */
		return 0;
	case 32:
	case 64:
		if (swap) {
			jit_emit_rex(ctx, insn->imm == 64, 0, dst, false);
			jit_emit1(ctx, 0x0f);
			jit_emit1(ctx, 0xc8 | (dst & 7));
		} else if (insn->imm == 32) {
			jit_emit_mov_reg(ctx, false, dst, dst);
		}
		return 0;
	}
	return -EINVAL;
}

/* Opcode of "op rm, reg" and the group-1 extension for the bitwise/additive ops. */
static bool alu_encoding(u8 op, u8 *opcode, u8 *ext)
{
	switch (op) {
	case BPF_ADD:
		*opcode = 0x01, *ext = 0;
		return true;
	case BPF_SUB:
		*opcode = 0x29, *ext = 5;
		return true;
	case BPF_AND:
		*opcode = 0x21, *ext = 4;
		return true;
	case BPF_OR:
		*opcode = 0x09, *ext = 1;
		return true;
	case BPF_XOR:
		*opcode = 0x31, *ext = 6;
		return true;
	}
	return false;
}

/* dst *= src or imm (imul: the low bits are the same for signed and unsigned). */
static void emit_mul(struct jit_ctx *ctx, const struct bpf_insn *insn, bool is64, u8 dst, u8 src)
{
	if (BPF_SRC(insn->code) == BPF_X) {
		emit_0f_rr(ctx, 0xaf, is64, dst, src, false);
		return;
	}
	jit_emit_rex(ctx, is64, dst, dst, false);
	jit_emit1(ctx, is_imm8(insn->imm) ? 0x6b : 0x69);
	emit_modrm_rr(ctx, dst, dst);
	if (is_imm8(insn->imm))
		jit_emit1(ctx, (u8)insn->imm);
	else
		jit_emit_imm32(ctx, (u32)insn->imm);
}

/* An additive/bitwise op with an immediate; identities still zero-extend 32-bit results. */
static void emit_alu_imm(struct jit_ctx *ctx, u8 op, u8 ext, bool is64, u8 dst, s32 imm)
{
	bool identity = imm == 0 && op != BPF_AND;

	if (identity) {
		if (!is64)
			jit_emit_mov_reg(ctx, false, dst, dst);
		return;
	}
	jit_emit_alu_ri(ctx, ext, is64, dst, imm);
}

/* BPF_ALU and BPF_ALU64: every operation of RFC 9669 and Linux's cpu v4. */
int jit_emit_alu(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64, x = BPF_SRC(insn->code) == BPF_X;
	u8 op = BPF_OP(insn->code), dst = bpf_jit_reg(insn->dst_reg);
	u8 src = bpf_jit_reg(insn->src_reg), opcode, ext;

	if (op != BPF_MOV && op != BPF_DIV && op != BPF_MOD && insn->off != 0)
		return -EINVAL;
	if (alu_encoding(op, &opcode, &ext)) {
		if (x)
			jit_emit_alu_rr(ctx, opcode, is64, dst, src);
		else
			emit_alu_imm(ctx, op, ext, is64, dst, insn->imm);
		return 0;
	}
	switch (op) {
	case BPF_MOV:
		return emit_mov(ctx, insn, is64, dst, src);
	case BPF_MUL:
		emit_mul(ctx, insn, is64, dst, src);
		return 0;
	case BPF_DIV:
	case BPF_MOD:
		if (insn->off != 0 && insn->off != 1)
			return -EINVAL;
		emit_div(ctx, insn, is64, dst);
		return 0;
	case BPF_LSH:
	case BPF_RSH:
	case BPF_ARSH:
		ext = op == BPF_LSH ? 4 : op == BPF_RSH ? 5 : 7;
		if (x)
			emit_shift_reg(ctx, ext, is64, dst, src);
		else
			emit_shift_imm(ctx, ext, is64, dst, insn->imm);
		return 0;
	case BPF_NEG:
		if (x)
			return -EINVAL;
		emit_sdiv_by_minus1(ctx, false, is64, dst);
		return 0;
	case BPF_END:
		if (is64 && x)
			return -EINVAL; /* ALU64 bswap is only defined with BPF_TO_LE */
		return emit_end(ctx, insn, dst);
	}
	return -EINVAL;
}

/* LDX: zero-extending loads (MEM) and sign-extending ones (MEMSX). */
int jit_emit_ldx(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), src = bpf_jit_reg(insn->src_reg);
	u8 size = BPF_SIZE(insn->code);
	bool sx = BPF_MODE(insn->code) == BPF_MEMSX;

	if (BPF_MODE(insn->code) != BPF_MEM && !sx)
		return -EINVAL;
	if (sx && size == BPF_DW)
		return -EINVAL;
	jit_emit_rex(ctx, sx || size == BPF_DW, dst, src, false);
	switch (size) {
	case BPF_B:
	case BPF_H:
		jit_emit1(ctx, 0x0f);
		jit_emit1(ctx, (sx ? 0xbe : 0xb6) | (size == BPF_H));
		break;
	case BPF_W:
		jit_emit1(ctx, sx ? 0x63 : 0x8b);
		break;
	default:
		jit_emit1(ctx, 0x8b);
	}
	jit_emit_mem(ctx, dst, src, insn->off);
	return 0;
}

/* ST: store an immediate (sign-extended to 64 bits for DW). */
int jit_emit_st(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), size = BPF_SIZE(insn->code);

	if (BPF_MODE(insn->code) != BPF_MEM)
		return -EINVAL;
	if (size == BPF_H)
		jit_emit1(ctx, 0x66);
	jit_emit_rex(ctx, size == BPF_DW, 0, dst, false);
	jit_emit1(ctx, size == BPF_B ? 0xc6 : 0xc7);
	jit_emit_mem(ctx, 0, dst, insn->off);
	if (size == BPF_B)
		jit_emit1(ctx, (u8)insn->imm);
	else if (size == BPF_H)
		emit_imm16(ctx, (u16)insn->imm);
	else
		jit_emit_imm32(ctx, (u32)insn->imm);
	return 0;
}

/* "op [base+off], reg" with optional lock and 0x0f prefixes (op2 = 0: one-byte opcode). */
static void emit_mem_op(struct jit_ctx *ctx, bool lock, bool is64, u8 op1, u8 op2, u8 reg, u8 base,
			s16 off)
{
	if (lock)
		jit_emit1(ctx, 0xf0);
	jit_emit_rex(ctx, is64, reg, base, false);
	jit_emit1(ctx, op1);
	if (op2)
		jit_emit1(ctx, op2);
	jit_emit_mem(ctx, reg, base, off);
}

/*
 * Fetching or/and/xor have no x86 instruction: load the old value into rax,
 * compute the new one in r11, lock cmpxchg, retry until no one raced us.
 * r0 (rax) is parked in r10; src receives the old value.
 */
static void emit_atomic_fetch_loop(struct jit_ctx *ctx, const struct bpf_insn *insn, bool is64,
				   u8 opcode)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), src = bpf_jit_reg(insn->src_reg);
	u8 base = dst == X86_RAX ? X86_R10 : dst, operand = src == X86_RAX ? X86_R10 : src;
	u32 loop;

	jit_emit_mov_reg(ctx, true, X86_R10, X86_RAX);
	emit_mem_op(ctx, false, is64, 0x8b, 0, X86_RAX, base, insn->off);
	loop = ctx->n;
	jit_emit_mov_reg(ctx, is64, X86_TMP, X86_RAX);
	jit_emit_alu_rr(ctx, opcode, is64, X86_TMP, operand);
	emit_mem_op(ctx, true, is64, 0x0f, 0xb1, X86_TMP, base, insn->off);
	jit_emit1(ctx, 0x70 | X86_CC_NE);
	jit_emit1(ctx, (u8)(loop - (ctx->n + 1)));
	if (src != X86_RAX) {
		jit_emit_mov_reg(ctx, is64, src, X86_RAX);
		jit_emit_mov_reg(ctx, true, X86_RAX, X86_R10);
	}
}

/* STX | ATOMIC: every atomic op of RFC 9669, 32 and 64 bit, with lock semantics. */
static int emit_atomic(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), src = bpf_jit_reg(insn->src_reg), opcode, ext;
	bool is64 = BPF_SIZE(insn->code) == BPF_DW;
	bool fetch = insn->imm & BPF_FETCH;

	if (!is64 && BPF_SIZE(insn->code) != BPF_W)
		return -EINVAL;
	switch (insn->imm) {
	case BPF_XCHG:
		emit_mem_op(ctx, false, is64, 0x87, 0, src, dst, insn->off);
		return 0;
	case BPF_CMPXCHG:
		emit_mem_op(ctx, true, is64, 0x0f, 0xb1, src, dst, insn->off);
		if (!is64) /* on success eax is not written: zero-extend r0 anyway */
			jit_emit_mov_reg(ctx, false, X86_RAX, X86_RAX);
		return 0;
	case BPF_ADD | BPF_FETCH:
		emit_mem_op(ctx, true, is64, 0x0f, 0xc1, src, dst, insn->off); /* xadd */
		return 0;
	}
	if (!alu_encoding(insn->imm & ~BPF_FETCH, &opcode, &ext) || (insn->imm & 0xf0) == BPF_SUB ||
	    (insn->imm & ~0xf1))
		return -EINVAL;
	if (fetch)
		emit_atomic_fetch_loop(ctx, insn, is64, opcode);
	else
		emit_mem_op(ctx, true, is64, opcode, 0, src, dst, insn->off);
	return 0;
}

/* STX: register stores (MEM) and atomics (ATOMIC). */
int jit_emit_stx(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), src = bpf_jit_reg(insn->src_reg);
	u8 size = BPF_SIZE(insn->code);

	if (BPF_MODE(insn->code) == BPF_ATOMIC)
		return emit_atomic(ctx, insn);
	if (BPF_MODE(insn->code) != BPF_MEM)
		return -EINVAL;
	if (size == BPF_H)
		jit_emit1(ctx, 0x66);
	jit_emit_rex(ctx, size == BPF_DW, src, dst, size == BPF_B && is_byte_reg_needing_rex(src));
	jit_emit1(ctx, size == BPF_B ? 0x88 : 0x89);
	jit_emit_mem(ctx, src, dst, insn->off);
	return 0;
}
