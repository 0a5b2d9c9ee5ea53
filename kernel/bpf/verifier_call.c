// SPDX-License-Identifier: GPL-2.0
/*
 * Calls: helper prototypes per program type and the checks of a helper call
 * (Linux: check_helper_call, check_func_arg, check_map_func_compatibility),
 * BPF-to-BPF calls with a frame per callee (check_func_call,
 * prepare_func_exit) and the program's exit (check_return_code).
 *
 * The prototypes are those of the one helper table, bpf_func_protos[]
 * (kernel/bpf/helpers.c, include/bpfkern/helpers.h), which the runtime
 * calls through too.
 */
#include <string.h>
#include <bpfkern/disasm.h>
#include <bpfkern/helpers.h>
#include "verifier_internal.h"

bool helper_id_known(s32 id)
{
	return id > 0 && id < __BPF_FUNC_MAX_ID && bpf_func_protos[id].prog_types;
}

u16 helper_arg_regs(s32 func_id)
{
	u16 regs = 0;

	if (!helper_id_known(func_id))
		return 0x3e; /* r1-r5 */
	for (int i = 0; i < 5; i++)
		if (bpf_func_protos[func_id].arg_type[i] != ARG_DONTCARE)
			regs |= (u16)(1u << (BPF_REG_1 + i));
	return regs;
}

static const char *func_id_name(s32 id)
{
	const char *name = bpf_helper_name(id);

	return name ? name : "unknown";
}

/* The prototype for a call from this program, or NULL (Linux: get_func_proto). */
static const struct bpf_func_proto *get_func_proto(struct bpf_verifier_env *env, s32 id)
{
	const struct bpf_func_proto *fn = &bpf_func_protos[id];
	u8 type = env->prog_type == BPF_PROG_TYPE_XDP ? BPF_PROTO_XDP : BPF_PROTO_SKF;

	if (!(fn->prog_types & type))
		return NULL;
	if (fn->priv != HELPER_ANY && !env->bpf_capable)
		return NULL;
	if (fn->priv == HELPER_PERFMON && !env->allow_ptr_leaks)
		return NULL;
	return fn;
}

/* Which map types a map helper accepts, and the reverse (Linux: check_map_func_compatibility). */
static bool map_func_compatible(const struct bpf_map *map, s32 func_id)
{
	switch (map->map_type) {
	case BPF_MAP_TYPE_PROG_ARRAY:
		return func_id == BPF_FUNC_tail_call;
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
		return func_id == BPF_FUNC_perf_event_output;
	case BPF_MAP_TYPE_RINGBUF:
		return func_id == BPF_FUNC_ringbuf_output || func_id == BPF_FUNC_ringbuf_query ||
		       func_id == BPF_FUNC_ringbuf_reserve;
	case BPF_MAP_TYPE_CPUMAP:
		return func_id == BPF_FUNC_redirect_map;
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_XSKMAP:
		return func_id == BPF_FUNC_redirect_map || func_id == BPF_FUNC_map_lookup_elem;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return func_id == BPF_FUNC_map_push_elem || func_id == BPF_FUNC_map_pop_elem ||
		       func_id == BPF_FUNC_map_peek_elem;
	default:
		break;
	}
	switch (func_id) {
	case BPF_FUNC_tail_call:
	case BPF_FUNC_perf_event_output:
	case BPF_FUNC_ringbuf_output:
	case BPF_FUNC_ringbuf_query:
	case BPF_FUNC_ringbuf_reserve:
	case BPF_FUNC_redirect_map:
	case BPF_FUNC_map_push_elem:
	case BPF_FUNC_map_pop_elem:
	case BPF_FUNC_map_peek_elem:
		return false; /* these need one of the map types above */
	default:
		return true;
	}
}

/* Register types an argument accepts, and how the log names them. */
static bool arg_type_ok(enum bpf_arg_type arg, const struct bpf_reg_state *reg,
			const char **expected)
{
	switch (arg) {
	case ARG_CONST_MAP_PTR:
		*expected = "map_ptr";
		return reg->type == CONST_PTR_TO_MAP;
	case ARG_PTR_TO_CTX:
		*expected = "ctx";
		return reg->type == PTR_TO_CTX;
	case ARG_CONST_SIZE:
	case ARG_CONST_SIZE_OR_ZERO:
	case ARG_CONST_ALLOC_SIZE_OR_ZERO:
		*expected = "scalar";
		return reg->type == SCALAR_VALUE;
	case ARG_PTR_TO_RINGBUF_MEM:
		*expected = "ringbuf_mem";
		return reg->type == (PTR_TO_MEM | MEM_RINGBUF);
	case ARG_PTR_TO_FUNC:
		*expected = "func";
		return reg->type == PTR_TO_FUNC;
	case ARG_PTR_TO_SPIN_LOCK:
		*expected = "map_value, ptr_";
		return reg->type == PTR_TO_MAP_VALUE;
	case ARG_PTR_TO_STACK_OR_NULL:
		*expected = "fp";
		return reg->type == PTR_TO_STACK || (register_is_const(reg) && !reg->var_off.value);
	case ARG_PTR_TO_MAP_KEY:
	case ARG_PTR_TO_MAP_VALUE:
		*expected = "fp, pkt, pkt_meta, map_key, map_value";
		return reg->type == PTR_TO_STACK || reg_is_pkt_pointer(reg) ||
		       reg->type == PTR_TO_MAP_KEY || reg->type == PTR_TO_MAP_VALUE;
	case ARG_PTR_TO_MEM_OR_NULL:
		if (register_is_const(reg) && !reg->var_off.value)
			return true;
		/* fall through */
	default: /* memory */
		*expected = "fp, pkt, pkt_meta, map_key, map_value, mem";
		return reg->type == PTR_TO_STACK || reg_is_pkt_pointer(reg) ||
		       reg->type == PTR_TO_MAP_KEY || reg->type == PTR_TO_MAP_VALUE ||
		       reg_is_mem(reg);
	}
}

/* What check_func_arg learns across arguments (Linux: struct bpf_call_arg_meta). */
struct call_meta {
	struct bpf_map *map_ptr;
	s32 func_id;
	bool key_known; /* a constant key for an array map */
	u64 key;
	u32 mem_size; /* ARG_CONST_ALLOC_SIZE_OR_ZERO: the size of r0's memory */
	u32 release_regno; /* the argument a release helper releases */
	u32 ref_obj_id; /* the reference an argument holds */
	u32 subprogno; /* ARG_PTR_TO_FUNC: the callback */
};

/*
 * A constant array-map key on the stack (Linux: get_constant_map_key): all
 * its bytes known zero, or a spilled constant scalar covering it.
 */
static void find_const_key(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
			   struct call_meta *meta)
{
	const struct bpf_func_state *state;
	const struct bpf_stack_state *slot;
	u32 size = meta->map_ptr->key_size;
	int off, zeros = 0;

	meta->key_known = false;
	if (reg->type != PTR_TO_STACK || !tnum_is_const(reg->var_off) || size > BPF_REG_SIZE)
		return;
	state = env->cur_state->frame[reg->frameno];
	off = reg->off + (int)reg->var_off.value;
	if (off >= 0 || -off > state->allocated_stack || off + (int)size > 0)
		return;
	slot = &state->stack[(-off - 1) / BPF_REG_SIZE];
	if (!(off % BPF_REG_SIZE) && slot->slot_type[BPF_REG_SIZE - 1] == STACK_SPILL &&
	    register_is_const(&slot->spilled_ptr)) {
		meta->key = slot->spilled_ptr.var_off.value &
			    (size == 8 ? ~0ULL : (1ULL << (size * 8)) - 1);
		meta->key_known = true;
		return;
	}
	for (int a = off; a < off + (int)size; a++) {
		int b = -a - 1;

		zeros += state->stack[b / BPF_REG_SIZE].slot_type[b % BPF_REG_SIZE] == STACK_ZERO;
	}
	meta->key = 0;
	meta->key_known = zeros == (int)size;
}

/*
 * The argument of a release helper: the unmodified pointer of an acquired
 * reference (Linux: check_func_arg_reg_off and the OBJ_RELEASE part of
 * check_func_arg).
 */
static int check_release_arg(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
			     u32 regno, struct call_meta *meta)
{
	if (reg->off) {
		verbose(env,
			"R%d must have zero offset when passed to release func or trusted arg to kfunc\n",
			regno);
		return -EINVAL;
	}
	if (check_ptr_off_reg(env, reg, regno))
		return -EACCES;
	if (!reg->ref_obj_id) {
		verbose(env, "R%d must be referenced when passed to release function\n", regno);
		return -EINVAL;
	}
	meta->release_regno = regno;
	meta->ref_obj_id = reg->ref_obj_id;
	return 0;
}

/*
 * bpf_spin_lock / bpf_spin_unlock's argument (Linux: process_spin_lock): a
 * map value pointer at a constant offset that is the map's bpf_spin_lock
 * (its BTF says where). Taking a lock records it in the state (one at a
 * time); releasing needs the same lock, through the same lookup's pointer.
 */
static int process_spin_lock(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
			     u32 regno, bool is_lock)
{
	struct bpf_verifier_state *st = env->cur_state;
	struct bpf_map *map = reg->map_ptr;
	s64 off = (s64)reg->var_off.value + reg->off;

	if (!tnum_is_const(reg->var_off)) {
		verbose(env,
			"R%u doesn't have constant offset. bpf_spin_lock has to be at the constant offset\n",
			regno);
		return -EINVAL;
	}
	if (!map->btf) {
		verbose(env, "map '%s' has to have BTF in order to use bpf_spin_lock\n", map->name);
		return -EINVAL;
	}
	if (!map_has_spin_lock(map)) {
		verbose(env, "map '%s' has no valid bpf_spin_lock\n", map->name);
		return -EINVAL;
	}
	if (off != map->spin_lock_off) {
		verbose(env, "off %lld doesn't point to 'struct bpf_spin_lock' that is at %d\n",
			(long long)off, map->spin_lock_off);
		return -EINVAL;
	}
	if (is_lock) {
		if (st->active_lock_map) {
			verbose(env, "Locking two bpf_spin_locks are not allowed\n");
			return -EINVAL;
		}
		st->active_lock_map = map;
		st->active_lock_id = reg->id;
		return 0;
	}
	if (!st->active_lock_map) {
		verbose(env, "bpf_spin_unlock without taking a lock\n");
		return -EINVAL;
	}
	if (st->active_lock_map != map || st->active_lock_id != reg->id) {
		verbose(env, "bpf_spin_unlock of different lock\n");
		return -EINVAL;
	}
	st->active_lock_map = NULL;
	st->active_lock_id = 0;
	return 0;
}

int check_lock_held(struct bpf_verifier_env *env, const char *prefix)
{
	if (!env->cur_state->active_lock_map)
		return 0;
	verbose(env, "%s cannot be used inside bpf_spin_lock-ed region\n", prefix);
	bpf_vlog_hint(env, "every path must call bpf_spin_unlock first");
	return -EINVAL;
}

/* Checks argument number arg (register arg + 1) against its type (Linux: check_func_arg). */
static int check_func_arg(struct bpf_verifier_env *env, int arg, enum bpf_arg_type type,
			  const enum bpf_arg_type *all, struct call_meta *meta)
{
	u32 regno = BPF_REG_1 + arg;
	struct bpf_reg_state *reg = &cur_regs(env)[regno];
	const char *expected = "";
	int err;

	if (type == ARG_DONTCARE)
		return 0;
	err = check_reg_arg(env, regno, true);
	if (err)
		return err;
	if (type == ARG_ANYTHING) {
		if (is_pointer_value(env, reg)) {
			verbose(env, "R%d leaks addr into helper function\n", regno);
			return -EACCES;
		}
		return 0;
	}
	if (!arg_type_ok(type, reg, &expected)) {
		verbose(env, "R%d type=%s expected=%s\n", regno, reg_type_str(reg->type), expected);
		if (reg->type & PTR_MAYBE_NULL)
			bpf_vlog_hint(env, "test R%d against NULL before passing it", regno);
		else if (type == ARG_PTR_TO_FUNC)
			bpf_vlog_hint(env,
				      "pass the callback's address: R%d = <function> (an lddw "
				      "with src_reg BPF_PSEUDO_FUNC)",
				      regno);
		return -EACCES;
	}
	switch (type) {
	case ARG_CONST_MAP_PTR:
		meta->map_ptr = reg->map_ptr;
		if (meta->func_id == BPF_FUNC_tail_call &&
		    reg->map_ptr->map_type != BPF_MAP_TYPE_PROG_ARRAY) {
			/* Linux prints this one without a newline */
			verbose(env, "expected prog array map for tail call");
			return -EINVAL;
		}
		return 0;
	case ARG_PTR_TO_CTX:
		return check_ptr_off_reg(env, reg, regno);
	case ARG_CONST_ALLOC_SIZE_OR_ZERO:
		if (!tnum_is_const(reg->var_off)) {
			/* Linux's message, stray quote included */
			verbose(env, "R%d is not a known constant'\n", regno);
			return -EACCES;
		}
		meta->mem_size = (u32)reg->var_off.value;
		return 0;
	case ARG_PTR_TO_RINGBUF_MEM:
		return check_release_arg(env, reg, regno, meta);
	case ARG_PTR_TO_FUNC:
		meta->subprogno = reg->subprogno;
		return check_ptr_off_reg(env, reg, regno);
	case ARG_PTR_TO_SPIN_LOCK:
		return process_spin_lock(env, reg, regno, meta->func_id == BPF_FUNC_spin_lock);
	case ARG_PTR_TO_MAP_KEY:
	case ARG_PTR_TO_MAP_VALUE:
		if (!meta->map_ptr) {
			verbose(env, "invalid map_ptr to access map->%s\n",
				type == ARG_PTR_TO_MAP_KEY ? "key" : "value");
			return -EACCES;
		}
		if (type == ARG_PTR_TO_MAP_KEY)
			find_const_key(env, reg, meta);
		return check_helper_mem_access(env, regno,
					       type == ARG_PTR_TO_MAP_KEY
						       ? (int)meta->map_ptr->key_size
						       : (int)meta->map_ptr->value_size,
					       false, false);
	case ARG_PTR_TO_MEM:
	case ARG_PTR_TO_MEM_OR_NULL:
	case ARG_PTR_TO_UNINIT_MEM:
		if (arg + 1 < 5 &&
		    (all[arg + 1] == ARG_CONST_SIZE || all[arg + 1] == ARG_CONST_SIZE_OR_ZERO))
			return 0; /* checked with its size, next */
		if (meta->map_ptr && type == ARG_PTR_TO_UNINIT_MEM) /* pop/peek: a value */
			return check_helper_mem_access(env, regno, (int)meta->map_ptr->value_size,
						       false, true);
		return 0;
	case ARG_CONST_SIZE:
	case ARG_CONST_SIZE_OR_ZERO:
		if (all[arg - 1] == ARG_PTR_TO_MEM_OR_NULL &&
		    register_is_const(&cur_regs(env)[regno - 1]) &&
		    !cur_regs(env)[regno - 1].var_off.value) {
			if (!register_is_const(reg) || reg->var_off.value) {
				verbose(env,
					"R%d type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem\n",
					regno - 1);
				return -EACCES;
			}
			return 0;
		}
		return check_mem_size_reg(env, regno, type == ARG_CONST_SIZE_OR_ZERO,
					  all[arg - 1] == ARG_PTR_TO_UNINIT_MEM);
	default:
		return 0;
	}
}

/* r0 after the call, typed by the prototype. */
static void set_return_reg(struct bpf_verifier_env *env, const struct bpf_func_proto *fn,
			   const struct call_meta *meta)
{
	struct bpf_reg_state *r0 = &cur_regs(env)[BPF_REG_0];

	switch (fn->ret_type) {
	case RET_VOID:
		mark_reg_not_init(r0);
		break;
	case RET_PTR_TO_RINGBUF_MEM_OR_NULL:
		__mark_reg_known_zero(r0);
		r0->type = PTR_TO_MEM | MEM_RINGBUF | PTR_MAYBE_NULL;
		r0->mem_size = meta->mem_size;
		r0->id = ++env->id_gen; /* acquire_reference replaces it */
		break;
	case RET_PTR_TO_MAP_VALUE_OR_NULL:
		__mark_reg_known_zero(r0);
		r0->type = PTR_TO_MAP_VALUE;
		r0->map_ptr = meta->map_ptr;
		/* an array lookup with a constant in-range key cannot fail */
		if (!(meta->key_known &&
		      (meta->map_ptr->map_type == BPF_MAP_TYPE_ARRAY ||
		       meta->map_ptr->map_type == BPF_MAP_TYPE_PERCPU_ARRAY) &&
		      meta->key < meta->map_ptr->max_entries)) {
			r0->type |= PTR_MAYBE_NULL;
			r0->id = ++env->id_gen;
		} else if (map_has_spin_lock(meta->map_ptr)) {
			r0->id = ++env->id_gen; /* names the value's lock */
		}
		break;
	default:
		__mark_reg_unknown(r0);
	}
}

/*
 * Records a new reference acquired at insn_idx; its id, or a negative errno
 * (Linux: acquire_reference).
 */
static int acquire_reference(struct bpf_verifier_env *env, int insn_idx)
{
	struct bpf_verifier_state *st = env->cur_state;

	if (st->acquired_refs == BPF_MAX_ACQUIRED_REFS) {
		verbose(env, "more than %d references held at once\n", BPF_MAX_ACQUIRED_REFS);
		return -E2BIG;
	}
	st->refs[st->acquired_refs].id = ++env->id_gen;
	st->refs[st->acquired_refs].insn_idx = insn_idx;
	st->acquired_refs++;
	return (int)env->id_gen;
}

void release_reference_state(struct bpf_verifier_state *st, u32 id)
{
	for (u32 i = 0; i < st->acquired_refs; i++) {
		if (st->refs[i].id != id)
			continue;
		st->acquired_refs--;
		for (; i < st->acquired_refs; i++)
			st->refs[i] = st->refs[i + 1];
		return;
	}
}

/* reg no longer holds a usable pointer (Linux: mark_reg_invalid). */
static void mark_reg_invalid(const struct bpf_verifier_env *env, struct bpf_reg_state *reg)
{
	if (env->allow_ptr_leaks)
		__mark_reg_unknown(reg);
	else
		mark_reg_not_init(reg);
}

/*
 * Releases reference id: every register and spilled copy of it becomes
 * unusable. -EINVAL when it is not held (Linux: release_reference).
 */
static int release_reference(struct bpf_verifier_env *env, u32 id)
{
	struct bpf_verifier_state *st = env->cur_state;
	u32 held = st->acquired_refs;

	release_reference_state(st, id);
	if (st->acquired_refs == held)
		return -EINVAL;
	for (u32 f = 0; f <= st->curframe; f++) {
		struct bpf_func_state *fs = st->frame[f];

		for (int r = 0; r < MAX_BPF_REG; r++)
			if (fs->regs[r].ref_obj_id == id)
				mark_reg_invalid(env, &fs->regs[r]);
		for (int i = 0; i < fs->allocated_stack / BPF_REG_SIZE; i++) {
			struct bpf_stack_state *slot = &fs->stack[i];

			if (slot->slot_type[BPF_REG_SIZE - 1] == STACK_SPILL &&
			    slot->spilled_ptr.ref_obj_id == id) {
				__mark_reg_unknown(&slot->spilled_ptr);
				memset(slot->slot_type, STACK_MISC, sizeof(slot->slot_type));
			}
		}
	}
	return 0;
}

/*
 * Where the program can end (its main exit, a tail call, LD_ABS), any
 * reference still held leaks: -EINVAL with Linux's messages.
 */
int check_reference_leak(struct bpf_verifier_env *env, const char *prefix)
{
	const struct bpf_verifier_state *st = env->cur_state;

	for (u32 i = 0; i < st->acquired_refs; i++)
		verbose(env, "Unreleased reference id=%u alloc_insn=%d\n", st->refs[i].id,
			st->refs[i].insn_idx);
	if (!st->acquired_refs)
		return 0;
	verbose(env, "%s would lead to reference leak\n", prefix);
	bpf_vlog_hint(env, "submit or discard every bpf_ringbuf_reserve record on every path");
	return -EINVAL;
}

/*
 * Notes the map a bpf_map_lookup_elem call at insn_idx received: one map on
 * every path lets the fixup inline the lookup, two poison the site (Linux:
 * record_func_map).
 */
static void record_func_map(struct bpf_verifier_env *env, int insn_idx, struct bpf_map *map)
{
	struct bpf_insn_aux_data *aux = &env->insn_aux[insn_idx];

	if (!aux->call_map)
		aux->call_map = map;
	else if (aux->call_map != map)
		aux->call_map_poisoned = true;
}

/* Map types whose elements bpf_for_each_map_elem can visit (Linux: map_for_each_callback). */
static bool map_has_for_each(const struct bpf_map *map)
{
	switch (map->map_type) {
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return true;
	default:
		return false;
	}
}

/*
 * The callback's arguments in its new frame, from the caller's registers at
 * the helper call (Linux: set_loop_callback_state,
 * set_map_elem_callback_state): bpf_loop gives r1 = the index (any u64) and
 * r2 = callback_ctx; bpf_for_each_map_elem gives r1 = the map, r2 = a key,
 * r3 = a value, r4 = callback_ctx. The other registers are unreadable.
 */
static void set_callback_args(s32 func_id, const struct bpf_func_state *caller,
			      struct bpf_func_state *callee)
{
	struct bpf_map *map = caller->regs[BPF_REG_1].map_ptr;

	callee->in_callback_fn = true;
	if (func_id == BPF_FUNC_loop) {
		__mark_reg_unknown(&callee->regs[BPF_REG_1]);
		callee->regs[BPF_REG_2] = caller->regs[BPF_REG_3];
		return;
	}
	callee->regs[BPF_REG_1] = caller->regs[BPF_REG_1];
	__mark_reg_known_zero(&callee->regs[BPF_REG_2]);
	callee->regs[BPF_REG_2].type = PTR_TO_MAP_KEY;
	callee->regs[BPF_REG_2].map_ptr = map;
	__mark_reg_known_zero(&callee->regs[BPF_REG_3]);
	callee->regs[BPF_REG_3].type = PTR_TO_MAP_VALUE;
	callee->regs[BPF_REG_3].map_ptr = map;
	callee->regs[BPF_REG_4] = caller->regs[BPF_REG_3];
}

/*
 * A helper that calls back (Linux: push_callback_call): the callback may
 * run zero or more times, so the current path goes on after the call as if
 * it ran none, and a new pending path starts at the callback's first insn
 * in a new frame. The callback's exit comes back to this call
 * (prepare_func_exit), which then runs again with the caller's state as the
 * callback left it, until is_state_visited finds the state at the call
 * repeating (or bpf_loop's count is reached). 0 or -errno.
 */
static int push_callback_call(struct bpf_verifier_env *env, int insn_idx, s32 func_id, u32 subprog)
{
	struct bpf_verifier_state *cb;
	struct bpf_func_state *caller = cur_func(env), *callee;
	u32 cf = env->cur_state->curframe;

	if (func_id == BPF_FUNC_for_each_map_elem &&
	    !map_has_for_each(caller->regs[BPF_REG_1].map_ptr)) {
		verbose(env, "callback function not allowed for map\n");
		return -ENOTSUPP;
	}
	if (cf + 1 >= MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %d frames is too deep\n", cf + 2);
		return -E2BIG;
	}
	cb = push_stack(env, (int)env->subprog_info[subprog].start, insn_idx, false);
	if (!cb)
		return -ENOMEM;
	callee = kzalloc(FUNC_STATE_SIZE(MAX_STACK_SLOTS), GFP_KERNEL);
	if (!callee)
		return -ENOMEM;
	init_func_state(env, callee, insn_idx, cf + 1, subprog);
	set_callback_args(func_id, caller, callee);
	cb->frame[cf + 1] = callee;
	cb->curframe = cf + 1;
	cb->frame[cf]->callback_depth++;
	caller->callback_depth = 0;
	return 0;
}

/*
 * bpf_loop and bpf_for_each_map_elem: schedule the callback (see
 * push_callback_call). bpf_loop stops scheduling it once this frame has
 * run it as many times as r1 (nr_loops) can be at most, as Linux 6.18.
 */
static int check_callback_helper(struct bpf_verifier_env *env, int insn_idx, s32 func_id,
				 const struct call_meta *meta)
{
	struct bpf_func_state *caller = cur_func(env);

	env->insn_aux[insn_idx].calls_callback = true;
	if (func_id == BPF_FUNC_loop &&
	    caller->callback_depth >= caller->regs[BPF_REG_1].umax_value) {
		caller->callback_depth = 0;
		if (env->log.level & BPF_LOG_LEVEL2)
			verbose(env, "frame%u bpf_loop iteration limit reached\n",
				env->cur_state->curframe);
		return 0;
	}
	return push_callback_call(env, insn_idx, func_id, meta->subprogno);
}

/*
 * A call to helper insn->imm: prototype, privilege, license, arguments, map
 * compatibility; afterwards r1-r5 are unreadable and r0 holds the result.
 */
int check_helper_call(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx_p)
{
	s32 func_id = insn->imm;
	const struct bpf_func_proto *fn;
	struct call_meta meta = { .func_id = func_id };
	int err;

	if (func_id < 0 || func_id >= __BPF_FUNC_MAX_ID) {
		verbose(env, "invalid func %s#%d\n", func_id_name(func_id), func_id);
		return -EINVAL;
	}
	fn = get_func_proto(env, func_id);
	if (!fn) {
		verbose(env, "program of this type cannot use helper %s#%d\n",
			func_id_name(func_id), func_id);
		bpf_vlog_hint(env, "%s is not available to %s programs here", func_id_name(func_id),
			      env->prog_type == BPF_PROG_TYPE_XDP ? "XDP" : "socket filter");
		return -EINVAL;
	}
	if (fn->gpl_only && !env->opts->gpl_compatible) {
		verbose(env,
			"cannot call GPL-restricted function from non-GPL compatible program\n");
		return -EINVAL;
	}
	for (int i = 0; i < 5; i++) {
		err = check_func_arg(env, i, fn->arg_type[i], fn->arg_type, &meta);
		if (err)
			return err;
	}
	/* as Linux, before the map compatibility check ("not allowed for map" first) */
	if (func_id == BPF_FUNC_loop || func_id == BPF_FUNC_for_each_map_elem) {
		err = check_callback_helper(env, *insn_idx_p, func_id, &meta);
		if (err)
			return err;
	}
	if (meta.map_ptr && !map_func_compatible(meta.map_ptr, func_id)) {
		verbose(env, "cannot pass map_type %d into func %s#%d\n", meta.map_ptr->map_type,
			func_id_name(func_id), func_id);
		return -EINVAL;
	}
	if (func_id == BPF_FUNC_map_lookup_elem)
		record_func_map(env, *insn_idx_p, meta.map_ptr);
	if (meta.release_regno && release_reference(env, meta.ref_obj_id)) {
		verbose(env, "func %s#%d reference has not been acquired before\n",
			func_id_name(func_id), func_id);
		return -EINVAL;
	}
	if (func_id == BPF_FUNC_tail_call) {
		err = check_reference_leak(env, "tail_call");
		if (err)
			return err;
	}
	for (int i = BPF_REG_1; i <= BPF_REG_5; i++)
		mark_reg_not_init(&cur_regs(env)[i]);
	set_return_reg(env, fn, &meta);
	if (fn->ret_type == RET_PTR_TO_RINGBUF_MEM_OR_NULL) {
		int id = acquire_reference(env, *insn_idx_p);

		if (id < 0)
			return id;
		cur_regs(env)[BPF_REG_0].id = (u32)id;
		cur_regs(env)[BPF_REG_0].ref_obj_id = (u32)id;
	}
	if (fn->changes_pkt_data)
		clear_all_pkt_pointers(env);
	if (func_id == BPF_FUNC_tail_call)
		env->subprog_info[cur_func(env)->subprogno].has_tail_call = true;
	return 0;
}

/* Index of the subprogram starting at insn off, or -1 (Linux: find_subprog). */
int find_subprog(struct bpf_verifier_env *env, int off)
{
	for (u32 i = 0; i < env->subprog_cnt; i++)
		if (env->subprog_info[i].start == (u32)off)
			return (int)i;
	return -1;
}

/*
 * A BPF-to-BPF call: pushes a frame for the callee with the caller's r1-r5
 * as arguments and a fresh stack, and continues at the callee's first insn
 * (Linux: check_func_call).
 */
int check_func_call(struct bpf_verifier_env *env, struct bpf_insn *insn, int *insn_idx)
{
	struct bpf_verifier_state *state = env->cur_state;
	struct bpf_func_state *caller = state->frame[state->curframe], *callee;
	int target = *insn_idx + insn->imm + 1, subprog = find_subprog(env, target);

	if (state->curframe + 1 >= MAX_CALL_FRAMES) {
		verbose(env, "the call stack of %d frames is too deep\n", state->curframe + 2);
		return -E2BIG;
	}
	if (subprog < 0) {
		verbose(env, "verifier bug. No program starts at insn %d\n", target);
		return -EFAULT;
	}
	callee = kzalloc(FUNC_STATE_SIZE(MAX_STACK_SLOTS), GFP_KERNEL);
	if (!callee)
		return -ENOMEM;
	state->frame[state->curframe + 1] = callee;
	init_func_state(env, callee, *insn_idx, state->curframe + 1, (u32)subprog);
	for (int i = BPF_REG_1; i <= BPF_REG_5; i++)
		callee->regs[i] = caller->regs[i];
	for (int i = BPF_REG_1; i <= BPF_REG_5; i++)
		mark_reg_not_init(&caller->regs[i]);
	state->curframe++;
	if (env->log.level & BPF_LOG_LEVEL) {
		verbose(env, "caller:\n");
		print_verifier_state(env, caller);
		verbose(env, "callee:\n");
		print_verifier_state(env, callee);
	}
	*insn_idx = target - 1; /* the main loop adds one */
	return 0;
}

/*
 * A callback's exit: r0 must be a scalar in [0, 1] (Linux's messages and
 * errnos), checked for every value it may hold.
 */
static int check_callback_exit(struct bpf_verifier_env *env, const struct bpf_reg_state *r0)
{
	if (r0->type == PTR_TO_STACK) {
		verbose(env, "cannot return stack pointer to the caller\n");
		return -EINVAL;
	}
	if (r0->type != SCALAR_VALUE) {
		verbose(env, "R0 not a scalar value\n");
		bpf_vlog_hint(env, "a callback returns 0 (go on) or 1 (stop)");
		return -EACCES;
	}
	if (r0->smin_value >= 0 && r0->smax_value <= 1)
		return 0;
	verbose(env, "At callback return the register R0 has");
	if (r0->smin_value > INT64_MIN)
		verbose(env, " smin=%lld", (long long)r0->smin_value);
	if (r0->smax_value < INT64_MAX)
		verbose(env, " smax=%lld", (long long)r0->smax_value);
	if (r0->smin_value == INT64_MIN && r0->smax_value == INT64_MAX)
		verbose(env, " unknown scalar value");
	verbose(env, " should have been in [0, 1]\n");
	bpf_vlog_hint(env, "a callback returns 0 (go on) or 1 (stop)");
	return -EINVAL;
}

/*
 * Exit from a subprogram: r0 goes back to the caller, whose frame resumes
 * after the call. A callback's exit instead goes back to the helper call
 * itself (*insn_idx = callsite - 1, the main loop adds one), which runs
 * again: the callback may run once more or the helper may return.
 */
int prepare_func_exit(struct bpf_verifier_env *env, int *insn_idx)
{
	struct bpf_verifier_state *state = env->cur_state;
	struct bpf_func_state *callee = state->frame[state->curframe];
	struct bpf_func_state *caller = state->frame[state->curframe - 1];
	struct bpf_reg_state *r0 = &callee->regs[BPF_REG_0];
	int err;

	if (callee->in_callback_fn) {
		err = check_callback_exit(env, r0);
		if (err)
			return err;
		*insn_idx = callee->callsite - 1;
		state->frame[state->curframe] = NULL;
		state->curframe--;
		kfree(callee);
		widen_imprecise_scalars(env, *insn_idx + 1);
		if (env->log.level & BPF_LOG_LEVEL) {
			verbose(env, "returning from callee:\n");
			verbose(env, "to caller at %d:\n", *insn_idx + 1);
			print_verifier_state(env, caller);
		}
		return 0;
	}
	err = check_reg_arg(env, BPF_REG_0, true);
	if (err)
		return err;
	if (r0->type == PTR_TO_STACK && r0->frameno == callee->frameno) {
		verbose(env, "cannot return stack pointer to the caller frame\n");
		return -EINVAL;
	}
	caller->regs[BPF_REG_0] = *r0;
	*insn_idx = callee->callsite; /* the main loop adds one */
	state->frame[state->curframe] = NULL;
	state->curframe--;
	kfree(callee);
	if (env->log.level & BPF_LOG_LEVEL) {
		verbose(env, "returning from callee:\n");
		verbose(env, "to caller at %d:\n", *insn_idx + 1);
		print_verifier_state(env, caller);
	}
	return 0;
}

/* The main program's exit: r0 must be set and, unprivileged, no pointer. */
int check_return_code(struct bpf_verifier_env *env)
{
	int err = check_lock_held(env, "BPF_EXIT instruction in main prog")
			  ?: check_reference_leak(env, "BPF_EXIT instruction in main prog");

	if (err)
		return err;
	err = check_reg_arg(env, BPF_REG_0, true);
	if (err) {
		bpf_vlog_hint(env, "set r0 to the program's verdict before exit");
		return err;
	}
	if (is_pointer_value(env, &cur_regs(env)[BPF_REG_0])) {
		verbose(env, "R0 leaks addr as return value\n");
		return -EACCES;
	}
	return 0;
}
