// SPDX-License-Identifier: GPL-2.0
/*
 * Memory access checks (Linux: check_mem_access and its helpers in
 * kernel/bpf/verifier.c): every load and store, and every memory argument
 * of a helper, is proven to stay inside the object its pointer points to:
 * the context (field by field, per program type), the stack (bounds, which
 * bytes were written, registers spilled there), a map value (bounds
 * including the variable offset) or the packet (within the range proven
 * against data_end).
 */
#include <string.h>
#include "verifier_internal.h"

/* Variable offsets and sizes beyond this are "unbounded" (Linux: BPF_MAX_VAR_OFF/SIZ). */
#define BPF_MAX_VAR_OFF (1 << 29)
#define BPF_MAX_VAR_SIZ (1 << 29)

static int bpf_size_to_bytes(int bpf_size)
{
	switch (bpf_size) {
	case BPF_B:
		return 1;
	case BPF_H:
		return 2;
	case BPF_W:
		return 4;
	default:
		return 8;
	}
}

/* ---------------------------------------------------------------------------
 * The context: which fields of xdp_md and __sk_buff a program may touch.
 */

/* Byte offsets of struct __sk_buff that the access rules below name. */
#define SKB_OFF(field) ((int)offsetof(struct __sk_buff, field))
#define SKB_CB SKB_OFF(cb)
#define SKB_CB_END (SKB_OFF(cb) + (int)sizeof(((struct __sk_buff *)0)->cb))
#define SKB_SIZE ((int)sizeof(struct __sk_buff))

/*
 * XDP (Linux: xdp_is_valid_access): 4-byte aligned reads of xdp_md only;
 * data, data_meta and data_end load packet pointers; egress_ifindex is for
 * devmap programs only; nothing is writable.
 */
static bool xdp_ctx_access(int off, int size, enum bpf_access_type t, enum bpf_reg_type *type)
{
	*type = SCALAR_VALUE;
	if (off < 0 || off >= (int)sizeof(struct xdp_md) || off % size || size != 4)
		return false;
	if (t == BPF_WRITE || off == offsetof(struct xdp_md, egress_ifindex))
		return false;
	if (off == offsetof(struct xdp_md, data))
		*type = PTR_TO_PACKET;
	else if (off == offsetof(struct xdp_md, data_end))
		*type = PTR_TO_PACKET_END;
	else if (off == offsetof(struct xdp_md, data_meta))
		*type = PTR_TO_PACKET_META;
	return true;
}

/*
 * Socket filters (Linux: sk_filter_is_valid_access + bpf_skb_is_valid_access):
 * no direct packet access, cb[] is the only writable field, narrow aligned
 * reads of the other u32 fields.
 */
static bool skb_ctx_access(int off, int size, enum bpf_access_type t, enum bpf_reg_type *type,
			   bool allow_ptr_leaks)
{
	*type = SCALAR_VALUE;
	if (off < 0 || off >= SKB_SIZE || off % size)
		return false;
	if ((off >= SKB_OFF(tc_classid) && off < SKB_OFF(napi_id)) ||
	    (off >= SKB_OFF(family) && off < SKB_OFF(flow_keys)) ||
	    (off >= SKB_OFF(tstamp) && off < SKB_OFF(gso_segs)) || off >= SKB_OFF(hwtstamp))
		return false; /* tc_classid, data*, sk_skb fields, data_meta, tstamp, ... */
	if (off >= SKB_CB && off < SKB_CB_END)
		return off + size <= SKB_CB_END;
	if (t == BPF_WRITE)
		return false;
	/*
	 * sk is a socket pointer (or NULL) in Linux; we do not model sockets, so
	 * a privileged program gets it as a number it cannot dereference.
	 */
	if (off == SKB_OFF(sk) && size == 8 && allow_ptr_leaks)
		return true;
	if ((off >= SKB_OFF(flow_keys) && off < SKB_OFF(tstamp)) ||
	    (off >= SKB_OFF(sk) && off < SKB_OFF(gso_size)) || off >= SKB_OFF(tstamp_type))
		return false; /* pointers we do not model, tstamp_type and padding */
	return size <= 4; /* narrow reads of u32 fields */
}

static int check_ctx_access(struct bpf_verifier_env *env, int off, int size, enum bpf_access_type t,
			    enum bpf_reg_type *type)
{
	bool ok = env->prog_type == BPF_PROG_TYPE_XDP
			  ? xdp_ctx_access(off, size, t, type)
			  : skb_ctx_access(off, size, t, type, env->allow_ptr_leaks);

	if (ok)
		return 0;
	verbose(env, "invalid bpf_context access off=%d size=%d\n", off, size);
	bpf_vlog_hint(env, "the context has no %s-byte %s field at offset %d",
		      size == 8	  ? "8"
		      : size == 4 ? "4"
		      : size == 2 ? "2"
				  : "1",
		      t == BPF_WRITE ? "writable" : "readable", off);
	return -EACCES;
}

/*
 * A pointer dereferenced or passed as the context must be unmodified
 * (Linux: check_ptr_off_reg with fixed_off_ok false).
 */
int check_ptr_off_reg(struct bpf_verifier_env *env, const struct bpf_reg_state *reg, int regno)
{
	char tn[48];

	if (reg->off) {
		verbose(env, "dereference of modified %s ptr R%d off=%d disallowed\n",
			reg_type_str(reg->type), regno, reg->off);
		return -EACCES;
	}
	if (!tnum_is_const(reg->var_off) || reg->var_off.value) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "variable %s access var_off=%s disallowed\n", reg_type_str(reg->type),
			tn);
		return -EACCES;
	}
	return 0;
}

/* ---------------------------------------------------------------------------
 * Bounded objects: map values, helper memory, the packet.
 */

/* off..off+size within [0, mem_size) (Linux: __check_mem_access). */
static int __check_mem_access(struct bpf_verifier_env *env, int regno, s64 off, int size,
			      u32 mem_size, bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];

	if (off >= 0 && (size || zero_size_allowed) && off + size <= (s64)mem_size)
		return 0;
	switch (BASE_TYPE(reg->type)) {
	case PTR_TO_MAP_KEY:
		verbose(env, "invalid access to map key, key_size=%d off=%lld size=%d\n", mem_size,
			(long long)off, size);
		break;
	case PTR_TO_MAP_VALUE:
		verbose(env, "invalid access to map value, value_size=%d off=%lld size=%d\n",
			mem_size, (long long)off, size);
		bpf_vlog_hint(env, "the map value is %u bytes: keep off + size within it",
			      mem_size);
		break;
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_PACKET_END:
		verbose(env,
			"invalid access to packet, off=%lld size=%d, R%d(id=%d,off=%lld,r=%d)\n",
			(long long)off, size, regno, reg->id, (long long)off, mem_size);
		bpf_vlog_hint(env,
			      "compare R%d + %lld against data_end (if (ptr + %lld > data_end) "
			      "goto drop) before this access",
			      regno, (long long)(off + size - reg->off), (long long)(off + size));
		break;
	default:
		verbose(env, "invalid access to memory, mem_size=%u off=%lld size=%d\n", mem_size,
			(long long)off, size);
	}
	return -EACCES;
}

/*
 * The whole variable range of reg + off + [0, size) within a region of
 * mem_size bytes (Linux: check_map_access / check_mem_region_access).
 */
static int check_mem_region_access(struct bpf_verifier_env *env, int regno, int off, int size,
				   u32 mem_size, bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int err;

	if (reg->smin_value < 0 && (reg->smin_value == INT64_MIN || reg->smin_value + off < 0 ||
				    off + reg->smin_value != (s64)(s32)(off + reg->smin_value))) {
		verbose(env,
			"R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
			regno);
		bpf_vlog_hint(env, "R%d's offset may be negative: test it against 0 first", regno);
		return -EACCES;
	}
	err = __check_mem_access(env, regno, reg->smin_value + off, size, mem_size,
				 zero_size_allowed);
	if (err) {
		verbose(env, "R%d min value is outside of the allowed memory range\n", regno);
		return err;
	}
	if (reg->umax_value >= BPF_MAX_VAR_OFF) {
		verbose(env,
			"R%d unbounded memory access, make sure to bounds check any such access\n",
			regno);
		bpf_vlog_hint(env, "bound the index added to R%d (if (idx >= N) goto out) first",
			      regno);
		return -EACCES;
	}
	err = __check_mem_access(env, regno, reg->umax_value + off, size, mem_size,
				 zero_size_allowed);
	if (err)
		verbose(env, "R%d max value is outside of the allowed memory range\n", regno);
	return err;
}

/*
 * No load, store or helper access may touch a map value's bpf_spin_lock
 * (Linux: the btf_record loop of check_map_access).
 */
static int check_map_lock_field(struct bpf_verifier_env *env, int regno, int off, int size)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	s64 p = reg->map_ptr->spin_lock_off;

	if (!map_has_spin_lock(reg->map_ptr) ||
	    !(reg->smin_value + off < p + 4 && p < (s64)reg->umax_value + off + size))
		return 0;
	verbose(env, "bpf_spin_lock cannot be accessed directly by load/store\n");
	bpf_vlog_hint(env, "the lock's 4 bytes at offset %lld are only for bpf_spin_lock/unlock",
		      (long long)p);
	return -EACCES;
}

/* A map value access: in bounds, and off the value's lock (Linux: check_map_access). */
static int check_map_access(struct bpf_verifier_env *env, int regno, int off, int size,
			    bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];

	return check_mem_region_access(env, regno, off, size, reg->map_ptr->value_size,
				       zero_size_allowed)
		       ?: check_map_lock_field(env, regno, off, size);
}

int check_map_value_bounds(struct bpf_verifier_env *env, int regno, int off, int size)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];

	return check_mem_region_access(env, regno, off, size, reg->map_ptr->value_size, false);
}

/* Packet access: only the fixed offset counts against the proven range. */
static int check_packet_access(struct bpf_verifier_env *env, int regno, int off, int size,
			       bool zero_size_allowed)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	int err;

	if (reg->smin_value < 0) {
		verbose(env,
			"R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
			regno);
		return -EACCES;
	}
	err = reg->range < 0 ? -EINVAL
			     : __check_mem_access(env, regno, off, size, (u32)reg->range,
						  zero_size_allowed);
	if (err)
		verbose(env, "R%d offset is outside of the packet\n", regno);
	return err;
}

/* ---------------------------------------------------------------------------
 * The stack.
 */

/* The kind of the stack byte at address off (negative) of frame state. */
static u8 *stack_byte(struct bpf_func_state *state, int off)
{
	int slot = -off - 1;

	return &state->stack[slot / BPF_REG_SIZE].slot_type[slot % BPF_REG_SIZE];
}

static struct bpf_stack_state *stack_slot(struct bpf_func_state *state, int off)
{
	return &state->stack[(-off - 1) / BPF_REG_SIZE];
}

static bool is_spilled_reg(const struct bpf_stack_state *slot)
{
	return slot->slot_type[BPF_REG_SIZE - 1] == STACK_SPILL;
}

/* Records that frame state uses the stack down to off (negative). */
static void grow_stack(struct bpf_verifier_env *env, struct bpf_func_state *state, int off)
{
	int need = ALIGN(-off, BPF_REG_SIZE);
	struct bpf_subprog_info *sub = &env->subprog_info[state->subprogno];

	if (state->allocated_stack < need)
		state->allocated_stack = need;
	if ((int)sub->stack_depth < -off)
		sub->stack_depth = -off;
}

/* Stack accesses must be aligned to their size (Linux: strict for the stack). */
static int check_stack_alignment(struct bpf_verifier_env *env, const struct bpf_reg_state *reg,
				 int off, int size)
{
	char tn[48];

	if (tnum_is_aligned(tnum_add(reg->var_off, tnum_const((u64)(s64)(reg->off + off))), size))
		return 0;
	if (tnum_is_const(reg->var_off))
		bpf_vlog_snprintf(tn, sizeof(tn), "%lld", (long long)reg->var_off.value);
	else
		tnum_strn(tn, sizeof(tn), reg->var_off);
	verbose(env, "misaligned stack access off %s+%d+%d size %d\n", tn, reg->off, off, size);
	return -EACCES;
}

/*
 * [reg + off, + size) within the 512-byte frame (Linux:
 * check_stack_access_within_bounds). off already includes reg->off.
 * what is " read from", " write to" or " indirect access to".
 */
static int check_stack_bounds(struct bpf_verifier_env *env, int regno, int off, int size,
			      enum bpf_access_type t, const char *what)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	struct bpf_func_state *state = env->cur_state->frame[reg->frameno];
	s64 min_off, max_off;
	int err = 0;
	char tn[48];

	if (tnum_is_const(reg->var_off)) {
		min_off = (s64)reg->var_off.value + off;
		max_off = min_off + size;
	} else {
		if (reg->smax_value >= BPF_MAX_VAR_OFF || reg->smin_value <= -BPF_MAX_VAR_OFF) {
			verbose(env, "invalid unbounded variable-offset%s stack R%d\n", what,
				regno);
			return -EACCES;
		}
		min_off = reg->smin_value + off;
		max_off = reg->smax_value + off + size;
	}
	if (min_off < (t == BPF_WRITE || env->allow_uninit_stack ? -MAX_BPF_STACK
								 : -state->allocated_stack) ||
	    min_off > -1)
		err = -EACCES;
	else if (max_off > 0)
		err = -EINVAL;
	if (!err) {
		grow_stack(env, state, (int)min_off);
		return 0;
	}
	if (tnum_is_const(reg->var_off)) {
		verbose(env, "invalid%s stack R%d off=%d size=%d\n", what, regno, (int)min_off,
			size);
	} else {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		verbose(env, "invalid variable-offset%s stack R%d var_off=%s off=%d size=%d\n",
			what, regno, tn, off, size);
	}
	bpf_vlog_hint(env, "the stack is r10-512 .. r10-1: keep the access inside it");
	return err;
}

/* A write destroys the spilled register the slot held; other bytes become misc. */
static void scrub_slot(struct bpf_stack_state *slot)
{
	if (!is_spilled_reg(slot))
		return;
	for (int i = 0; i < BPF_REG_SIZE; i++)
		if (slot->slot_type[i] == STACK_SPILL)
			slot->slot_type[i] = STACK_MISC;
	mark_reg_not_init(&slot->spilled_ptr);
}

/*
 * A store of size bytes at the constant stack address off of frame state
 * (Linux: check_stack_write_fixed_off). value is the stored register; for
 * BPF_ST it is NULL and imm points at the stored immediate; when both are
 * NULL (an atomic read-modify-write) the bytes written are unknown.
 */
static int stack_write_fixed(struct bpf_verifier_env *env, struct bpf_func_state *state, int off,
			     int size, const struct bpf_reg_state *value, const s32 *imm)
{
	struct bpf_stack_state *slot = stack_slot(state, off);
	struct bpf_reg_state imm_reg;
	u8 kind = STACK_MISC;

	if (value && value->type != SCALAR_VALUE) { /* a pointer is spilled whole */
		if (size != BPF_REG_SIZE) {
			verbose(env, "invalid size of register spill\n");
			return -EACCES;
		}
		if (value->type == PTR_TO_STACK && state != cur_func(env)) {
			verbose(env,
				"cannot spill pointers to stack into stack frame of the caller\n");
			return -EINVAL;
		}
	} else if (!(off % BPF_REG_SIZE) && env->bpf_capable && (value || imm)) {
		/* a tracked scalar */
		if (!value) {
			__mark_reg_known(&imm_reg, (u64)(s64)*imm);
			imm_reg.type = SCALAR_VALUE;
			value = &imm_reg;
		}
	} else { /* plain data */
		scrub_slot(slot);
		if ((value && register_is_const(value) && !value->var_off.value) ||
		    (!value && imm && !*imm))
			kind = STACK_ZERO;
		for (int i = 0; i < size; i++)
			*stack_byte(state, off + i) = kind;
		return 0;
	}
	slot->spilled_ptr = *value;
	if (size < BPF_REG_SIZE && value->umax_value >> (size * 8))
		slot->spilled_ptr.id = 0; /* a narrowing spill breaks the copy relation */
	for (int i = 0; i < BPF_REG_SIZE; i++) {
		if (i >= BPF_REG_SIZE - size)
			slot->slot_type[i] = STACK_SPILL;
		else if (slot->slot_type[i] == STACK_SPILL)
			slot->slot_type[i] = STACK_MISC;
	}
	return 0;
}

/* A store at a variable stack offset: every byte it may touch becomes misc. */
static void stack_write_var(struct bpf_func_state *state, int min_off, int max_off)
{
	for (int a = min_off; a < max_off; a++) {
		scrub_slot(stack_slot(state, a));
		*stack_byte(state, a) = STACK_MISC;
	}
}

/*
 * The bytes [off, off + size) must all be readable as data; counts the
 * known-zero ones. Reports Linux's "invalid read from stack" otherwise.
 */
static int check_stack_bytes_readable(struct bpf_verifier_env *env, struct bpf_func_state *state,
				      int off, int size, int *zeros)
{
	*zeros = 0;
	for (int i = 0; i < size; i++) {
		u8 kind = *stack_byte(state, off + i);

		if (kind == STACK_MISC || kind == STACK_SPILL)
			continue;
		if (kind == STACK_ZERO) {
			(*zeros)++;
			continue;
		}
		if (env->allow_uninit_stack)
			continue;
		verbose(env, "invalid read from stack off %d+%d size %d\n", off, i, size);
		bpf_vlog_hint(env, "write the stack slot at r10%d before reading it", off);
		return -EACCES;
	}
	return 0;
}

/*
 * A load of size bytes from the constant stack address off (Linux:
 * check_stack_read_fixed_off): restores a spilled register on a full fill,
 * gives zero or an unknown scalar otherwise. dst may be NULL (atomics).
 */
static int stack_read_fixed(struct bpf_verifier_env *env, struct bpf_func_state *state, int off,
			    int size, struct bpf_reg_state *dst)
{
	struct bpf_stack_state *slot = stack_slot(state, off);
	int zeros, spill_size = 0, err;

	if (is_spilled_reg(slot)) {
		for (int i = BPF_REG_SIZE - 1; i >= 0 && slot->slot_type[i] == STACK_SPILL; i--)
			spill_size++;
		if (size == BPF_REG_SIZE && spill_size == BPF_REG_SIZE) {
			if (dst)
				*dst = slot->spilled_ptr;
			else if (is_pointer_value(env, &slot->spilled_ptr)) {
				verbose(env, "leaking pointer from stack off %d\n", off);
				return -EACCES;
			}
			return 0;
		}
		if (slot->spilled_ptr.type != SCALAR_VALUE) {
			verbose(env, "invalid size of register fill\n");
			return -EACCES;
		}
		if (!(off % BPF_REG_SIZE) && size <= spill_size) {
			if (dst) {
				*dst = slot->spilled_ptr;
				dst->id = 0;
			}
			return 0; /* the caller truncates to size */
		}
	}
	err = check_stack_bytes_readable(env, state, off, size, &zeros);
	if (err || !dst)
		return err;
	if (zeros == size) {
		__mark_reg_known_zero(dst);
		dst->type = SCALAR_VALUE;
	} else {
		__mark_reg_unknown(dst);
	}
	return 0;
}

/*
 * Load or store through a stack pointer. A store comes from value_regno, or
 * (value_regno < 0) from the immediate *imm of a BPF_ST, or is unknown data
 * (imm NULL: the write half of an atomic).
 */
static int check_stack_access(struct bpf_verifier_env *env, u32 regno, int off, int size,
			      enum bpf_access_type t, int value_regno, const s32 *imm)
{
	struct bpf_reg_state *regs = cur_regs(env), *reg = &regs[regno];
	struct bpf_func_state *state = env->cur_state->frame[reg->frameno];
	int err;

	err = check_stack_bounds(env, regno, off, size, t,
				 t == BPF_READ ? " read from" : " write to");
	if (err)
		return err;
	if (tnum_is_const(reg->var_off)) {
		off += (int)reg->var_off.value;
		if (t == BPF_WRITE)
			return stack_write_fixed(env, state, off, size,
						 value_regno >= 0 ? &regs[value_regno] : NULL, imm);
		return stack_read_fixed(env, state, off, size,
					value_regno >= 0 ? &regs[value_regno] : NULL);
	}
	if (t == BPF_WRITE) {
		stack_write_var(state, (int)reg->smin_value + off,
				(int)reg->smax_value + off + size);
		return 0;
	}
	err = check_stack_range_initialized(env, regno, off, size, false, false);
	if (!err && value_regno >= 0)
		__mark_reg_unknown(&regs[value_regno]);
	return err;
}

/*
 * A helper reads (or, is_write, fills) [reg + off, + access_size) of the
 * stack (Linux: check_stack_range_initialized). Reads need initialised
 * bytes unless uninitialised reads are allowed; writes mark the bytes misc.
 */
int check_stack_range_initialized(struct bpf_verifier_env *env, int regno, int off, int access_size,
				  bool zero_size_allowed, bool is_write)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];
	struct bpf_func_state *state = env->cur_state->frame[reg->frameno];
	s64 min_off, max_off;
	char tn[48];
	int err;

	if (access_size == 0 && !zero_size_allowed) {
		verbose(env, "invalid zero-sized read\n");
		return -EACCES;
	}
	if (access_size == 0)
		return 0;
	err = check_stack_bounds(env, regno, off, access_size, is_write ? BPF_WRITE : BPF_READ,
				 is_write ? " write to" : " read from");
	if (err)
		return err;
	if (tnum_is_const(reg->var_off)) {
		min_off = max_off = (s64)reg->var_off.value + off;
	} else {
		if (!env->bpf_capable) {
			tnum_strn(tn, sizeof(tn), reg->var_off);
			verbose(env,
				"R%d variable offset stack access prohibited for !root, var_off=%s\n",
				regno, tn);
			return -EACCES;
		}
		min_off = reg->smin_value + off;
		max_off = reg->smax_value + off;
	}
	for (s64 a = min_off; a < max_off + access_size; a++) {
		struct bpf_stack_state *slot = stack_slot(state, (int)a);
		u8 *kind = stack_byte(state, (int)a);

		if (is_write) {
			scrub_slot(slot);
			*kind = STACK_MISC;
			continue;
		}
		if (*kind == STACK_MISC || *kind == STACK_ZERO ||
		    (*kind == STACK_INVALID && env->allow_uninit_stack))
			continue;
		if (is_spilled_reg(slot) &&
		    (slot->spilled_ptr.type == SCALAR_VALUE || env->allow_ptr_leaks))
			continue;
		if (tnum_is_const(reg->var_off)) {
			verbose(env, "invalid indirect read from stack R%d off %d+%d size %d\n",
				regno, (int)min_off, (int)(a - min_off), access_size);
		} else {
			tnum_strn(tn, sizeof(tn), reg->var_off);
			verbose(env, "invalid indirect read from stack R%d var_off %s+%d size %d\n",
				regno, tn, (int)(a - min_off), access_size);
		}
		bpf_vlog_hint(env, "initialise the %d bytes at r10%lld before passing them",
			      access_size, (long long)min_off);
		return -EACCES;
	}
	return 0;
}

/*
 * A helper's memory argument in register regno covers access_size bytes
 * (Linux: check_helper_mem_access). is_write: the helper fills it.
 */
int check_helper_mem_access(struct bpf_verifier_env *env, int regno, int access_size,
			    bool zero_size_allowed, bool is_write)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[regno];

	switch ((enum bpf_reg_type)(reg->type & ~MEM_RINGBUF)) {
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		return check_packet_access(env, regno, reg->off, access_size, zero_size_allowed);
	case PTR_TO_MAP_VALUE:
		return check_map_access(env, regno, reg->off, access_size, zero_size_allowed);
	case PTR_TO_MEM:
		return check_mem_region_access(env, regno, reg->off, access_size, reg->mem_size,
					       zero_size_allowed);
	case PTR_TO_MAP_KEY:
		if (is_write) {
			verbose(env, "R%d cannot write into %s\n", regno, reg_type_str(reg->type));
			return -EACCES;
		}
		return check_mem_region_access(env, regno, reg->off, access_size,
					       reg->map_ptr->key_size, zero_size_allowed);
	case PTR_TO_STACK:
		return check_stack_range_initialized(env, regno, reg->off, access_size,
						     zero_size_allowed, is_write);
	default:
		if (zero_size_allowed && access_size == 0 && register_is_const(reg) &&
		    !reg->var_off.value)
			return 0;
		verbose(env, "R%d type=%s expected=fp, pkt, pkt_meta, map_value, mem\n", regno,
			reg_type_str(reg->type));
		return -EACCES;
	}
}

/* ---------------------------------------------------------------------------
 * check_mem_access: one load or store.
 */

static int check_leak(struct bpf_verifier_env *env, int value_regno, const char *where)
{
	if (value_regno >= 0 && is_pointer_value(env, &cur_regs(env)[value_regno])) {
		verbose(env, "R%d leaks addr into %s\n", value_regno, where);
		return -EACCES;
	}
	return 0;
}

/* Load or store through a context pointer; a load sets the destination's type. */
static int check_ctx_mem(struct bpf_verifier_env *env, u32 regno, int off, int size,
			 enum bpf_access_type t, int value_regno)
{
	struct bpf_reg_state *regs = cur_regs(env);
	enum bpf_reg_type type;
	int err;

	if (t == BPF_WRITE && (err = check_leak(env, value_regno, "ctx")))
		return err;
	err = check_ptr_off_reg(env, &regs[regno], regno);
	if (err)
		return err;
	err = check_ctx_access(env, off, size, t, &type);
	if (err || t != BPF_READ || value_regno < 0)
		return err;
	if (type == SCALAR_VALUE) {
		__mark_reg_unknown(&regs[value_regno]);
		return 0;
	}
	__mark_reg_known_zero(&regs[value_regno]);
	regs[value_regno].type = type;
	return 0;
}

/*
 * Remembers the pointer type insn_idx accesses memory through, so that the
 * load path rewrites exactly the context accesses (Linux: save_aux_ptr_type
 * and convert_ctx_accesses). One insn cannot be rewritten both for ctx and
 * for another pointer: reaching it with both is -EINVAL.
 */
static int save_aux_ptr_type(struct bpf_verifier_env *env, int insn_idx, enum bpf_reg_type type)
{
	enum bpf_reg_type *prev = &env->insn_aux[insn_idx].ptr_type;

	if (*prev == NOT_INIT) {
		*prev = type;
	} else if (*prev != type && (*prev == PTR_TO_CTX || type == PTR_TO_CTX)) {
		verbose(env, "same insn cannot be used with different pointers\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * Hands the ctx accesses do_check recorded to env->prog->aux (ascending
 * indexes of the verified layout; later patches move them, patch.c), for
 * the load path to convert: 0 or -ENOMEM.
 */
int record_ctx_accesses(struct bpf_verifier_env *env)
{
	struct bpf_prog_aux *aux = env->prog->aux;
	u32 i, n = 0;

	kvfree(aux->ctx_access_insns);
	aux->ctx_access_insns = NULL;
	aux->ctx_access_cnt = 0;
	for (i = 0; i < env->insn_cnt; i++)
		n += env->insn_aux[i].seen && env->insn_aux[i].ptr_type == PTR_TO_CTX;
	if (!n)
		return 0;
	aux->ctx_access_insns = kvmalloc(n * sizeof(u32), GFP_KERNEL);
	if (!aux->ctx_access_insns)
		return -ENOMEM;
	for (i = 0; i < env->insn_cnt; i++)
		if (env->insn_aux[i].seen && env->insn_aux[i].ptr_type == PTR_TO_CTX)
			aux->ctx_access_insns[aux->ctx_access_cnt++] = i;
	return 0;
}

/*
 * Checks a load (t == BPF_READ, into value_regno) or store (from
 * value_regno, or < 0 for BPF_ST) of bpf_size at reg regno + off, and
 * updates the destination register of a load (Linux: check_mem_access).
 */
int check_mem_access(struct bpf_verifier_env *env, int insn_idx, u32 regno, int off, int bpf_size,
		     enum bpf_access_type t, int value_regno)
{
	struct bpf_reg_state *regs = cur_regs(env), *reg = &regs[regno];
	int size = bpf_size_to_bytes(bpf_size);
	const struct bpf_insn *insn = &env->insns[insn_idx];
	enum bpf_reg_type ptr_type = reg->type; /* a load may overwrite reg */
	int err = 0;

	if (reg->type == PTR_TO_STACK) {
		err = check_stack_alignment(env, reg, off, size);
		if (!err)
			err = check_stack_access(env, regno, off + reg->off, size, t, value_regno,
						 BPF_CLASS(insn->code) == BPF_ST ? &insn->imm
										 : NULL);
	} else if (reg->type == PTR_TO_CTX) {
		err = check_ctx_mem(env, regno, off + reg->off, size, t, value_regno);
	} else if (reg->type == PTR_TO_MAP_VALUE) {
		if (t == BPF_WRITE && (err = check_leak(env, value_regno, "map")))
			return err;
		err = check_map_access(env, regno, off + reg->off, size, false);
		if (!err && t == BPF_READ && value_regno >= 0)
			__mark_reg_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_MAP_KEY) { /* a bpf_for_each_map_elem callback's key */
		if (t == BPF_WRITE) {
			verbose(env, "write to change key R%d not allowed\n", regno);
			return -EACCES;
		}
		err = check_mem_region_access(env, regno, off + reg->off, size,
					      reg->map_ptr->key_size, false);
		if (!err && value_regno >= 0)
			__mark_reg_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_PACKET || reg->type == PTR_TO_PACKET_META) {
		if (t == BPF_WRITE && (err = check_leak(env, value_regno, "packet")))
			return err;
		err = check_packet_access(env, regno, off + reg->off, size, false);
		if (!err && t == BPF_READ && value_regno >= 0)
			__mark_reg_unknown(&regs[value_regno]);
	} else if (reg_is_mem(reg)) {
		if (t == BPF_WRITE && (err = check_leak(env, value_regno, "mem")))
			return err;
		err = check_mem_region_access(env, regno, off + reg->off, size, reg->mem_size,
					      false);
		if (!err && t == BPF_READ && value_regno >= 0)
			__mark_reg_unknown(&regs[value_regno]);
	} else {
		verbose(env, "R%d invalid mem access '%s'\n", regno, reg_type_str(reg->type));
		if (reg->type & PTR_MAYBE_NULL)
			bpf_vlog_hint(env,
				      "R%d may be NULL: add if (r%d == 0) goto out before this",
				      regno, regno);
		else if (reg->type == SCALAR_VALUE)
			bpf_vlog_hint(env,
				      "R%d is a number, not a pointer: only pointers can be "
				      "dereferenced",
				      regno);
		return -EACCES;
	}
	if (!err && t == BPF_READ && value_regno >= 0 && size < BPF_REG_SIZE &&
	    regs[value_regno].type == SCALAR_VALUE) {
		if (BPF_MODE(insn->code) == BPF_MEMSX)
			scalar_movsx(&regs[value_regno], size, false);
		else
			coerce_reg_to_size(&regs[value_regno], size);
	}
	return err ?: save_aux_ptr_type(env, insn_idx, ptr_type);
}

/* After a helper that may move packet data, every packet pointer is stale. */
void clear_all_pkt_pointers(struct bpf_verifier_env *env)
{
	struct bpf_verifier_state *vstate = env->cur_state;

	for (u32 f = 0; f <= vstate->curframe; f++) {
		struct bpf_func_state *state = vstate->frame[f];

		for (int i = 0; i < MAX_BPF_REG; i++)
			if (reg_is_pkt_pointer(&state->regs[i]) ||
			    state->regs[i].type == PTR_TO_PACKET_END)
				__mark_reg_unknown(&state->regs[i]);
		for (int i = 0; i < state->allocated_stack / BPF_REG_SIZE; i++) {
			struct bpf_reg_state *reg = &state->stack[i].spilled_ptr;

			if (is_spilled_reg(&state->stack[i]) &&
			    (reg_is_pkt_pointer(reg) || reg->type == PTR_TO_PACKET_END))
				__mark_reg_unknown(reg);
		}
	}
}

/* Helper argument check: a size in a register (Linux: check_mem_size_reg). */
int check_mem_size_reg(struct bpf_verifier_env *env, int size_regno, bool zero_size_allowed,
		       bool is_write)
{
	const struct bpf_reg_state *reg = &cur_regs(env)[size_regno];

	if (reg->smin_value < 0) {
		verbose(env, "R%d min value is negative, either use unsigned or 'var &= const'\n",
			size_regno);
		return -EACCES;
	}
	if (reg->umin_value == 0 && !zero_size_allowed) {
		verbose(env, "R%d invalid zero-sized read: u64=[%lld,%llu]\n", size_regno,
			(long long)reg->umin_value, (unsigned long long)reg->umax_value);
		return -EACCES;
	}
	if (reg->umax_value >= BPF_MAX_VAR_SIZ) {
		verbose(env,
			"R%d unbounded memory access, use 'var &= const' or 'if (var < const)'\n",
			size_regno);
		return -EACCES;
	}
	return check_helper_mem_access(env, size_regno - 1, (int)reg->umax_value, zero_size_allowed,
				       is_write);
}
