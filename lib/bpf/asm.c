// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF assembler: text to struct bpf_insn. Two syntaxes, chosen per line:
 *
 *  - uBPF's (the conformance suite's): a mnemonic and comma-separated
 *    operands, "add32 %r0, -3", "ldxh %r0, [%r1+2]", "jne %r0, 15, label",
 *    "lock fetch add [%r10-8], %r1", "call local func1";
 *  - Linux's verifier log (and LLVM's, which it resembles): "r0 += r1",
 *    "if w1 > w2 goto pc-5", "*(u32 *)(r10 -4) = r1", "call bpf_foo#1",
 *    optionally preceded by the log's "N: (xx) " (the opcode is then checked).
 *
 * One pass builds the instructions and remembers every reference to a label;
 * a second pass patches the references once all labels are known. As in the
 * conformance suite's own assembler, a jump to the undefined label "exit"
 * goes to the first exit instruction.
 *
 * In the log syntax "rN = <hex>" is lddw (Linux prints lddw values in hex and
 * mov immediates in decimal), so disassembler output assembles back exactly;
 * "rN = <decimal>" is mov, and a trailing "ll" forces lddw.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/bpf.h> /* BPF_TAIL_CALL */
#include <bpfkern/bpf_asm.h>
#include <bpfkern/disasm.h>
#include <bpfkern/errno.h>

#define NAME_MAX_LEN 64

struct asm_label {
	char name[NAME_MAX_LEN];
	size_t pc;
	int line;
};

/* A use of a label: patch insn pc's off (or imm) once the label is known. */
struct asm_fixup {
	char name[NAME_MAX_LEN];
	size_t pc;
	int line;
	bool imm;
};

/* A jump or call target as written: a label, or a relative offset. */
struct asm_target {
	char label[NAME_MAX_LEN];
	s64 off;
};

struct asm_ctx {
	const char *p; /* cursor in the current line */
	int line;
	bool failed;
	int err;
	struct bpf_asm_result *res;
	struct bpf_insn *insns;
	size_t cnt, cap;
	struct asm_label *labels;
	size_t nlabels, cap_labels;
	size_t *label_hash; /* hash_size slots, see find_label() */
	size_t hash_size;
	struct asm_fixup *fixups;
	size_t nfixups, cap_fixups;
	long first_exit;
};

/* Records the first error as "line N: message"; later errors are dropped. */
static __printf(2, 3) bool fail(struct asm_ctx *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->failed)
		return false;
	c->failed = true;
	c->err = -EINVAL;
	c->res->err_line = c->line;
	n = snprintf(c->res->err, sizeof(c->res->err), "line %d: ", c->line);
	va_start(ap, fmt);
	vsnprintf(c->res->err + n, sizeof(c->res->err) - n, fmt, ap);
	va_end(ap);
	return false;
}

static bool fail_nomem(struct asm_ctx *c)
{
	fail(c, "out of memory");
	c->err = -ENOMEM;
	return false;
}

/* Makes room for need elements of size sz in *arr (capacity *cap). */
static bool grow(struct asm_ctx *c, void **arr, size_t *cap, size_t need, size_t sz)
{
	size_t ncap = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return true;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * sz);
	if (!p)
		return fail_nomem(c);
	*arr = p;
	*cap = ncap;
	return true;
}

/* ---- Scanning the current line ---------------------------------------- */

static bool is_word_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '$';
}

static void skip_ws(struct asm_ctx *c)
{
	while (*c->p == ' ' || *c->p == '\t')
		c->p++;
}

/* The next token, for messages: "'abc'" or "end of line". */
static const char *next_token(struct asm_ctx *c, char *buf, size_t len)
{
	size_t n = 0;
	const char *s;

	skip_ws(c);
	s = c->p;
	if (!*s)
		return "end of line";
	if (!is_word_char(*s) && *s != '%')
		n = 1;
	while (n < len - 3 && s[n] && (is_word_char(s[n]) || (n == 0 && s[n] == '%')))
		n++;
	snprintf(buf, len, "'%.*s'", (int)n, s);
	return buf;
}

/* Consumes the literal s (after blanks) if it is next. */
static bool accept(struct asm_ctx *c, const char *s)
{
	size_t n = strlen(s);

	skip_ws(c);
	if (strncmp(c->p, s, n))
		return false;
	c->p += n;
	return true;
}

/* Consumes word w if it is next as a whole word. */
static bool accept_word(struct asm_ctx *c, const char *w)
{
	const char *save = c->p;

	if (accept(c, w) && !is_word_char(*c->p))
		return true;
	c->p = save;
	return false;
}

static bool expect(struct asm_ctx *c, const char *s)
{
	char tok[40];

	if (accept(c, s))
		return true;
	return fail(c, "expected '%s', found %s", s, next_token(c, tok, sizeof(tok)));
}

/* Reads a word ([A-Za-z0-9_.$], with an optional leading '%') into buf. */
static bool read_word(struct asm_ctx *c, char *buf, size_t len)
{
	size_t n = 0;

	skip_ws(c);
	if (*c->p == '%')
		buf[n++] = *c->p++;
	while (is_word_char(*c->p)) {
		if (n + 1 < len)
			buf[n++] = *c->p;
		c->p++;
	}
	buf[n] = '\0';
	return n > 0 && strcmp(buf, "%") != 0;
}

static bool at_end(struct asm_ctx *c)
{
	skip_ws(c);
	return *c->p == '\0';
}

/* Parses "rN", "wN" or "%rN" (N <= 10); *is32 tells 'w' apart. */
static bool parse_reg(struct asm_ctx *c, u8 *reg, bool *is32)
{
	char w[NAME_MAX_LEN], tok[40];
	const char *save = c->p, *s;
	char *end;
	unsigned long n;

	if (!read_word(c, w, sizeof(w))) {
		c->p = save;
		return fail(c, "expected a register, found %s", next_token(c, tok, sizeof(tok)));
	}
	s = w[0] == '%' ? w + 1 : w;
	if ((s[0] != 'r' && s[0] != 'w') || !isdigit((unsigned char)s[1]))
		return fail(c, "expected a register, found '%s'", w);
	n = strtoul(s + 1, &end, 10);
	if (*end || n > 10)
		return fail(c, "unknown register '%s'", w);
	*reg = (u8)n;
	if (is32)
		*is32 = s[0] == 'w';
	return true;
}

/* True if a register (rN, wN, %rN) is next, without consuming it. */
static bool reg_next(struct asm_ctx *c)
{
	const char *s;

	skip_ws(c);
	s = c->p + (*c->p == '%');
	return (s[0] == 'r' || s[0] == 'w') && isdigit((unsigned char)s[1]);
}

static bool num_next(struct asm_ctx *c)
{
	const char *s;

	skip_ws(c);
	s = c->p + (*c->p == '-' || *c->p == '+');
	while (*s == ' ')
		s++;
	return isdigit((unsigned char)*s);
}

/*
 * Parses a number: optional sign, then decimal, 0x hex or 0b binary. The
 * magnitude goes to *mag and the sign to *neg; *hex tells how it was written.
 */
static bool parse_num(struct asm_ctx *c, u64 *mag, bool *neg, bool *hex)
{
	const char *start;
	unsigned base = 10, d;
	u64 v = 0;
	char tok[40];

	skip_ws(c);
	start = c->p;
	*neg = *c->p == '-';
	if (*c->p == '-' || *c->p == '+')
		c->p++;
	skip_ws(c);
	if (c->p[0] == '0' && (c->p[1] == 'x' || c->p[1] == 'X') &&
	    isxdigit((unsigned char)c->p[2]))
		base = 16, c->p += 2;
	else if (c->p[0] == '0' && c->p[1] == 'b' && (c->p[2] == '0' || c->p[2] == '1'))
		base = 2, c->p += 2;
	if (!isxdigit((unsigned char)*c->p) || (base == 10 && !isdigit((unsigned char)*c->p))) {
		c->p = start;
		return fail(c, "expected a number, found %s", next_token(c, tok, sizeof(tok)));
	}
	for (; is_word_char(*c->p); c->p++) {
		d = isdigit((unsigned char)*c->p)    ? (unsigned)(*c->p - '0')
		    : isxdigit((unsigned char)*c->p) ? (unsigned)(tolower(*c->p) - 'a' + 10)
						     : 99;
		if (d >= base || v > (~0ULL - d) / base) {
			while (is_word_char(*c->p))
				c->p++;
			return fail(c,
				    d >= base ? "bad number '%.*s'"
					      : "number '%.*s' does not fit in 64 bits",
				    (int)(c->p - start), start);
		}
		v = v * base + d;
	}
	*mag = v;
	*hex = base == 16;
	return true;
}

/*
 * Parses a number that must fit a field of the given width in bits: any
 * value from -2^(bits-1) to 2^bits - 1 (so both -1 and 0xffffffff are
 * valid 32-bit immediates). Stores the two's complement bit pattern.
 */
static bool parse_int(struct asm_ctx *c, int bits, const char *what, s64 *val)
{
	const char *start;
	u64 mag;
	bool neg, hex;
	u64 umax = bits == 64 ? ~0ULL : (1ULL << bits) - 1;

	skip_ws(c);
	start = c->p;
	if (!parse_num(c, &mag, &neg, &hex))
		return false;
	if ((neg && mag > (1ULL << (bits - 1))) || (!neg && mag > umax))
		return fail(c, "%s '%.*s' does not fit in %d bits", what, (int)(c->p - start),
			    start, bits);
	*val = neg ? (s64)(0 - mag) : (s64)mag;
	return true;
}

/* Parses a signed 16-bit memory or jump offset ("+8", "-8", "0x10"). */
static bool parse_off(struct asm_ctx *c, s16 *off)
{
	const char *start;
	bool neg, hex;
	u64 mag;

	skip_ws(c);
	start = c->p;
	if (!parse_num(c, &mag, &neg, &hex))
		return false;
	if (mag > (neg ? 32768u : 32767u))
		return fail(c, "offset '%.*s' out of range (-32768..32767)", (int)(c->p - start),
			    start);
	*off = (s16)(neg ? -(s64)mag : (s64)mag);
	return true;
}

/* Parses a jump target: "pc+3", "+3", "-3", "3" or a label name. */
static bool parse_target(struct asm_ctx *c, struct asm_target *t)
{
	char tok[40];

	t->label[0] = '\0';
	t->off = 0;
	skip_ws(c);
	if (!strncmp(c->p, "pc", 2) && (c->p[2] == '+' || c->p[2] == '-'))
		c->p += 2;
	if (num_next(c)) {
		if (!parse_int(c, 32, "jump offset", &t->off))
			return false;
		t->off = (s32)t->off; /* 0xffffffff is -1 */
		skip_ws(c);
		if (*c->p == '<' && strchr(c->p, '>')) /* objdump's "+5 <LBB0_3>" */
			c->p = strchr(c->p, '>') + 1;
		return true;
	}
	if (!is_word_char(*c->p) || isdigit((unsigned char)*c->p))
		return fail(c, "expected a jump target, found %s", next_token(c, tok, sizeof(tok)));
	if (!read_word(c, t->label, sizeof(t->label)))
		return false;
	return true;
}

/* ---- Emitting instructions --------------------------------------------- */

static struct bpf_insn *emit(struct asm_ctx *c, u8 code, u8 dst, u8 src, s16 off, s32 imm)
{
	struct bpf_insn *insn;

	if (!grow(c, (void **)&c->insns, &c->cap, c->cnt + 1, sizeof(*c->insns)))
		return NULL;
	insn = &c->insns[c->cnt++];
	*insn = (struct bpf_insn){
		.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm
	};
	return insn;
}

/* lddw: two slots, the low half of imm in the first, the high half in the second. */
static bool emit_lddw(struct asm_ctx *c, u8 dst, u8 src, u64 imm)
{
	return emit(c, BPF_LD | BPF_IMM | BPF_DW, dst, src, 0, (s32)(u32)imm) &&
	       emit(c, 0, 0, 0, 0, (s32)(u32)(imm >> 32));
}

/*
 * Applies target t to instruction pc: an offset goes in off
 * (or imm when in_imm), a label becomes a fixup resolved at the end.
 */
static bool set_target(struct asm_ctx *c, size_t pc, const struct asm_target *t, bool in_imm)
{
	struct bpf_insn *insn = &c->insns[pc];
	struct asm_fixup *f;

	if (!t->label[0]) {
		if (in_imm)
			insn->imm = (s32)t->off;
		else if (t->off < -32768 || t->off > 32767)
			return fail(c, "jump offset %lld out of range (-32768..32767)",
				    (long long)t->off);
		else
			insn->off = (s16)t->off;
		return true;
	}
	if (!grow(c, (void **)&c->fixups, &c->cap_fixups, c->nfixups + 1, sizeof(*f)))
		return false;
	f = &c->fixups[c->nfixups++];
	snprintf(f->name, sizeof(f->name), "%s", t->label);
	f->pc = pc;
	f->line = c->line;
	f->imm = in_imm;
	return true;
}

/* FNV-1a and a final mix: spreads label names over the hash table. */
static u32 name_hash(const char *s)
{
	u32 h = 2166136261u;

	while (*s)
		h = (h ^ (u8)*s++) * 16777619u;
	h ^= h >> 16; /* the table masks the low bits: mix the high ones in */
	h *= 0x85ebca6bu;
	return h ^ (h >> 13);
}

/* Labels are found through an open-addressing table of label index + 1 (0: empty). */
static struct asm_label *find_label(struct asm_ctx *c, const char *name)
{
	size_t mask = c->hash_size - 1;

	if (!c->hash_size)
		return NULL;
	for (size_t h = name_hash(name) & mask; c->label_hash[h]; h = (h + 1) & mask)
		if (!strcmp(c->labels[c->label_hash[h] - 1].name, name))
			return &c->labels[c->label_hash[h] - 1];
	return NULL;
}

static void hash_insert(size_t *table, size_t size, const char *name, size_t idx)
{
	size_t h = name_hash(name) & (size - 1);

	while (table[h])
		h = (h + 1) & (size - 1);
	table[h] = idx + 1;
}

/* Rebuilds the table with size slots (a power of two, more than twice nlabels). */
static bool rehash_labels(struct asm_ctx *c, size_t size)
{
	size_t *table = calloc(size, sizeof(*table));

	if (!table)
		return fail_nomem(c);
	for (size_t i = 0; i < c->nlabels; i++)
		hash_insert(table, size, c->labels[i].name, i);
	free(c->label_hash);
	c->label_hash = table;
	c->hash_size = size;
	return true;
}

static bool define_label(struct asm_ctx *c, const char *name)
{
	struct asm_label *l = find_label(c, name);

	if (l)
		return fail(c, "duplicate label '%s' (first defined on line %d)", name, l->line);
	if (!grow(c, (void **)&c->labels, &c->cap_labels, c->nlabels + 1, sizeof(*l)))
		return false;
	l = &c->labels[c->nlabels++];
	snprintf(l->name, sizeof(l->name), "%s", name);
	l->pc = c->cnt;
	l->line = c->line;
	if (c->nlabels * 2 >= c->hash_size)
		return rehash_labels(c, c->hash_size ? c->hash_size * 2 : 64);
	hash_insert(c->label_hash, c->hash_size, name, c->nlabels - 1);
	return true;
}

/* Second pass: every label use gets its pc-relative offset. */
static bool resolve_fixups(struct asm_ctx *c)
{
	for (size_t i = 0; i < c->nfixups; i++) {
		struct asm_fixup *f = &c->fixups[i];
		struct asm_label *l = find_label(c, f->name);
		s64 target, off;

		c->line = f->line;
		if (l)
			target = (s64)l->pc;
		else if (!strcmp(f->name, "exit") && c->first_exit >= 0)
			target = c->first_exit;
		else
			return fail(c, "undefined label '%s'", f->name);
		off = target - (s64)f->pc - 1;
		if (f->imm)
			c->insns[f->pc].imm = (s32)off;
		else if (off < -32768 || off > 32767)
			return fail(c, "label '%s' is out of reach of a 16-bit jump offset",
				    f->name);
		else
			c->insns[f->pc].off = (s16)off;
	}
	return true;
}

/* ---- Operands shared by both syntaxes ----------------------------------- */

/* The source of an ALU or jump op: a register (BPF_X) or a 32-bit immediate (BPF_K). */
static bool parse_src(struct asm_ctx *c, u8 *srcbit, u8 *src, bool *is32, s32 *imm)
{
	s64 v;

	*src = 0;
	*imm = 0;
	if (reg_next(c)) {
		*srcbit = BPF_X;
		return parse_reg(c, src, is32);
	}
	if (!parse_int(c, 32, "immediate", &v))
		return false;
	*srcbit = BPF_K;
	*imm = (s32)v;
	return true;
}

/* Access size by name: the log's "u8".."u64" (and "s8".."s32" when sx). */
static int size_by_name(const char *name, bool *sx)
{
	static const char *const names[] = { "u32", "u16", "u8", "u64", "s32", "s16", "s8" };

	for (int i = 0; i < 7; i++)
		if (!strcmp(name, names[i])) {
			*sx = i >= 4;
			return (i & 3) << 3;
		}
	return -1;
}

/* Access size by uBPF suffix: b, h, w, dw. */
static int size_by_suffix(const char *s)
{
	static const char *const names[] = { "w", "h", "b", "dw" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return i << 3;
	return -1;
}

/* Emits exit, remembering the first one (the default "exit" label). */
static bool emit_exit(struct asm_ctx *c)
{
	if (c->first_exit < 0)
		c->first_exit = (long)c->cnt;
	return emit(c, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

/* Finds the id of a helper named "bpf_foo" or "foo"; -1 if none. */
static int helper_id(const char *name)
{
	for (int id = 0; id < __BPF_FUNC_MAX_ID; id++) {
		const char *h = bpf_helper_name(id);

		if (!strcmp(name, h) || !strcmp(name, h + 4))
			return id;
	}
	return -1;
}

/*
 * The operands of "call": "local L" / "pc+N" / a label (BPF-to-BPF),
 * "helper N" / "N" / "bpf_name#N" / "bpf_name" (helper), "runtime N" /
 * "kernel-function#N" (kfunc), "%rN" / "rN" (callx, register in dst_reg).
 */
static bool parse_call(struct asm_ctx *c)
{
	struct asm_target t;
	char w[NAME_MAX_LEN];
	s64 id;
	int known;

	if (reg_next(c)) {
		u8 reg;

		return parse_reg(c, &reg, NULL) &&
		       emit(c, BPF_JMP | BPF_CALL | BPF_X, reg, 0, 0, 0);
	}
	if (accept_word(c, "helper") || num_next(c))
		return parse_int(c, 32, "helper id", &id) &&
		       emit(c, BPF_JMP | BPF_CALL, 0, 0, 0, (s32)id);
	if (accept_word(c, "runtime") || accept(c, "kernel-function#"))
		return parse_int(c, 32, "kfunc id", &id) &&
		       emit(c, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, (s32)id);
	accept_word(c, "local");
	skip_ws(c);
	if ((!strncmp(c->p, "pc", 2) && (c->p[2] == '+' || c->p[2] == '-')) || !is_word_char(*c->p))
		return parse_target(c, &t) &&
		       emit(c, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0) &&
		       set_target(c, c->cnt - 1, &t, true);
	if (!read_word(c, w, sizeof(w)))
		return fail(c, "expected a call target");
	known = helper_id(w);
	if (accept(c, "#")) {
		if (!parse_int(c, 32, "helper id", &id))
			return false;
		if (known >= 0 && known != id)
			return fail(c, "helper '%s' is #%d, not #%lld", w, known, (long long)id);
		return emit(c, BPF_JMP | BPF_CALL, 0, 0, 0, (s32)id);
	}
	if (known >= 0)
		return emit(c, BPF_JMP | BPF_CALL, 0, 0, 0, known);
	snprintf(t.label, sizeof(t.label), "%s", w);
	return emit(c, BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0) &&
	       set_target(c, c->cnt - 1, &t, true);
}

/* ---- uBPF syntax -------------------------------------------------------- */

struct op_name {
	const char *name;
	u8 op;
	s16 off; /* 1 for the signed sdiv/smod */
};

static const struct op_name alu_names[] = {
	{ "add", BPF_ADD, 0 }, { "sub", BPF_SUB, 0 },  { "mul", BPF_MUL, 0 },
	{ "div", BPF_DIV, 0 }, { "sdiv", BPF_DIV, 1 }, { "or", BPF_OR, 0 },
	{ "and", BPF_AND, 0 }, { "lsh", BPF_LSH, 0 },  { "rsh", BPF_RSH, 0 },
	{ "neg", BPF_NEG, 0 }, { "mod", BPF_MOD, 0 },  { "smod", BPF_MOD, 1 },
	{ "xor", BPF_XOR, 0 }, { "mov", BPF_MOV, 0 },  { "arsh", BPF_ARSH, 0 },
};

static const struct op_name jmp_names[] = {
	{ "jeq", BPF_JEQ, 0 },	 { "jgt", BPF_JGT, 0 },	  { "jge", BPF_JGE, 0 },
	{ "jset", BPF_JSET, 0 }, { "jne", BPF_JNE, 0 },	  { "jsgt", BPF_JSGT, 0 },
	{ "jsge", BPF_JSGE, 0 }, { "jlt", BPF_JLT, 0 },	  { "jle", BPF_JLE, 0 },
	{ "jslt", BPF_JSLT, 0 }, { "jsle", BPF_JSLE, 0 },
};

static const struct op_name *find_op(const struct op_name *tab, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tab[i].name, name))
			return &tab[i];
	return NULL;
}

/* "[%r1+2]", "[%r10-8]", "[%r1]". */
static bool parse_ubpf_mem(struct asm_ctx *c, u8 *reg, s16 *off)
{
	*off = 0;
	if (!expect(c, "[") || !parse_reg(c, reg, NULL))
		return false;
	skip_ws(c);
	if ((*c->p == '+' || *c->p == '-') && !parse_off(c, off))
		return false;
	return expect(c, "]");
}

/* "add32 %r0, 1", "neg %r0", "sdiv %r0, %r1". */
static bool ubpf_alu(struct asm_ctx *c, const struct op_name *op, u8 cls)
{
	u8 dst, src, srcbit;
	s32 imm;

	if (!parse_reg(c, &dst, NULL))
		return false;
	if (op->op == BPF_NEG)
		return emit(c, cls | BPF_NEG | BPF_K, dst, 0, 0, 0);
	return expect(c, ",") && parse_src(c, &srcbit, &src, NULL, &imm) &&
	       emit(c, cls | op->op | srcbit, dst, src, op->off, imm);
}

/* "jne %r0, 15, label", "jset32 %r1, %r2, +1". */
static bool ubpf_jmp(struct asm_ctx *c, const struct op_name *op, u8 cls)
{
	struct asm_target t;
	u8 dst, src, srcbit;
	s32 imm;

	return parse_reg(c, &dst, NULL) && expect(c, ",") &&
	       parse_src(c, &srcbit, &src, NULL, &imm) && expect(c, ",") && parse_target(c, &t) &&
	       emit(c, cls | op->op | srcbit, dst, src, 0, imm) &&
	       set_target(c, c->cnt - 1, &t, false);
}

/* Splits a trailing "32" (32-bit class) or "64" off a mnemonic. */
static void split_width(const char *m, char *base, size_t len, bool *is32)
{
	size_t n = strlen(m);

	*is32 = false;
	if (n > 2 && (!strcmp(m + n - 2, "32") || !strcmp(m + n - 2, "64"))) {
		*is32 = m[n - 2] == '3';
		n -= 2;
	}
	snprintf(base, len, "%.*s", (int)n, m);
}

/* "be16 %r0", "le32 %r0", "swap64 %r0" / "bswap64 %r0". */
static bool ubpf_end(struct asm_ctx *c, const char *m)
{
	u8 code, dst;
	const char *bits;

	if (!strncmp(m, "be", 2))
		code = BPF_ALU | BPF_END | BPF_TO_BE, bits = m + 2;
	else if (!strncmp(m, "le", 2))
		code = BPF_ALU | BPF_END | BPF_TO_LE, bits = m + 2;
	else
		code = BPF_ALU64 | BPF_END | BPF_TO_LE, bits = m + (m[0] == 'b' ? 5 : 4);
	if (strcmp(bits, "16") && strcmp(bits, "32") && strcmp(bits, "64"))
		return fail(c, "unknown instruction '%s'", m);
	return parse_reg(c, &dst, NULL) && emit(c, code, dst, 0, 0, atoi(bits));
}

/* "movsx832 %r0, %r1": sign-extend 8/16/32 bits into a 32- or 64-bit register. */
static bool ubpf_movsx(struct asm_ctx *c, const char *m)
{
	static const struct {
		const char *suffix;
		u8 cls;
		s16 bits;
	} forms[] = {
		{ "832", BPF_ALU, 8 },	   { "1632", BPF_ALU, 16 },   { "864", BPF_ALU64, 8 },
		{ "1664", BPF_ALU64, 16 }, { "3264", BPF_ALU64, 32 },
	};
	u8 dst, src;

	for (size_t i = 0; i < ARRAY_SIZE(forms); i++)
		if (!strcmp(m + 5, forms[i].suffix))
			return parse_reg(c, &dst, NULL) && expect(c, ",") &&
			       parse_reg(c, &src, NULL) &&
			       emit(c, forms[i].cls | BPF_MOV | BPF_X, dst, src, forms[i].bits, 0);
	return fail(c, "unknown instruction '%s'", m);
}

/* "ldxw %r0, [%r1+4]", "ldxsb ...", "stxdw [%r10-8], %r1", "stw [%r10-4], 5". */
static bool ubpf_mem(struct asm_ctx *c, const char *m)
{
	u8 dst, src;
	s16 off;
	s64 imm;
	int size;

	if (!strncmp(m, "ldxs", 4) && (size = size_by_suffix(m + 4)) >= 0 && size != BPF_DW)
		return parse_reg(c, &dst, NULL) && expect(c, ",") &&
		       parse_ubpf_mem(c, &src, &off) &&
		       emit(c, BPF_LDX | BPF_MEMSX | size, dst, src, off, 0);
	if (!strncmp(m, "ldx", 3) && (size = size_by_suffix(m + 3)) >= 0)
		return parse_reg(c, &dst, NULL) && expect(c, ",") &&
		       parse_ubpf_mem(c, &src, &off) &&
		       emit(c, BPF_LDX | BPF_MEM | size, dst, src, off, 0);
	if (!strncmp(m, "stx", 3) && (size = size_by_suffix(m + 3)) >= 0)
		return parse_ubpf_mem(c, &dst, &off) && expect(c, ",") &&
		       parse_reg(c, &src, NULL) &&
		       emit(c, BPF_STX | BPF_MEM | size, dst, src, off, 0);
	if (!strncmp(m, "st", 2) && (size = size_by_suffix(m + 2)) >= 0)
		return parse_ubpf_mem(c, &dst, &off) && expect(c, ",") &&
		       parse_int(c, 32, "immediate", &imm) &&
		       emit(c, BPF_ST | BPF_MEM | size, dst, 0, off, (s32)imm);
	if (!strncmp(m, "ldabs", 5) && (size = size_by_suffix(m + 5)) >= 0 && size != BPF_DW)
		return parse_int(c, 32, "immediate", &imm) &&
		       emit(c, BPF_LD | BPF_ABS | size, 0, 0, 0, (s32)imm);
	if (!strncmp(m, "ldind", 5) && (size = size_by_suffix(m + 5)) >= 0 && size != BPF_DW)
		return parse_reg(c, &src, NULL) && expect(c, ",") &&
		       parse_int(c, 32, "immediate", &imm) &&
		       emit(c, BPF_LD | BPF_IND | size, 0, src, 0, (s32)imm);
	return fail(c, "unknown instruction '%s'", m);
}

/* The atomic op of "lock [fetch] OP[32]" (uBPF) or "atomic_fetch_OP" (log); -1 if none. */
static int atomic_op(const char *name)
{
	static const struct op_name ops[] = {
		{ "add", BPF_ADD, 0 }, { "and", BPF_AND, 0 },	{ "or", BPF_OR, 0 },
		{ "xor", BPF_XOR, 0 }, { "xchg", BPF_XCHG, 0 }, { "cmpxchg", BPF_CMPXCHG, 0 },
	};
	const struct op_name *op = find_op(ops, ARRAY_SIZE(ops), name);

	return op ? op->op : -1;
}

/* "lock add [%r10-8], %r1", "lock fetch xor32 [%r10-4], %r1", "lock cmpxchg [...], %r1". */
static bool ubpf_lock(struct asm_ctx *c)
{
	char w[NAME_MAX_LEN], base[NAME_MAX_LEN];
	bool fetch = accept_word(c, "fetch"), is32;
	int op;
	u8 dst, src;
	s16 off;

	if (!read_word(c, w, sizeof(w)))
		return fail(c, "expected an atomic operation after 'lock'");
	split_width(w, base, sizeof(base), &is32);
	op = atomic_op(base);
	if (op < 0)
		return fail(c, "unknown atomic operation '%s'", w);
	if (op == BPF_XCHG || op == BPF_CMPXCHG)
		fetch = false; /* the fetch bit is part of their encoding */
	return parse_ubpf_mem(c, &dst, &off) && expect(c, ",") && parse_reg(c, &src, NULL) &&
	       emit(c, BPF_STX | BPF_ATOMIC | (is32 ? BPF_W : BPF_DW), dst, src, off,
		    op | (fetch ? BPF_FETCH : 0));
}

/* One uBPF instruction whose mnemonic m has been read. */
static bool ubpf_insn(struct asm_ctx *c, const char *m)
{
	char base[NAME_MAX_LEN];
	const struct op_name *op;
	bool is32;
	s64 imm;
	u8 dst;

	split_width(m, base, sizeof(base), &is32);
	if ((op = find_op(alu_names, ARRAY_SIZE(alu_names), base)))
		return ubpf_alu(c, op, is32 ? BPF_ALU : BPF_ALU64);
	if ((op = find_op(jmp_names, ARRAY_SIZE(jmp_names), base)) &&
	    strcmp(m + strlen(base), "64"))
		return ubpf_jmp(c, op, is32 ? BPF_JMP32 : BPF_JMP);
	if (!strcmp(m, "lddw"))
		return parse_reg(c, &dst, NULL) && expect(c, ",") &&
		       parse_int(c, 64, "immediate", &imm) && emit_lddw(c, dst, 0, (u64)imm);
	if (!strcmp(m, "lock"))
		return ubpf_lock(c);
	if (!strncmp(m, "be", 2) || !strncmp(m, "le", 2) || !strncmp(m, "swap", 4) ||
	    !strncmp(m, "bswap", 5))
		return ubpf_end(c, m);
	if (!strncmp(m, "movsx", 5))
		return ubpf_movsx(c, m);
	if (!strncmp(m, "ld", 2) || !strncmp(m, "st", 2))
		return ubpf_mem(c, m);
	return fail(c, "unknown instruction '%s'", m);
}

/* ---- Verifier-log syntax -------------------------------------------------- */

/* "(u32 *)" or "*(u32 *)" has been reached at '(': parses the size name and "*)". */
static bool parse_cast(struct asm_ctx *c, int *size, bool *sx)
{
	char w[NAME_MAX_LEN];

	if (!expect(c, "(") || !read_word(c, w, sizeof(w)))
		return fail(c, "expected an access size such as u32");
	*size = size_by_name(w, sx);
	if (*size < 0)
		return fail(c, "unknown access size '%s'", w);
	return expect(c, "*") && expect(c, ")");
}

/* "(r1 +2)", "(r1 - 8)", "(r1)": a base register and an offset. */
static bool parse_memref(struct asm_ctx *c, u8 *reg, s16 *off)
{
	*off = 0;
	if (!expect(c, "(") || !parse_reg(c, reg, NULL))
		return false;
	skip_ws(c);
	if ((*c->p == '+' || *c->p == '-') && !parse_off(c, off))
		return false;
	return expect(c, ")");
}

/* "*(u32 *)(r10 -4) = r1", "*(u64 *)(r10 -8) = 5". */
static bool log_store(struct asm_ctx *c)
{
	u8 dst, src;
	s16 off;
	s64 imm;
	int size;
	bool sx;

	if (!expect(c, "*") || !parse_cast(c, &size, &sx) || !parse_memref(c, &dst, &off))
		return false;
	if (sx)
		return fail(c, "a store has no sign-extending size");
	if (!expect(c, "="))
		return false;
	if (reg_next(c))
		return parse_reg(c, &src, NULL) &&
		       emit(c, BPF_STX | BPF_MEM | size, dst, src, off, 0);
	return parse_int(c, 32, "immediate", &imm) &&
	       emit(c, BPF_ST | BPF_MEM | size, dst, 0, off, (s32)imm);
}

/* "lock *(u64 *)(r10 -8) += r1" (after "lock"). */
static bool log_lock(struct asm_ctx *c)
{
	static const struct op_name ops[] = {
		{ "+=", BPF_ADD, 0 },
		{ "|=", BPF_OR, 0 },
		{ "&=", BPF_AND, 0 },
		{ "^=", BPF_XOR, 0 },
	};
	u8 dst, src;
	s16 off;
	int size;
	bool sx;

	if (!expect(c, "*") || !parse_cast(c, &size, &sx) || !parse_memref(c, &dst, &off))
		return false;
	if (sx || (size != BPF_W && size != BPF_DW))
		return fail(c, "atomic operations work on u32 or u64");
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		if (accept(c, ops[i].name))
			return parse_reg(c, &src, NULL) &&
			       emit(c, BPF_STX | BPF_ATOMIC | size, dst, src, off, ops[i].op);
	return fail(c, "expected one of += |= &= ^= after the locked operand");
}

/*
 * The common tail of the fetching atomics, after "(memory operand,":
 * "[r0, ]rS)", the register rules, and the instruction.
 */
static bool atomic_tail(struct asm_ctx *c, const char *fn, u8 lhs, int op, bool fetch, int size,
			u8 dst, s16 off)
{
	u8 src, r0 = 0;

	if (op == BPF_CMPXCHG && (!parse_reg(c, &r0, NULL) || !expect(c, ",")))
		return false;
	if (!parse_reg(c, &src, NULL) || !expect(c, ")"))
		return false;
	if (op == BPF_CMPXCHG && (lhs != 0 || r0 != 0))
		return fail(c, "cmpxchg compares with and loads into r0");
	if (op != BPF_CMPXCHG && lhs != src)
		return fail(c, "'%s' loads into its source register r%d, not r%d", fn, src, lhs);
	return emit(c, BPF_STX | BPF_ATOMIC | size, dst, src, off, op | (fetch ? BPF_FETCH : 0));
}

/*
 * "rS = atomic64_fetch_add((u64 *)(rD +off), rS)", "..._xchg(...)",
 * "r0 = atomic64_cmpxchg((u64 *)(rD +off), r0, rS)": fn is the name after
 * '='. Linux writes atomic_ for u32 and atomic64_ for u64; LLVM atomic_ for both.
 */
static bool log_atomic(struct asm_ctx *c, u8 lhs, const char *fn)
{
	bool is64 = !strncmp(fn, "atomic64_", 9), sx;
	const char *name = fn + (is64 ? 9 : 7);
	bool fetch = !strncmp(name, "fetch_", 6);
	int op = atomic_op(fetch ? name + 6 : name), size;
	u8 dst;
	s16 off;

	if (op < 0 || (fetch && (op == BPF_XCHG || op == BPF_CMPXCHG)) ||
	    (!fetch && op != BPF_XCHG && op != BPF_CMPXCHG))
		return fail(c, "unknown atomic operation '%s'", fn);
	if (!expect(c, "(") || !parse_cast(c, &size, &sx) || !parse_memref(c, &dst, &off) ||
	    !expect(c, ","))
		return false;
	if (sx || (size != BPF_W && size != BPF_DW))
		return fail(c, "atomic operations work on u32 or u64");
	if (is64 && size != BPF_DW)
		return fail(c, "'%s' works on u64 only", fn);
	return atomic_tail(c, fn, lhs, op, fetch, size, dst, off);
}

/* LLVM's "r0 = cmpxchg_64(r10 - 8, r0, r1)", "w1 = xchg32_32(r10 - 4, w1)". */
static bool llvm_atomic(struct asm_ctx *c, u8 lhs, const char *fn)
{
	int op = !strncmp(fn, "xchg", 4) ? BPF_XCHG : BPF_CMPXCHG;
	int size = strstr(fn, "32_32") ? BPF_W : BPF_DW;
	u8 dst;
	s16 off = 0;

	if (!expect(c, "(") || !parse_reg(c, &dst, NULL))
		return false;
	skip_ws(c);
	if ((*c->p == '+' || *c->p == '-') && !parse_off(c, &off))
		return false;
	return expect(c, ",") && atomic_tail(c, fn, lhs, op, false, size, dst, off);
}

/* "r0 = load_acquire((u64 *)(r1 +0))", after '('. */
static bool log_load_acquire(struct asm_ctx *c, u8 dst)
{
	u8 src;
	s16 off;
	int size;
	bool sx;

	return parse_cast(c, &size, &sx) && parse_memref(c, &src, &off) && expect(c, ")") &&
	       (!sx || fail(c, "load_acquire has no sign-extending size")) &&
	       emit(c, BPF_STX | BPF_ATOMIC | size, dst, src, off, 0x100);
}

/* "store_release((u64 *)(r10 -8), r1)", after the name. */
static bool log_store_release(struct asm_ctx *c)
{
	u8 dst, src;
	s16 off;
	int size;
	bool sx;

	return expect(c, "(") && parse_cast(c, &size, &sx) && parse_memref(c, &dst, &off) &&
	       expect(c, ",") && parse_reg(c, &src, NULL) && expect(c, ")") &&
	       (!sx || fail(c, "store_release has no sign-extending size")) &&
	       emit(c, BPF_STX | BPF_ATOMIC | size, dst, src, off, 0x110);
}

/* "rD = *(u8 *)(rS +off)", "r0 = *(u16 *)skb[12]", "r0 = *(u32 *)skb[r1 + 4]", after '='. */
static bool log_load(struct asm_ctx *c, u8 dst)
{
	u8 src;
	s16 off;
	s64 imm;
	int size;
	bool sx, ind;

	if (!expect(c, "*") || !parse_cast(c, &size, &sx))
		return false;
	if (!accept(c, "skb["))
		return parse_memref(c, &src, &off) &&
		       emit(c, BPF_LDX | (sx ? BPF_MEMSX : BPF_MEM) | size, dst, src, off, 0);
	if (dst != 0 || sx || size == BPF_DW)
		return fail(c, "packet loads (skb[...]) load u8, u16 or u32 into r0");
	src = 0;
	ind = reg_next(c);
	if (ind && (!parse_reg(c, &src, NULL) || !expect(c, "+")))
		return false;
	return parse_int(c, 32, "immediate", &imm) && expect(c, "]") &&
	       emit(c, BPF_LD | (ind ? BPF_IND : BPF_ABS) | size, 0, src, 0, (s32)imm);
}

/* "map[fd:3]", "map[idx:0][0]+16", "btf_id[5]", "subprog[+4]": lddw with a pseudo source. */
static bool log_pseudo_lddw(struct asm_ctx *c, u8 dst, const char *kind)
{
	struct asm_target t;
	s64 id, value_off = 0;
	u8 src;

	if (!strcmp(kind, "subprog"))
		return parse_target(c, &t) && expect(c, "]") &&
		       emit_lddw(c, dst, BPF_PSEUDO_FUNC, 0) && set_target(c, c->cnt - 2, &t, true);
	if (!strcmp(kind, "btf_id"))
		return parse_int(c, 32, "BTF id", &id) && expect(c, "]") &&
		       emit_lddw(c, dst, BPF_PSEUDO_BTF_ID, (u32)id);
	if (accept(c, "fd:"))
		src = BPF_PSEUDO_MAP_FD;
	else if (accept(c, "idx:"))
		src = BPF_PSEUDO_MAP_IDX;
	else
		return fail(c, "expected 'fd:' or 'idx:' after 'map['");
	if (!parse_int(c, 32, "map fd or index", &id) || !expect(c, "]"))
		return false;
	if (accept(c, "[")) {
		if (!expect(c, "0") || !expect(c, "]") || !expect(c, "+") ||
		    !parse_int(c, 32, "value offset", &value_off))
			return false;
		src = src == BPF_PSEUDO_MAP_FD ? BPF_PSEUDO_MAP_VALUE : BPF_PSEUDO_MAP_IDX_VALUE;
	}
	return emit_lddw(c, dst, src, ((u64)(u32)value_off << 32) | (u32)id);
}

/* "rD = 5" (mov), "rD = 0x1234" / "rD = 5 ll" (lddw), "wD = 5" (mov32). */
static bool log_assign_imm(struct asm_ctx *c, u8 dst, bool is32)
{
	const char *start;
	u64 mag;
	bool neg, hex;
	s64 v;

	skip_ws(c);
	start = c->p;
	if (!parse_num(c, &mag, &neg, &hex))
		return false;
	if (!is32 && (accept_word(c, "ll") || (hex && !neg))) {
		c->p = start;
		if (!parse_int(c, 64, "immediate", &v))
			return false;
		accept_word(c, "ll");
		return emit_lddw(c, dst, 0, (u64)v);
	}
	c->p = start;
	return parse_int(c, 32, "immediate", &v) &&
	       emit(c, (is32 ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_K, dst, 0, 0, (s32)v);
}

/*
 * Linux's two special register moves (arenas and per-CPU data):
 * "rD = addr_space_cast(rS, 0, 1)" (off 1, imm = from << 16 | to) and
 * "rD = &(void __percpu *)(rS)" (off -1). fn is "addr_space_cast" or "&".
 */
static bool log_mov_special(struct asm_ctx *c, u8 dst, bool is32, const char *fn)
{
	s64 from = 0, to = 0;
	u8 src;

	if (is32)
		return fail(c, "'%s' works on 64-bit registers", fn);
	if (fn[0] == '&')
		return expect(c, "(") && expect(c, "void") && expect(c, "__percpu") &&
		       expect(c, "*") && expect(c, ")") && expect(c, "(") &&
		       parse_reg(c, &src, NULL) && expect(c, ")") &&
		       emit(c, BPF_ALU64 | BPF_MOV | BPF_X, dst, src, -1, 0);
	return expect(c, "(") && parse_reg(c, &src, NULL) && expect(c, ",") &&
	       parse_int(c, 16, "address space", &from) && expect(c, ",") &&
	       parse_int(c, 16, "address space", &to) && expect(c, ")") &&
	       emit(c, BPF_ALU64 | BPF_MOV | BPF_X, dst, src, 1,
		    (s32)((u32)(u16)from << 16 | (u16)to));
}

/* The right-hand side of "rD = ..." that starts with a word: swaps, atomics, pseudo lddw. */
static bool log_assign_word(struct asm_ctx *c, u8 dst, bool is32)
{
	char w[NAME_MAX_LEN];
	char tok[40];
	u8 reg;
	int bits = 0;

	if (!read_word(c, w, sizeof(w)))
		return fail(c, "expected a value after '=', found %s",
			    next_token(c, tok, sizeof(tok)));
	if (!strcmp(w, "addr_space_cast"))
		return log_mov_special(c, dst, is32, w);
	if (!strncmp(w, "be", 2) || !strncmp(w, "le", 2) || !strncmp(w, "bswap", 5)) {
		const char *num = w + (w[0] == 'b' && w[1] == 's' ? 5 : 2);

		bits = atoi(num);
		if (strcmp(num, "16") && strcmp(num, "32") && strcmp(num, "64"))
			return fail(c, "unexpected '%s' after '='", w);
		if (!parse_reg(c, &reg, NULL))
			return false;
		if (reg != dst)
			return fail(c, "'%s' swaps its own register: write r%d = %s r%d", w, dst, w,
				    dst);
		if (w[1] == 's')
			return emit(c, BPF_ALU64 | BPF_END | BPF_TO_LE, dst, 0, 0, bits);
		return emit(c, BPF_ALU | BPF_END | (w[0] == 'b' ? BPF_TO_BE : BPF_TO_LE), dst, 0, 0,
			    bits);
	}
	if (!strncmp(w, "atomic_", 7) || !strncmp(w, "atomic64_", 9))
		return log_atomic(c, dst, w);
	if (!strcmp(w, "xchg_64") || !strcmp(w, "xchg32_32") || !strcmp(w, "cmpxchg_64") ||
	    !strcmp(w, "cmpxchg32_32"))
		return llvm_atomic(c, dst, w);
	if (!strcmp(w, "load_acquire"))
		return expect(c, "(") && log_load_acquire(c, dst);
	if ((!strcmp(w, "map") || !strcmp(w, "btf_id") || !strcmp(w, "subprog")) && !is32 &&
	    accept(c, "["))
		return log_pseudo_lddw(c, dst, w);
	return fail(c, "unexpected '%s' after '='", w);
}

/* Compound assignments of the log syntax, longest first. */
static const struct op_name log_alu_ops[] = {
	{ "s>>=", BPF_ARSH, 0 }, { "s/=", BPF_DIV, 1 }, { "s%=", BPF_MOD, 1 },
	{ "<<=", BPF_LSH, 0 },	 { ">>=", BPF_RSH, 0 }, { "+=", BPF_ADD, 0 },
	{ "-=", BPF_SUB, 0 },	 { "*=", BPF_MUL, 0 },	{ "/=", BPF_DIV, 0 },
	{ "|=", BPF_OR, 0 },	 { "&=", BPF_AND, 0 },	{ "%=", BPF_MOD, 0 },
	{ "^=", BPF_XOR, 0 },	 { "=", BPF_MOV, 0 },
};

/* "rD OP rS" / "rD OP imm" for every op of log_alu_ops (after the operator). */
static bool log_alu(struct asm_ctx *c, const struct op_name *op, u8 dst, bool is32)
{
	u8 cls = is32 ? BPF_ALU : BPF_ALU64, src, srcbit;
	bool src32;
	s32 imm;

	if (!parse_src(c, &srcbit, &src, &src32, &imm))
		return false;
	if (srcbit == BPF_X && src32 != is32)
		return fail(c, "both registers must be rN (64-bit) or wN (32-bit)");
	return emit(c, cls | op->op | srcbit, dst, src, op->off, imm);
}

/* "rD = (s8)rS", "wD = (s16)wS": sign-extending moves, after '='. */
static bool log_movsx(struct asm_ctx *c, u8 dst, bool is32)
{
	u8 src;
	bool src32;
	s64 bits;

	if (!expect(c, "(") || !expect(c, "s") || !parse_int(c, 32, "width", &bits) ||
	    !expect(c, ")") || !parse_reg(c, &src, &src32))
		return false;
	if (bits != 8 && bits != 16 && (bits != 32 || is32))
		return fail(c, "sign extension from %lld bits is not an instruction",
			    (long long)bits);
	if (src32 != is32)
		return fail(c, "both registers must be rN (64-bit) or wN (32-bit)");
	return emit(c, (is32 ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_X, dst, src, (s16)bits, 0);
}

/* "wD = -wD" / "rD = -rD", after '='; false without an error if no register follows '-'. */
static bool log_neg(struct asm_ctx *c, u8 dst, bool is32, bool *matched)
{
	const char *save = c->p;
	bool src32;
	u8 src;

	*matched = accept(c, "-") && reg_next(c);
	if (!*matched) {
		c->p = save;
		return false;
	}
	if (!parse_reg(c, &src, &src32))
		return false;
	if (src != dst || src32 != is32)
		return fail(c, "negation works in place: write %c%d = -%c%d", is32 ? 'w' : 'r', dst,
			    is32 ? 'w' : 'r', dst);
	return emit(c, (is32 ? BPF_ALU : BPF_ALU64) | BPF_NEG | BPF_K, dst, 0, 0, 0);
}

/* "rD = ..." in all its forms, "rD += ...", "wD = -wD", "rD = (s8)rS". */
static bool log_assign(struct asm_ctx *c)
{
	const struct op_name *op = NULL;
	bool is32, neg;
	u8 dst;

	if (!parse_reg(c, &dst, &is32))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(log_alu_ops) && !op; i++)
		if (accept(c, log_alu_ops[i].name))
			op = &log_alu_ops[i];
	if (!op)
		return expect(c, "=");
	if (op->op != BPF_MOV)
		return log_alu(c, op, dst, is32);
	skip_ws(c);
	if (*c->p == '*')
		return log_load(c, dst);
	if (*c->p == '(')
		return log_movsx(c, dst, is32);
	if (accept(c, "&"))
		return log_mov_special(c, dst, is32, "&");
	if (log_neg(c, dst, is32, &neg) || neg)
		return !c->failed;
	if (reg_next(c))
		return log_alu(c, op, dst, is32);
	if (num_next(c))
		return log_assign_imm(c, dst, is32);
	return log_assign_word(c, dst, is32);
}

/* "if rD OP rS goto T", "if wD OP imm goto T": OP from Linux's log, longest first. */
static bool log_if(struct asm_ctx *c)
{
	static const struct op_name ops[] = {
		{ "s>=", BPF_JSGE, 0 }, { "s<=", BPF_JSLE, 0 }, { "s>", BPF_JSGT, 0 },
		{ "s<", BPF_JSLT, 0 },	{ "==", BPF_JEQ, 0 },	{ "!=", BPF_JNE, 0 },
		{ ">=", BPF_JGE, 0 },	{ "<=", BPF_JLE, 0 },	{ ">", BPF_JGT, 0 },
		{ "<", BPF_JLT, 0 },	{ "&", BPF_JSET, 0 },
	};
	const struct op_name *op = NULL;
	struct asm_target t;
	u8 dst, src, srcbit;
	bool is32, src32;
	s32 imm;
	char tok[40];

	if (!parse_reg(c, &dst, &is32))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(ops) && !op; i++)
		if (accept(c, ops[i].name))
			op = &ops[i];
	if (!op)
		return fail(c, "expected a comparison, found %s", next_token(c, tok, sizeof(tok)));
	if (!parse_src(c, &srcbit, &src, &src32, &imm))
		return false;
	if (srcbit == BPF_X && src32 != is32)
		return fail(c, "both registers must be rN (64-bit) or wN (32-bit)");
	if (!accept_word(c, "goto"))
		return fail(c, "expected 'goto', found %s", next_token(c, tok, sizeof(tok)));
	return parse_target(c, &t) &&
	       emit(c, (is32 ? BPF_JMP32 : BPF_JMP) | op->op | srcbit, dst, src, 0, imm) &&
	       set_target(c, c->cnt - 1, &t, false);
}

/* One instruction in either syntax, with the cursor at its start. */
static bool parse_insn(struct asm_ctx *c)
{
	struct asm_target t;
	char w[NAME_MAX_LEN], tok[40];
	u8 reg;

	skip_ws(c);
	if (*c->p == '*')
		return log_store(c);
	if (reg_next(c))
		return log_assign(c);
	if (!read_word(c, w, sizeof(w)))
		return fail(c, "expected an instruction, found %s",
			    next_token(c, tok, sizeof(tok)));
	if (!strcmp(w, "if"))
		return log_if(c);
	if (!strcmp(w, "goto") || !strcmp(w, "ja"))
		return parse_target(c, &t) && emit(c, BPF_JMP | BPF_JA, 0, 0, 0, 0) &&
		       set_target(c, c->cnt - 1, &t, false);
	if (!strcmp(w, "gotol") || !strcmp(w, "ja32"))
		return parse_target(c, &t) && emit(c, BPF_JMP32 | BPF_JA, 0, 0, 0, 0) &&
		       set_target(c, c->cnt - 1, &t, true);
	if (!strcmp(w, "may_goto"))
		return parse_target(c, &t) && emit(c, BPF_JMP | BPF_JCOND, 0, 0, 0, 0) &&
		       set_target(c, c->cnt - 1, &t, false);
	if (!strcmp(w, "call"))
		return parse_call(c);
	if (!strcmp(w, "callx"))
		return parse_reg(c, &reg, NULL) &&
		       emit(c, BPF_JMP | BPF_CALL | BPF_X, reg, 0, 0, 0);
	if (!strcmp(w, "exit"))
		return emit_exit(c);
	if (!strcmp(w, "tail_call")) /* internal opcode, as disassembled after loading */
		return emit(c, BPF_JMP | BPF_TAIL_CALL, 0, 0, 0, 0);
	if (!strcmp(w, "nospec"))
		return emit(c, BPF_ST | 0xc0, 0, 0, 0, 0);
	if (!strcmp(w, "store_release"))
		return log_store_release(c);
	if (!strcmp(w, "lock") && (skip_ws(c), *c->p == '*'))
		return log_lock(c);
	return ubpf_insn(c, w);
}

/* ---- Lines ----------------------------------------------------------------- */

/* Cuts a comment: ';' or "//" anywhere, '#' at the start of a word ("bpf_foo#1" is code). */
static void strip_comment(char *line)
{
	for (char *s = line; *s; s++) {
		if (*s == ';' || (s[0] == '/' && s[1] == '/') ||
		    (*s == '#' && (s == line || s[-1] == ' ' || s[-1] == '\t'))) {
			*s = '\0';
			return;
		}
		if (*s == '\r')
			*s = ' ';
	}
}

/*
 * Skips what precedes an instruction in a verifier log or an objdump listing:
 * the index "12:", the log's liveness column "..2.......", objdump's raw
 * bytes, and the opcode "(b7)", whose value goes to *code (-1 if absent).
 */
static void skip_prefix(struct asm_ctx *c, int *code)
{
	const char *s;
	int n = 0;

	*code = -1;
	skip_ws(c);
	for (s = c->p; isdigit((unsigned char)*s); s++)
		;
	if (s > c->p && *s == ':') {
		c->p = s + 1;
		skip_ws(c);
		while (n < 10 && (c->p[n] == '.' || isdigit((unsigned char)c->p[n])))
			n++;
		if (n == 10 && c->p[n] == ' ')
			c->p += n;
		skip_ws(c);
		while (isxdigit((unsigned char)c->p[0]) && isxdigit((unsigned char)c->p[1]) &&
		       (c->p[2] == ' ' || c->p[2] == '\t')) {
			c->p += 3;
			skip_ws(c);
		}
	}
	s = c->p;
	if (s[0] == '(' && isxdigit((unsigned char)s[1]) && isxdigit((unsigned char)s[2]) &&
	    s[3] == ')') {
		*code = (int)strtol(s + 1, NULL, 16);
		c->p += 4;
	}
}

/*
 * Defines every "name:" at the cursor (several may share a line), and
 * objdump's symbol lines "0000000000000000 <name>:".
 */
static bool parse_labels(struct asm_ctx *c)
{
	char w[NAME_MAX_LEN];
	const char *s = c->p;

	while (isxdigit((unsigned char)*s))
		s++;
	if (s > c->p && !strncmp(s, " <", 2) && strstr(s, ">:")) {
		size_t n = (size_t)(strstr(s, ">:") - (s + 2));

		snprintf(w, sizeof(w), "%.*s", (int)min(n, sizeof(w) - 1), s + 2);
		c->p = strstr(s, ">:") + 2;
		if (!define_label(c, w))
			return false;
	}

	for (;;) {
		const char *save = c->p;

		if (!read_word(c, w, sizeof(w)) || w[0] == '%' || (skip_ws(c), *c->p != ':')) {
			c->p = save;
			return true;
		}
		c->p++;
		if (!define_label(c, w))
			return false;
	}
}

/* Assembles one line (mutable: comments are cut in place). */
static bool assemble_line(struct asm_ctx *c, char *line)
{
	char tok[40];
	size_t first;
	int code;

	strip_comment(line);
	if (strstr(line, "file format ") || strstr(line, "Disassembly of section"))
		return true; /* objdump's headers */
	c->p = line;
	skip_prefix(c, &code);
	if (!parse_labels(c))
		return false;
	if (at_end(c))
		return code < 0 || fail(c, "opcode (%02x) without an instruction", code);
	first = c->cnt;
	if (!parse_insn(c))
		return c->failed ? false : fail(c, "syntax error");
	if (!at_end(c))
		return fail(c, "unexpected %s after the instruction",
			    next_token(c, tok, sizeof(tok)));
	if (code >= 0 && c->insns[first].code != code)
		return fail(c,
			    "opcode (%02x) does not match the instruction, which encodes as (%02x)",
			    code, c->insns[first].code);
	return true;
}

int bpf_asm(const char *text, struct bpf_asm_result *res)
{
	struct asm_ctx c = { .res = res, .first_exit = -1 };
	char *copy, *line, *next;

	memset(res, 0, sizeof(*res));
	copy = strdup(text ? text : "");
	if (!copy) {
		fail_nomem(&c);
		return c.err;
	}
	for (line = copy; line && !c.failed; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		c.line++;
		assemble_line(&c, line);
	}
	if (!c.failed)
		resolve_fixups(&c);
	free(copy);
	free(c.labels);
	free(c.label_hash);
	free(c.fixups);
	if (c.failed) {
		free(c.insns);
		return c.err;
	}
	res->insns = c.insns;
	res->cnt = c.cnt;
	return 0;
}

void bpf_asm_result_free(struct bpf_asm_result *res)
{
	free(res->insns);
	memset(res, 0, sizeof(*res));
}
