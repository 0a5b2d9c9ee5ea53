// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 BPF JIT (Linux: arch/x86/net/bpf_jit_comp.c), the driver half:
 * it finds the functions of a program (main + BPF-to-BPF subprograms), runs
 * the emission passes until the image size converges, and emits everything
 * that transfers control: prologue/epilogue, jumps, helper and subprogram
 * calls, tail calls. bpf_jit_emit.c encodes the straight-line instructions.
 *
 * Frame of every function (main program or subprogram):
 *
 *	[rbp + 8]		return address
 *	[rbp]			caller's rbp          <- BPF r10 = rbp
 *	[rbp - stack, rbp)	the BPF stack (and alignment padding)
 *	[rbp - stack - 8]	tail-call counter (only if the program tail-calls)
 *	below			callee-saved rbx/r13/r14/r15 this function uses
 *
 * rsp stays 16-byte aligned at every call site, as the SysV ABI wants.
 * The tail-call counter travels in eax: the main program's entry zeroes it,
 * a tail call enters its target X86_TAIL_CALL_OFFSET bytes in (past that
 * xor) with the incremented count, a subprogram call loads it before `call`.
 *
 * Every function is also a C function of r1-r5 (rdi, rsi, rdx, rcx, r8)
 * returning rax that preserves rbx, rbp, r12-r15: that is how a helper calls
 * a callback (bpf_callback_call). A subprogram named by an lddw
 * BPF_PSEUDO_FUNC gets a callback slot, an 8-byte word after the code holding
 * its callback entry, and the lddw loads the slot's address. In a program
 * that tail-calls, the callback entry is a `mov eax, MAX_TAIL_CALL_CNT` in
 * front of the prologue: tail calls inside a callback fall through.
 */
#include <string.h>
#include <bpfkern/filter.h>
#include "bpf_jit.h"

#define X86_TAIL_CALL_OFFSET 2 /* sizeof "xor eax, eax" at the main entry */
#define JIT_MAX_PASSES 20
#define JIT_EST_INSN_BYTES 64 /* the first pass's guess of forward addresses */
#define JIT_PAGE_SIZE 4096u
#define JIT_IMAGE_HDR 16u /* u32 allocation size, then padding: the image is 16-aligned */

/* Marks kept in addrs[] during the scan, before addrs holds offsets. */
#define MARK_FUNC_START 1u
#define MARK_LDDW_TAIL 2u
#define MARK_CALLBACK 4u /* the target of an lddw BPF_PSEUDO_FUNC */
#define JIT_CB_STUB_BYTES 5 /* mov eax, imm32 */

static bool is_lddw(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

/* The BPF registers insn reads or writes, as a bit mask (r6 for LD_ABS/LD_IND). */
static u16 insn_regs(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code);
	u16 mask = 1u << insn->dst_reg;

	if (cls == BPF_LD)
		return BPF_MODE(insn->code) == BPF_IMM ? mask
						       : 1u << BPF_REG_6 | 1u << insn->src_reg;
	if (cls != BPF_JMP || BPF_OP(insn->code) != BPF_CALL)
		mask |= 1u << insn->src_reg;
	return mask;
}

/* A BPF-to-BPF call or an lddw of a subprogram's address: imm is relative. */
static bool refers_to_func(const struct bpf_insn *insn)
{
	return is_pseudo_call(insn) || (is_lddw(insn) && insn->src_reg == BPF_PSEUDO_FUNC);
}

static bool is_ld_abs_ind(const struct bpf_insn *insn)
{
	u8 mode = BPF_MODE(insn->code);

	return BPF_CLASS(insn->code) == BPF_LD && (mode == BPF_ABS || mode == BPF_IND) &&
	       BPF_SIZE(insn->code) != BPF_DW;
}

/*
 * One linear walk over the program: validates what the JIT relies on
 * (register numbers, lddw pairs, function references), marks function
 * starts and lddw second halves in addrs[], and notes register use, tail
 * calls and legacy packet loads (which read the skb from r6).
 */
static int jit_scan(struct jit_ctx *ctx)
{
	for (u32 i = 0; i < ctx->len; i++) {
		const struct bpf_insn *insn = &ctx->insns[i];
		s64 target = (s64)i + insn->imm + 1;

		if (insn->dst_reg > BPF_REG_AX || insn->src_reg > BPF_REG_AX)
			return -EINVAL;
		if (refers_to_func(insn)) {
			if (target < 0 || target >= ctx->len)
				return -EINVAL;
			ctx->addrs[target] |= MARK_FUNC_START | (is_lddw(insn) ? MARK_CALLBACK : 0);
		}
		if (is_lddw(insn)) {
			if (i + 1 >= ctx->len)
				return -EINVAL;
			ctx->addrs[++i] |= MARK_LDDW_TAIL;
		} else if (is_ld_abs_ind(insn)) {
			ctx->ld_abs = true;
		} else if (BPF_CLASS(insn->code) == BPF_LD) {
			return -EINVAL;
		} else if (insn->code == (BPF_JMP | BPF_TAIL_CALL)) {
			ctx->tail_calls = true;
		}
	}
	return 0;
}

/* The BPF stack size of a function frame, before alignment padding. */
static u32 jit_stack_size(const struct bpf_prog *prog, bool is_main, bool uses_r10)
{
	if (!uses_r10)
		return 0;
	if (is_main && prog->aux && prog->aux->stack_depth)
		return ALIGN(prog->aux->stack_depth, 8u);
	return MAX_BPF_STACK;
}

/*
 * Complete a function once its register use (mask) is known: the
 * callee-saved registers it must save, in push order, and its frame size,
 * padded so that rsp is 16-byte aligned after the prologue.
 */
static void jit_func_finish(const struct jit_ctx *ctx, struct jit_func *f,
			    const struct bpf_prog *prog, u16 mask)
{
	static const u8 callee[] = { BPF_REG_6, BPF_REG_7, BPF_REG_8, BPF_REG_9 };

	for (u32 i = 0; i < ARRAY_SIZE(callee); i++)
		if (mask & (1u << callee[i]))
			f->callee_regs[f->ncallee++] = bpf_jit_reg(callee[i]);
	f->stack = jit_stack_size(prog, f->start == 0, mask & (1u << BPF_REG_10));
	if ((f->stack + 8 * (f->ncallee + ctx->tail_calls)) % 16)
		f->stack += 8;
}

/*
 * Build ctx->funcs from the marks of jit_scan (each function's own
 * callee-saved registers and frame), then turn addrs[] into the first pass's
 * address guesses.
 */
static int jit_layout(struct jit_ctx *ctx, const struct bpf_prog *prog)
{
	u32 nfuncs = 1, k = 0;
	u16 mask = 0;

	for (u32 i = 1; i < ctx->len; i++)
		nfuncs += (ctx->addrs[i] & MARK_FUNC_START) != 0;
	ctx->funcs = kcalloc(nfuncs, sizeof(*ctx->funcs), GFP_KERNEL);
	if (!ctx->funcs)
		return -ENOMEM;
	for (u32 i = 0; i < ctx->len; i++) {
		if (i == 0 || (ctx->addrs[i] & MARK_FUNC_START)) {
			if (ctx->addrs[i] & MARK_LDDW_TAIL)
				return -EINVAL; /* a call into the middle of an lddw */
			if (k)
				jit_func_finish(ctx, &ctx->funcs[k - 1], prog, mask);
			ctx->funcs[k].start = i;
			if (ctx->addrs[i] & MARK_CALLBACK) {
				ctx->funcs[k].callback = true;
				ctx->funcs[k].cb_slot = ctx->ncallbacks++;
			}
			k++;
			mask = 0;
		}
		if (!(ctx->addrs[i] & MARK_LDDW_TAIL))
			mask |= insn_regs(&ctx->insns[i]);
		ctx->addrs[i] = i * JIT_EST_INSN_BYTES;
	}
	jit_func_finish(ctx, &ctx->funcs[k - 1], prog, mask);
	ctx->addrs[ctx->len] = ctx->len * JIT_EST_INSN_BYTES;
	ctx->nfuncs = nfuncs;
	if (ctx->funcs[0].callback)
		return -EINVAL; /* the main entry doubles as the tail-call target: not a callback */
	/* as in Linux, legacy packet loads do not mix with BPF-to-BPF calls */
	return ctx->ld_abs && nfuncs > 1 ? -EOPNOTSUPP : 0;
}

/* Offset of the current function's tail-call counter from rbp. */
static s32 tail_call_cnt_off(const struct jit_ctx *ctx)
{
	return -(s32)(ctx->funcs[ctx->cur_func].stack + 8);
}

/* push rbp; mov rbp, rsp; sub rsp, stack; [push rax]; push callee-saved. */
static void emit_prologue(struct jit_ctx *ctx, bool is_main)
{
	const struct jit_func *f = &ctx->funcs[ctx->cur_func];

	if (is_main)
		jit_emit_alu_rr(ctx, 0x31, false, X86_RAX, X86_RAX); /* tail-call count = 0 */
	jit_emit_push(ctx, X86_RBP);
	jit_emit_mov_reg(ctx, true, X86_RBP, X86_RSP);
	if (f->stack)
		jit_emit_alu_ri(ctx, 5, true, X86_RSP, (s32)f->stack);
	if (ctx->tail_calls)
		jit_emit_push(ctx, X86_RAX);
	for (u32 i = 0; i < f->ncallee; i++)
		jit_emit_push(ctx, f->callee_regs[i]);
}

/* Undo the prologue up to (not including) the return: pops, then leave. */
static void emit_unwind_frame(struct jit_ctx *ctx)
{
	const struct jit_func *f = &ctx->funcs[ctx->cur_func];

	for (u32 i = f->ncallee; i > 0; i--)
		jit_emit_pop(ctx, f->callee_regs[i - 1]);
	jit_emit1(ctx, 0xc9); /* leave */
}

/*
 * The jump that ends instruction i, to instruction t: rel8 when it fits,
 * else rel32 (cc: X86_CC_*). A forward jump measures its distance in the
 * previous pass's layout, from the end of insn i (addrs[i + 1], not yet
 * updated) to t, so that its own size does not count against it; a backward
 * one measures it in this pass. Once converged both are exact.
 */
static void emit_jump(struct jit_ctx *ctx, u8 cc, u32 i, u32 t)
{
	s64 from = ctx->pos + ctx->n, target = ctx->addrs[t];
	s64 rel = target - (from + 2);
	s64 dist = t > i ? target - ctx->addrs[i + 1] : rel;

	if (dist >= -128 && dist <= 127) {
		jit_emit1(ctx, cc == X86_CC_ALWAYS ? 0xeb : 0x70 | cc);
		jit_emit1(ctx, (u8)rel);
	} else if (cc == X86_CC_ALWAYS) {
		jit_emit1(ctx, 0xe9);
		jit_emit_imm32(ctx, (u32)(target - (from + 5)));
	} else {
		jit_emit1(ctx, 0x0f);
		jit_emit1(ctx, 0x80 | cc);
		jit_emit_imm32(ctx, (u32)(target - (from + 6)));
	}
}

/* x86 condition of a BPF conditional jump, or -1. */
static int jmp_cond(u8 op)
{
	switch (op) {
	case BPF_JEQ:
		return X86_CC_E;
	case BPF_JNE:
	case BPF_JSET:
		return X86_CC_NE;
	case BPF_JGT:
		return X86_CC_A;
	case BPF_JGE:
		return X86_CC_AE;
	case BPF_JLT:
		return X86_CC_B;
	case BPF_JLE:
		return X86_CC_BE;
	case BPF_JSGT:
		return X86_CC_G;
	case BPF_JSGE:
		return X86_CC_GE;
	case BPF_JSLT:
		return X86_CC_L;
	case BPF_JSLE:
		return X86_CC_LE;
	}
	return -1;
}

/* The flags for a conditional jump: cmp or test, 32-bit for JMP32. */
static void emit_compare(struct jit_ctx *ctx, const struct bpf_insn *insn, bool is64)
{
	u8 dst = bpf_jit_reg(insn->dst_reg), src = bpf_jit_reg(insn->src_reg);
	bool jset = BPF_OP(insn->code) == BPF_JSET;

	if (BPF_SRC(insn->code) == BPF_X) {
		jit_emit_alu_rr(ctx, jset ? 0x85 : 0x39, is64, dst, src);
	} else if (insn->imm == 0 && !jset) {
		jit_emit_alu_rr(ctx, 0x85, is64, dst, dst); /* same flags as cmp dst, 0 */
	} else if (jset) {
		jit_emit_rex(ctx, is64, 0, dst, false);
		jit_emit1(ctx, 0xf7);
		jit_emit1(ctx, 0xc0 | (dst & 7));
		jit_emit_imm32(ctx, (u32)insn->imm);
	} else {
		jit_emit_alu_ri(ctx, 7, is64, dst, insn->imm);
	}
}

/* JA (16-bit off; JMP32 JA: 32-bit imm) and the conditional jumps. */
static int emit_branch(struct jit_ctx *ctx, const struct bpf_insn *insn, u32 i)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_JMP;
	s64 delta = insn->off, target;
	int cc = X86_CC_ALWAYS;

	if (BPF_OP(insn->code) == BPF_JA) {
		if (!is64)
			delta = insn->imm;
	} else {
		cc = jmp_cond(BPF_OP(insn->code));
		if (cc < 0)
			return -EINVAL;
	}
	target = (s64)i + delta + 1;
	if (target < 0 || target >= ctx->len)
		return -EINVAL;
	if (cc != X86_CC_ALWAYS)
		emit_compare(ctx, insn, is64);
	else if (delta == 0)
		return 0;
	emit_jump(ctx, (u8)cc, i, (u32)target);
	return 0;
}

/*
 * call to an absolute address: `call rel32` when the whole image is within
 * reach of it (decided once per image, so sizes never grow), otherwise
 * movabs r11, addr; call r11. Before the image exists the long form is assumed.
 */
static void emit_call_abs(struct jit_ctx *ctx, u64 addr)
{
	u64 base = (u64)(uintptr_t)ctx->image;
	u64 dist = addr > base ? addr - base : base - addr;

	if (ctx->image && dist < 0x7fffffffull - ctx->image_size - JIT_PAGE_SIZE) {
		jit_emit1(ctx, 0xe8);
		jit_emit_imm32(ctx, (u32)(addr - (base + ctx->pos + ctx->n + 4)));
		return;
	}
	jit_emit_mov_imm64(ctx, X86_TMP, addr);
	jit_emit_rex(ctx, false, 0, X86_TMP, false);
	jit_emit1(ctx, 0xff);
	jit_emit1(ctx, 0xd0 | (X86_TMP & 7)); /* call r11 */
}

/* The function whose first instruction is start (binary search over funcs). */
static const struct jit_func *find_func(const struct jit_ctx *ctx, u32 start)
{
	u32 lo = 0, hi = ctx->nfuncs;

	while (lo < hi) {
		u32 mid = (lo + hi) / 2;

		if (ctx->funcs[mid].start == start)
			return &ctx->funcs[mid];
		if (ctx->funcs[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* BPF-to-BPF call: pass the tail-call count in eax, call the callee's prologue. */
static int emit_pseudo_call(struct jit_ctx *ctx, const struct bpf_insn *insn, u32 i)
{
	const struct jit_func *f = find_func(ctx, i + insn->imm + 1);

	if (!f)
		return -EINVAL;
	if (ctx->tail_calls) {
		jit_emit_rex(ctx, false, X86_RAX, X86_RBP, false);
		jit_emit1(ctx, 0x8b);
		jit_emit_mem(ctx, X86_RAX, X86_RBP, tail_call_cnt_off(ctx));
	}
	jit_emit1(ctx, 0xe8);
	jit_emit_imm32(ctx, f->entry - (ctx->pos + ctx->n + 4));
	return 0;
}

/* Helper call: the helper's address is resolved now, from bpf_func_protos[]. */
static int emit_helper_call(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	bpf_helper_fn fn = bpf_helper_func(insn->imm);

	if (!fn)
		return -EINVAL;
	emit_call_abs(ctx, (u64)(uintptr_t)fn);
	return 0;
}

/* mov dst, [base + index * 8 + disp32] (a table lookup). */
static void emit_load_indexed(struct jit_ctx *ctx, u8 dst, u8 base, u8 index, s32 disp)
{
	jit_emit1(ctx, 0x48 | (dst & 8) >> 1 | (index & 8) >> 2 | (base & 8) >> 3);
	jit_emit1(ctx, 0x8b);
	jit_emit1(ctx, 0x80 | (dst & 7) << 3 | 4); /* disp32, SIB follows */
	jit_emit1(ctx, 3 << 6 | (index & 7) << 3 | (base & 7));
	jit_emit_imm32(ctx, (u32)disp);
}

/*
 * callx (an extension outside RFC 9669, as the interpreter implements it):
 * the register dst holds a helper id, whose bpf_func_protos[] entry's func is
 * looked up at run time. An id out of range or without a helper sets r0 = 0
 * and goes on.
 */
static void emit_callx(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u32 bad[2], done;

	jit_emit_mov_reg(ctx, true, X86_TMP, bpf_jit_reg(insn->dst_reg));
	jit_emit_alu_ri(ctx, 7, true, X86_TMP, __BPF_FUNC_MAX_ID);
	bad[0] = jit_emit_jcc8(ctx, X86_CC_AE);
	BUILD_BUG_ON(sizeof(struct bpf_func_proto) % 8 || offsetof(struct bpf_func_proto, func));
	jit_emit_rex(ctx, true, X86_TMP, X86_TMP, false); /* imul tmp, tmp, entry size / 8 */
	jit_emit1(ctx, 0x6b);
	jit_emit1(ctx, 0xc0 | (X86_TMP & 7) << 3 | (X86_TMP & 7));
	jit_emit1(ctx, sizeof(struct bpf_func_proto) / 8);
	jit_emit_mov_imm64(ctx, X86_R10, (u64)(uintptr_t)bpf_func_protos);
	emit_load_indexed(ctx, X86_TMP, X86_R10, X86_TMP, 0); /* the entry's func */
	jit_emit_alu_rr(ctx, 0x85, true, X86_TMP, X86_TMP);
	bad[1] = jit_emit_jcc8(ctx, X86_CC_E);
	jit_emit_rex(ctx, false, 0, X86_TMP, false);
	jit_emit1(ctx, 0xff);
	jit_emit1(ctx, 0xd0 | (X86_TMP & 7)); /* call r11 */
	done = jit_emit_jcc8(ctx, X86_CC_ALWAYS);
	jit_patch_jcc8(ctx, bad[0]);
	jit_patch_jcc8(ctx, bad[1]);
	jit_emit_alu_rr(ctx, 0x31, false, X86_RAX, X86_RAX);
	jit_patch_jcc8(ctx, done);
}

/*
 * bpf_tail_call(ctx, r2 = struct bpf_array *, r3 = index), as Linux:
 * out of range index or MAX_TAIL_CALL_CNT reached or a NULL slot fall
 * through (the count is incremented before the NULL check), and so does a
 * target that is not jited (Linux refuses to mix them in one PROG_ARRAY). Otherwise the
 * frame is unwound and control jumps past the target's count-zeroing xor.
 */
static void emit_tail_call(struct jit_ctx *ctx)
{
	s32 cnt_off = tail_call_cnt_off(ctx);
	u32 out[4];

	jit_emit_mov_reg(ctx, false, X86_RDX, X86_RDX); /* index is a u32 */
	jit_emit_rex(ctx, false, X86_RDX, X86_RSI, false);
	jit_emit1(ctx, 0x3b); /* cmp edx, [rsi + max_entries] */
	jit_emit_mem(ctx, X86_RDX, X86_RSI, offsetof(struct bpf_array, map.max_entries));
	out[0] = jit_emit_jcc8(ctx, X86_CC_AE);
	jit_emit1(ctx, 0x8b); /* mov eax, [rbp + cnt_off] */
	jit_emit_mem(ctx, X86_RAX, X86_RBP, cnt_off);
	jit_emit_alu_ri(ctx, 7, false, X86_RAX, MAX_TAIL_CALL_CNT);
	out[1] = jit_emit_jcc8(ctx, X86_CC_AE);
	jit_emit_alu_ri(ctx, 0, false, X86_RAX, 1);
	jit_emit1(ctx, 0x89); /* mov [rbp + cnt_off], eax */
	jit_emit_mem(ctx, X86_RAX, X86_RBP, cnt_off);
	emit_load_indexed(ctx, X86_TMP, X86_RSI, X86_RDX, offsetof(struct bpf_array, ptrs));
	jit_emit_alu_rr(ctx, 0x85, true, X86_TMP, X86_TMP);
	out[2] = jit_emit_jcc8(ctx, X86_CC_E);
	jit_emit_rex(ctx, true, X86_TMP, X86_TMP, false);
	jit_emit1(ctx, 0x8b); /* mov r11, [r11 + bpf_func] */
	jit_emit_mem(ctx, X86_TMP, X86_TMP, offsetof(struct bpf_prog, bpf_func));
	/* a target left to the interpreter has no image to enter: fall through */
	jit_emit_mov_imm64(ctx, X86_R10, (u64)(uintptr_t)__bpf_prog_run);
	jit_emit_alu_rr(ctx, 0x39, true, X86_TMP, X86_R10);
	out[3] = jit_emit_jcc8(ctx, X86_CC_E);
	emit_unwind_frame(ctx);
	jit_emit_alu_ri(ctx, 0, true, X86_TMP, X86_TAIL_CALL_OFFSET);
	jit_emit_rex(ctx, false, 0, X86_TMP, false);
	jit_emit1(ctx, 0xff);
	jit_emit1(ctx, 0xe0 | (X86_TMP & 7)); /* jmp r11 */
	for (u32 k = 0; k < ARRAY_SIZE(out); k++)
		jit_patch_jcc8(ctx, out[k]);
}

/* Image offset of the first callback slot: after the code of the previous pass, 8-aligned. */
static u32 jit_slots_off(const struct jit_ctx *ctx)
{
	return ALIGN(ctx->addrs[ctx->len], 8u);
}

/*
 * lddw dst, <subprogram>: the address of the subprogram's callback slot
 * (bpf_callback_call calls the entry it holds). Always the 10-byte movabs,
 * so the size does not depend on whether the image exists yet.
 */
static int emit_func_addr(struct jit_ctx *ctx, const struct bpf_insn *insn, u32 i)
{
	const struct jit_func *f = find_func(ctx, i + insn->imm + 1);
	u8 dst = bpf_jit_reg(insn->dst_reg);
	u64 addr = 0;

	if (!f || !f->callback)
		return -EINVAL;
	if (ctx->image)
		addr = (u64)(uintptr_t)ctx->image + jit_slots_off(ctx) + 8 * f->cb_slot;

	jit_emit_rex(ctx, true, 0, dst, false);
	jit_emit1(ctx, 0xb8 | (dst & 7));
	jit_emit_imm32(ctx, (u32)addr);
	jit_emit_imm32(ctx, (u32)(addr >> 32));
	return 0;
}

/*
 * LD_ABS / LD_IND (socket filters): r0 = the 1/2/4 bytes at packet offset
 * imm (+ (u32)src), in network byte order, through bpf_skb_load_pointer on
 * the skb in r6. Outside the packet the program returns 0, as in Linux.
 * r1-r5 are clobbered (a call).
 */
static int emit_ld_abs_ind(struct jit_ctx *ctx, const struct bpf_insn *insn)
{
	u8 size = BPF_SIZE(insn->code);
	u32 fail, done;

	if (BPF_MODE(insn->code) == BPF_IND) {
		jit_emit_mov_reg(ctx, false, X86_RSI, bpf_jit_reg(insn->src_reg));
		if (insn->imm)
			jit_emit_alu_ri(ctx, 0, false, X86_RSI, insn->imm);
	} else {
		jit_emit_mov_imm64(ctx, X86_RSI, (u32)insn->imm);
	}
	jit_emit_mov_reg(ctx, true, X86_RDI, X86_RBX);
	jit_emit_mov_imm64(ctx, X86_RDX, size == BPF_W ? 4 : size == BPF_H ? 2 : 1);
	emit_call_abs(ctx, (u64)(uintptr_t)bpf_skb_load_pointer);
	jit_emit_alu_rr(ctx, 0x85, true, X86_RAX, X86_RAX);
	fail = jit_emit_jcc8(ctx, X86_CC_E);
	if (size == BPF_W) {
		static const u8 load_be32[] = { 0x8b, 0x00, 0x0f, 0xc8 }; /* mov eax,[rax]; bswap */

		for (u32 k = 0; k < sizeof(load_be32); k++)
			jit_emit1(ctx, load_be32[k]);
	} else {
		jit_emit1(ctx, 0x0f); /* movzx eax, byte/word [rax] */
		jit_emit1(ctx, size == BPF_H ? 0xb7 : 0xb6);
		jit_emit1(ctx, 0x00);
		if (size == BPF_H) {
			static const u8 rol8[] = { 0x66, 0xc1, 0xc0, 0x08 }; /* rol ax, 8 */

			for (u32 k = 0; k < sizeof(rol8); k++)
				jit_emit1(ctx, rol8[k]);
		}
	}
	done = jit_emit_jcc8(ctx, X86_CC_ALWAYS);
	jit_patch_jcc8(ctx, fail);
	emit_unwind_frame(ctx); /* r0 is 0 already: return it */
	jit_emit1(ctx, 0xc3);
	jit_patch_jcc8(ctx, done);
	return 0;
}

/* The BPF_JMP / BPF_JMP32 class: branches, calls, tail calls, exit. */
static int emit_jmp_class(struct jit_ctx *ctx, const struct bpf_insn *insn, u32 i)
{
	switch (insn->code) {
	case BPF_JMP | BPF_EXIT:
		emit_unwind_frame(ctx);
		jit_emit1(ctx, 0xc3);
		return 0;
	case BPF_JMP | BPF_CALL:
		if (insn->src_reg == BPF_PSEUDO_CALL)
			return emit_pseudo_call(ctx, insn, i);
		if (insn->src_reg != 0)
			return -EINVAL;
		return emit_helper_call(ctx, insn);
	case BPF_JMP | BPF_CALL | BPF_X:
		emit_callx(ctx, insn);
		return 0;
	case BPF_JMP | BPF_TAIL_CALL:
		emit_tail_call(ctx);
		return 0;
	}
	return emit_branch(ctx, insn, i);
}

/* Emit one instruction into ctx->buf; returns 0 or a negative errno. */
static int emit_insn(struct jit_ctx *ctx, u32 i)
{
	const struct bpf_insn *insn = &ctx->insns[i];

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		return jit_emit_alu(ctx, insn);
	case BPF_LDX:
		return jit_emit_ldx(ctx, insn);
	case BPF_ST:
		return jit_emit_st(ctx, insn);
	case BPF_STX:
		return jit_emit_stx(ctx, insn);
	case BPF_JMP:
	case BPF_JMP32:
		return emit_jmp_class(ctx, insn, i);
	case BPF_LD:
		if (is_ld_abs_ind(insn))
			return emit_ld_abs_ind(ctx, insn);
		if (insn->src_reg == BPF_PSEUDO_FUNC)
			return emit_func_addr(ctx, insn, i);
		jit_emit_mov_imm64(ctx, bpf_jit_reg(insn->dst_reg),
				   (u32)insn->imm | (u64)(u32)insn[1].imm << 32);
		return 0;
	}
	return -EINVAL;
}

/* Store an address for this pass, noting whether it moved since the last. */
static void set_addr(struct jit_ctx *ctx, u32 *slot, u32 value)
{
	if (*slot != value)
		ctx->changed = true;
	*slot = value;
}

/*
 * One pass over the whole program: every instruction is emitted with the
 * addresses of the previous pass for forward targets and of this pass for
 * backward ones; with an image, the bytes are also written. O(len).
 */
static int jit_pass(struct jit_ctx *ctx)
{
	u32 pos = 0;
	int err;

	ctx->cur_func = 0;
	for (u32 i = 0; i < ctx->len; i++) {
		struct jit_func *f = &ctx->funcs[ctx->cur_func];

		ctx->pos = pos;
		ctx->n = 0;
		if (ctx->cur_func + 1 < ctx->nfuncs && f[1].start == i)
			f = &ctx->funcs[++ctx->cur_func];
		if (f->start == i) {
			set_addr(ctx, &f->cb_entry, pos);
			if (f->callback && ctx->tail_calls) { /* mov eax, MAX_TAIL_CALL_CNT */
				jit_emit1(ctx, 0xb8);
				jit_emit_imm32(ctx, MAX_TAIL_CALL_CNT);
			}
			set_addr(ctx, &f->entry, pos + ctx->n);
			emit_prologue(ctx, i == 0);
		}
		set_addr(ctx, &ctx->addrs[i], pos + ctx->n);
		err = emit_insn(ctx, i);
		if (err)
			return err;
		if (ctx->image) {
			if (pos + ctx->n > ctx->image_size)
				return -EFAULT; /* grew after allocation: give up */
			memcpy(ctx->image + pos, ctx->buf, ctx->n);
		}
		pos += ctx->n;
		if (is_lddw(&ctx->insns[i]))
			set_addr(ctx, &ctx->addrs[++i], pos);
	}
	set_addr(ctx, &ctx->addrs[ctx->len], pos);
	return 0;
}

/*
 * The allocation holds a small header (its own size, for bpf_jit_free)
 * followed by the image; everything after the header starts as int3.
 */
static int jit_alloc_image(struct jit_ctx *ctx, u32 code_len)
{
	u32 slots = ctx->ncallbacks * 8;
	u32 size = ALIGN(ALIGN(code_len, 8u) + slots + JIT_IMAGE_HDR, JIT_PAGE_SIZE);
	u8 *mem = bpf_jit_alloc_exec(size);

	if (!mem)
		return -ENOMEM;
	*(u32 *)mem = size;
	memset(mem + sizeof(u32), 0xcc, size - sizeof(u32));
	ctx->image = mem + JIT_IMAGE_HDR;
	ctx->image_size = size - JIT_IMAGE_HDR;
	return 0;
}

/*
 * Iterate passes until no address moves, allocate the RW image, and iterate
 * again writing it until stable (call forms may shrink once the image's
 * address is known). Fails with -E2BIG if it does not converge.
 */
static int jit_converge(struct jit_ctx *ctx)
{
	for (int pass = 0; pass < JIT_MAX_PASSES; pass++) {
		int err;

		ctx->changed = false;
		err = jit_pass(ctx);
		if (err)
			return err;
		if (ctx->changed || pass == 0)
			continue;
		if (ctx->image)
			return 0;
		err = jit_alloc_image(ctx, ctx->addrs[ctx->len]);
		if (err)
			return err;
	}
	return -E2BIG;
}

/*
 * Each callback slot gets its function's callback entry (the image is still
 * RW). -EFAULT if the slots do not fit after the code.
 */
static int jit_fill_slots(struct jit_ctx *ctx)
{
	u64 *slots = (u64 *)(ctx->image + jit_slots_off(ctx));

	if (jit_slots_off(ctx) + 8 * ctx->ncallbacks > ctx->image_size)
		return -EFAULT;
	for (u32 k = 0; k < ctx->nfuncs; k++)
		if (ctx->funcs[k].callback)
			slots[ctx->funcs[k].cb_slot] =
				(u64)(uintptr_t)ctx->image + ctx->funcs[k].cb_entry;
	return 0;
}

/* Compile insns[0 .. len) into ctx->image; on failure the image is freed. */
static int jit_compile(struct jit_ctx *ctx, const struct bpf_prog *prog)
{
	int err;

	ctx->addrs = kvzalloc(((size_t)ctx->len + 1) * sizeof(u32), GFP_KERNEL);
	if (!ctx->addrs)
		return -ENOMEM;
	err = jit_scan(ctx);
	if (!err)
		err = jit_layout(ctx, prog);
	if (!err)
		err = jit_converge(ctx);
	if (!err) {
		u32 len = ctx->addrs[ctx->len];

		memset(ctx->image + len, 0xcc, ctx->image_size - len); /* int3 slack */
		err = jit_fill_slots(ctx);
		err = err
			      ?: bpf_jit_protect_exec(ctx->image - JIT_IMAGE_HDR,
						      ctx->image_size + JIT_IMAGE_HDR);
	}
	if (err && ctx->image)
		bpf_jit_free_exec(ctx->image - JIT_IMAGE_HDR, ctx->image_size + JIT_IMAGE_HDR);
	kfree(ctx->funcs);
	return err;
}

/*
 * Compile prog to x86-64. On success prog->bpf_func is the RX image and
 * prog->jited is set; on any failure prog is returned untouched and the
 * caller (bpf_prog_select_runtime) keeps the interpreter. When
 * prog->blinding_requested, immediates are blinded first (kernel/bpf/blind.c).
 * The image's entry leaves rsi, rdx, rcx, r8 (BPF r2-r5) as the caller passed them.
 */
struct bpf_prog *bpf_int_jit_compile(struct bpf_prog *prog)
{
	struct jit_ctx *ctx;
	struct bpf_insn *blinded = NULL;
	u32 len = prog->len;
	int err;

	if (prog->jited || !prog->len)
		return prog;
	if (prog->blinding_requested &&
	    bpf_jit_blind_constants(prog->insnsi, prog->len, &blinded, &len))
		return prog;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (ctx) {
		ctx->insns = blinded ? blinded : prog->insnsi;
		ctx->len = len;
		err = jit_compile(ctx, prog);
		if (!err) {
			prog->bpf_func = (void *)ctx->image;
			prog->jited_len = ctx->addrs[ctx->len];
			prog->jited = 1;
			prog->blinded = blinded != NULL;
		}
		kvfree(ctx->addrs);
		kfree(ctx);
	}
	kvfree(blinded);
	return prog;
}

/* Release a jited program's image (no-op for an interpreted one). */
void bpf_jit_free(struct bpf_prog *prog)
{
	u8 *mem;

	if (!prog->jited)
		return;
	mem = (u8 *)(uintptr_t)prog->bpf_func - JIT_IMAGE_HDR;
	bpf_jit_free_exec(mem, *(u32 *)mem);
	prog->jited = 0;
	prog->bpf_func = NULL;
}
