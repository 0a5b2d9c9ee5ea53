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

/*
 * Whether the register a store at t writes to memory may come back through
 * a load whose value matters (compute_stack_precision): then it matters too.
 * A store through r10 asks about its own slots, one through another
 * pointer (maybe a caller's stack) about any.
 */
static bool store_value_precise(const struct bpf_verifier_env *env, const struct bpf_insn *insn,
				u32 t)
{
	if (env->precise_loads_via_ptr)
		return true;
	if (insn->dst_reg == BPF_REG_10)
		return env->subprog_info[subprog_of(env, t)].precise_slots &
		       stack_slots_of(insn->off, insn_mem_size(insn));
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
 * subprogram when it reads through r10, else everything
 * (precise_loads_via_ptr). Linux learns the same dynamically with its
 * precision marks on spilled registers. Returns whether anything new was
 * learnt: stores of those slots then make their registers precise, so
 * compute_live_registers runs again (to a fixed point).
 */
bool compute_stack_precision(struct bpf_verifier_env *env)
{
	bool changed = false;

	for (u32 i = 0; i + 1 < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		struct bpf_subprog_info *sub = &env->subprog_info[subprog_of(env, i)];
		u64 slots;

		if (BPF_CLASS(insn->code) != BPF_LDX ||
		    !(env->insn_aux[i + 1].precise_regs & R(insn->dst_reg)))
			continue;
		if (insn->src_reg != BPF_REG_10) {
			changed |= !env->precise_loads_via_ptr;
			env->precise_loads_via_ptr = true;
			continue;
		}
		slots = stack_slots_of(insn->off, insn_mem_size(insn));
		changed |= (sub->precise_slots | slots) != sub->precise_slots;
		sub->precise_slots |= slots;
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
