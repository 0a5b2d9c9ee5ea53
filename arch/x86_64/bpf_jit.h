/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interface between the two halves of the x86-64 BPF JIT:
 * bpf_jit.c drives the passes and emits control flow (prologue, epilogue,
 * jumps, calls, tail calls); bpf_jit_emit.c encodes x86 instructions and the
 * straight-line BPF instructions (ALU, loads, stores, atomics).
 */
#ifndef ARCH_X86_64_BPF_JIT_H
#define ARCH_X86_64_BPF_JIT_H

#include <bpfkern/bpf.h>

/* x86-64 register numbers as the ModRM/REX encoding uses them. */
enum {
	X86_RAX = 0,
	X86_RCX = 1,
	X86_RDX = 2,
	X86_RBX = 3,
	X86_RSP = 4,
	X86_RBP = 5,
	X86_RSI = 6,
	X86_RDI = 7,
	X86_R8 = 8,
	X86_R10 = 10,
	X86_R11 = 11,
	X86_R13 = 13,
	X86_R14 = 14,
	X86_R15 = 15,
};

/* The JIT's scratch register: never a BPF register, clobbered freely. */
#define X86_TMP X86_R11

/* Condition-code nibbles of jcc (0x70 | cc, 0x0f 0x80 | cc). */
enum {
	X86_CC_B = 0x2,
	X86_CC_AE = 0x3,
	X86_CC_E = 0x4,
	X86_CC_NE = 0x5,
	X86_CC_BE = 0x6,
	X86_CC_A = 0x7,
	X86_CC_L = 0xc,
	X86_CC_GE = 0xd,
	X86_CC_LE = 0xe,
	X86_CC_G = 0xf,
	X86_CC_ALWAYS = 0x10, /* not a real condition: an unconditional jmp */
};

/* Upper bound of the bytes one BPF instruction (with a prologue) emits. */
#define JIT_MAX_INSN_BYTES 160

/* One function of the image: the main program or a BPF-to-BPF subprogram. */
struct jit_func {
	u32 start; /* index of its first instruction */
	u32 entry; /* image offset of its prologue */
	u32 cb_entry; /* image offset of its callback entry (entry, or a stub just before) */
	u32 cb_slot; /* index of its callback slot, if callback */
	bool callback; /* named by an lddw BPF_PSEUDO_FUNC: has a callback slot */
	u32 stack; /* bytes below rbp: BPF stack plus alignment padding */
	u8 callee_regs[4]; /* callee-saved x86 registers it uses, in push order */
	u8 ncallee;
};

/*
 * The state of one compilation. A pass walks every instruction once, emitting
 * each into buf and (in the last passes) copying it into image at pos.
 */
struct jit_ctx {
	const struct bpf_insn *insns;
	u32 len;
	u32 *addrs; /* addrs[i]: offset of insn i's code (after a prologue); addrs[len] = end */
	struct jit_func *funcs;
	u32 nfuncs;
	u32 ncallbacks; /* functions with a callback slot */
	u32 cur_func; /* the function the current instruction belongs to */
	bool tail_calls; /* the program contains BPF_TAIL_CALL: frames keep a counter */
	bool ld_abs; /* the program contains LD_ABS/LD_IND */
	bool changed; /* some address moved during this pass */
	u8 *image; /* NULL while sizing */
	u32 image_size;
	u32 pos; /* image offset where the current instruction starts */
	u32 n; /* bytes of the current instruction in buf */
	u8 buf[JIT_MAX_INSN_BYTES];
};

/* Map a BPF register (r0-r10, BPF_REG_AX) to its x86 register. */
u8 bpf_jit_reg(u8 bpf_reg);

/* Encoding primitives (bpf_jit_emit.c). */
void jit_emit1(struct jit_ctx *ctx, u8 b);
void jit_emit_imm32(struct jit_ctx *ctx, u32 imm);
void jit_emit_rex(struct jit_ctx *ctx, bool w, u8 reg, u8 rm, bool force);
void jit_emit_mov_reg(struct jit_ctx *ctx, bool is64, u8 dst, u8 src);
void jit_emit_mov_imm64(struct jit_ctx *ctx, u8 dst, u64 imm);
void jit_emit_alu_rr(struct jit_ctx *ctx, u8 opcode, bool is64, u8 dst, u8 src);
void jit_emit_alu_ri(struct jit_ctx *ctx, u8 ext, bool is64, u8 dst, s32 imm);
void jit_emit_mem(struct jit_ctx *ctx, u8 reg, u8 base, s32 off);
void jit_emit_push(struct jit_ctx *ctx, u8 reg);
void jit_emit_pop(struct jit_ctx *ctx, u8 reg);
u32 jit_emit_jcc8(struct jit_ctx *ctx, u8 cc);
void jit_patch_jcc8(struct jit_ctx *ctx, u32 at);

/* Straight-line instruction classes (bpf_jit_emit.c); return 0 or -EINVAL. */
int jit_emit_alu(struct jit_ctx *ctx, const struct bpf_insn *insn);
int jit_emit_ldx(struct jit_ctx *ctx, const struct bpf_insn *insn);
int jit_emit_st(struct jit_ctx *ctx, const struct bpf_insn *insn);
int jit_emit_stx(struct jit_ctx *ctx, const struct bpf_insn *insn);

#endif
