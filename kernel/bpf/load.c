// SPDX-License-Identifier: GPL-2.0
/*
 * The pre-verifier load path: structural checks, context rewrites, lddw
 * pseudo forms and call fixups (include/bpfkern/load.h describes each
 * step). Linux does the same work inside the verifier (check_subprogs,
 * resolve_pseudo_ldimm64, convert_ctx_accesses, do_misc_fixups); the names
 * below follow those.
 */
#include <stdarg.h>
#include <stdio.h> /* vsnprintf only */
#include <bpfkern/bpf.h>
#include <bpfkern/filter.h>
#include <bpfkern/load.h>
#include <bpfkern/patch.h>

struct load_env {
	struct bpf_prog *prog;
	const struct bpf_load_opts *opts;
};

/* Writes the reason of a failure into the caller's log; returns err. */
__printf(3, 4) static int load_err(const struct load_env *env, int err, const char *fmt, ...)
{
	va_list ap;

	if (env->opts->log_buf && env->opts->log_size) {
		va_start(ap, fmt);
		vsnprintf(env->opts->log_buf, env->opts->log_size, fmt, ap);
		va_end(ap);
	}
	return err;
}

static inline bool is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

const struct bpf_verifier_ops *bpf_prog_type_ctx_ops(enum bpf_prog_type type)
{
	switch (type) {
	case BPF_PROG_TYPE_XDP:
		return &xdp_verifier_ops;
	case BPF_PROG_TYPE_SOCKET_FILTER:
		return &sk_filter_verifier_ops;
	default:
		return NULL;
	}
}

/* The reserved-field rules of ALU instructions: offsets select variants, imm widths. */
static int check_alu_fields(const struct load_env *env, u32 i, const struct bpf_insn *insn)
{
	u8 op = BPF_OP(insn->code);
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;

	if (op == BPF_DIV || op == BPF_MOD) {
		if (insn->off != 0 && insn->off != 1)
			return load_err(env, -EINVAL, "insn %u: BPF_DIV/MOD uses reserved fields",
					i);
	} else if (op == BPF_MOV && BPF_SRC(insn->code) == BPF_X) {
		if (insn->off != 0 && insn->off != 8 && insn->off != 16 &&
		    !(alu64 && insn->off == 32))
			return load_err(env, -EINVAL, "insn %u: BPF_MOV uses reserved fields", i);
	} else if (op == BPF_END) {
		if (insn->imm != 16 && insn->imm != 32 && insn->imm != 64)
			return load_err(env, -EINVAL, "insn %u: BPF_END uses reserved fields", i);
	}
	if (insn->dst_reg == BPF_REG_10)
		return load_err(env, -EACCES, "insn %u: frame pointer is read only", i);
	return 0;
}

/* A relative target (jump, call) must land inside the program and not on an lddw's 2nd half. */
static int check_target(const struct load_env *env, u32 i, s64 target, const u8 *ld_tail)
{
	if (target < 0 || target >= env->prog->len || ld_tail[target])
		return load_err(env, -EINVAL, "jump out of range from insn %u to %lld", i,
				(long long)target);
	return 0;
}

/* One instruction's structural rules; *ld_tail marks lddw second halves already. */
static int check_insn(const struct load_env *env, u32 i, const u8 *ld_tail)
{
	const struct bpf_insn *insn = &env->prog->insnsi[i];
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	if (!bpf_opcode_in_insntable(insn->code) || insn->code == (BPF_JMP | BPF_TAIL_CALL))
		return load_err(env, -EINVAL, "unknown opcode %02x", insn->code);
	if (insn->dst_reg >= MAX_BPF_REG || insn->src_reg >= MAX_BPF_REG)
		return load_err(env, -EINVAL, "insn %u: R%d is invalid", i,
				insn->dst_reg >= MAX_BPF_REG ? insn->dst_reg : insn->src_reg);
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu_fields(env, i, insn);
	case BPF_LDX:
		if (insn->dst_reg == BPF_REG_10)
			return load_err(env, -EACCES, "insn %u: frame pointer is read only", i);
		return 0;
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			switch (insn->imm) {
			case BPF_ADD ... BPF_ADD | BPF_FETCH:
			case BPF_OR ... BPF_OR | BPF_FETCH:
			case BPF_AND ... BPF_AND | BPF_FETCH:
			case BPF_XOR ... BPF_XOR | BPF_FETCH:
			case BPF_XCHG:
			case BPF_CMPXCHG:
				return 0;
			}
			return load_err(env, -EINVAL,
					"insn %u: BPF_ATOMIC uses invalid atomic opcode %02x", i,
					insn->imm);
		}
		return 0;
	case BPF_LD:
		if (is_ldimm64(insn) && insn->dst_reg == BPF_REG_10)
			return load_err(env, -EACCES, "insn %u: frame pointer is read only", i);
		if (is_ldimm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC)
			return check_target(env, i, (s64)i + insn->imm + 1, ld_tail);
		return 0;
	case BPF_JMP:
	case BPF_JMP32:
		if (op == BPF_EXIT)
			return 0;
		if (op == BPF_CALL) {
			if (BPF_SRC(insn->code) == BPF_K && insn->src_reg == BPF_PSEUDO_CALL)
				return check_target(env, i, (s64)i + insn->imm + 1, ld_tail);
			if (BPF_SRC(insn->code) == BPF_K && insn->src_reg != 0)
				return load_err(env, -EINVAL,
						"insn %u: kernel function calls are not supported",
						i);
			return 0;
		}
		if (insn->code == (BPF_JMP32 | BPF_JA))
			return check_target(env, i, (s64)i + insn->imm + 1, ld_tail);
		return check_target(env, i, (s64)i + insn->off + 1, ld_tail);
	}
	return 0;
}

/* Linux's check_subprogs / check_cfg basics, without any safety analysis. */
static int bpf_check_structure(const struct load_env *env)
{
	const struct bpf_prog *prog = env->prog;
	const struct bpf_insn *last;
	u8 *ld_tail;
	u32 i;
	int err = 0;

	ld_tail = kvzalloc(prog->len, GFP_KERNEL);
	if (!ld_tail)
		return -ENOMEM;
	for (i = 0; i < prog->len && !err; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];

		if (!is_ldimm64(insn))
			continue;
		if (i + 1 >= prog->len || insn[1].code || insn[1].dst_reg || insn[1].src_reg ||
		    insn[1].off)
			err = load_err(env, -EINVAL, "invalid bpf_ld_imm64 insn");
		else if (insn->src_reg > BPF_PSEUDO_MAP_IDX_VALUE ||
			 insn->src_reg == BPF_PSEUDO_BTF_ID)
			err = load_err(env, -EINVAL, "insn %u: unsupported lddw src_reg %d", i,
				       insn->src_reg);
		else
			ld_tail[++i] = 1;
	}
	for (i = 0; i < prog->len && !err; i++)
		if (!ld_tail[i])
			err = check_insn(env, i, ld_tail);
	kvfree(ld_tail);
	if (err)
		return err;
	last = &prog->insnsi[prog->len - 1];
	if (last->code != (BPF_JMP | BPF_EXIT) && last->code != (BPF_JMP | BPF_JA) &&
	    last->code != (BPF_JMP32 | BPF_JA))
		return load_err(env, -EINVAL, "last insn is not an exit or jmp");
	return 0;
}

/* Remembers map in aux->used_maps once. */
static int add_used_map(struct bpf_prog *prog, struct bpf_map *map)
{
	struct bpf_prog_aux *aux = prog->aux;
	struct bpf_map **maps;
	u32 i;

	for (i = 0; i < aux->used_map_cnt; i++)
		if (aux->used_maps[i] == map)
			return 0;
	maps = krealloc(aux->used_maps, (aux->used_map_cnt + 1) * sizeof(*maps), GFP_KERNEL);
	if (!maps)
		return -ENOMEM;
	maps[aux->used_map_cnt++] = map;
	aux->used_maps = maps;
	return 0;
}

/* The map an lddw names: by fd, or by index into fd_array. */
static struct bpf_map *ldimm64_map(const struct load_env *env, u32 i, const struct bpf_insn *insn)
{
	const struct bpf_load_opts *opts = env->opts;
	s32 fd = insn->imm;
	struct bpf_map *map;

	if (insn->src_reg == BPF_PSEUDO_MAP_IDX || insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
		if (!opts->fd_array || (u32)insn->imm >= opts->fd_array_cnt) {
			load_err(env, -EINVAL, "insn %u: map index %d out of fd_array", i,
				 insn->imm);
			return ERR_PTR(-EINVAL);
		}
		fd = opts->fd_array[insn->imm];
	}
	map = opts->map_from_fd ? opts->map_from_fd(opts->map_ctx, fd) : NULL;
	if (IS_ERR_OR_NULL(map)) {
		load_err(env, -EBADF, "fd %d is not pointing to valid bpf_map", fd);
		return ERR_PTR(-EBADF);
	}
	return map;
}

/* Linux's resolve_pseudo_ldimm64 (+ convert_pseudo_ld_imm64): map lddws become pointers. */
static int resolve_pseudo_ldimm64(const struct load_env *env)
{
	struct bpf_prog *prog = env->prog;
	u32 i;
	int err;

	for (i = 0; i < prog->len; i++) {
		struct bpf_insn *insn = &prog->insnsi[i];
		struct bpf_map *map;
		u64 addr;

		if (!is_ldimm64(insn))
			continue;
		if (insn->src_reg == 0 || insn->src_reg == BPF_PSEUDO_FUNC) {
			i++;
			continue;
		}
		if (env->opts->verified) { /* bpf_check() resolved it */
			insn->src_reg = 0;
			i++;
			continue;
		}
		map = ldimm64_map(env, i, insn);
		if (IS_ERR(map))
			return PTR_ERR(map);
		addr = (u64)(uintptr_t)map;
		if (insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		    insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
			if (!map->ops->map_direct_value_addr)
				return load_err(env, -EINVAL,
						"no direct value access support for this map type");
			err = map->ops->map_direct_value_addr(map, &addr, (u32)insn[1].imm);
			if (err)
				return load_err(
					env, err,
					"invalid access to map value pointer, value_size=%u off=%u",
					map->value_size, (u32)insn[1].imm);
		}
		err = add_used_map(prog, map);
		if (err)
			return err;
		insn[0].imm = (s32)(u32)addr;
		insn[1].imm = (s32)(u32)(addr >> 32);
		insn[0].src_reg = 0;
		i++;
	}
	return 0;
}

/* The call fixups of Linux's do_misc_fixups that the runtimes need. */
static int fixup_calls(const struct load_env *env)
{
	struct bpf_prog *prog = env->prog;
	u32 i;

	for (i = 0; i < prog->len; i++) {
		struct bpf_insn *insn = &prog->insnsi[i];

		if (is_ldimm64(insn)) {
			i++;
			continue;
		}
		if (insn->code == (BPF_JMP | BPF_CALL | BPF_X)) {
			/* callx: some encoders put the register in imm */
			if (insn->dst_reg == 0 && insn->imm > 0 && insn->imm < MAX_BPF_REG) {
				insn->dst_reg = insn->imm;
				insn->imm = 0;
			}
			continue;
		}
		if (insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg == BPF_PSEUDO_CALL)
			continue;
		if (insn->imm == BPF_FUNC_tail_call) {
			insn->code = BPF_JMP | BPF_TAIL_CALL;
			insn->imm = 0;
			continue;
		}
		if (!bpf_helper_func(insn->imm))
			return load_err(env, -EINVAL, "invalid func unknown#%d", insn->imm);
	}
	return 0;
}

/*
 * ctx register sets at one instruction, one bit per register: must = holds
 * ctx on every path reaching it, may = on some path, derived = may hold a
 * value computed from ctx (ctx + 4, a truncated ctx), which no access may use.
 */
struct ctx_regs {
	u16 must, may, derived;
	bool seen;
};

#define CALLER_SAVED_REGS 0x3fu /* r0-r5 */
#define CALLEE_SAVED_REGS 0x3c0u /* r6-r9 */

/* Merges in into the state of insn t; true if it changed (t must be revisited). */
static bool ctx_merge(struct ctx_regs *st, u32 t, struct ctx_regs in)
{
	struct ctx_regs old = st[t];

	if (!st[t].seen) {
		st[t] = in;
		st[t].seen = true;
		return true;
	}
	st[t].must &= in.must;
	st[t].may |= in.may;
	st[t].derived |= in.derived;
	return st[t].must != old.must || st[t].may != old.may || st[t].derived != old.derived;
}

/* The registers in regs no longer hold anything ctx-related. */
static void ctx_kill(struct ctx_regs *r, u16 regs)
{
	r->must &= ~regs;
	r->may &= ~regs;
	r->derived &= ~regs;
}

/* ALU: "rX = rY" copies ctx; any other op touching ctx makes a derived value. */
static void ctx_transfer_alu(const struct bpf_insn *insn, struct ctx_regs *r)
{
	u16 dst = 1u << insn->dst_reg, src = 1u << insn->src_reg;
	bool x = BPF_SRC(insn->code) == BPF_X, mov = BPF_OP(insn->code) == BPF_MOV;
	u16 ctxish = r->may | r->derived;
	bool derived = (!mov && (ctxish & dst)) || (x && (ctxish & src));

	if (mov && x && insn->off == 0 && BPF_CLASS(insn->code) == BPF_ALU64) {
		struct ctx_regs old = *r;

		ctx_kill(r, dst);
		r->must |= (old.must & src) ? dst : 0;
		r->may |= (old.may & src) ? dst : 0;
		r->derived |= (old.derived & src) ? dst : 0;
		return;
	}
	ctx_kill(r, dst);
	if (derived)
		r->derived |= dst;
}

/* The register effect of insn; spilled: ctx may have been stored to memory. */
static void ctx_transfer(const struct bpf_insn *insn, struct ctx_regs *r, bool spilled)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u16 dst = 1u << insn->dst_reg, src = 1u << insn->src_reg;

	switch (cls) {
	case BPF_ALU64:
	case BPF_ALU:
		ctx_transfer_alu(insn, r);
		return;
	case BPF_LDX:
		ctx_kill(r, dst);
		if (spilled && BPF_SIZE(insn->code) == BPF_DW)
			r->may |= dst;
		return;
	case BPF_LD: /* lddw writes dst; LD_ABS/LD_IND clobber r0-r5 like a call */
		ctx_kill(r, is_ldimm64(insn) ? dst : CALLER_SAVED_REGS);
		return;
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC)
			ctx_kill(r, insn->imm == BPF_CMPXCHG  ? 1u
				    : (insn->imm & BPF_FETCH) ? src
							      : 0);
		return;
	case BPF_JMP:
		if (op == BPF_CALL || op == BPF_TAIL_CALL)
			ctx_kill(r, CALLER_SAVED_REGS);
		return;
	}
}

/* The worklist fixpoint over ctx_regs: one entry per instruction at most. */
struct ctx_flow {
	const struct bpf_prog *prog;
	struct ctx_regs *st;
	u32 *work, nwork;
	u8 *queued;
	bool spilled;
};

/* Merges in into instruction t and queues it if its state changed. */
static void ctx_push(struct ctx_flow *f, s64 t, struct ctx_regs in)
{
	if (t < 0 || t >= f->prog->len)
		return;
	if (ctx_merge(f->st, t, in) && !f->queued[t]) {
		f->queued[t] = 1;
		f->work[f->nwork++] = t;
	}
}

/* Applies insn i to its state and pushes the result to its successors. */
static void ctx_propagate(struct ctx_flow *f, u32 i)
{
	const struct bpf_insn *insn = &f->prog->insnsi[i];
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	struct ctx_regs in = f->st[i], out = in;

	ctx_transfer(insn, &out, f->spilled);
	if (is_ldimm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC)
		/* a callback (bpf_loop, for_each): its arguments are never ctx, but it runs */
		ctx_push(f, (s64)i + insn->imm + 1, (struct ctx_regs){ 0 });
	if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) {
		/* the callee sees the caller's r1-r5; r0 and r6-r9 are its own */
		ctx_kill(&in, CALLEE_SAVED_REGS | 1u);
		ctx_push(f, (s64)i + insn->imm + 1, in);
		ctx_push(f, (s64)i + 1, out);
	} else if ((cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_TAIL_CALL) {
		if (op == BPF_EXIT)
			return;
		if (op == BPF_JA) {
			ctx_push(f, (s64)i + 1 + (cls == BPF_JMP32 ? insn->imm : insn->off), out);
			return;
		}
		ctx_push(f, (s64)i + 1 + insn->off, out);
		ctx_push(f, (s64)i + 1, out);
	} else {
		ctx_push(f, (s64)i + (is_ldimm64(insn) ? 2 : 1), out);
	}
}

/* Whether some instruction could store a ctx pointer into memory (then ctx may come back). */
static bool ctx_maybe_spilled(const struct bpf_prog *prog, const struct ctx_regs *st)
{
	u32 i;

	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *insn = &prog->insnsi[i];

		if (st[i].seen && BPF_CLASS(insn->code) == BPF_STX &&
		    (st[i].may & (1u << insn->src_reg)))
			return true;
	}
	return false;
}

/* Fills st[] with the ctx register sets at each reachable instruction. */
static int ctx_dataflow(const struct bpf_prog *prog, struct ctx_regs *st, bool spilled)
{
	struct ctx_flow f = { .prog = prog, .st = st, .spilled = spilled };
	int err = 0;

	f.work = kvmalloc((size_t)prog->len * sizeof(*f.work), GFP_KERNEL);
	f.queued = kvzalloc(prog->len, GFP_KERNEL);
	if (!f.work || !f.queued) {
		err = -ENOMEM;
		goto out;
	}
	__builtin_memset(st, 0, (size_t)prog->len * sizeof(*st));
	ctx_push(&f, 0, (struct ctx_regs){ .must = 1u << BPF_REG_1, .may = 1u << BPF_REG_1 });
	while (f.nwork) {
		u32 i = f.work[--f.nwork];

		f.queued[i] = 0;
		ctx_propagate(&f, i);
	}
out:
	kvfree(f.work);
	kvfree(f.queued);
	return err;
}

/*
 * The base register and access kind of a load/store, or false for anything
 * else. Atomics report BPF_WRITE too (and are then refused on ctx).
 */
static bool mem_access(const struct bpf_insn *insn, u8 *base, enum bpf_access_type *type)
{
	u8 cls = BPF_CLASS(insn->code);

	if (cls == BPF_LDX) {
		*base = insn->src_reg;
		*type = BPF_READ;
		return true;
	}
	if (cls == BPF_ST || cls == BPF_STX) {
		*base = insn->dst_reg;
		*type = BPF_WRITE;
		return true;
	}
	return false;
}

static const int bpf_size_bytes[4] = {
	[BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1, [BPF_DW >> 3] = 8
};

/* Checks and rewrites one ctx access at insn i; *patched tells whether it grew. */
static int convert_one(const struct load_env *env, const struct bpf_verifier_ops *ops, u32 i)
{
	struct bpf_insn *insn = &env->prog->insnsi[i], buf[BPF_CTX_CONVERT_MAX];
	int size = bpf_size_bytes[BPF_SIZE(insn->code) >> 3];
	enum bpf_access_type type = BPF_READ;
	u8 base;
	u32 n;

	mem_access(insn, &base, &type);
	if (BPF_MODE(insn->code) != BPF_MEM || !ops->is_valid_access(insn->off, size, type))
		return load_err(env, -EACCES, "insn %u: invalid bpf_context access off=%d size=%d",
				i, insn->off, size);
	n = ops->convert_ctx_access(type, insn, buf);
	if (n == 0 || n > BPF_CTX_CONVERT_MAX)
		return load_err(env, -EINVAL, "insn %u: bpf verifier is misconfigured", i);
	return bpf_patch_insn_single(env->prog, i, buf, n);
}

/* What the ctx state r at insn i means for it: rewrite, refuse, or leave alone. */
static int convert_insn(const struct load_env *env, const struct bpf_verifier_ops *ops,
			const struct ctx_regs *r, u32 i)
{
	const struct bpf_insn *insn = &env->prog->insnsi[i];
	enum bpf_access_type type;
	u8 base;

	if (BPF_CLASS(insn->code) == BPF_LD && !is_ldimm64(insn)) {
		if (env->opts->prog_type != BPF_PROG_TYPE_SOCKET_FILTER)
			return load_err(
				env, -EINVAL,
				"BPF_LD_[ABS|IND] instructions not allowed for this program type");
		if (!(r->must & (1u << BPF_REG_6)))
			return load_err(env, -EINVAL,
					"at the time of BPF_LD_ABS|IND R6 != pointer to skb");
		return 0;
	}
	if (!ops || !mem_access(insn, &base, &type))
		return 0; /* raw programs: r1 is plain memory */
	if (r->derived & (1u << base))
		return load_err(env, -EACCES, "insn %u: dereference of modified ctx ptr R%d", i,
				base);
	if (!(r->may & (1u << base)))
		return 0;
	if (!(r->must & (1u << base)))
		return load_err(env, -EINVAL, "insn %u: R%d may or may not be the context here", i,
				base);
	return convert_one(env, ops, i);
}

/*
 * Linux's convert_ctx_accesses for a program bpf_check() accepted: rewrites
 * exactly the insns it recorded as accesses through a ctx pointer
 * (aux->ctx_access_insns), however ctx got there (spilled, or handed to a
 * callback inside a struct). Back to front: patching moves only what follows.
 */
static int convert_verified_ctx_accesses(const struct load_env *env)
{
	const struct bpf_verifier_ops *ops = bpf_prog_type_ctx_ops(env->opts->prog_type);
	const struct bpf_prog_aux *aux = env->prog->aux;
	u32 n = aux ? aux->ctx_access_cnt : 0;
	int err = 0;

	if (n && !ops)
		return load_err(env, -EINVAL, "bpf verifier is misconfigured");
	while (n-- && !err) {
		u32 i = aux->ctx_access_insns[n];

		if (i >= env->prog->len)
			return load_err(env, -EFAULT, "insn %u: ctx access out of range", i);
		err = convert_one(env, ops, i);
	}
	return err;
}

/*
 * Linux's convert_ctx_accesses for a program that skipped the verifier (host
 * tools, unit tests): ctx_dataflow finds the accesses instead of the
 * verifier's types, and refuses what it cannot decide.
 */
static int convert_ctx_accesses(const struct load_env *env)
{
	struct bpf_prog *prog = env->prog;
	const struct bpf_verifier_ops *ops = bpf_prog_type_ctx_ops(env->opts->prog_type);
	struct ctx_regs *st;
	int err;
	s64 i;

	st = kvmalloc((size_t)prog->len * sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	err = ctx_dataflow(prog, st, false);
	if (!err && ctx_maybe_spilled(prog, st))
		err = ctx_dataflow(prog, st, true);
	/* back to front, so that patching leaves the indexes still to visit alone */
	for (i = (s64)prog->len - 1; i >= 0 && !err; i--)
		if (st[i].seen)
			err = convert_insn(env, ops, &st[i], (u32)i);
	kvfree(st);
	return err;
}

int bpf_prog_prepare(struct bpf_prog *prog, const struct bpf_load_opts *opts)
{
	struct load_env env = { prog, opts };
	int err;

	if (opts->log_buf && opts->log_size)
		opts->log_buf[0] = 0;
	if (!opts->verified)
		bpf_prog_calc_tag(prog); /* of the insns as loaded, as Linux */
	err = bpf_check_structure(&env);
	if (!err)
		err = opts->verified ? convert_verified_ctx_accesses(&env)
				     : convert_ctx_accesses(&env);
	if (!err)
		err = resolve_pseudo_ldimm64(&env);
	if (!err)
		err = fixup_calls(&env);
	return err;
}
