// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier log (Linux: kernel/bpf/log.c): a caller-supplied buffer that
 * keeps the newest text when it overflows (Linux's default rotating mode;
 * BPF_LOG_FIXED keeps the oldest), the instruction trace and register-state
 * printing in Linux's format.
 */
#include <stdarg.h>
#include <stdio.h> /* vsnprintf only */
#include <string.h>
#include <bpfkern/disasm.h>
#include "verifier_internal.h"

/* Appends n bytes of text to the log, rotating or dropping what does not fit. */
static void log_append(struct bpf_verifier_log *log, const char *text, u32 n)
{
	u32 cap = log->size - 1; /* one byte for the NUL */

	for (u32 i = 0; i < n; i++, log->len_total++) {
		if (log->level & BPF_LOG_FIXED) {
			if (log->len_total < cap)
				log->buf[log->len_total] = text[i];
		} else {
			log->buf[log->len_total % cap] = text[i];
		}
	}
	log->len_used = log->len_total < cap ? log->len_total : cap;
}

/* Reverses buf[a .. b). */
static void reverse(char *buf, u32 a, u32 b)
{
	while (a + 1 < b) {
		char t = buf[a];

		buf[a++] = buf[--b];
		buf[b] = t;
	}
}

/*
 * Puts a rotated log back in order (oldest byte first), NUL-terminates it and
 * returns -ENOSPC when text was lost, as Linux's bpf_vlog_finalize().
 */
int bpf_vlog_finalize(struct bpf_verifier_log *log)
{
	u32 cap;

	if (!log->level || !log->buf || !log->size)
		return 0;
	cap = log->size - 1;
	if (!(log->level & BPF_LOG_FIXED) && log->len_total > cap) {
		u32 start = log->len_total % cap; /* the oldest byte kept */

		reverse(log->buf, 0, start);
		reverse(log->buf, start, cap);
		reverse(log->buf, 0, cap);
	}
	log->buf[log->len_used] = '\0';
	return log->len_total > cap ? -ENOSPC : 0;
}

static void bpf_verifier_vlog(struct bpf_verifier_env *env, const char *fmt, va_list ap)
{
	char text[512];
	int n;

	if (!env->log.level || !env->log.buf || env->log.size < 2)
		return;
	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n < 0)
		return;
	if (n >= (int)sizeof(text))
		n = sizeof(text) - 1;
	log_append(&env->log, text, (u32)n);
}

void verbose(struct bpf_verifier_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bpf_verifier_vlog(env, fmt, ap);
	va_end(ap);
}

/*
 * Records the plain-language advice for the final line of a rejection (the
 * first hint wins: it is the one nearest the cause).
 */
void bpf_vlog_hint(struct bpf_verifier_env *env, const char *fmt, ...)
{
	va_list ap;

	if (env->hint[0])
		return;
	va_start(ap, fmt);
	vsnprintf(env->hint, sizeof(env->hint), fmt, ap);
	va_end(ap);
}

int bpf_vlog_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Linux's names of register types, as error messages and states print them. */
const char *reg_type_str(enum bpf_reg_type type)
{
	static const char *const names[__BPF_REG_TYPE_MAX] = {
		[NOT_INIT] = "?",
		[SCALAR_VALUE] = "scalar",
		[PTR_TO_CTX] = "ctx",
		[CONST_PTR_TO_MAP] = "map_ptr",
		[PTR_TO_MAP_VALUE] = "map_value",
		[PTR_TO_MAP_KEY] = "map_key",
		[PTR_TO_STACK] = "fp",
		[PTR_TO_PACKET_META] = "pkt_meta",
		[PTR_TO_PACKET] = "pkt",
		[PTR_TO_PACKET_END] = "pkt_end",
		[PTR_TO_MEM] = "mem",
	};
	static const char *const null_names[__BPF_REG_TYPE_MAX] = {
		[PTR_TO_MAP_VALUE] = "map_value_or_null",
		[PTR_TO_MEM] = "mem_or_null",
	};
	u32 base = BASE_TYPE(type);

	if (base >= __BPF_REG_TYPE_MAX)
		return "?";
	if ((type & PTR_MAYBE_NULL) && null_names[base])
		return null_names[base];
	return names[base];
}

/* Appends ",name=value" ("name=value" when first) to buf at pos; returns the new pos. */
static int put_bound(char *buf, size_t size, int pos, const char *name, u64 v, bool is_signed)
{
	if (pos >= (int)size)
		return pos;
	return pos + bpf_vlog_snprintf(buf + pos, size - pos, is_signed ? "%s%s=%lld" : "%s%s=%llu",
				       pos ? "," : "", name, (unsigned long long)v);
}

/* "scalar(smin=..,umax=..,var_off=(..))" with only the bounds that tell something. */
static void scalar_str(char *buf, size_t size, const struct bpf_reg_state *reg)
{
	char inner[256] = "", tn[48];
	int pos = 0;

	if (reg->id)
		pos = put_bound(inner, sizeof(inner), pos, "id", reg->id, false);
	if (reg->smin_value != INT64_MIN && reg->smin_value != (s64)reg->umin_value)
		pos = put_bound(inner, sizeof(inner), pos, "smin", reg->smin_value, true);
	if (reg->smax_value != INT64_MAX && reg->smax_value != (s64)reg->umax_value)
		pos = put_bound(inner, sizeof(inner), pos, "smax", reg->smax_value, true);
	if (reg->umin_value)
		pos = put_bound(inner, sizeof(inner), pos, "umin", reg->umin_value, false);
	if (reg->umax_value != UINT64_MAX)
		pos = put_bound(inner, sizeof(inner), pos, "umax", reg->umax_value, false);
	if (!tnum_is_unknown(reg->var_off) && pos < (int)sizeof(inner)) {
		tnum_strn(tn, sizeof(tn), reg->var_off);
		bpf_vlog_snprintf(inner + pos, sizeof(inner) - pos, "%svar_off=%s", pos ? "," : "",
				  tn);
	}
	bpf_vlog_snprintf(buf, size, "scalar(%s)", inner);
}

/* One register's value as Linux's print_verifier_state() shows it. */
static void reg_str(char *buf, size_t size, const struct bpf_reg_state *reg)
{
	const struct bpf_map *map = reg->map_ptr;
	char off[24], id[24] = "";

	if (reg->id && reg->type != SCALAR_VALUE)
		bpf_vlog_snprintf(id, sizeof(id), "id=%u,", reg->id);
	switch (BASE_TYPE(reg->type)) {
	case SCALAR_VALUE:
		if (tnum_is_const(reg->var_off))
			bpf_vlog_snprintf(buf, size, "%lld", (long long)reg->var_off.value);
		else
			scalar_str(buf, size, reg);
		return;
	case PTR_TO_STACK:
		bpf_vlog_snprintf(buf, size, "fp%d", reg->off + (int)reg->var_off.value);
		return;
	case CONST_PTR_TO_MAP:
	case PTR_TO_MAP_VALUE:
		bpf_vlog_snprintf(off, sizeof(off), ",off=%d", reg->off);
		bpf_vlog_snprintf(buf, size, "%s(%s%s%s%sks=%u,vs=%u%s)", reg_type_str(reg->type),
				  id, map && map->name[0] ? "map=" : "",
				  map && map->name[0] ? map->name : "",
				  map && map->name[0] ? "," : "", map ? map->key_size : 0,
				  map ? map->value_size : 0, reg->off ? off : "");
		return;
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		bpf_vlog_snprintf(off, sizeof(off), "off=%d,", reg->off);
		bpf_vlog_snprintf(buf, size, "%s(%s%sr=%d)", reg_type_str(reg->type), id,
				  reg->off ? off : "", reg->range);
		return;
	default:
		bpf_vlog_snprintf(buf, size, "%s()", reg_type_str(reg->type));
	}
}

static char stack_slot_char(u8 t)
{
	return "?rm0"[t & 3];
}

/* Prints the initialised registers and stack slots of one frame, Linux style. */
void print_verifier_state(struct bpf_verifier_env *env, const struct bpf_func_state *state)
{
	char val[320];

	if (state->frameno)
		verbose(env, " frame%d:", state->frameno);
	for (int i = 0; i < MAX_BPF_REG; i++) {
		const struct bpf_reg_state *reg = &state->regs[i];

		if (reg->type == NOT_INIT)
			continue;
		reg_str(val, sizeof(val), reg);
		verbose(env, " R%d=%s", i, val);
	}
	for (int i = 0; i < state->allocated_stack / BPF_REG_SIZE; i++) {
		const struct bpf_stack_state *slot = &state->stack[i];
		char types[BPF_REG_SIZE + 1];
		bool valid = false;

		for (int j = 0; j < BPF_REG_SIZE; j++) {
			types[j] = stack_slot_char(slot->slot_type[j]);
			valid |= slot->slot_type[j] != STACK_INVALID;
		}
		types[BPF_REG_SIZE] = '\0';
		if (!valid)
			continue;
		if (slot->slot_type[BPF_REG_SIZE - 1] == STACK_SPILL) {
			reg_str(val, sizeof(val), &slot->spilled_ptr);
			verbose(env, " fp%d=%s", -(i + 1) * BPF_REG_SIZE, val);
		} else {
			verbose(env, " fp%d=%s", -(i + 1) * BPF_REG_SIZE, types);
		}
	}
	verbose(env, "\n");
}

/* The log's text for a map lddw: Linux prints the map's id. */
static const char *print_imm(void *private_data, const struct bpf_insn *insn, u64 full_imm)
{
	static char buf[48];
	struct bpf_verifier_env *env = private_data;
	u32 idx = (u32)(insn - env->insns);
	const struct bpf_insn_aux_data *aux = idx < env->insn_cnt ? &env->insn_aux[idx] : NULL;

	if (!aux || !aux->map_ptr)
		return NULL;
	if (insn->src_reg == BPF_PSEUDO_MAP_VALUE)
		bpf_vlog_snprintf(buf, sizeof(buf), "map[id:%u][0]+%u", aux->map_ptr->id,
				  aux->map_off);
	else
		bpf_vlog_snprintf(buf, sizeof(buf), "map[id:%u]", aux->map_ptr->id);
	(void)full_imm;
	return buf;
}

/* "IDX: (xx) text" for the trace of log levels 1 and 2; remembers where it ended. */
void print_insn(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx)
{
	struct bpf_insn_cbs cbs = { .cb_imm = print_imm, .private_data = env };
	char text[BPF_DISASM_LINE_MAX];
	u32 start = env->log.len_total;

	bpf_disasm_insn_cbs(insn, env->insn_cnt - idx, true, &cbs, text, sizeof(text));
	verbose(env, "%u: %s\n", idx, text);
	env->prev_insn_end = env->log.len_total;
	env->prev_insn_len = env->log.len_total - start;
}

/* Registers an instruction reads or writes, as Linux's "scratched" marks. */
static u32 insn_scratched_regs(const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	u32 dst = 1u << insn->dst_reg, src = 1u << insn->src_reg;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		return BPF_SRC(insn->code) == BPF_X && op != BPF_END && op != BPF_NEG ? dst | src
										      : dst;
	case BPF_LDX:
	case BPF_STX:
		return dst | src;
	case BPF_ST:
		return dst;
	case BPF_LD:
		return BPF_MODE(insn->code) == BPF_IMM ? dst : 1u << BPF_REG_0;
	default: /* jumps */
		if (op == BPF_CALL)
			return insn->src_reg ? 0 : 1u << BPF_REG_0;
		if (op == BPF_JA || op == BPF_EXIT)
			return 0;
		return BPF_SRC(insn->code) == BPF_X ? dst | src : dst;
	}
}

/*
 * After insn ran without error: appends "   ; R0=... R1=..." with the new
 * values of the registers it touched to its trace line, aligned as Linux's
 * (40 columns, then multiples of 8).
 */
void print_insn_state(struct bpf_verifier_env *env, const struct bpf_insn *insn)
{
	const struct bpf_func_state *state = cur_func(env);
	u32 regs = insn_scratched_regs(insn), col;
	char val[320];

	if (!(env->log.level & BPF_LOG_LEVEL) || env->log.len_total != env->prev_insn_end ||
	    !env->prev_insn_len)
		return;
	for (int i = 0; i < MAX_BPF_REG; i++)
		if (state->regs[i].type == NOT_INIT)
			regs &= ~(1u << i);
	if (!regs)
		return;
	env->log.len_total--; /* take back the newline */
	env->log.len_used = min(env->log.len_used, env->log.len_total);
	col = ALIGN(max(env->prev_insn_len + 4, 40u), 8u) - env->prev_insn_len - 1;
	verbose(env, "%*c;", (int)col, ' ');
	for (int i = 0; i < MAX_BPF_REG; i++) {
		if (!(regs & (1u << i)))
			continue;
		reg_str(val, sizeof(val), &state->regs[i]);
		verbose(env, " R%d=%s", i, val);
	}
	verbose(env, "\n");
}
