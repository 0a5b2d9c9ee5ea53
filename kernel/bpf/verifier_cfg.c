// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier's static passes (Linux: check_subprogs, resolve_pseudo_ldimm64,
 * check_cfg, compute_live_registers, check_max_stack_depth): everything
 * decided from the instructions alone, before and after symbolic execution.
 */
#include <string.h>
#include "verifier_internal.h"

/* ---------------------------------------------------------------------------
 * Pass 2: opcodes (kernel/bpf/core.c's table) and lddw (Linux: resolve_pseudo_ldimm64).
 */

/* Adds map to the program's used maps once. */
static int add_used_map(struct bpf_verifier_env *env, struct bpf_map *map)
{
	struct bpf_map **maps;

	for (u32 i = 0; i < env->used_map_cnt; i++)
		if (env->used_maps[i] == map)
			return 0;
	maps = krealloc(env->used_maps, (env->used_map_cnt + 1) * sizeof(*maps), GFP_KERNEL);
	if (!maps)
		return -ENOMEM;
	env->used_maps = maps;
	env->used_maps[env->used_map_cnt++] = map;
	return 0;
}

/* Resolves the map of the lddw at insns[i] (src_reg MAP_FD or MAP_VALUE). */
static int resolve_map_ldimm64(struct bpf_verifier_env *env, u32 i)
{
	struct bpf_insn *insn = &env->insns[i];
	int fd = insn[0].imm;
	struct bpf_map *map =
		env->opts->map_from_fd ? env->opts->map_from_fd(env->opts->map_ctx, fd) : NULL;

	if (IS_ERR_OR_NULL(map)) {
		verbose(env, "fd %d is not pointing to valid bpf_map\n", fd);
		return -EBADF;
	}
	if (insn[0].src_reg == BPF_PSEUDO_MAP_VALUE) {
		u32 off = (u32)insn[1].imm;

		if (off >= (1u << 29)) {
			verbose(env, "direct value offset of %u is not allowed\n", off);
			return -EINVAL;
		}
		if (map->map_type != BPF_MAP_TYPE_ARRAY || map->max_entries != 1) {
			verbose(env, "no direct value access support for this map type\n");
			return -EINVAL;
		}
		if (off >= map->value_size) {
			verbose(env, "invalid access to map value pointer, value_size=%u off=%u\n",
				map->value_size, off);
			return -EINVAL;
		}
		env->insn_aux[i].map_off = off;
	}
	if (map_has_spin_lock(map) && env->prog_type == BPF_PROG_TYPE_SOCKET_FILTER) {
		verbose(env, "socket filter progs cannot use bpf_spin_lock yet\n");
		return -EINVAL;
	}
	env->insn_aux[i].map_ptr = map;
	return add_used_map(env, map);
}

int resolve_pseudo_ldimm64(struct bpf_verifier_env *env)
{
	struct bpf_insn *insn = env->insns;

	for (u32 i = 0; i < env->insn_cnt; i++) {
		u8 code = insn[i].code;

		if (BPF_CLASS(code) == BPF_LDX &&
		    ((BPF_MODE(code) != BPF_MEM && BPF_MODE(code) != BPF_MEMSX) || insn[i].imm)) {
			verbose(env, "BPF_LDX uses reserved fields\n");
			return -EINVAL;
		}
		if (code == (BPF_LD | BPF_IMM | BPF_DW)) {
			const struct bpf_insn *next = &insn[i + 1];
			int err;

			if (i == env->insn_cnt - 1 || next->code || next->dst_reg ||
			    next->src_reg || next->off) {
				verbose(env, "invalid bpf_ld_imm64 insn\n");
				return -EINVAL;
			}
			if (insn[i].src_reg != 0 && insn[i].src_reg != BPF_PSEUDO_FUNC) {
				if (insn[i].src_reg != BPF_PSEUDO_MAP_VALUE &&
				    (insn[i].src_reg != BPF_PSEUDO_MAP_FD || next->imm)) {
					verbose(env, "unrecognized bpf_ld_imm64 insn\n");
					return -EINVAL;
				}
				err = resolve_map_ldimm64(env, i);
				if (err)
					return err;
			}
			i++;
			continue;
		}
		if (!bpf_opcode_in_insntable(code)) {
			verbose(env, "unknown opcode %02x\n", code);
			return -EINVAL;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------------
 * Pass 1: subprograms (Linux: add_subprog_and_kfunc, check_subprogs).
 */

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

/* An lddw of a subprogram's address: a callback for bpf_loop and friends (Linux: bpf_pseudo_func). */
static bool is_pseudo_func(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC;
}

static int add_subprog(struct bpf_verifier_env *env, int off)
{
	u32 i;

	if (off < 0 || (u32)off >= env->insn_cnt) {
		verbose(env, "call to invalid destination\n");
		return -EINVAL;
	}
	if (find_subprog(env, off) >= 0)
		return 0;
	if (env->subprog_cnt >= BPF_MAX_SUBPROGS) {
		verbose(env, "too many subprograms\n");
		return -E2BIG;
	}
	/* keep sorted by start */
	for (i = env->subprog_cnt; i > 0 && env->subprog_info[i - 1].start > (u32)off; i--)
		env->subprog_info[i] = env->subprog_info[i - 1];
	memset(&env->subprog_info[i], 0, sizeof(env->subprog_info[i]));
	env->subprog_info[i].start = (u32)off;
	env->subprog_cnt++;
	return 0;
}

int check_subprogs(struct bpf_verifier_env *env)
{
	struct bpf_insn *insn = env->insns;
	u32 cur = 0, start, end;
	int err;

	env->subprog_cnt = 1; /* subprog 0 is the main program at insn 0 */
	for (u32 i = 0; i < env->insn_cnt; i++) {
		if (insn[i].code == (BPF_JMP | BPF_CALL) &&
		    insn[i].src_reg == BPF_PSEUDO_KFUNC_CALL) {
			verbose(env, "calling kernel functions is not supported\n");
			return -EINVAL;
		}
		if (!is_pseudo_call(&insn[i]) && !is_pseudo_func(&insn[i]))
			continue;
		if (!env->bpf_capable) {
			verbose(env,
				"loading/calling other bpf or kernel functions are allowed for CAP_BPF and CAP_SYS_ADMIN\n");
			return -EPERM;
		}
		err = add_subprog(env, (int)i + insn[i].imm + 1);
		if (err)
			return err;
	}
	for (u32 i = 0; i < env->insn_cnt && env->subprog_cnt > 1; i++) {
		if (insn[i].code == (BPF_JMP | BPF_CALL) && !insn[i].src_reg &&
		    insn[i].imm == BPF_FUNC_tail_call && i >= env->subprog_info[1].start) {
			verbose(env, "tail_call is not allowed in subprogs without BTF\n");
			return -EINVAL;
		}
	}
	env->subprog_info[env->subprog_cnt].start = env->insn_cnt; /* sentinel */
	start = 0;
	end = env->subprog_info[1].start;
	for (u32 i = 0; i < env->insn_cnt; i++) {
		u8 code = insn[i].code, cls = BPF_CLASS(code);

		if ((cls == BPF_JMP || cls == BPF_JMP32) && BPF_OP(code) != BPF_EXIT &&
		    BPF_OP(code) != BPF_CALL) {
			s64 off = (s64)i +
				  (code == (BPF_JMP32 | BPF_JA) ? insn[i].imm : insn[i].off) + 1;

			if (off < start || off >= end) {
				verbose(env, "jump out of range from insn %u to %lld\n", i,
					(long long)off);
				return -EINVAL;
			}
		}
		if (i == end - 1) {
			if (code != (BPF_JMP | BPF_EXIT) && code != (BPF_JMP | BPF_JA) &&
			    code != (BPF_JMP32 | BPF_JA)) {
				verbose(env, "last insn is not an exit or jmp\n");
				bpf_vlog_hint(env,
					      "end the program (and each subprogram) with exit");
				return -EINVAL;
			}
			start = end;
			cur++;
			if (cur < env->subprog_cnt)
				end = env->subprog_info[cur + 1].start;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------------
 * Pass 3: the control-flow graph (Linux: check_cfg).
 */

enum { CFG_DISCOVERED = 1, CFG_EXPLORED = 2 };

/* The successors of insn t, in the order Linux visits them; returns how many. */
static int cfg_successors(struct bpf_verifier_env *env, u32 t, int succ[2], bool branch[2])
{
	const struct bpf_insn *insn = &env->insns[t];
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	branch[0] = branch[1] = false;
	if (is_pseudo_func(insn)) { /* as a call: the callback is reached from here */
		succ[0] = (int)t + 2;
		succ[1] = (int)t + insn->imm + 1;
		branch[1] = true;
		env->insn_aux[t].prune_point = true;
		if (t + 2 < env->insn_cnt)
			env->insn_aux[t + 2].prune_point = true;
		return 2;
	}
	if (cls != BPF_JMP && cls != BPF_JMP32) {
		succ[0] = (int)t + (insn->code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1);
		return 1;
	}
	switch (op) {
	case BPF_EXIT:
		return 0;
	case BPF_CALL:
		succ[0] = (int)t + 1;
		env->insn_aux[t + 1 < env->insn_cnt ? t + 1 : t].prune_point = true;
		if (!insn->src_reg &&
		    (insn->imm == BPF_FUNC_loop || insn->imm == BPF_FUNC_for_each_map_elem)) {
			/*
			 * A callback comes back to the call: a checkpoint here finds
			 * the iterations converging (Linux: mark_calls_callback).
			 */
			env->insn_aux[t].calls_callback = true;
			env->insn_aux[t].prune_point = true;
			env->insn_aux[t].force_checkpoint = true;
		}
		if (!is_pseudo_call(insn))
			return 1;
		succ[1] = (int)t + insn->imm + 1;
		branch[1] = true;
		return 2;
	case BPF_JA:
		succ[0] = (int)t + (cls == BPF_JMP32 ? insn->imm : insn->off) + 1;
		branch[0] = true;
		return 1;
	default:
		env->insn_aux[t].prune_point = true;
		succ[0] = (int)t + 1;
		succ[1] = (int)t + insn->off + 1;
		branch[1] = true;
		return 2;
	}
}

/* Depth-first walk from insn 0; every insn must be reached exactly as Linux requires. */
int check_cfg(struct bpf_verifier_env *env)
{
	u32 n = env->insn_cnt, sp = 0;
	u32 *stack = kvmalloc(n * sizeof(u32), GFP_KERNEL);
	u8 *next_edge = kvzalloc(n, GFP_KERNEL);
	int err = 0;

	if (!stack || !next_edge) {
		err = -ENOMEM;
		goto out;
	}
	env->insn_aux[0].cfg_state = CFG_DISCOVERED;
	stack[sp++] = 0;
	while (sp && !err) {
		u32 t = stack[sp - 1];
		int succ[2], cnt;
		bool branch[2];

		cnt = cfg_successors(env, t, succ, branch);
		if (next_edge[t] >= cnt) {
			env->insn_aux[t].cfg_state = CFG_EXPLORED;
			sp--;
			continue;
		}
		{
			int w = succ[next_edge[t]];
			bool is_branch = branch[next_edge[t]];

			next_edge[t]++;
			if (w < 0 || (u32)w >= n) {
				verbose(env, "jump out of range from insn %u to %d\n", t, w);
				err = -EINVAL;
				break;
			}
			if (is_branch) {
				env->insn_aux[w].prune_point = true;
				env->insn_aux[w].jmp_point = true;
			}
			if (env->insn_aux[w].cfg_state == 0) {
				env->insn_aux[w].cfg_state = CFG_DISCOVERED;
				stack[sp++] = (u32)w;
			} else if (env->insn_aux[w].cfg_state == CFG_DISCOVERED) {
				if (!env->bpf_capable) {
					verbose(env, "back-edge from insn %u to %d\n", t, w);
					bpf_vlog_hint(env, "loops need privileges (CAP_BPF)");
					err = -EINVAL;
					break;
				}
				env->insn_aux[w].prune_point = true;
			}
		}
	}
	for (u32 i = 0; i < n && !err; i++) {
		if (env->insn_aux[i].cfg_state != CFG_EXPLORED) {
			verbose(env, "unreachable insn %u\n", i);
			bpf_vlog_hint(env, "insn %u can never run: remove it or jump to it", i);
			err = -EINVAL;
		} else if (env->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (env->insn_aux[i + 1].cfg_state != 0) {
				verbose(env, "jump into the middle of ldimm64 insn %u\n", i);
				err = -EINVAL;
			}
			i++;
		}
	}
out:
	kvfree(stack);
	kvfree(next_edge);
	return err;
}

/* ---------------------------------------------------------------------------
 * Register liveness (Linux 6.18: compute_live_registers): which registers
 * may still be read before being written, at each insn. Pruning ignores the
 * others: their values cannot matter to the rest of the path.
 */

#define R(n) (1u << (n))
#define ARG_REGS (R(1) | R(2) | R(3) | R(4) | R(5))
#define CALLER_SAVED (R(0) | ARG_REGS)

/* The registers insn reads (*use) and writes (*def). */
static void insn_use_def(const struct bpf_insn *insn, u16 *use, u16 *def)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u16 dst = (u16)R(insn->dst_reg), src = (u16)R(insn->src_reg);

	*use = *def = 0;
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		*def = dst;
		*use = (op == BPF_MOV ? 0 : dst) | (BPF_SRC(insn->code) == BPF_X ? src : 0);
		if (op == BPF_NEG || op == BPF_END)
			*use = dst;
		break;
	case BPF_LDX:
		*def = dst, *use = src;
		break;
	case BPF_ST:
		*use = dst;
		break;
	case BPF_STX:
		*use = dst | src;
		if (BPF_MODE(insn->code) == BPF_ATOMIC && insn->imm == BPF_CMPXCHG)
			*use |= R(0), *def = R(0);
		else if (BPF_MODE(insn->code) == BPF_ATOMIC && (insn->imm & BPF_FETCH))
			*def = src;
		break;
	case BPF_LD:
		if (BPF_MODE(insn->code) == BPF_IMM)
			*def = dst;
		else
			*use = R(6) | (BPF_MODE(insn->code) == BPF_IND ? src : 0),
			*def = CALLER_SAVED;
		break;
	default: /* jumps */
		if (op == BPF_CALL)
			*use = insn->src_reg ? ARG_REGS : helper_arg_regs(insn->imm),
			*def = CALLER_SAVED;
		else if (op == BPF_EXIT)
			*use = R(0);
		else if (op != BPF_JA)
			*use = dst | (BPF_SRC(insn->code) == BPF_X ? src : 0);
	}
	*use &= ~R(BPF_REG_10), *def &= ~R(BPF_REG_10);
}

/* The subprogram insn t belongs to. */
static u32 subprog_of(const struct bpf_verifier_env *env, u32 t)
{
	u32 i = 0;

	while (i + 1 < env->subprog_cnt && t >= env->subprog_info[i + 1].start)
		i++;
	return i;
}

/* Bytes of a load or store of insn's size. */
static int insn_mem_size(const struct bpf_insn *insn)
{
	switch (BPF_SIZE(insn->code)) {
	case BPF_DW:
		return 8;
	case BPF_W:
		return 4;
	case BPF_H:
		return 2;
	default:
		return 1;
	}
}

/* The stack slots (bit i: bytes [-8(i+1), -8i)) that [r10 + off, + size) touches. */
static u64 stack_slots_of(int off, int size)
{
	u64 slots = 0;

	for (int b = -(off + size); b <= -off - 1; b++)
		if (b >= 0 && b < MAX_BPF_STACK)
			slots |= 1ULL << (b / BPF_REG_SIZE);
	return slots;
}

/* ---------------------------------------------------------------------------
 * Where stack pointers point: a forward pass giving each load and store the
 * stack it may touch, so that compute_stack_precision and store_value_precise
 * know a load through a map value or a callback's map_key reads no stack, and
 * one through a callback's ctx reads the caller's slots at a known offset.
 * A register's value: SP_NONE (no stack pointer), SP_ANY (some stack, the
 * offset unknown), the frame of subprogram s at offset off (sp_make), any
 * offset in that frame (sp_whole), or the address of callback c (SP_FUNC |
 * c, so that a callback's ctx comes from the calls that pass it). Pointers
 * stored to memory make every loaded value SP_ANY.
 */
#define SP_NONE 0u
#define SP_ANY 0xffffffffu
#define SP_FUNC 0x80000000u
#define SP_SPAN 0x100000u /* lo and hi bound an interval, not two offsets */
#define SP_FAR 1023 /* offsets below -SP_FAR or above 0: the whole frame */
#define SP_MAX_INSNS 65536 /* past this the per-insn tables cost too much: SP_ANY */

/*
 * Offsets lo and hi (lo <= hi) into subprogram s's frame, or with SP_SPAN
 * every offset between: bits 30-22 s + 1, bit 20 SP_SPAN, 19-10 -lo, 9-0 -hi.
 */
static u32 sp_pack(u32 subprog, s64 lo, s64 hi, u32 span)
{
	if (lo < -SP_FAR || hi > 0)
		lo = -SP_FAR, hi = 0, span = SP_SPAN;
	return ((subprog + 1) << 22) | span | ((u32)-lo << 10) | (u32)-hi;
}

static u32 sp_make(u32 subprog, s64 off)
{
	return sp_pack(subprog, off, off, 0);
}

static bool sp_is_stack(u32 v)
{
	return v != SP_NONE && v != SP_ANY && !(v & SP_FUNC);
}

static u32 sp_subprog(u32 v)
{
	return (v >> 22) - 1;
}

static s64 sp_lo(u32 v)
{
	return -(s64)((v >> 10) & SP_FAR);
}

static s64 sp_hi(u32 v)
{
	return -(s64)(v & SP_FAR);
}

/* Both a and b: two offsets stay two, more become the interval around them. */
static u32 sp_join(u32 a, u32 b)
{
	s64 lo, hi;

	if (a == SP_NONE || a == b)
		return b;
	if (b == SP_NONE)
		return a;
	if (!sp_is_stack(a) || !sp_is_stack(b) || sp_subprog(a) != sp_subprog(b))
		return SP_ANY;
	lo = min(sp_lo(a), sp_lo(b));
	hi = max(sp_hi(a), sp_hi(b));
	/* the union of two pairs is a pair when each offset is lo or hi */
	if (!((a | b) & SP_SPAN) && (sp_lo(a) == lo || sp_lo(a) == hi) &&
	    (sp_hi(a) == lo || sp_hi(a) == hi) && (sp_lo(b) == lo || sp_lo(b) == hi) &&
	    (sp_hi(b) == lo || sp_hi(b) == hi))
		return sp_pack(sp_subprog(a), lo, hi, 0);
	return sp_pack(sp_subprog(a), lo, hi, SP_SPAN);
}

/* v moved by delta bytes. */
static u32 sp_add(u32 v, s64 delta)
{
	return sp_pack(sp_subprog(v), sp_lo(v) + delta, sp_hi(v) + delta, v & SP_SPAN);
}

/* The slots [v + off, + size) may touch: bit i of the frame's bytes [-8(i+1), -8i). */
static u64 sp_slots(u32 v, int off, int size)
{
	if (v & SP_SPAN)
		return stack_slots_of((int)sp_lo(v) + off, (int)(sp_hi(v) - sp_lo(v)) + size);
	return stack_slots_of((int)sp_lo(v) + off, size) |
	       stack_slots_of((int)sp_hi(v) + off, size);
}

struct sp_pass {
	struct bpf_verifier_env *env;
	u32 (*in)[MAX_BPF_REG]; /* per insn, before it: bottom (SP_NONE) until reached */
	u32 (*cb_ctx)[MAX_BPF_REG]; /* per subprogram: what it gets as a callback */
	u32 cb_all[MAX_BPF_REG]; /* what callbacks not known at their call get */
	bool *is_callback; /* per subprogram: a BPF_PSEUDO_FUNC lddw names it */
	bool spilled; /* some stack pointer was stored to memory */
	bool changed;
};

static void sp_merge_regs(struct sp_pass *p, u32 *into, const u32 *regs)
{
	for (int r = 0; r < MAX_BPF_REG; r++) {
		u32 v = sp_join(into[r], regs[r]);

		p->changed |= v != into[r];
		into[r] = v;
	}
}

static void sp_merge(struct sp_pass *p, u32 t, const u32 *regs)
{
	sp_merge_regs(p, p->in[t], regs);
}

static void sp_set_flag(struct sp_pass *p, bool *flag)
{
	p->changed |= !*flag;
	*flag = true;
}

/* An ALU insn's effect on the stack pointers in regs. */
static void sp_alu(const struct bpf_insn *insn, u32 *regs)
{
	u8 op = BPF_OP(insn->code);
	bool x = BPF_SRC(insn->code) == BPF_X;
	u32 d = regs[insn->dst_reg], s = x ? regs[insn->src_reg] : SP_NONE;

	if (op == BPF_MOV)
		d = BPF_CLASS(insn->code) == BPF_ALU64 || s == SP_NONE ? s : SP_ANY;
	else if (BPF_CLASS(insn->code) == BPF_ALU64 && !x && sp_is_stack(d) &&
		 (op == BPF_ADD || op == BPF_SUB))
		d = sp_add(d, op == BPF_ADD ? insn->imm : -(s64)insn->imm);
	else
		d = sp_join(d, s) == SP_NONE ? SP_NONE : SP_ANY;
	regs[insn->dst_reg] = d;
}

/* A call's effect: callees' and callbacks' entries, then r0-r5 after it. */
static void sp_call(struct sp_pass *p, const struct bpf_insn *insn, u32 t, u32 *regs)
{
	u32 args[MAX_BPF_REG] = { 0 }, *into = p->cb_all, cb = regs[BPF_REG_2];

	if (is_pseudo_call(insn)) {
		for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
			args[r] = regs[r];
		sp_merge(p, t + insn->imm + 1, args);
		into = NULL;
	} else if (insn->src_reg == 0 && insn->imm == BPF_FUNC_loop) {
		args[BPF_REG_2] = regs[BPF_REG_3];
	} else if (insn->src_reg == 0 && insn->imm == BPF_FUNC_for_each_map_elem) {
		args[BPF_REG_4] = regs[BPF_REG_3];
	} else if (insn->src_reg == 0 && helper_id_known(insn->imm)) {
		for (int i = 0; i < 5; i++)
			if (bpf_func_protos[insn->imm].arg_type[i] == ARG_PTR_TO_FUNC)
				for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
					args[r] = SP_ANY; /* a callback we do not know */
	}
	/* bpf_loop and bpf_for_each_map_elem take the callback in r2 */
	if (into && insn->src_reg == 0 &&
	    (insn->imm == BPF_FUNC_loop || insn->imm == BPF_FUNC_for_each_map_elem) &&
	    cb != SP_ANY && (cb & SP_FUNC) && (cb & ~SP_FUNC) < p->env->subprog_cnt)
		into = p->cb_ctx[cb & ~SP_FUNC];
	if (into)
		sp_merge_regs(p, into, args);
	/* a subprogram may return what it was given */
	regs[BPF_REG_0] = is_pseudo_call(insn) ? SP_ANY : SP_NONE;
	for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
		regs[r] = SP_NONE;
}

/* One insn's effect on regs (the state before it on entry, after it on return). */
static void sp_insn(struct sp_pass *p, const struct bpf_insn *insn, u32 t, u32 *regs)
{
	u8 cls = BPF_CLASS(insn->code);
	u32 loaded = p->spilled ? SP_ANY : SP_NONE;

	if (insn->dst_reg >= MAX_BPF_REG || insn->src_reg >= MAX_BPF_REG)
		return; /* refused by do_check ("R12 is invalid") */

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		sp_alu(insn, regs);
		break;
	case BPF_LDX:
		regs[insn->dst_reg] = loaded;
		break;
	case BPF_STX:
		if (regs[insn->src_reg] != SP_NONE)
			sp_set_flag(p, &p->spilled);
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			if (insn->imm & BPF_FETCH)
				regs[insn->src_reg] = loaded;
			if (insn->imm == BPF_CMPXCHG)
				regs[BPF_REG_0] = loaded;
		}
		break;
	case BPF_LD:
		if (BPF_MODE(insn->code) == BPF_IMM) {
			u32 c = subprog_of(p->env, t + insn->imm + 1);

			regs[insn->dst_reg] = SP_NONE;
			if (is_pseudo_func(insn)) {
				sp_set_flag(p, &p->is_callback[c]);
				regs[insn->dst_reg] = SP_FUNC | c;
			}
		} else {
			for (int r = BPF_REG_0; r <= BPF_REG_5; r++)
				regs[r] = SP_NONE;
		}
		break;
	case BPF_JMP:
		if (BPF_OP(insn->code) == BPF_CALL)
			sp_call(p, insn, t, regs);
		break;
	}
}

/* The register a load or store at insn addresses memory through, else -1. */
static int mem_base_reg(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code);

	if (cls == BPF_LDX)
		return insn->src_reg;
	if (cls == BPF_ST || cls == BPF_STX)
		return insn->dst_reg;
	return -1;
}

/* sp_pass over the program to a fixed point: out[t] is what insn t's base register may be. */
static void sp_run(struct sp_pass *p, u32 *out)
{
	struct bpf_verifier_env *env = p->env;

	do {
		p->changed = false;
		for (u32 s = 0; s < env->subprog_cnt; s++) {
			u32 entry[MAX_BPF_REG] = { 0 };

			for (int r = 0; r < MAX_BPF_REG; r++)
				entry[r] = sp_join(p->is_callback[s] ? p->cb_all[r] : SP_NONE,
						   p->cb_ctx[s][r]);
			entry[BPF_REG_10] = sp_make(s, 0);
			sp_merge(p, env->subprog_info[s].start, entry);
		}
		for (u32 t = 0; t < env->insn_cnt; t++) {
			const struct bpf_insn *insn = &env->insns[t];
			u32 regs[MAX_BPF_REG];
			int succ[2], cnt, base = mem_base_reg(insn);
			bool branch[2];

			if (t && env->insns[t - 1].code == (BPF_LD | BPF_IMM | BPF_DW))
				continue; /* second half of an lddw */
			memcpy(regs, p->in[t], sizeof(regs));
			out[t] = base >= 0 && base < MAX_BPF_REG ? regs[base] : SP_NONE;
			if (out[t] & SP_FUNC && out[t] != SP_ANY)
				out[t] = SP_NONE; /* through a callback's address: refused */
			sp_insn(p, insn, t, regs);
			cnt = cfg_successors(env, t, succ, branch);
			for (int i = 0; i < cnt; i++)
				if (!((is_pseudo_call(insn) || is_pseudo_func(insn)) &&
				      branch[i]) &&
				    succ[i] >= 0 && (u32)succ[i] < env->insn_cnt)
					sp_merge(p, (u32)succ[i], regs);
		}
	} while (p->changed);
}

/*
 * The stack each load and store may touch through its base register, per
 * insn (SP_NONE for other insns), or NULL when the program is too large or
 * memory is short: then every access counts as SP_ANY. kvfree the result.
 */
static u32 *compute_stack_pointers(struct bpf_verifier_env *env)
{
	struct sp_pass p = { .env = env };
	u32 *out = NULL;

	if (env->insn_cnt > SP_MAX_INSNS)
		return NULL;
	p.in = kvzalloc(env->insn_cnt * sizeof(*p.in), GFP_KERNEL);
	p.is_callback = kvzalloc(env->subprog_cnt * sizeof(bool), GFP_KERNEL);
	p.cb_ctx = kvzalloc(env->subprog_cnt * sizeof(*p.cb_ctx), GFP_KERNEL);
	out = kvzalloc(env->insn_cnt * sizeof(u32), GFP_KERNEL);
	if (p.in && p.is_callback && p.cb_ctx && out) {
		sp_run(&p, out);
	} else {
		kvfree(out);
		out = NULL;
	}
	kvfree(p.in);
	kvfree(p.is_callback);
	kvfree(p.cb_ctx);
	return out;
}

/* What insn t's base register may point to (SP_ANY when not known). */
static u32 stack_ptr_at(const struct bpf_verifier_env *env, u32 t)
{
	return env->stack_ptr_of ? env->stack_ptr_of[t] : SP_ANY;
}

/*
 * Whether the register a store at t writes to memory may come back through
 * a load whose value matters (compute_stack_precision): then it matters too.
 * A store through r10 asks about its own slots, one through another
 * pointer (maybe a caller's stack) about any.
 */
static bool store_value_precise(const struct bpf_verifier_env *env, const struct bpf_insn *insn,
				u32 t)
{
	u32 to = stack_ptr_at(env, t);

	if (env->precise_loads_via_ptr)
		return true;
	if (insn->dst_reg == BPF_REG_10)
		return env->subprog_info[subprog_of(env, t)].precise_slots &
		       stack_slots_of(insn->off, insn_mem_size(insn));
	if (to == SP_NONE) /* not the stack: nothing loads its bounds back */
		return false;
	if (to != SP_ANY)
		return env->subprog_info[sp_subprog(to)].precise_slots &
		       sp_slots(to, insn->off, insn_mem_size(insn));
	for (u32 i = 0; i < env->subprog_cnt; i++)
		if (env->subprog_info[i].precise_slots)
			return true;
	return false;
}

/*
 * The registers whose value insn (at t) uses for safety (an approximation
 * of Linux's precision marks, computed statically): addresses, compared
 * values, helper and subprogram arguments, r0 at exit, a stored value that
 * may be loaded back into one of those; an ALU result that matters makes
 * its operands matter. out: what matters after insn.
 */
static u16 insn_precise_use(const struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 t,
			    u16 out)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u16 dst = (u16)R(insn->dst_reg), src = (u16)R(insn->src_reg);

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (!(out & dst))
			return 0;
		if (op == BPF_NEG || op == BPF_END)
			return dst;
		return (op == BPF_MOV ? 0 : dst) | (BPF_SRC(insn->code) == BPF_X ? src : 0);
	case BPF_LDX:
		return src;
	case BPF_ST:
		return dst;
	case BPF_STX:
		return dst | (store_value_precise(env, insn, t) ? src : 0);
	case BPF_LD:
		return BPF_MODE(insn->code) == BPF_IMM ? 0 : R(6);
	default:
		if (op == BPF_CALL)
			return insn->src_reg ? ARG_REGS : helper_arg_regs(insn->imm);
		if (op == BPF_EXIT)
			return R(0);
		if (op == BPF_JA)
			return 0;
		return dst | (BPF_SRC(insn->code) == BPF_X ? src : 0);
	}
}

/* Backward data flow to a fixed point over the successors check_cfg uses. */
void compute_live_registers(struct bpf_verifier_env *env)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (u32 t = env->insn_cnt; t-- > 0;) {
			const struct bpf_insn *insn = &env->insns[t];
			int succ[2], cnt;
			bool branch[2];
			u16 use, def, out = 0, in, pout = 0, pin;

			if (t && env->insns[t - 1].code == (BPF_LD | BPF_IMM | BPF_DW))
				continue; /* second half of an lddw */
			cnt = cfg_successors(env, t, succ, branch);
			for (int i = 0; i < cnt; i++) {
				if ((is_pseudo_call(insn) || is_pseudo_func(insn)) && branch[i])
					continue; /* the callee: its own liveness */
				if (succ[i] >= 0 && (u32)succ[i] < env->insn_cnt) {
					out |= env->insn_aux[succ[i]].live_regs;
					pout |= env->insn_aux[succ[i]].precise_regs;
				}
			}
			insn_use_def(insn, &use, &def);
			in = use | (out & ~def);
			pin = (insn_precise_use(env, insn, t, pout) | (pout & ~def)) & in;
			if (in != env->insn_aux[t].live_regs ||
			    pin != env->insn_aux[t].precise_regs) {
				env->insn_aux[t].live_regs = in;
				env->insn_aux[t].precise_regs = pin;
				changed = true;
			}
		}
	}
}

/*
 * Which stack values can matter (after compute_live_registers): a load
 * whose destination is precise next marks the slots it reads, per
 * subprogram when it reads through r10, through another register the
 * slots compute_stack_pointers finds it may point to, or everything when
 * that is not known (precise_loads_via_ptr). Linux learns the same dynamically with its
 * precision marks on spilled registers. Returns whether anything new was
 * learnt: stores of those slots then make their registers precise, so
 * compute_live_registers runs again (to a fixed point).
 */
bool compute_stack_precision(struct bpf_verifier_env *env)
{
	bool changed = false;

	if (!env->stack_ptr_of)
		env->stack_ptr_of = compute_stack_pointers(env);
	for (u32 i = 0; i + 1 < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		struct bpf_subprog_info *sub = &env->subprog_info[subprog_of(env, i)];
		int off = insn->off;
		u64 slots;
		u32 to;

		if (BPF_CLASS(insn->code) != BPF_LDX ||
		    !(env->insn_aux[i + 1].precise_regs & R(insn->dst_reg)))
			continue;
		if (insn->src_reg != BPF_REG_10) {
			to = stack_ptr_at(env, i);
			if (to == SP_NONE)
				continue; /* a map value, ctx, packet: not the stack */
			if (to == SP_ANY) {
				changed |= !env->precise_loads_via_ptr;
				env->precise_loads_via_ptr = true;
				continue;
			}
			sub = &env->subprog_info[sp_subprog(to)];
			slots = sp_slots(to, off, insn_mem_size(insn));
		} else {
			slots = stack_slots_of(off, insn_mem_size(insn));
		}
		changed |= (sub->precise_slots | slots) != sub->precise_slots;
		sub->precise_slots |= slots;
	}
	if (!changed) { /* the fixed point: the last use of the table */
		kvfree(env->stack_ptr_of);
		env->stack_ptr_of = NULL;
	}
	return changed;
}

/* Level 2: the subprograms and the live registers of each insn, as Linux 6.18. */
void print_live_registers(struct bpf_verifier_env *env)
{
	for (u32 i = 0; i < env->subprog_cnt; i++)
		verbose(env, "func#%u @%u\n", i, env->subprog_info[i].start);
	verbose(env, "Live regs before insn:\n");
	for (u32 t = 0; t < env->insn_cnt; t++) {
		char mask[11];

		for (int r = 0; r < 10; r++)
			mask[r] = (env->insn_aux[t].live_regs >> r) & 1 ? (char)('0' + r) : '.';
		mask[10] = '\0';
		print_insn_prefixed(env, &env->insns[t], t, mask);
		if (env->insns[t].code == (BPF_LD | BPF_IMM | BPF_DW))
			t++;
	}
}

/* ---------------------------------------------------------------------------
 * Pass 5: stack depth over the call graph (Linux: check_max_stack_depth).
 */

static int round_up_stack_depth(u32 depth)
{
	return (int)ALIGN(depth, 16);
}

/* Deepest combined stack from subprogram idx down, at frame depth frames. */
static int max_stack_from(struct bpf_verifier_env *env, u32 idx, int frames, int *depth_out)
{
	const struct bpf_subprog_info *sub = &env->subprog_info[idx];
	int own = round_up_stack_depth(sub->stack_depth), deepest = 0;

	if (frames > MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %d frames is too deep !\n", frames);
		return -E2BIG;
	}
	for (u32 i = sub->start; i < env->subprog_info[idx + 1].start; i++) {
		int callee, d, err;

		/* a callback's frame sits on its caller's too (Linux counts them alike) */
		if ((!is_pseudo_call(&env->insns[i]) && !is_pseudo_func(&env->insns[i])) ||
		    !env->insn_aux[i].seen)
			continue;
		callee = find_subprog(env, (int)i + env->insns[i].imm + 1);
		if (callee < 0)
			continue;
		err = max_stack_from(env, (u32)callee, frames + 1, &d);
		if (err)
			return err;
		deepest = max(deepest, d);
	}
	*depth_out = own + deepest;
	return 0;
}

int check_max_stack_depth(struct bpf_verifier_env *env)
{
	int depth, err = max_stack_from(env, 0, 1, &depth);

	if (err)
		return err;
	if (depth > MAX_BPF_STACK) {
		verbose(env, "combined stack size of %d calls is %d. Too large\n", env->subprog_cnt,
			depth);
		return -EACCES;
	}
	return 0;
}
