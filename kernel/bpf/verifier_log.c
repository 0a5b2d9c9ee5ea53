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
#include <bpfkern/btf.h>
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

void bpf_verifier_vlog(struct bpf_verifier_log *log, const char *fmt, va_list ap)
{
	char text[512];
	int n;

	if (!log->level || !log->buf || log->size < 2)
		return;
	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n < 0)
		return;
	if (n >= (int)sizeof(text))
		n = sizeof(text) - 1;
	log_append(log, text, (u32)n);
}

void verbose(struct bpf_verifier_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bpf_verifier_vlog(&env->log, fmt, ap);
	va_end(ap);
}

/*
 * The line_info record covering insn_off: the last one starting at or
 * before it (Linux: find_linfo), or NULL without line_info.
 */
static const struct bpf_line_info *find_linfo(const struct bpf_verifier_env *env, u32 insn_off)
{
	const struct bpf_line_info *linfo = env->opts->linfo;
	u32 l = 0, r = env->opts->nr_linfo;

	if (!r || !env->opts->btf || insn_off >= env->insn_cnt)
		return NULL;
	for (r--; l < r;) {
		u32 m = l + (r - l + 1) / 2;

		if (linfo[m].insn_off <= insn_off)
			l = m;
		else
			r = m - 1;
	}
	return &linfo[l];
}

/* A line_info string (the source line or the file name), "" when unknown. */
static const char *linfo_str(const struct bpf_verifier_env *env, u32 off)
{
	const char *s = btf_str_by_offset(env->opts->btf, off);

	return s ? s : "";
}

/* The file name of a line_info record without its directories. */
static const char *linfo_file(const struct bpf_verifier_env *env, const struct bpf_line_info *linfo)
{
	const char *s = linfo_str(env, linfo->file_name_off), *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

/*
 * "; <C source line> @ file.c:12" before the first instruction of a new
 * source line, as Linux's verbose_linfo (records for the same file and
 * line, differing only in column, print once).
 */
static void print_linfo(struct bpf_verifier_env *env, u32 insn_off)
{
	const struct bpf_line_info *linfo = find_linfo(env, insn_off), *prev = env->prev_linfo;
	const char *src;

	if (!linfo || linfo == prev)
		return;
	if (prev && linfo->file_name_off == prev->file_name_off &&
	    BPF_LINE_INFO_LINE_NUM(linfo->line_col) == BPF_LINE_INFO_LINE_NUM(prev->line_col))
		return;
	for (src = linfo_str(env, linfo->line_off); *src == ' ' || *src == '\t'; src++)
		;
	verbose(env, "; %s @ %s:%u\n", src, linfo_file(env, linfo),
		BPF_LINE_INFO_LINE_NUM(linfo->line_col));
	env->prev_linfo = linfo;
}

/*
 * Records the plain-language advice for the final line of a rejection (the
 * first hint wins: it is the one nearest the cause). With line_info, the
 * advice starts with the C source line of the instruction being checked.
 */
void bpf_vlog_hint(struct bpf_verifier_env *env, const char *fmt, ...)
{
	const struct bpf_line_info *linfo = find_linfo(env, env->insn_idx);
	const char *src;
	va_list ap;
	int n = 0;

	if (env->hint[0])
		return;
	if (linfo) {
		for (src = linfo_str(env, linfo->line_off); *src == ' ' || *src == '\t'; src++)
			;
		n = snprintf(env->hint, sizeof(env->hint),
			     "%s:%u `%.60s`: ", linfo_file(env, linfo),
			     BPF_LINE_INFO_LINE_NUM(linfo->line_col), src);
		n = n < 0 || n >= (int)sizeof(env->hint) ? 0 : n;
	}
	va_start(ap, fmt);
	vsnprintf(env->hint + n, sizeof(env->hint) - n, fmt, ap);
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
		[PTR_TO_FUNC] = "func",
	};
	static const char *const null_names[__BPF_REG_TYPE_MAX] = {
		[PTR_TO_MAP_VALUE] = "map_value_or_null",
		[PTR_TO_MEM] = "mem_or_null",
		[CONST_PTR_TO_MAP] = "map_ptr_or_null",
	};
	u32 base = BASE_TYPE(type);

	if (base >= __BPF_REG_TYPE_MAX)
		return "?";
	if (type & MEM_RINGBUF)
		return (type & PTR_MAYBE_NULL) ? "ringbuf_mem_or_null" : "ringbuf_mem";
	if ((type & PTR_MAYBE_NULL) && null_names[base])
		return null_names[base];
	return names[base];
}

/* Linux prints small numbers in decimal, others in hex (verbose_unum/snum). */
static int put_unum(char *buf, size_t size, u64 v)
{
	return bpf_vlog_snprintf(buf, size, v <= 0xffff ? "%llu" : "%#llx", (unsigned long long)v);
}

static int put_snum(char *buf, size_t size, s64 v)
{
	return bpf_vlog_snprintf(buf, size, v >= -32768 && v <= 32767 ? "%lld" : "%#llx",
				 (long long)v);
}

/* A growing "a=1,b=2" list inside a fixed buffer. */
struct fields {
	char *buf;
	size_t size, pos;
};

static void field(struct fields *f, const char *fmt, ...) __printf(2, 3);
static void field(struct fields *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f->pos >= f->size)
		return;
	if (f->pos)
		f->buf[f->pos++] = ',';
	va_start(ap, fmt);
	n = vsnprintf(f->buf + f->pos, f->size - f->pos, fmt, ap);
	va_end(ap);
	f->pos = min(f->size, f->pos + (n > 0 ? (size_t)n : 0));
}

/* A 32-bit signed bound as Linux prints it: decimal if small, else its u32 hex. */
static u64 s32_val(s32 v)
{
	return v >= -32768 && v <= 32767 ? (u64)(s64)v : (u64)(u32)v;
}

/*
 * The bounds of a scalar (or a pointer's variable part) as Linux's
 * print_scalar_ranges(): uninformative bounds omitted, equal ones merged
 * as "smax=umax=7".
 */
static void scalar_ranges(struct fields *f, const struct bpf_reg_state *reg)
{
	struct {
		const char *name;
		u64 val;
		bool omit;
	} m[] = {
		{ "smin", (u64)reg->smin_value, reg->smin_value == INT64_MIN },
		{ "smax", (u64)reg->smax_value, reg->smax_value == INT64_MAX },
		{ "umin", reg->umin_value, reg->umin_value == 0 },
		{ "umax", reg->umax_value, reg->umax_value == UINT64_MAX },
		{ "smin32", s32_val(reg->s32_min_value), reg->s32_min_value == INT32_MIN },
		{ "smax32", s32_val(reg->s32_max_value), reg->s32_max_value == INT32_MAX },
		{ "umin32", reg->u32_min_value, reg->u32_min_value == 0 },
		{ "umax32", reg->u32_max_value, reg->u32_max_value == UINT32_MAX },
	};
	const size_t n = ARRAY_SIZE(m);
	char names[96], num[32];

	for (size_t i = 0; i < n; i++) {
		bool neg = m[i].name[0] == 's' && (s64)m[i].val < 0;
		size_t len;

		if (m[i].omit)
			continue;
		len = (size_t)bpf_vlog_snprintf(names, sizeof(names), "%s", m[i].name);
		for (size_t j = i + 2; j < n; j += 2) {
			bool neg2 = m[j].name[0] == 's' && (s64)m[j].val < 0;

			if (m[j].omit || m[j].val != m[i].val || neg2 != neg)
				continue;
			m[j].omit = true;
			len += (size_t)bpf_vlog_snprintf(names + len,
							 sizeof(names) - min(len, sizeof(names)),
							 "=%s", m[j].name);
		}
		if (m[i].name[0] == 's' && m[i].val >> 32 && m[i].val >> 32 != 0xffffffffULL)
			put_unum(num, sizeof(num), m[i].val);
		else if (m[i].name[0] == 's')
			put_snum(num, sizeof(num), (s64)m[i].val);
		else
			put_unum(num, sizeof(num), m[i].val);
		field(f, "%s=%s", names, num);
	}
}

/* One register's value as Linux's print_verifier_state() shows it. */
static void reg_str(char *buf, size_t size, const struct bpf_reg_state *reg)
{
	const struct bpf_map *map = reg->map_ptr;
	u32 base = BASE_TYPE(reg->type);
	char inner[256] = "", tn[48];
	struct fields f = { inner, sizeof(inner) - 1, 0 };

	if (base == SCALAR_VALUE && tnum_is_const(reg->var_off)) {
		put_snum(buf, size, (s64)reg->var_off.value);
		return;
	}
	if (base == PTR_TO_STACK && tnum_is_const(reg->var_off)) {
		bpf_vlog_snprintf(buf, size, "fp%lld",
				  (long long)(reg->off + (s64)reg->var_off.value));
		return;
	}
	if (reg->id & BPF_ADD_CONST) /* a linked copy: base id + constant */
		field(&f, "id=%u+%d", reg->id & ~BPF_ADD_CONST, reg->off);
	else if (reg->id)
		field(&f, "id=%u", reg->id);
	if (reg->ref_obj_id)
		field(&f, "ref_obj_id=%u", reg->ref_obj_id);
	if (base != SCALAR_VALUE && reg->off)
		field(&f, "off=%d", reg->off);
	if (base == PTR_TO_PACKET || base == PTR_TO_PACKET_META) {
		char r[32];

		put_unum(r, sizeof(r), (u64)(s64)reg->range); /* at/beyond end: huge, as Linux */
		field(&f, "r=%s", r);
	}
	if (base == PTR_TO_MEM)
		field(&f, "sz=%u", reg->mem_size);
	if ((base == CONST_PTR_TO_MAP || base == PTR_TO_MAP_VALUE) && map) {
		if (map->name[0])
			field(&f, "map=%s", map->name);
		field(&f, "ks=%u,vs=%u", map->key_size, map->value_size);
	}
	if (tnum_is_const(reg->var_off)) {
		if (reg->var_off.value)
			field(&f, "imm=%llx", (unsigned long long)reg->var_off.value);
	} else {
		scalar_ranges(&f, reg);
		if (!tnum_is_unknown(reg->var_off)) {
			tnum_strn(tn, sizeof(tn), reg->var_off);
			field(&f, "var_off=%s", tn);
		}
	}
	inner[f.pos] = '\0';
	bpf_vlog_snprintf(buf, size, "%s(%s)", reg_type_str(reg->type), inner);
}

static char stack_slot_char(u8 t)
{
	return "?rm0"[t & 3];
}

/* " fp-8=..." for stack slot spi: the spilled register, or one char per byte. */
static void print_stack_slot(struct bpf_verifier_env *env, const struct bpf_func_state *state,
			     int spi)
{
	const struct bpf_stack_state *slot = &state->stack[spi];
	char val[320];
	bool valid = false;

	for (int j = 0; j < BPF_REG_SIZE; j++) {
		val[j] = stack_slot_char(slot->slot_type[j]);
		valid |= slot->slot_type[j] != STACK_INVALID;
	}
	val[BPF_REG_SIZE] = '\0';
	if (!valid)
		return;
	if (slot->slot_type[BPF_REG_SIZE - 1] == STACK_SPILL)
		reg_str(val, sizeof(val), &slot->spilled_ptr);
	verbose(env, " fp%d=%s", -(spi + 1) * BPF_REG_SIZE, val);
}

/* " refs=2,5": the references the current state holds, as Linux ends a state. */
static void print_refs(struct bpf_verifier_env *env)
{
	const struct bpf_verifier_state *st = env->cur_state;

	for (u32 i = 0; i < st->acquired_refs; i++)
		verbose(env, "%s%u", i ? "," : " refs=", st->refs[i].id);
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
	for (int i = 0; i < state->allocated_stack / BPF_REG_SIZE; i++)
		print_stack_slot(env, state, i);
	print_refs(env);
	verbose(env, "\n");
}

/* The log's text for a map lddw: Linux prints the map's id. */
static const char *print_imm(void *private_data, const struct bpf_insn *insn, u64 full_imm)
{
	struct bpf_verifier_env *env = private_data;
	char *buf = env->tmp_str_buf;
	u32 idx = (u32)(insn - env->insns);
	const struct bpf_insn_aux_data *aux = idx < env->insn_cnt ? &env->insn_aux[idx] : NULL;

	if (!aux || !aux->map_ptr)
		return NULL;
	if (insn->src_reg == BPF_PSEUDO_MAP_VALUE)
		bpf_vlog_snprintf(buf, sizeof(env->tmp_str_buf), "map[id:%u][0]+%u",
				  aux->map_ptr->id, aux->map_off);
	else
		bpf_vlog_snprintf(buf, sizeof(env->tmp_str_buf), "map[id:%u]", aux->map_ptr->id);
	(void)full_imm;
	return buf;
}

/* "IDX: (xx) text" for the trace of log levels 1 and 2; remembers where it ended. */
void print_insn(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx)
{
	struct bpf_insn_cbs cbs = { .cb_imm = print_imm, .private_data = env };
	char text[BPF_DISASM_LINE_MAX];
	u32 start;

	print_linfo(env, idx);
	start = env->log.len_total;
	bpf_disasm_insn_cbs(insn, env->insn_cnt - idx, true, &cbs, text, sizeof(text));
	verbose(env, "%u: %s\n", idx, text);
	env->prev_insn_end = env->log.len_total;
	env->prev_insn_len = env->log.len_total - start;
}

/* "%7u: PREFIX (xx) text" for the live-registers table of log level 2. */
void print_insn_prefixed(struct bpf_verifier_env *env, const struct bpf_insn *insn, u32 idx,
			 const char *prefix)
{
	struct bpf_insn_cbs cbs = { .cb_imm = print_imm, .private_data = env };
	char text[BPF_DISASM_LINE_MAX];

	bpf_disasm_insn_cbs(insn, env->insn_cnt - idx, true, &cbs, text, sizeof(text));
	verbose(env, "%7u: %s %s\n", idx, prefix, text);
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
	int mem_reg = -1;
	char val[320];

	if (!(env->log.level & BPF_LOG_LEVEL) || env->log.len_total != env->prev_insn_end ||
	    !env->prev_insn_len)
		return;
	for (int i = 0; i < MAX_BPF_REG; i++)
		if (state->regs[i].type == NOT_INIT)
			regs &= ~(1u << i);
	/* a helper returning void still gets its ";", as Linux's */
	if (!regs && !(insn->code == (BPF_JMP | BPF_CALL) && !insn->src_reg))
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
	/* a load or store through the stack also shows the slot it touched */
	if (BPF_CLASS(insn->code) == BPF_LDX)
		mem_reg = insn->src_reg;
	else if (BPF_CLASS(insn->code) == BPF_ST || BPF_CLASS(insn->code) == BPF_STX)
		mem_reg = insn->dst_reg;
	if (mem_reg >= 0 && state->regs[mem_reg].type == PTR_TO_STACK &&
	    tnum_is_const(state->regs[mem_reg].var_off)) {
		const struct bpf_reg_state *fp = &state->regs[mem_reg];
		int off = fp->off + (int)fp->var_off.value + insn->off;

		if (off < 0 && off >= -MAX_BPF_STACK && fp->frameno == state->frameno)
			print_stack_slot(env, state, (-off - 1) / BPF_REG_SIZE);
	}
	print_refs(env);
	verbose(env, "\n");
}
