// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier states (Linux: the state half of kernel/bpf/verifier.c): deep
 * copies, the stack of pending branches, and pruning: the comparison of the
 * current state with the states saved at a prune point (states_equal,
 * regsafe, stacksafe) and the heuristics for which states to save and evict.
 */
#include <string.h>
#include "verifier_internal.h"

/* ---------------------------------------------------------------------------
 * Whole states: copies, the branch stack, the explored-state lists.
 */

void free_verifier_state(struct bpf_verifier_state *st, bool free_self)
{
	for (u32 i = 0; i <= st->curframe && i < MAX_CALL_FRAMES; i++) {
		kfree(st->frame[i]);
		st->frame[i] = NULL;
	}
	if (free_self)
		kfree(st);
}

/* dst becomes a deep copy of src (dst's old frames are freed). */
int copy_verifier_state(struct bpf_verifier_state *dst, const struct bpf_verifier_state *src,
			bool compact)
{
	free_verifier_state(dst, false);
	dst->curframe = src->curframe;
	dst->parent = src->parent;
	dst->branches = src->branches;
	dst->insn_idx = src->insn_idx;
	dst->last_insn_idx = src->last_insn_idx;
	dst->active_lock_map = src->active_lock_map;
	dst->active_lock_id = src->active_lock_id;
	dst->acquired_refs = src->acquired_refs;
	memcpy(dst->refs, src->refs, src->acquired_refs * sizeof(src->refs[0]));
	dst->speculative = src->speculative;
	for (u32 i = 0; i <= src->curframe; i++) {
		size_t used = FUNC_STATE_SIZE(src->frame[i]->allocated_stack / BPF_REG_SIZE);
		size_t size = compact ? used : FUNC_STATE_SIZE(MAX_STACK_SLOTS);

		dst->frame[i] = kmalloc(size, GFP_KERNEL);
		if (!dst->frame[i]) {
			dst->curframe = i ? i - 1 : 0;
			return -ENOMEM;
		}
		memcpy(dst->frame[i], src->frame[i], used);
		memset((char *)dst->frame[i] + used, 0, size - used);
	}
	return 0;
}

/*
 * Saves a copy of the current state to continue later at insn_idx (the
 * other side of a branch); speculative: that side runs only mispredicted.
 * NULL on exhaustion or too many pending branches.
 */
struct bpf_verifier_state *push_stack(struct bpf_verifier_env *env, int insn_idx, int prev_insn_idx,
				      bool speculative)
{
	struct bpf_verifier_stack_elem *elem = kzalloc(sizeof(*elem), GFP_KERNEL);

	if (!elem)
		return NULL;
	elem->insn_idx = insn_idx;
	elem->prev_insn_idx = prev_insn_idx;
	elem->next = env->head;
	env->head = elem;
	env->stack_size++;
	if (copy_verifier_state(&elem->st, env->cur_state, true))
		return NULL;
	elem->st.speculative |= speculative;
	if (env->stack_size > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
		verbose(env, "The sequence of %d jumps is too complex.\n", env->stack_size);
		return NULL;
	}
	/* one more path now runs below the current state's parent */
	if (elem->st.parent)
		elem->st.parent->branches++;
	return &elem->st;
}

/* Continues with the most recently pushed branch; -ENOENT when none is left. */
int pop_stack(struct bpf_verifier_env *env, int *prev_insn_idx, int *insn_idx)
{
	struct bpf_verifier_stack_elem *elem = env->head;
	int err;

	if (!elem)
		return -ENOENT;
	err = copy_verifier_state(env->cur_state, &elem->st, false);
	if (err)
		return err;
	*insn_idx = elem->insn_idx;
	*prev_insn_idx = elem->prev_insn_idx;
	env->head = elem->next;
	env->stack_size--;
	free_verifier_state(&elem->st, false);
	kfree(elem);
	return 0;
}

void free_all_pending(struct bpf_verifier_env *env)
{
	int a, b;

	while (env->head && !pop_stack(env, &a, &b))
		;
}

/* A path ended: its ancestors each have one fewer unfinished path below them. */
void update_branch_counts(struct bpf_verifier_state *st)
{
	for (; st; st = st->parent) {
		if (st->branches)
			st->branches--;
		if (st->branches)
			break;
	}
}

/* ---------------------------------------------------------------------------
 * Callback widening (Linux: widen_imprecise_scalars).
 */

/* The same frames, made by the same calls. */
static bool same_callsites(const struct bpf_verifier_state *a, const struct bpf_verifier_state *b)
{
	if (a->curframe != b->curframe)
		return false;
	for (u32 i = 0; i <= a->curframe; i++)
		if (a->frame[i]->callsite != b->frame[i]->callsite)
			return false;
	return true;
}

static bool scalars_exact(const struct bpf_reg_state *a, const struct bpf_reg_state *b)
{
	return a->var_off.value == b->var_off.value && a->var_off.mask == b->var_off.mask &&
	       a->smin_value == b->smin_value && a->smax_value == b->smax_value &&
	       a->umin_value == b->umin_value && a->umax_value == b->umax_value &&
	       a->s32_min_value == b->s32_min_value && a->s32_max_value == b->s32_max_value &&
	       a->u32_min_value == b->u32_min_value && a->u32_max_value == b->u32_max_value &&
	       a->id == b->id;
}

/*
 * A callback came back to its call at callsite: a spilled scalar that
 * changed since the checkpoint this iteration started from, and whose value
 * no check depends on (compute_stack_precision), becomes unknown, so that a
 * counter the callback keeps in the caller's stack converges instead of
 * being walked value by value. Always sound: a value only gets more general.
 */
void widen_imprecise_scalars(struct bpf_verifier_env *env, int callsite)
{
	struct bpf_verifier_state *cur = env->cur_state;
	struct bpf_verifier_state_list *sl;
	const struct bpf_verifier_state *old = NULL;

	if (env->precise_loads_via_ptr)
		return;
	for (sl = env->explored_states[callsite]; sl && !old; sl = sl->next)
		if (sl->state.branches && same_callsites(&sl->state, cur))
			old = &sl->state;
	if (!old)
		return;
	for (u32 f = 0; f <= cur->curframe; f++) {
		const struct bpf_func_state *fo = old->frame[f];
		struct bpf_func_state *fc = cur->frame[f];
		u64 keep = env->subprog_info[fc->subprogno].precise_slots;

		for (int i = 0; i < fo->allocated_stack / BPF_REG_SIZE; i++) {
			struct bpf_reg_state *rc = &fc->stack[i].spilled_ptr;
			const struct bpf_reg_state *ro = &fo->stack[i].spilled_ptr;

			if (i >= fc->allocated_stack / BPF_REG_SIZE || (keep >> i) & 1 ||
			    fo->stack[i].slot_type[BPF_REG_SIZE - 1] != STACK_SPILL ||
			    fc->stack[i].slot_type[BPF_REG_SIZE - 1] != STACK_SPILL ||
			    ro->type != SCALAR_VALUE || rc->type != SCALAR_VALUE ||
			    scalars_exact(ro, rc))
				continue;
			__mark_reg_unknown(rc);
		}
	}
}

/* ---------------------------------------------------------------------------
 * State equivalence (Linux: states_equal, regsafe, stacksafe).
 */

/* Maps ids of the old state to ids of the current one consistently. */
struct idmap {
	u32 old[64], cur[64];
	u32 cnt;
	u32 tmp_id_gen; /* stand-in ids for unlinked scalars */
};

static bool check_ids(u32 old_id, u32 cur_id, struct idmap *map)
{
	if (!old_id && !cur_id)
		return true;
	if (!old_id || !cur_id)
		return false;
	for (u32 i = 0; i < map->cnt; i++) {
		if (map->old[i] == old_id)
			return map->cur[i] == cur_id;
		if (map->cur[i] == cur_id)
			return false;
	}
	if (map->cnt == ARRAY_SIZE(map->old))
		return false;
	map->old[map->cnt] = old_id;
	map->cur[map->cnt++] = cur_id;
	return true;
}

/* Every value cur may hold, old may hold too. */
static bool range_within(const struct bpf_reg_state *old, const struct bpf_reg_state *cur)
{
	return old->umin_value <= cur->umin_value && old->umax_value >= cur->umax_value &&
	       old->smin_value <= cur->smin_value && old->smax_value >= cur->smax_value &&
	       old->u32_min_value <= cur->u32_min_value &&
	       old->u32_max_value >= cur->u32_max_value &&
	       old->s32_min_value <= cur->s32_min_value && old->s32_max_value >= cur->s32_max_value;
}

/*
 * True when continuing from cur is safe because continuing from old was:
 * old's register is at least as general. exact: identical (loop detection).
 */
static bool regsafe(const struct bpf_reg_state *old, const struct bpf_reg_state *cur,
		    struct idmap *idmap, bool exact, bool precise)
{
	u32 old_id, cur_id;

	if (exact)
		return old->type == cur->type && old->off == cur->off &&
		       old->var_off.value == cur->var_off.value &&
		       old->var_off.mask == cur->var_off.mask && range_within(old, cur) &&
		       range_within(cur, old) && old->range == cur->range &&
		       old->map_ptr == cur->map_ptr && old->frameno == cur->frameno &&
		       old->subprogno == cur->subprogno && check_ids(old->id, cur->id, idmap) &&
		       check_ids(old->ref_obj_id, cur->ref_obj_id, idmap);
	if (old->type == NOT_INIT)
		return true; /* old never read it, so its value cannot matter */
	if (old->type != cur->type)
		return false;
	switch (BASE_TYPE(old->type)) {
	case SCALAR_VALUE:
		if (!precise)
			return true; /* a number whose value no check depends on */
		/*
		 * Bounds learnt on one copy reach the linked ones, so old's links
		 * must exist in cur too; an unlinked scalar counts as linked to
		 * nothing else (Linux: check_scalar_ids).
		 */
		if (!range_within(old, cur) || !tnum_in(old->var_off, cur->var_off))
			return false;
		if ((old->id & BPF_ADD_CONST) != (cur->id & BPF_ADD_CONST) ||
		    ((old->id & BPF_ADD_CONST) && old->off != cur->off))
			return false; /* linked with a different constant */
		old_id = old->id ? old->id : ++idmap->tmp_id_gen;
		cur_id = cur->id ? cur->id : ++idmap->tmp_id_gen;
		return check_ids(old_id, cur_id, idmap);
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		if (old->range > cur->range || old->off != cur->off)
			return false;
		/* fall through */
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
		return old->off == cur->off && old->map_ptr == cur->map_ptr &&
		       old->mem_size == cur->mem_size && range_within(old, cur) &&
		       tnum_in(old->var_off, cur->var_off) && check_ids(old->id, cur->id, idmap) &&
		       check_ids(old->ref_obj_id, cur->ref_obj_id, idmap);
	default: /* ctx, stack, pkt_end, map pointer, func: the same object at the same offset */
		return old->off == cur->off && old->map_ptr == cur->map_ptr &&
		       old->subprogno == cur->subprogno && old->frameno == cur->frameno &&
		       old->var_off.value == cur->var_off.value &&
		       old->var_off.mask == cur->var_off.mask && check_ids(old->id, cur->id, idmap);
	}
}

static bool stacksafe(struct bpf_verifier_env *env, const struct bpf_func_state *old,
		      const struct bpf_func_state *cur, struct idmap *idmap, bool exact)
{
	for (int i = 0; i < old->allocated_stack; i++) {
		int spi = i / BPF_REG_SIZE, b = i % BPF_REG_SIZE;
		u8 o = old->stack[spi].slot_type[b];
		u8 c = i < cur->allocated_stack ? cur->stack[spi].slot_type[b] : STACK_INVALID;

		if (exact) {
			if (o != c)
				return false;
			continue;
		}
		if (o == STACK_INVALID)
			continue;
		if (o == STACK_MISC && (c == STACK_MISC || c == STACK_ZERO ||
					(c == STACK_INVALID && env->allow_uninit_stack)))
			continue;
		if (o != c)
			return false;
	}
	for (int spi = 0; spi < old->allocated_stack / BPF_REG_SIZE; spi++) {
		if (old->stack[spi].slot_type[BPF_REG_SIZE - 1] != STACK_SPILL)
			continue;
		if (!regsafe(&old->stack[spi].spilled_ptr, &cur->stack[spi].spilled_ptr, idmap,
			     exact, true))
			return false;
	}
	return true;
}

/* The same references held, their ids matched as the registers' (Linux: refsafe). */
static bool refsafe(const struct bpf_verifier_state *old, const struct bpf_verifier_state *cur,
		    struct idmap *idmap)
{
	if (old->acquired_refs != cur->acquired_refs ||
	    old->active_lock_map != cur->active_lock_map)
		return false;
	if (old->active_lock_map && !check_ids(old->active_lock_id, cur->active_lock_id, idmap))
		return false;
	for (u32 i = 0; i < old->acquired_refs; i++)
		if (!check_ids(old->refs[i].id, cur->refs[i].id, idmap))
			return false;
	return true;
}

/* live: the registers that may still be read (r10 always is). */
static bool func_states_equal(struct bpf_verifier_env *env, const struct bpf_func_state *old,
			      const struct bpf_func_state *cur, struct idmap *idmap, bool exact,
			      u16 live, u16 precise)
{
	if (old->callsite != cur->callsite)
		return false;
	for (int i = 0; i < MAX_BPF_REG; i++)
		if ((i == BPF_REG_10 || (live & (1u << i))) &&
		    !regsafe(&old->regs[i], &cur->regs[i], idmap, exact, (precise >> i) & 1))
			return false;
	return stacksafe(env, old, cur, idmap, exact);
}

/*
 * exact: identical (loop detection). range_within_mode: every scalar counts
 * as precise, compared by range (Linux: RANGE_WITHIN, for callback call
 * sites, where old may still be unfinished).
 */
static bool states_equal(struct bpf_verifier_env *env, const struct bpf_verifier_state *old,
			 const struct bpf_verifier_state *cur, bool exact, u32 insn_idx,
			 bool range_within_mode)
{
	struct idmap idmap = { .cnt = 0, .tmp_id_gen = 0x80000000u };

	if (old->curframe != cur->curframe || !refsafe(old, cur, &idmap))
		return false;
	/* a path checked only as mispredicted proves nothing for a real one */
	if (old->speculative && !cur->speculative)
		return false;
	for (u32 i = 0; i <= old->curframe; i++) {
		/*
		 * A caller frame resumes after its call, a callback's caller at the
		 * call itself: what is live there counts.
		 */
		u32 at = i == cur->curframe ? insn_idx
					    : (u32)cur->frame[i + 1]->callsite +
						      !cur->frame[i + 1]->in_callback_fn;
		u16 live = at < env->insn_cnt ? env->insn_aux[at].live_regs : 0xffff;
		u16 precise = at < env->insn_cnt ? env->insn_aux[at].precise_regs : 0xffff;

		if (range_within_mode)
			precise = 0xffff;

		if (!func_states_equal(env, old->frame[i], cur->frame[i], &idmap, exact, live,
				       precise))
			return false;
	}
	return true;
}

/*
 * At a prune point: 1 when a finished state here covers the current one
 * (this path is safe), 0 to go on (a checkpoint is saved), negative on
 * error, including a loop that provably never ends.
 */
int is_state_visited(struct bpf_verifier_env *env, int insn_idx)
{
	struct bpf_verifier_state *cur = env->cur_state;
	struct bpf_verifier_state_list *sl, **pprev, *new_sl;
	bool add_new_state = env->insn_aux[insn_idx].force_checkpoint;
	u32 states_here = 0;

	if (env->jmps_processed - env->prev_jmps_processed >= 2 &&
	    env->insn_processed - env->prev_insn_processed >= 8)
		add_new_state = true;
	pprev = &env->explored_states[insn_idx];
	while ((sl = *pprev)) {
		states_here++;
		if (sl->state.branches && env->insn_aux[insn_idx].calls_callback) {
			/*
			 * A callback came back to its call with a state within
			 * one still being explored here: every later iteration
			 * from cur is one from old (Linux 6.18: RANGE_WITHIN).
			 */
			if (states_equal(env, &sl->state, cur, false, (u32)insn_idx, true)) {
				sl->hit_cnt++;
				return 1;
			}
		} else if (sl->state.branches) { /* still being explored: a loop back to it */
			if (states_equal(env, &sl->state, cur, true, (u32)insn_idx, false)) {
				verbose(env, "infinite loop detected at insn %d\n", insn_idx);
				bpf_vlog_hint(env,
					      "the loop at insn %d makes no progress: its state "
					      "repeats exactly",
					      insn_idx);
				return -EINVAL;
			}
			if (env->jmps_processed - env->prev_jmps_processed < 20 &&
			    env->insn_processed - env->prev_insn_processed < 100 &&
			    !env->insn_aux[insn_idx].force_checkpoint)
				add_new_state = false;
		} else if (states_equal(env, &sl->state, cur, false, (u32)insn_idx, false)) {
			sl->hit_cnt++;
			return 1; /* the caller ends the path */
		}
		/*
		 * A state that keeps missing is not worth comparing against: evict
		 * it. Finished states, the only ones that prune, get more chances
		 * (we do not track precision, so they match less often than Linux's).
		 */
		if (add_new_state)
			sl->miss_cnt++;
		if (sl->miss_cnt > (sl->hit_cnt + 1) * (sl->state.branches ? 3 : 64)) {
			*pprev = sl->next;
			sl->next = env->evicted_states; /* parents may still point into it */
			env->evicted_states = sl;
			env->live_states--;
			continue;
		}
		pprev = &sl->next;
	}
	if (!add_new_state)
		return 0;
	if (!env->bpf_capable && states_here >= BPF_COMPLEXITY_LIMIT_STATES)
		return 0;
	env->prev_jmps_processed = env->jmps_processed;
	env->prev_insn_processed = env->insn_processed;
	new_sl = kzalloc(sizeof(*new_sl), GFP_KERNEL);
	if (!new_sl)
		return -ENOMEM;
	if (copy_verifier_state(&new_sl->state, cur, true)) {
		free_verifier_state(&new_sl->state, false);
		kfree(new_sl);
		return -ENOMEM;
	}
	new_sl->state.insn_idx = (u32)insn_idx;
	new_sl->state.branches = 1;
	new_sl->state.parent = cur->parent;
	new_sl->next = env->explored_states[insn_idx];
	env->explored_states[insn_idx] = new_sl;
	cur->parent = &new_sl->state;
	env->total_states++;
	env->live_states++;
	env->peak_states = max(env->peak_states, env->live_states);
	env->max_states_per_insn = max(env->max_states_per_insn, states_here);
	return 0;
}

/* Frees a list of saved states. */
static void free_state_list(struct bpf_verifier_state_list *sl)
{
	struct bpf_verifier_state_list *next;

	for (; sl; sl = next) {
		next = sl->next;
		free_verifier_state(&sl->state, false);
		kfree(sl);
	}
}

void free_explored_states(struct bpf_verifier_env *env)
{
	free_state_list(env->evicted_states);
	if (!env->explored_states)
		return;
	for (u32 i = 0; i < env->insn_cnt; i++)
		free_state_list(env->explored_states[i]);
	kvfree(env->explored_states);
}
