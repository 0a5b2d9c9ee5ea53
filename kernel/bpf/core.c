// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF core (Linux: kernel/bpf/core.c): program allocation, runtime
 * selection (JIT or interpreter) and the interpreter itself.
 *
 * The interpreter is one function, ___bpf_prog_run(), that dispatches with
 * computed gotos through a 256-entry table indexed by the opcode byte, as
 * Linux's does: every handler ends with "goto *jumptable[next opcode]", so
 * there is no loop, no switch bounds check and one indirect branch per
 * instruction, which the CPU predicts per handler.
 *
 * Semantics are RFC 9669 plus Linux's choices where the RFC leaves room:
 * x / 0 = 0, x % 0 = x (32-bit: the zero-extended low half), shift counts
 * masked to the operand width, INT_MIN / -1 = INT_MIN and INT_MIN % -1 = 0
 * (what Linux's verifier rewrites these to), 32-bit results zero-extended.
 *
 * Calls between BPF functions keep a small frame stack inside the
 * interpreter (no C recursion): each callee gets its own 512-byte stack just
 * below its caller's, and r6-r9 and r10 are restored on return. Helper calls
 * go through bpf_func_protos[imm].func; tail calls (the internal BPF_TAIL_CALL
 * opcode the load path substitutes for bpf_tail_call) swap the instruction
 * stream in place, at most MAX_TAIL_CALL_CNT times per run.
 *
 * Callbacks (bpf_loop, bpf_for_each_map_elem: kernel/bpf/bpf_iter.c) are the
 * one way back from C into a running program: bpf_callback_call() below
 * calls a JIT'd subprogram natively, or runs the interpreter again from the
 * subprogram's first instruction as the next frame of the run whose helper
 * call is in progress (docs/jit.md, "Callbacks").
 */
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>
#include <bpfkern/percpu.h>

/* Named registers of the interpreter's register file. */
#define BPF_R0 regs[BPF_REG_0]
#define BPF_R1 regs[BPF_REG_1]
#define BPF_R2 regs[BPF_REG_2]
#define BPF_R3 regs[BPF_REG_3]
#define BPF_R4 regs[BPF_REG_4]
#define BPF_R5 regs[BPF_REG_5]
#define BPF_FP regs[BPF_REG_10]
#define DST regs[insn->dst_reg]
#define SRC regs[insn->src_reg]
#define CTX regs[BPF_REG_6] /* LD_ABS/LD_IND read the skb in r6 */
#define OFF insn->off
#define IMM insn->imm

/* One BPF-to-BPF call in progress: what the return restores. */
struct bpf_call_frame {
	const struct bpf_insn *ret; /* the call instruction */
	u64 callee_saved[4]; /* the caller's r6-r9 */
};

/*
 * One activation of ___bpf_prog_run on the C stack: its register file and
 * its BPF-to-BPF frames. A program's run is one activation; each callback
 * the interpreter runs while a helper of that run is in progress is another,
 * nested, whose frames continue the outer one's in the same BPF stack.
 */
struct bpf_interp_state {
	u64 regs[MAX_BPF_EXT_REG];
	struct bpf_call_frame frames[MAX_CALL_FRAMES - 1];
	u64 stack_hi; /* top of the whole BPF stack (the outermost frame's r10) */
	u32 frame_base; /* frames the outer activations hold: this one starts at the next */
	u32 depth; /* BPF-to-BPF calls in progress here, published at each helper call */
	u32 tail_call_cnt; /* where this activation's count starts */
};

/* The BPF stack of a whole run: MAX_CALL_FRAMES frames of MAX_BPF_STACK bytes. */
#define BPF_INTERP_STACK_WORDS (MAX_CALL_FRAMES * MAX_BPF_STACK / sizeof(u64))

/*
 * The activation whose helper call is in progress on each CPU, if any: what
 * a callback of the interpreter continues. Set around every helper call and
 * restored after it, so runs nested by interrupts or callbacks unwind it.
 */
static struct bpf_interp_state *bpf_interp_current[NR_CPUS];

/*
 * The soundness harness (tests/fuzz/soundness.c) builds this file with
 * BPF_CHECKED_MEM: each program load, store and atomic is first checked
 * against the memory the run may touch (the current frame and its callers'
 * frames are [frame_lo, stack_hi)). Normal builds: nothing, at no cost.
 */
#ifdef BPF_CHECKED_MEM
void bpf_mem_check(u64 addr, u32 size, bool write, u64 frame_lo, u64 stack_hi);
#define BPF_MEM_CHECK(addr, size, write) \
	bpf_mem_check((addr), (size), (write), BPF_FP - MAX_BPF_STACK, st->stack_hi)
#else
#define BPF_MEM_CHECK(addr, size, write) ((void)0)
#endif

/* Loads and stores of any alignment: the program decides where it points. */
#define LOAD(type, addr)                                                              \
	({                                                                            \
		type __v;                                                             \
		__builtin_memcpy(&__v, (const void *)(uintptr_t)(addr), sizeof(__v)); \
		__v;                                                                  \
	})
#define STORE(type, addr, val)                                                  \
	do {                                                                    \
		type __v = (type)(val);                                         \
		__builtin_memcpy((void *)(uintptr_t)(addr), &__v, sizeof(__v)); \
	} while (0)

static inline u64 bpf_div64(u64 a, u64 b)
{
	return b ? a / b : 0;
}

static inline u64 bpf_mod64(u64 a, u64 b)
{
	return b ? a % b : a;
}

static inline u32 bpf_div32(u32 a, u32 b)
{
	return b ? a / b : 0;
}

static inline u32 bpf_mod32(u32 a, u32 b)
{
	return b ? a % b : a;
}

/* Signed division as Linux: by 0 gives 0, by -1 negates (no overflow trap). */
static inline u64 bpf_sdiv64(s64 a, s64 b)
{
	if (b == 0)
		return 0;
	if (b == -1)
		return -(u64)a;
	return (u64)(a / b);
}

/* Signed modulo as Linux: by 0 leaves a, by -1 gives 0; the sign follows a. */
static inline u64 bpf_smod64(s64 a, s64 b)
{
	if (b == 0)
		return (u64)a;
	if (b == -1)
		return 0;
	return (u64)(a % b);
}

static inline u32 bpf_sdiv32(s32 a, s32 b)
{
	if (b == 0)
		return 0;
	if (b == -1)
		return -(u32)a;
	return (u32)(a / b);
}

static inline u32 bpf_smod32(s32 a, s32 b)
{
	if (b == 0)
		return (u32)a;
	if (b == -1)
		return 0;
	return (u32)(a % b);
}

/*
 * The atomic read-modify-write of BPF_STX | BPF_ATOMIC on the word at addr
 * (32 or 64 bits wide: T). Updates regs as the instruction defines: src
 * gets the old value for the FETCH forms and xchg, r0 for cmpxchg. Returns
 * false for an op the ISA does not define (the load path rejects those).
 */
#define DEFINE_BPF_ATOMIC(name, T)                                                       \
	static inline bool name(u64 *regs, const struct bpf_insn *insn)                  \
	{                                                                                \
		T *p = (T *)(uintptr_t)(DST + OFF);                                      \
		T v = (T)SRC, old;                                                       \
		switch (IMM) {                                                           \
		case BPF_ADD:                                                            \
		case BPF_ADD | BPF_FETCH:                                                \
			old = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                \
			break;                                                           \
		case BPF_OR:                                                             \
		case BPF_OR | BPF_FETCH:                                                 \
			old = __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                 \
			break;                                                           \
		case BPF_AND:                                                            \
		case BPF_AND | BPF_FETCH:                                                \
			old = __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);                \
			break;                                                           \
		case BPF_XOR:                                                            \
		case BPF_XOR | BPF_FETCH:                                                \
			old = __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);                \
			break;                                                           \
		case BPF_XCHG:                                                           \
			old = __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);               \
			break;                                                           \
		case BPF_CMPXCHG:                                                        \
			old = (T)BPF_R0;                                                 \
			__atomic_compare_exchange_n(p, &old, v, false, __ATOMIC_SEQ_CST, \
						    __ATOMIC_SEQ_CST);                   \
			BPF_R0 = old;                                                    \
			return true;                                                     \
		default:                                                                 \
			return false;                                                    \
		}                                                                        \
		if (IMM & BPF_FETCH)                                                     \
			SRC = old;                                                       \
		return true;                                                             \
	}

DEFINE_BPF_ATOMIC(bpf_atomic32, u32)
DEFINE_BPF_ATOMIC(bpf_atomic64, u64)

/*
 * The jump table's entries, one per opcode the interpreter implements, as
 * X(label, opcode). Anything else lands on default_label.
 */
#define BPF_ALU_OPS(X, CLS, SFX)                      \
	X(CLS##_ADD_X, BPF_##CLS | BPF_ADD | BPF_X)   \
	X(CLS##_ADD_K, BPF_##CLS | BPF_ADD | BPF_K)   \
	X(CLS##_SUB_X, BPF_##CLS | BPF_SUB | BPF_X)   \
	X(CLS##_SUB_K, BPF_##CLS | BPF_SUB | BPF_K)   \
	X(CLS##_AND_X, BPF_##CLS | BPF_AND | BPF_X)   \
	X(CLS##_AND_K, BPF_##CLS | BPF_AND | BPF_K)   \
	X(CLS##_OR_X, BPF_##CLS | BPF_OR | BPF_X)     \
	X(CLS##_OR_K, BPF_##CLS | BPF_OR | BPF_K)     \
	X(CLS##_XOR_X, BPF_##CLS | BPF_XOR | BPF_X)   \
	X(CLS##_XOR_K, BPF_##CLS | BPF_XOR | BPF_K)   \
	X(CLS##_MUL_X, BPF_##CLS | BPF_MUL | BPF_X)   \
	X(CLS##_MUL_K, BPF_##CLS | BPF_MUL | BPF_K)   \
	X(CLS##_LSH_X, BPF_##CLS | BPF_LSH | BPF_X)   \
	X(CLS##_LSH_K, BPF_##CLS | BPF_LSH | BPF_K)   \
	X(CLS##_RSH_X, BPF_##CLS | BPF_RSH | BPF_X)   \
	X(CLS##_RSH_K, BPF_##CLS | BPF_RSH | BPF_K)   \
	X(CLS##_ARSH_X, BPF_##CLS | BPF_ARSH | BPF_X) \
	X(CLS##_ARSH_K, BPF_##CLS | BPF_ARSH | BPF_K) \
	X(CLS##_DIV_X, BPF_##CLS | BPF_DIV | BPF_X)   \
	X(CLS##_DIV_K, BPF_##CLS | BPF_DIV | BPF_K)   \
	X(CLS##_MOD_X, BPF_##CLS | BPF_MOD | BPF_X)   \
	X(CLS##_MOD_K, BPF_##CLS | BPF_MOD | BPF_K)   \
	X(CLS##_MOV_X, BPF_##CLS | BPF_MOV | BPF_X)   \
	X(CLS##_MOV_K, BPF_##CLS | BPF_MOV | BPF_K)   \
	X(CLS##_NEG, BPF_##CLS | BPF_NEG)

#define BPF_JMP_OPS(X, CLS)                           \
	X(CLS##_JEQ_X, BPF_##CLS | BPF_JEQ | BPF_X)   \
	X(CLS##_JEQ_K, BPF_##CLS | BPF_JEQ | BPF_K)   \
	X(CLS##_JNE_X, BPF_##CLS | BPF_JNE | BPF_X)   \
	X(CLS##_JNE_K, BPF_##CLS | BPF_JNE | BPF_K)   \
	X(CLS##_JGT_X, BPF_##CLS | BPF_JGT | BPF_X)   \
	X(CLS##_JGT_K, BPF_##CLS | BPF_JGT | BPF_K)   \
	X(CLS##_JGE_X, BPF_##CLS | BPF_JGE | BPF_X)   \
	X(CLS##_JGE_K, BPF_##CLS | BPF_JGE | BPF_K)   \
	X(CLS##_JLT_X, BPF_##CLS | BPF_JLT | BPF_X)   \
	X(CLS##_JLT_K, BPF_##CLS | BPF_JLT | BPF_K)   \
	X(CLS##_JLE_X, BPF_##CLS | BPF_JLE | BPF_X)   \
	X(CLS##_JLE_K, BPF_##CLS | BPF_JLE | BPF_K)   \
	X(CLS##_JSGT_X, BPF_##CLS | BPF_JSGT | BPF_X) \
	X(CLS##_JSGT_K, BPF_##CLS | BPF_JSGT | BPF_K) \
	X(CLS##_JSGE_X, BPF_##CLS | BPF_JSGE | BPF_X) \
	X(CLS##_JSGE_K, BPF_##CLS | BPF_JSGE | BPF_K) \
	X(CLS##_JSLT_X, BPF_##CLS | BPF_JSLT | BPF_X) \
	X(CLS##_JSLT_K, BPF_##CLS | BPF_JSLT | BPF_K) \
	X(CLS##_JSLE_X, BPF_##CLS | BPF_JSLE | BPF_X) \
	X(CLS##_JSLE_K, BPF_##CLS | BPF_JSLE | BPF_K) \
	X(CLS##_JSET_X, BPF_##CLS | BPF_JSET | BPF_X) \
	X(CLS##_JSET_K, BPF_##CLS | BPF_JSET | BPF_K) \
	X(CLS##_JA, BPF_##CLS | BPF_JA)

#define BPF_MEM_OPS(X)                                  \
	X(LDX_MEM_B, BPF_LDX | BPF_MEM | BPF_B)         \
	X(LDX_MEM_H, BPF_LDX | BPF_MEM | BPF_H)         \
	X(LDX_MEM_W, BPF_LDX | BPF_MEM | BPF_W)         \
	X(LDX_MEM_DW, BPF_LDX | BPF_MEM | BPF_DW)       \
	X(LDX_MEMSX_B, BPF_LDX | BPF_MEMSX | BPF_B)     \
	X(LDX_MEMSX_H, BPF_LDX | BPF_MEMSX | BPF_H)     \
	X(LDX_MEMSX_W, BPF_LDX | BPF_MEMSX | BPF_W)     \
	X(ST_MEM_B, BPF_ST | BPF_MEM | BPF_B)           \
	X(ST_MEM_H, BPF_ST | BPF_MEM | BPF_H)           \
	X(ST_MEM_W, BPF_ST | BPF_MEM | BPF_W)           \
	X(ST_MEM_DW, BPF_ST | BPF_MEM | BPF_DW)         \
	X(STX_MEM_B, BPF_STX | BPF_MEM | BPF_B)         \
	X(STX_MEM_H, BPF_STX | BPF_MEM | BPF_H)         \
	X(STX_MEM_W, BPF_STX | BPF_MEM | BPF_W)         \
	X(STX_MEM_DW, BPF_STX | BPF_MEM | BPF_DW)       \
	X(STX_ATOMIC_W, BPF_STX | BPF_ATOMIC | BPF_W)   \
	X(STX_ATOMIC_DW, BPF_STX | BPF_ATOMIC | BPF_DW) \
	X(LD_IMM_DW, BPF_LD | BPF_IMM | BPF_DW)         \
	X(LD_ABS_B, BPF_LD | BPF_ABS | BPF_B)           \
	X(LD_ABS_H, BPF_LD | BPF_ABS | BPF_H)           \
	X(LD_ABS_W, BPF_LD | BPF_ABS | BPF_W)           \
	X(LD_IND_B, BPF_LD | BPF_IND | BPF_B)           \
	X(LD_IND_H, BPF_LD | BPF_IND | BPF_H)           \
	X(LD_IND_W, BPF_LD | BPF_IND | BPF_W)

#define BPF_MISC_OPS(X)                                     \
	X(ALU_END_TO_LE, BPF_ALU | BPF_END | BPF_TO_LE)     \
	X(ALU_END_TO_BE, BPF_ALU | BPF_END | BPF_TO_BE)     \
	X(ALU64_END_TO_LE, BPF_ALU64 | BPF_END | BPF_TO_LE) \
	X(JMP_CALL, BPF_JMP | BPF_CALL)                     \
	X(JMP_CALLX, BPF_JMP | BPF_CALL | BPF_X)            \
	X(JMP_TAIL_CALL, BPF_JMP | BPF_TAIL_CALL)           \
	X(JMP_EXIT, BPF_JMP | BPF_EXIT)

#define BPF_INSN_TABLE(X)         \
	BPF_ALU_OPS(X, ALU, 32)   \
	BPF_ALU_OPS(X, ALU64, 64) \
	BPF_JMP_OPS(X, JMP)       \
	BPF_JMP_OPS(X, JMP32)     \
	BPF_MEM_OPS(X)            \
	BPF_MISC_OPS(X)

#define BPF_OPCODE_VALID(label, code) [code] = true,
/* Which opcode bytes the interpreter (and so the ISA) defines. */
static const bool bpf_opcode_defined[256] = { BPF_INSN_TABLE(BPF_OPCODE_VALID) };

bool bpf_opcode_in_insntable(u8 code)
{
	return bpf_opcode_defined[code];
}

/*
 * Calls helper fn with st's r1-r5, st being the current activation for the
 * length of the call (at BPF-to-BPF depth depth): a callback the helper calls
 * back into continues st's stack below its current frame.
 */
static inline u64 bpf_interp_call_helper(struct bpf_interp_state *st, u32 depth, bpf_helper_fn fn)
{
	struct bpf_interp_state **cur = &bpf_interp_current[smp_processor_id()];
	struct bpf_interp_state *outer = *cur;
	u64 *regs = st->regs;
	u64 r0;

	st->depth = depth;
	*cur = st;
	r0 = fn(BPF_R1, BPF_R2, BPF_R3, BPF_R4, BPF_R5);
	*cur = outer;
	return r0;
}

/*
 * Runs the program (or callback) whose first instruction is insn over the
 * register file st->regs (r1..r5 and r10 set by the caller; r10 points at
 * the top of this activation's first frame). Returns r0 at the final exit,
 * or 0 when the program stops early (LD_ABS out of bounds, a bad call
 * target, calls deeper than MAX_CALL_FRAMES).
 */
static u64 ___bpf_prog_run(struct bpf_interp_state *st, const struct bpf_insn *insn)
{
#define BPF_JUMP_LABEL(label, code) [code] = &&label,
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const jumptable[256] = { [0 ... 255] = &&default_label,
						    BPF_INSN_TABLE(BPF_JUMP_LABEL) };
#pragma GCC diagnostic pop
	u64 *regs = st->regs;
	u32 tail_call_cnt = st->tail_call_cnt;
	u32 depth = 0;
	const u8 *ptr;
	u32 k;

#define CONT                      \
	({                        \
		insn++;           \
		goto select_insn; \
	})
#define CONT_JMP                  \
	({                        \
		insn++;           \
		goto select_insn; \
	})

select_insn:
	goto *jumptable[insn->code];

	/* ALU: 32-bit results are zero-extended into the 64-bit register. */
#define ALU(OPCODE, OP)                                  \
	ALU64_##OPCODE##_X : DST = DST OP SRC;           \
	CONT;                                            \
	ALU_##OPCODE##_X : DST = (u32)DST OP(u32) SRC;   \
	CONT;                                            \
	ALU64_##OPCODE##_K : DST = DST OP(u64)(s64) IMM; \
	CONT;                                            \
	ALU_##OPCODE##_K : DST = (u32)DST OP(u32) IMM;   \
	CONT;
	ALU(ADD, +)
	ALU(SUB, -)
	ALU(AND, &)
	ALU(OR, |)
	ALU(XOR, ^)
	ALU(MUL, *)
#undef ALU
ALU64_LSH_X:
	DST = DST << (SRC & 63);
	CONT;
ALU_LSH_X:
	DST = (u32)((u32)DST << (SRC & 31));
	CONT;
ALU64_LSH_K:
	DST = DST << (IMM & 63);
	CONT;
ALU_LSH_K:
	DST = (u32)((u32)DST << (IMM & 31));
	CONT;
ALU64_RSH_X:
	DST = DST >> (SRC & 63);
	CONT;
ALU_RSH_X:
	DST = (u32)DST >> (SRC & 31);
	CONT;
ALU64_RSH_K:
	DST = DST >> (IMM & 63);
	CONT;
ALU_RSH_K:
	DST = (u32)DST >> (IMM & 31);
	CONT;
ALU64_ARSH_X:
	DST = (u64)((s64)DST >> (SRC & 63));
	CONT;
ALU_ARSH_X:
	DST = (u32)((s32)DST >> (SRC & 31));
	CONT;
ALU64_ARSH_K:
	DST = (u64)((s64)DST >> (IMM & 63));
	CONT;
ALU_ARSH_K:
	DST = (u32)((s32)DST >> (IMM & 31));
	CONT;
ALU64_NEG:
	DST = -DST;
	CONT;
ALU_NEG:
	DST = (u32)-DST;
	CONT;
ALU64_MOV_X:
	switch (OFF) {
	case 8:
		DST = (u64)(s64)(s8)SRC;
		break;
	case 16:
		DST = (u64)(s64)(s16)SRC;
		break;
	case 32:
		DST = (u64)(s64)(s32)SRC;
		break;
	default:
		DST = SRC;
	}
	CONT;
ALU_MOV_X:
	switch (OFF) {
	case 8:
		DST = (u32)(s32)(s8)SRC;
		break;
	case 16:
		DST = (u32)(s32)(s16)SRC;
		break;
	default:
		DST = (u32)SRC;
	}
	CONT;
ALU64_MOV_K:
	DST = (u64)(s64)IMM;
	CONT;
ALU_MOV_K:
	DST = (u32)IMM;
	CONT;
	/* off = 1 selects the signed forms (sdiv, smod). */
ALU64_DIV_X:
	DST = OFF ? bpf_sdiv64(DST, SRC) : bpf_div64(DST, SRC);
	CONT;
ALU_DIV_X:
	DST = OFF ? bpf_sdiv32(DST, SRC) : bpf_div32(DST, SRC);
	CONT;
ALU64_DIV_K:
	DST = OFF ? bpf_sdiv64(DST, IMM) : bpf_div64(DST, (u64)(s64)IMM);
	CONT;
ALU_DIV_K:
	DST = OFF ? bpf_sdiv32(DST, IMM) : bpf_div32(DST, IMM);
	CONT;
ALU64_MOD_X:
	DST = OFF ? bpf_smod64(DST, SRC) : bpf_mod64(DST, SRC);
	CONT;
ALU_MOD_X:
	DST = OFF ? bpf_smod32(DST, SRC) : bpf_mod32(DST, SRC);
	CONT;
ALU64_MOD_K:
	DST = OFF ? bpf_smod64(DST, IMM) : bpf_mod64(DST, (u64)(s64)IMM);
	CONT;
ALU_MOD_K:
	DST = OFF ? bpf_smod32(DST, IMM) : bpf_mod32(DST, IMM);
	CONT;
	/* Byte order: imm is the width (16, 32, 64); the host is little-endian. */
ALU_END_TO_BE:
	switch (IMM) {
	case 16:
		DST = __builtin_bswap16((u16)DST);
		break;
	case 32:
		DST = __builtin_bswap32((u32)DST);
		break;
	default:
		DST = __builtin_bswap64(DST);
	}
	CONT;
ALU_END_TO_LE:
	switch (IMM) {
	case 16:
		DST = (u16)DST;
		break;
	case 32:
		DST = (u32)DST;
		break;
	}
	CONT;
ALU64_END_TO_LE: /* bswap16/32/64: unconditional swap */
	switch (IMM) {
	case 16:
		DST = __builtin_bswap16((u16)DST);
		break;
	case 32:
		DST = __builtin_bswap32((u32)DST);
		break;
	default:
		DST = __builtin_bswap64(DST);
	}
	CONT;

	/* Jumps. JMP compares 64 bits, JMP32 the low 32. */
#define COND_JMP(SIGN, OPCODE, CMP_OP)                                  \
	JMP_##OPCODE##_X : if ((SIGN##64)DST CMP_OP(SIGN##64) SRC)      \
	{                                                               \
		insn += insn->off;                                      \
	}                                                               \
	CONT_JMP;                                                       \
	JMP32_##OPCODE##_X : if ((SIGN##32)DST CMP_OP(SIGN##32) SRC)    \
	{                                                               \
		insn += insn->off;                                      \
	}                                                               \
	CONT_JMP;                                                       \
	JMP_##OPCODE##_K : if ((SIGN##64)DST CMP_OP(SIGN##64)(s64) IMM) \
	{                                                               \
		insn += insn->off;                                      \
	}                                                               \
	CONT_JMP;                                                       \
	JMP32_##OPCODE##_K : if ((SIGN##32)DST CMP_OP(SIGN##32) IMM)    \
	{                                                               \
		insn += insn->off;                                      \
	}                                                               \
	CONT_JMP;
	COND_JMP(u, JEQ, ==)
	COND_JMP(u, JNE, !=)
	COND_JMP(u, JGT, >)
	COND_JMP(u, JLT, <)
	COND_JMP(u, JGE, >=)
	COND_JMP(u, JLE, <=)
	COND_JMP(u, JSET, &)
	COND_JMP(s, JSGT, >)
	COND_JMP(s, JSLT, <)
	COND_JMP(s, JSGE, >=)
	COND_JMP(s, JSLE, <=)
#undef COND_JMP
JMP_JA:
	insn += insn->off;
	CONT;
JMP32_JA: /* gotol: the 32-bit offset is in imm */
	insn += insn->imm;
	CONT;

	/* Memory. LDX zero-extends, LDX MEMSX sign-extends. */
#define LDST(SIZEOP, T)                                                \
	STX_MEM_##SIZEOP : BPF_MEM_CHECK(DST + OFF, sizeof(T), true);  \
	STORE(T, DST + OFF, SRC);                                      \
	CONT;                                                          \
	ST_MEM_##SIZEOP : BPF_MEM_CHECK(DST + OFF, sizeof(T), true);   \
	STORE(T, DST + OFF, IMM);                                      \
	CONT;                                                          \
	LDX_MEM_##SIZEOP : BPF_MEM_CHECK(SRC + OFF, sizeof(T), false); \
	DST = LOAD(T, SRC + OFF);                                      \
	CONT;
	LDST(B, u8)
	LDST(H, u16)
	LDST(W, u32)
	LDST(DW, u64)
#undef LDST
LDX_MEMSX_B:
	BPF_MEM_CHECK(SRC + OFF, sizeof(s8), false);
	DST = (u64)(s64)LOAD(s8, SRC + OFF);
	CONT;
LDX_MEMSX_H:
	BPF_MEM_CHECK(SRC + OFF, sizeof(s16), false);
	DST = (u64)(s64)LOAD(s16, SRC + OFF);
	CONT;
LDX_MEMSX_W:
	BPF_MEM_CHECK(SRC + OFF, sizeof(s32), false);
	DST = (u64)(s64)LOAD(s32, SRC + OFF);
	CONT;
STX_ATOMIC_W:
	BPF_MEM_CHECK(DST + OFF, 4, true);
	if (!bpf_atomic32(regs, insn))
		goto default_label;
	CONT;
STX_ATOMIC_DW:
	BPF_MEM_CHECK(DST + OFF, 8, true);
	if (!bpf_atomic64(regs, insn))
		goto default_label;
	CONT;
LD_IMM_DW:
	if (unlikely(insn->src_reg == BPF_PSEUDO_FUNC)) /* a callback: bpf_callback_call() */
		DST = (u64)(uintptr_t)(insn + insn->imm + 1) | BPF_CALLBACK_INTERP;
	else
		DST = (u64)(u32)insn[0].imm | ((u64)(u32)insn[1].imm) << 32;
	insn++;
	CONT;

	/*
	 * Legacy packet loads of socket filters: network byte order into r0;
	 * out of bounds ends the program with r0 = 0, as in Linux.
	 */
LD_ABS_W:
	k = IMM;
	goto load_word;
LD_IND_W:
	k = (u32)SRC + IMM;
load_word:
	ptr = bpf_skb_load_pointer((const struct sk_buff *)(uintptr_t)CTX, (s32)k, 4);
	if (unlikely(!ptr))
		return 0;
	BPF_R0 = __builtin_bswap32(LOAD(u32, ptr));
	CONT;
LD_ABS_H:
	k = IMM;
	goto load_half;
LD_IND_H:
	k = (u32)SRC + IMM;
load_half:
	ptr = bpf_skb_load_pointer((const struct sk_buff *)(uintptr_t)CTX, (s32)k, 2);
	if (unlikely(!ptr))
		return 0;
	BPF_R0 = __builtin_bswap16(LOAD(u16, ptr));
	CONT;
LD_ABS_B:
	k = IMM;
	goto load_byte;
LD_IND_B:
	k = (u32)SRC + IMM;
load_byte:
	ptr = bpf_skb_load_pointer((const struct sk_buff *)(uintptr_t)CTX, (s32)k, 1);
	if (unlikely(!ptr))
		return 0;
	BPF_R0 = *ptr;
	CONT;

	/* Calls. */
JMP_CALL:
	if (insn->src_reg == BPF_PSEUDO_CALL) {
		struct bpf_call_frame *f;

		if (unlikely(st->frame_base + depth >= MAX_CALL_FRAMES - 1))
			return 0; /* deeper than 8 frames: the verifier's job; stop */
		f = &st->frames[depth++];
		f->ret = insn;
		__builtin_memcpy(f->callee_saved, &regs[BPF_REG_6], sizeof(f->callee_saved));
		BPF_FP -= MAX_BPF_STACK;
		insn += insn->imm;
		CONT;
	}
	BPF_R0 = bpf_interp_call_helper(st, depth, bpf_func_protos[IMM].func);
	CONT;
JMP_CALLX: /* callx: the register named by dst holds a helper id */
	if (unlikely(!bpf_helper_func((s64)DST)))
		return 0;
	BPF_R0 = bpf_interp_call_helper(st, depth, bpf_func_protos[DST].func);
	CONT;
JMP_TAIL_CALL : {
	const struct bpf_array *array = (const struct bpf_array *)(uintptr_t)BPF_R2;
	const struct bpf_prog *prog;
	u32 index = (u32)BPF_R3;

	if (unlikely(index >= array->map.max_entries))
		CONT; /* out of range: fall through, as Linux */
	if (unlikely(tail_call_cnt >= MAX_TAIL_CALL_CNT))
		CONT;
	tail_call_cnt++;
	prog = READ_ONCE(array->ptrs[index]);
	if (!prog)
		CONT;
	insn = prog->insnsi;
	goto select_insn;
}
JMP_EXIT:
	if (depth > 0) {
		struct bpf_call_frame *f = &st->frames[--depth];

		__builtin_memcpy(&regs[BPF_REG_6], f->callee_saved, sizeof(f->callee_saved));
		BPF_FP += MAX_BPF_STACK;
		insn = f->ret;
		CONT;
	}
	return BPF_R0;

default_label:
	/*
	 * An opcode the load path should have rejected. Report it once per
	 * occurrence and stop the program rather than run garbage.
	 */
	printk("BPF interpreter: unknown opcode %02x (imm %d)\n", insn->code, insn->imm);
	return 0;
#undef CONT
#undef CONT_JMP
}

/*
 * An activation's register file: r1-r4 as given (r5 too when asked), the
 * rest 0. Explicit stores: a memset of 96 bytes compiles to a slow "rep stos".
 */
static inline void bpf_interp_init(struct bpf_interp_state *st, u64 r1, u64 r2, u64 r3, u64 r4,
				   u64 r5)
{
	for (int i = 0; i < MAX_BPF_EXT_REG; i += 2) {
		st->regs[i] = 0;
		if (i + 1 < MAX_BPF_EXT_REG)
			st->regs[i + 1] = 0;
	}
	st->regs[BPF_REG_1] = r1;
	st->regs[BPF_REG_2] = r2;
	st->regs[BPF_REG_3] = r3;
	st->regs[BPF_REG_4] = r4;
	st->regs[BPF_REG_5] = r5;
}

/*
 * The interpreter entry with r1 and r2 given: r10 points at the top of the
 * first 512-byte frame; the other registers start at 0.
 */
static u64 bpf_interp_run(const struct bpf_insn *insn, u64 r1, u64 r2)
{
	u64 stack[BPF_INTERP_STACK_WORDS];
	struct bpf_interp_state st;

	bpf_interp_init(&st, r1, r2, 0, 0, 0);
	st.stack_hi = (u64)(uintptr_t)&stack[BPF_INTERP_STACK_WORDS];
	st.regs[BPF_REG_10] = st.stack_hi;
	st.frame_base = 0;
	st.tail_call_cnt = 0;
	return ___bpf_prog_run(&st, insn);
}

/*
 * A callback in the interpreter: insn is the subprogram's first instruction.
 * It runs as the frame below the one whose helper call (bpf_loop...) is in
 * progress, in the same BPF stack, so the verifier's MAX_CALL_FRAMES bounds
 * the whole chain and the callback reaches its caller's stack through a
 * pointer it was given. Tail calls inside it fall through (its count starts
 * at MAX_TAIL_CALL_CNT), as in the JIT, which cannot carry the caller's count
 * through C. Returns its r0, or 0 if no helper call is in progress or the
 * frames are exhausted (neither happens to a verified program).
 */
static u64 bpf_interp_callback(const struct bpf_insn *insn, u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	const struct bpf_interp_state *outer = bpf_interp_current[smp_processor_id()];
	struct bpf_interp_state st;
	u32 frame;

	if (unlikely(!outer))
		return 0;
	frame = outer->frame_base + outer->depth + 1;
	if (unlikely(frame >= MAX_CALL_FRAMES))
		return 0;
	bpf_interp_init(&st, r1, r2, r3, r4, r5);
	st.stack_hi = outer->stack_hi;
	st.regs[BPF_REG_10] = outer->regs[BPF_REG_10] - MAX_BPF_STACK;
	st.frame_base = frame;
	st.tail_call_cnt = MAX_TAIL_CALL_CNT;
	return ___bpf_prog_run(&st, insn);
}

u64 bpf_callback_call(bpf_callback_t fn, u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	if (fn & BPF_CALLBACK_INTERP)
		return bpf_interp_callback(
			(const struct bpf_insn *)(uintptr_t)(fn & ~(u64)BPF_CALLBACK_INTERP), r1,
			r2, r3, r4, r5);
	return (*(const bpf_helper_fn *)(uintptr_t)fn)(r1, r2, r3, r4, r5);
}

/* prog->bpf_func of a program that is not jited (Linux: __bpf_prog_run). */
u64 __bpf_prog_run(const void *ctx, const struct bpf_insn *insn)
{
	return bpf_interp_run(insn, (u64)(uintptr_t)ctx, 0);
}

u64 bpf_prog_run_raw(const struct bpf_prog *prog, void *mem, u64 len)
{
	if (prog->jited)
		return prog->bpf_func(mem, (const struct bpf_insn *)(uintptr_t)len);
	return bpf_interp_run(prog->insnsi, (u64)(uintptr_t)mem, len);
}

struct bpf_prog *bpf_prog_alloc(u32 insn_cnt)
{
	struct bpf_prog *prog;

	if (insn_cnt == 0 || insn_cnt > BPF_COMPLEXITY_LIMIT_INSNS)
		return NULL;
	prog = kzalloc(sizeof(*prog), GFP_KERNEL);
	if (!prog)
		return NULL;
	prog->aux = kzalloc(sizeof(*prog->aux), GFP_KERNEL);
	if (!prog->aux)
		goto free_prog;
	prog->insnsi = kvzalloc((size_t)insn_cnt * sizeof(struct bpf_insn), GFP_KERNEL);
	if (!prog->insnsi)
		goto free_aux;
	prog->len = insn_cnt;
	prog->bpf_func = __bpf_prog_run;
	prog->jit_requested = bpf_jit_enabled();
	return prog;

free_aux:
	kfree(prog->aux);
free_prog:
	kfree(prog);
	return NULL;
}

void bpf_prog_free(struct bpf_prog *prog)
{
	if (!prog)
		return;
	if (prog->jited)
		bpf_jit_free(prog);
	kfree(prog->aux->used_maps);
	kvfree(prog->aux->ctx_access_insns);
	kfree(prog->aux);
	kvfree(prog->insnsi);
	kfree(prog);
}

/*
 * The JIT's entry points, for builds without a JIT (Linux declares them
 * __weak the same way): arch/x86_64/bpf_jit.c overrides both.
 */
__attribute__((weak)) struct bpf_prog *bpf_int_jit_compile(struct bpf_prog *prog)
{
	return prog;
}

__attribute__((weak)) void bpf_jit_free(struct bpf_prog *prog)
{
}

/*
 * Whether programs are jited by default (Linux: the bpf_jit_enable sysctl).
 * Without an x86-64 JIT in this build, bpf_int_jit_compile() leaves
 * programs un-jited and they run in the interpreter.
 */
bool bpf_jit_enabled(void)
{
	return true;
}

/*
 * Chooses how prog runs (Linux: bpf_prog_select_runtime): the interpreter
 * unless the JIT was requested and compiles it; a JIT failure is not an
 * error, the interpreter takes over. Returns prog; *err is 0.
 */
struct bpf_prog *bpf_prog_select_runtime(struct bpf_prog *prog, int *err)
{
	*err = 0;
	prog->bpf_func = __bpf_prog_run;
	prog->jited = 0;
	if (prog->jit_requested)
		prog = bpf_int_jit_compile(prog);
	return prog;
}
