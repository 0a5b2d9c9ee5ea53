/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verifier's private state, shared by its files (kernel/bpf/verifier*.c)
 * and nothing else. Names follow Linux's include/linux/bpf_verifier.h.
 *
 * verifier.c         bpf_check(), the main loop (do_check), ALU and jumps
 * verifier_cfg.c     the static passes: subprograms, lddw, CFG, liveness,
 *                    stack depth
 * verifier_state.c   state copies, pending branches, pruning
 * verifier_scalar.c  scalar bounds: ALU ops, branch narrowing, bounds sync
 * verifier_mem.c     memory access: ctx, stack, map value, packet
 * verifier_call.c    helper prototypes, helper and BPF-to-BPF calls, exit
 * verifier_log.c     the log buffer, its formatter, register-state printing
 */
#ifndef BPFKERN_VERIFIER_INTERNAL_H
#define BPFKERN_VERIFIER_INTERNAL_H

#include <stdarg.h>
#include <bpfkern/verifier.h>
#include <bpfkern/filter.h>
#include <bpfkern/tnum.h>

/* What a register (or spilled stack slot) holds: Linux's enum bpf_reg_type. */
enum bpf_reg_type {
	NOT_INIT = 0, /* nothing: reading it is an error */
	SCALAR_VALUE, /* a number */
	PTR_TO_CTX, /* the program's context (xdp_md, __sk_buff) */
	CONST_PTR_TO_MAP, /* a struct bpf_map *, from a map lddw */
	PTR_TO_MAP_VALUE, /* into a map value */
	PTR_TO_MAP_KEY, /* into a map key (callbacks) */
	PTR_TO_STACK, /* frame pointer + offset */
	PTR_TO_PACKET_META, /* xdp_md->data_meta */
	PTR_TO_PACKET, /* packet data, accessible up to range */
	PTR_TO_PACKET_END, /* one past the packet: compare only */
	PTR_TO_MEM, /* helper-returned memory of mem_size bytes */
	PTR_TO_FUNC, /* a subprogram (subprogno), from a BPF_PSEUDO_FUNC lddw: a callback */
	__BPF_REG_TYPE_MAX,
	/* flag: the pointer may be NULL and must be tested before use */
	PTR_MAYBE_NULL = 1 << 8,
	/* flag on PTR_TO_MEM: a ring buffer record from bpf_ringbuf_reserve */
	MEM_RINGBUF = 1 << 9,
};
#define BASE_TYPE(t) ((t) & ~(PTR_MAYBE_NULL | MEM_RINGBUF))

struct bpf_reg_state {
	enum bpf_reg_type type;
	s32 off; /* fixed offset of a pointer */
	union {
		int range; /* packet: bytes [ptr, ptr + range) proven in bounds */
		u32 mem_size; /* PTR_TO_MEM */
	};
	struct bpf_map *map_ptr; /* CONST_PTR_TO_MAP, PTR_TO_MAP_VALUE(_OR_NULL) */
	struct tnum var_off; /* scalar value, or variable part of a pointer offset */
	s64 smin_value, smax_value;
	u64 umin_value, umax_value;
	s32 s32_min_value, s32_max_value;
	u32 u32_min_value, u32_max_value;
	/*
	 * Copies share id: a null check on one settles all; packet pointers with
	 * one id share a range; scalars with one id share bounds on a jump.
	 */
	u32 id;
	/*
	 * Non-zero: the pointer is (derived from) the acquired reference of this
	 * id in the state's refs; releasing it invalidates every copy.
	 */
	u32 ref_obj_id;
	u32 frameno; /* PTR_TO_STACK: which frame's stack */
	u32 subprogno; /* PTR_TO_FUNC: which subprogram */
};

/*
 * An acquired reference the program must release before it exits, e.g. a
 * bpf_ringbuf_reserve record (Linux: struct bpf_reference_state).
 */
struct bpf_reference_state {
	u32 id; /* the ref_obj_id of the registers that hold it */
	int insn_idx; /* the call that acquired it */
};

/* Most references one state holds at a time. */
#define BPF_MAX_ACQUIRED_REFS 32

/* Per-byte stack contents: Linux's STACK_INVALID/SPILL/MISC/ZERO. */
enum bpf_stack_slot_type { STACK_INVALID, STACK_SPILL, STACK_MISC, STACK_ZERO };

#define BPF_REG_SIZE 8
/* One 8-byte stack slot: its bytes' kinds and the register spilled there. */
struct bpf_stack_state {
	struct bpf_reg_state spilled_ptr;
	u8 slot_type[BPF_REG_SIZE];
};

/* One call frame: registers and stack (slot i is bytes [-8(i+1), -8i)). */
struct bpf_func_state {
	struct bpf_reg_state regs[MAX_BPF_REG];
	int callsite; /* insn index of the call that made this frame, -1 for main */
	u32 frameno;
	u32 subprogno;
	/*
	 * A callback's frame (bpf_loop, bpf_for_each_map_elem): its exit checks
	 * r0 against [0, 1] and goes back to the helper call at callsite, which
	 * runs again (Linux: in_callback_fn).
	 */
	bool in_callback_fn;
	/* bpf_loop: callback runs this frame started since it last went on (Linux: callback_depth) */
	u32 callback_depth;
	int allocated_stack; /* bytes, multiple of 8 */
	/*
	 * The working state has all MAX_STACK_SLOTS; saved and pending copies
	 * only allocated_stack / 8 (see copy_verifier_state).
	 */
	struct bpf_stack_state stack[];
};

#define MAX_STACK_SLOTS (MAX_BPF_STACK / BPF_REG_SIZE)
/* Bytes of a frame with slots stack slots. */
#define FUNC_STATE_SIZE(slots) \
	(offsetof(struct bpf_func_state, stack) + (size_t)(slots) * sizeof(struct bpf_stack_state))

/*
 * A whole abstract machine state. States saved at prune points form a tree
 * through parent; branches counts the paths still being explored below a
 * saved state (0: finished, usable for pruning).
 */
struct bpf_verifier_state {
	struct bpf_func_state *frame[MAX_CALL_FRAMES];
	u32 curframe;
	struct bpf_verifier_state *parent;
	u32 branches;
	u32 insn_idx;
	u32 last_insn_idx; /* for the log's "from X to Y" */
	/*
	 * Explores a side the CPU may run only under Spectre v1 branch
	 * misprediction (Linux: speculative); see sanitize_speculative_path.
	 */
	bool speculative;
	/*
	 * The bpf_spin_lock held (at most one, Linux: active_locks and its
	 * REF_TYPE_LOCK state): the map and the id of the map value pointer
	 * it was taken through; NULL when none.
	 */
	struct bpf_map *active_lock_map;
	u32 active_lock_id;
	u32 acquired_refs; /* in use of refs[] */
	struct bpf_reference_state refs[BPF_MAX_ACQUIRED_REFS];
};

/* A saved state at an instruction (Linux: struct bpf_verifier_state_list). */
struct bpf_verifier_state_list {
	struct bpf_verifier_state state;
	struct bpf_verifier_state_list *next;
	u32 hit_cnt, miss_cnt;
};

/* A pending branch: where to continue and the state to continue with. */
struct bpf_verifier_stack_elem {
	struct bpf_verifier_state st;
	int insn_idx;
	int prev_insn_idx;
	struct bpf_verifier_stack_elem *next;
};

struct bpf_subprog_info {
	u32 start; /* first insn */
	/*
	 * Stack slots (bit i: bytes [-8(i+1), -8i)) some load through r10 reads
	 * into a register whose value matters to safety (insn_precise_use):
	 * callback widening keeps them (compute_stack_precision).
	 */
	u64 precise_slots;
	u32 stack_depth; /* bytes, rounded to 8 */
	bool has_tail_call;
};

/* Per-instruction facts (Linux: struct bpf_insn_aux_data). */
struct bpf_insn_aux_data {
	bool seen; /* reached by do_check */
	bool prune_point; /* save/compare states here */
	bool force_checkpoint; /* loop header: always save */
	bool jmp_point;
	bool nospec; /* a speculative path must stop here (Linux: nospec barrier) */
	bool calls_callback; /* a bpf_loop / bpf_for_each_map_elem call (Linux: calls_callback) */
	struct bpf_map *map_ptr; /* map lddw: the resolved map */
	/* bpf_map_lookup_elem call: the map every path passed, unless poisoned (several) */
	struct bpf_map *call_map;
	bool call_map_poisoned;
	u32 map_off; /* BPF_PSEUDO_MAP_VALUE: offset into the value */
	u32 cfg_state; /* check_cfg's DFS colour */
	u16 live_regs; /* registers read later before written, before this insn (bit n: rn) */
	u16 precise_regs; /* of those, the ones whose scalar value can matter to safety */
	/* load/store: the pointer type of its first visit (Linux: ptr_type; ctx ones get converted) */
	enum bpf_reg_type ptr_type;
};

struct bpf_verifier_log {
	u32 level;
	char *buf;
	u32 size;
	u32 len_used; /* bytes written (the buffer keeps size - 1 and a NUL) */
	u32 len_total; /* bytes that would have been written */
};

/* Everything one bpf_check() call owns. */
struct bpf_verifier_env {
	struct bpf_prog *prog;
	struct bpf_insn *insns;
	u32 insn_cnt;
	const struct bpf_verifier_opts *opts;
	enum bpf_prog_type prog_type;
	bool bpf_capable; /* privileged: bounded loops, ptr comparisons */
	bool allow_ptr_leaks; /* pointers may flow into maps, ctx, r0 */
	bool allow_uninit_stack; /* reads of never-written stack give unknown scalars */
	/* CAP_PERFMON: no Spectre v1 exploration of mispredicted branches */
	bool bypass_spec_v1;
	struct bpf_insn_aux_data *insn_aux;
	struct bpf_subprog_info subprog_info[BPF_MAX_SUBPROGS + 1];
	u32 subprog_cnt;
	struct bpf_verifier_state *cur_state;
	struct bpf_verifier_stack_elem *head; /* pending branches */
	u32 stack_size;
	struct bpf_verifier_state_list **explored_states; /* per insn */
	struct bpf_verifier_state_list *evicted_states; /* no longer compared, still parents */
	u32 live_states; /* in explored_states */
	u32 id_gen;
	u32 insn_idx;
	u32 prev_insn_idx;
	struct bpf_map **used_maps;
	u32 used_map_cnt;
	/* a load through a pointer other than r10 gives a value that matters: widen no slot */
	bool precise_loads_via_ptr;
	/* per insn, while compute_stack_precision runs: the stack its base register may be */
	u32 *stack_ptr_of;
	/* the program's func_info (prog->aux's, else opts'): callbacks need it */
	const struct bpf_func_info *func_info;
	u32 func_info_cnt;
	struct bpf_verifier_log log;
	/* statistics */
	u64 start_time; /* ktime_get_ns() at the start, for BPF_LOG_STATS */
	u32 insn_processed;
	u32 prev_insn_processed;
	u32 jmps_processed;
	u32 prev_jmps_processed;
	u32 total_states;
	u32 peak_states;
	u32 max_states_per_insn;
	u32 mark_read;
	bool branch_decided; /* the last conditional jump had one possible side */
	u32 prev_insn_end; /* log position after the last trace line */
	u32 prev_insn_len; /* its length, newline included */
	const struct bpf_line_info *prev_linfo; /* the source line the log printed last */
	char tmp_str_buf[48]; /* the log's text of a map lddw (Linux: tmp_str_buf) */
	/* the plain-language hint for the last line of a rejection, if any */
	char hint[160];
};

/* reg->range of a packet pointer known to be at / beyond data_end (Linux's values). */
#define AT_PKT_END (-1)
#define BEYOND_PKT_END (-2)
/* Largest packet offset the verifier reasons about (Linux: MAX_PACKET_OFF). */
#define MAX_PACKET_OFF 0xffff
/* Most pending branches (Linux: BPF_COMPLEXITY_LIMIT_JMP_SEQ). */
#define BPF_COMPLEXITY_LIMIT_JMP_SEQ 8192
/* Most saved states per instruction before new ones are dropped (Linux: 64). */
#define BPF_COMPLEXITY_LIMIT_STATES 64

static inline struct bpf_func_state *cur_func(struct bpf_verifier_env *env)
{
	return env->cur_state->frame[env->cur_state->curframe];
}

static inline struct bpf_reg_state *cur_regs(struct bpf_verifier_env *env)
{
	return cur_func(env)->regs;
}

static inline bool reg_is_pkt_pointer(const struct bpf_reg_state *reg)
{
	return reg->type == PTR_TO_PACKET || reg->type == PTR_TO_PACKET_META;
}

/* PTR_TO_MEM, a ring buffer record included, known non-NULL. */
static inline bool reg_is_mem(const struct bpf_reg_state *reg)
{
	return (reg->type & ~MEM_RINGBUF) == PTR_TO_MEM;
}

/* The map's values hold a bpf_spin_lock: its BTF said so (Linux: btf_record_has_field). */
static inline bool map_has_spin_lock(const struct bpf_map *map)
{
	return map->btf && map->spin_lock_off >= 0;
}

static inline bool reg_is_pointer(const struct bpf_reg_state *reg)
{
	return reg->type != SCALAR_VALUE && reg->type != NOT_INIT;
}

/* Privileged programs may leak pointers; for others a pointer counts as secret. */
static inline bool is_pointer_value(const struct bpf_verifier_env *env,
				    const struct bpf_reg_state *reg)
{
	return !env->allow_ptr_leaks && reg_is_pointer(reg);
}

/* verifier_log.c */
__printf(2, 3) void verbose(struct bpf_verifier_env *env, const char *fmt, ...);
void bpf_vlog_hint(struct bpf_verifier_env *env, const char *fmt, ...) __printf(2, 3);
const char *reg_type_str(enum bpf_reg_type type);
int bpf_vlog_finalize(struct bpf_verifier_log *log);
/* Appends printf-style text to log (kernel/bpf/btf.c logs through it too). */
void bpf_verifier_vlog(struct bpf_verifier_log *log, const char *fmt, va_list ap);
void print_verifier_state(struct bpf_verifier_env *env, const struct bpf_func_state *state);
void print_insn(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx);
void print_insn_state(struct bpf_verifier_env *env, const struct bpf_insn *insn);
void print_insn_prefixed(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx,
			 const char *prefix);
int bpf_vlog_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* verifier_scalar.c */
void __mark_reg_known(struct bpf_reg_state *reg, u64 imm);
void __mark_reg_known_zero(struct bpf_reg_state *reg);
void __mark_reg_unbounded(struct bpf_reg_state *reg);
void __mark_reg_unknown(struct bpf_reg_state *reg);
void mark_reg_not_init(struct bpf_reg_state *reg);
void reg_bounds_sync(struct bpf_reg_state *reg);
void coerce_reg_to_size(struct bpf_reg_state *reg, int size);
void zext_32_to_64(struct bpf_reg_state *reg);
bool register_is_const(const struct bpf_reg_state *reg);
int adjust_scalar_min_max_vals(struct bpf_verifier_env *env, const struct bpf_insn *insn,
			       struct bpf_reg_state *dst, struct bpf_reg_state src);
int is_branch_taken(struct bpf_reg_state *reg1, struct bpf_reg_state *reg2, u8 opcode,
		    bool is_jmp32);
bool regs_refine_cond_op(struct bpf_reg_state *reg1, struct bpf_reg_state *reg2, u8 opcode,
			 bool is_jmp32);
u8 rev_opcode(u8 opcode);
bool scalar_feasible(const struct bpf_reg_state *reg);
void scalar_movsx(struct bpf_reg_state *dst, int size, bool alu32);
/*
 * A scalar's id with this bit is linked to the others of its id plus the
 * constant in its off field: "r8 = r7; r8 += 5" (Linux 6.10+: BPF_ADD_CONST).
 */
#define BPF_ADD_CONST (1u << 31)
/* Internal jump op: the false side of JSET (never an instruction's opcode). */
#define BPF_JSET_NOT 0xf0
u8 flip_opcode(u8 opcode);

/* verifier_mem.c */
int check_mem_access(struct bpf_verifier_env *env, int insn_idx, u32 regno, int off, int bpf_size,
		     enum bpf_access_type t, int value_regno);
int check_helper_mem_access(struct bpf_verifier_env *env, int regno, int access_size,
			    bool zero_size_allowed, bool is_write);
void clear_all_pkt_pointers(struct bpf_verifier_env *env);
int record_ctx_accesses(struct bpf_verifier_env *env);
/* [map value reg regno + off, + size) within the value, with Linux's messages. */
int check_map_value_bounds(struct bpf_verifier_env *env, int regno, int off, int size);
int check_mem_size_reg(struct bpf_verifier_env *env, int size_regno, bool zero_size_allowed,
		       bool is_write);
int check_ptr_off_reg(struct bpf_verifier_env *env, const struct bpf_reg_state *reg, int regno);
int check_stack_range_initialized(struct bpf_verifier_env *env, int regno, int off, int access_size,
				  bool zero_size_allowed, bool is_write);

/* verifier_call.c */
int check_helper_call(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx_p);
int check_func_call(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx);
int prepare_func_exit(struct bpf_verifier_env *env, int *insn_idx);
int check_return_code(struct bpf_verifier_env *env);
bool helper_id_known(s32 id);
/* The argument registers helper func_id reads (bit n: rn); r1-r5 when unknown. */
u16 helper_arg_regs(s32 func_id);
int find_subprog(struct bpf_verifier_env *env, int off);
/* Drops reference id from st's list, if held (Linux: release_reference_nomark). */
void release_reference_state(struct bpf_verifier_state *st, u32 id);
int check_reference_leak(struct bpf_verifier_env *env, const char *prefix);
/* Linux's check_resource_leak lock part: -EINVAL when prefix runs with a lock held. */
int check_lock_held(struct bpf_verifier_env *env, const char *prefix);

/* verifier_state.c */
void free_verifier_state(struct bpf_verifier_state *st, bool free_self);
int copy_verifier_state(struct bpf_verifier_state *dst, const struct bpf_verifier_state *src,
			bool compact);
struct bpf_verifier_state *push_stack(struct bpf_verifier_env *env, int insn_idx, int prev_insn_idx,
				      bool speculative);
int pop_stack(struct bpf_verifier_env *env, int *prev_insn_idx, int *insn_idx);
void free_all_pending(struct bpf_verifier_env *env);
void update_branch_counts(struct bpf_verifier_state *st);
void widen_imprecise_scalars(struct bpf_verifier_env *env, int callsite);
int is_state_visited(struct bpf_verifier_env *env, int insn_idx);
void free_explored_states(struct bpf_verifier_env *env);

/* verifier_cfg.c */
int check_subprogs(struct bpf_verifier_env *env);
int resolve_pseudo_ldimm64(struct bpf_verifier_env *env);
int check_cfg(struct bpf_verifier_env *env);
void compute_live_registers(struct bpf_verifier_env *env);
bool compute_stack_precision(struct bpf_verifier_env *env);
void print_live_registers(struct bpf_verifier_env *env);
int check_max_stack_depth(struct bpf_verifier_env *env);

/* verifier.c: shared helpers */
int check_reg_arg(struct bpf_verifier_env *env, u32 regno, bool is_src);
void mark_reg_unknown(struct bpf_verifier_env *env, struct bpf_reg_state *regs, u32 regno);
void init_func_state(struct bpf_verifier_env *env, struct bpf_func_state *state, int callsite,
		     u32 frameno, u32 subprogno);

#endif
