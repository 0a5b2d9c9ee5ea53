// SPDX-License-Identifier: GPL-2.0
/*
 * The x86-64 disassembler of `prog dump jited` (include/bpfkern/x86_disasm.h).
 *
 * Decoding is table driven: prefixes (0x66, lock, REX), then the opcode (one
 * byte, or 0x0f and a second byte) selects rows of x86_opcodes[]; a row with
 * a ModRM extension is chosen by the ModRM reg field. A row's form says which
 * operands follow and in what AT&T order; the printing rules are objdump's:
 * source before destination, "$0x.." immediates sign-extended to the operand
 * size and printed unsigned, "-0x8(%rdi)" displacements, a b/w/l/q suffix
 * only where no register operand gives the size ("movl $0x1,0x8(%rdi)"),
 * movz/movs spelled with both sizes ("movzbl"), jump and call targets as
 * absolute addresses. Any byte sequence decodes to something: what the
 * table does not know (or a truncated instruction) is "(bad)", one byte.
 */
#include <bpfkern/x86_disasm.h>

enum x86_form {
	F_NONE, /* no operands: "ret" */
	F_CONV_A, /* 0x98: cbtw / cwtl / cltq by operand size */
	F_CONV_D, /* 0x99: cwtd / cltd / cqto */
	F_EB_GB, /* "op %r8,rm8" */
	F_EV_GV, /* "op %reg,rm" */
	F_GB_EB, /* "op rm8,%r8" */
	F_GV_EV, /* "op rm,%reg" */
	F_GV_M, /* lea: "op mem,%reg", a register rm is (bad) */
	F_AL_IB, /* "op $imm8,%al" */
	F_AX_IZ, /* "op $imm32,%eax/%rax" (imm16 with 0x66) */
	F_EB_IB, /* "op $imm8,rm8" */
	F_EV_IZ, /* "op $imm32,rm" */
	F_EV_IB, /* "op $imm8,rm", imm sign-extended */
	F_EV_SHIFT, /* "op $count,rm", count unsigned */
	F_EB_SHIFT, /* the same on a byte */
	F_EB, /* "op rm8" */
	F_EV, /* "op rm" */
	F_EB_CL, /* "op %cl,rm8" */
	F_EV_CL, /* "op %cl,rm" */
	F_EV_IND, /* call/jmp: "op *rm64" */
	F_EV64, /* push/pop rm: 64-bit, no suffix */
	F_OREG64, /* push/pop: register in the opcode's low bits */
	F_OREG, /* bswap: register in the low bits, 32/64-bit */
	F_OREG_IB, /* mov $imm8,%r8 */
	F_OREG_IV, /* mov $imm32,%r32 or movabs $imm64,%r64 */
	F_XCHG_AX, /* 0x90+r: xchg %reg,%eax (0x90 alone is nop) */
	F_REL8, /* jcc/jmp rel8: the target address */
	F_REL32, /* jcc/jmp/call rel32 */
	F_GV_EV_IB, /* imul $imm8,rm,%reg */
	F_GV_EV_IZ, /* imul $imm32,rm,%reg */
	F_MOVX_B, /* movzb? / movsb?: byte source */
	F_MOVX_W, /* movzw? / movsw?: word source */
	F_MOVSXD, /* movslq: dword source */
	F_NOP_EV, /* nopl/nopw rm */
};

struct x86_opcode {
	u16 op; /* one-byte opcode, or 0x0f00 | second byte */
	s8 ext; /* ModRM reg field this row needs, or -1 */
	u8 form; /* enum x86_form */
	u8 span; /* the row covers op .. op + span (register or condition in the low bits) */
	const char *mnem;
};

/* The eight classic ALU operations, opcodes 8 * n + 0..5 and group 1's /n. */
#define ALU_ROWS(n, name)                                                                     \
	{ 8 * (n), -1, F_EB_GB, 0, name }, { 8 * (n) + 1, -1, F_EV_GV, 0, name },             \
		{ 8 * (n) + 2, -1, F_GB_EB, 0, name }, { 8 * (n) + 3, -1, F_GV_EV, 0, name }, \
		{ 8 * (n) + 4, -1, F_AL_IB, 0, name }, { 8 * (n) + 5, -1, F_AX_IZ, 0, name }, \
		{ 0x80, n, F_EB_IB, 0, name }, { 0x81, n, F_EV_IZ, 0, name },                 \
	{                                                                                     \
		0x83, n, F_EV_IB, 0, name                                                     \
	}

/* The shift group (0xc0/0xc1 by imm8, 0xd0/0xd1 by one, 0xd2/0xd3 by %cl) for /n. */
#define SHIFT_ROWS(n, name)                                                 \
	{ 0xc0, n, F_EB_SHIFT, 0, name }, { 0xc1, n, F_EV_SHIFT, 0, name }, \
		{ 0xd0, n, F_EB, 0, name }, { 0xd1, n, F_EV, 0, name },     \
		{ 0xd2, n, F_EB_CL, 0, name },                              \
	{                                                                   \
		0xd3, n, F_EV_CL, 0, name                                   \
	}

static const char *const cond_names[16] = { "o", "no", "b", "ae", "e", "ne", "be", "a",
					    "s", "ns", "p", "np", "l", "ge", "le", "g" };

static const struct x86_opcode x86_opcodes[] = {
	ALU_ROWS(0, "add"),
	ALU_ROWS(1, "or"),
	ALU_ROWS(2, "adc"),
	ALU_ROWS(3, "sbb"),
	ALU_ROWS(4, "and"),
	ALU_ROWS(5, "sub"),
	ALU_ROWS(6, "xor"),
	ALU_ROWS(7, "cmp"),
	SHIFT_ROWS(0, "rol"),
	SHIFT_ROWS(1, "ror"),
	SHIFT_ROWS(2, "rcl"),
	SHIFT_ROWS(3, "rcr"),
	SHIFT_ROWS(4, "shl"),
	SHIFT_ROWS(5, "shr"),
	SHIFT_ROWS(7, "sar"),
	{ 0x50, -1, F_OREG64, 7, "push" },
	{ 0x58, -1, F_OREG64, 7, "pop" },
	{ 0x63, -1, F_MOVSXD, 0, "movslq" },
	{ 0x69, -1, F_GV_EV_IZ, 0, "imul" },
	{ 0x6b, -1, F_GV_EV_IB, 0, "imul" },
	{ 0x70, -1, F_REL8, 15, "j" },
	{ 0x84, -1, F_EB_GB, 0, "test" },
	{ 0x85, -1, F_EV_GV, 0, "test" },
	{ 0x86, -1, F_EB_GB, 0, "xchg" },
	{ 0x87, -1, F_EV_GV, 0, "xchg" },
	{ 0x88, -1, F_EB_GB, 0, "mov" },
	{ 0x89, -1, F_EV_GV, 0, "mov" },
	{ 0x8a, -1, F_GB_EB, 0, "mov" },
	{ 0x8b, -1, F_GV_EV, 0, "mov" },
	{ 0x8d, -1, F_GV_M, 0, "lea" },
	{ 0x8f, 0, F_EV64, 0, "pop" },
	{ 0x90, -1, F_XCHG_AX, 7, "xchg" },
	{ 0x98, -1, F_CONV_A, 0, NULL },
	{ 0x99, -1, F_CONV_D, 0, NULL },
	{ 0xa8, -1, F_AL_IB, 0, "test" },
	{ 0xa9, -1, F_AX_IZ, 0, "test" },
	{ 0xb0, -1, F_OREG_IB, 7, "mov" },
	{ 0xb8, -1, F_OREG_IV, 7, "mov" },
	{ 0xc3, -1, F_NONE, 0, "ret" },
	{ 0xc6, 0, F_EB_IB, 0, "mov" },
	{ 0xc7, 0, F_EV_IZ, 0, "mov" },
	{ 0xc9, -1, F_NONE, 0, "leave" },
	{ 0xcc, -1, F_NONE, 0, "int3" },
	{ 0xe8, -1, F_REL32, 0, "call" },
	{ 0xe9, -1, F_REL32, 0, "jmp" },
	{ 0xeb, -1, F_REL8, 0, "jmp" },
	{ 0xf4, -1, F_NONE, 0, "hlt" },
	{ 0xf6, 0, F_EB_IB, 0, "test" },
	{ 0xf6, 2, F_EB, 0, "not" },
	{ 0xf6, 3, F_EB, 0, "neg" },
	{ 0xf6, 4, F_EB, 0, "mul" },
	{ 0xf6, 5, F_EB, 0, "imul" },
	{ 0xf6, 6, F_EB, 0, "div" },
	{ 0xf6, 7, F_EB, 0, "idiv" },
	{ 0xf7, 0, F_EV_IZ, 0, "test" },
	{ 0xf7, 2, F_EV, 0, "not" },
	{ 0xf7, 3, F_EV, 0, "neg" },
	{ 0xf7, 4, F_EV, 0, "mul" },
	{ 0xf7, 5, F_EV, 0, "imul" },
	{ 0xf7, 6, F_EV, 0, "div" },
	{ 0xf7, 7, F_EV, 0, "idiv" },
	{ 0xfe, 0, F_EB, 0, "inc" },
	{ 0xfe, 1, F_EB, 0, "dec" },
	{ 0xff, 0, F_EV, 0, "inc" },
	{ 0xff, 1, F_EV, 0, "dec" },
	{ 0xff, 2, F_EV_IND, 0, "call" },
	{ 0xff, 4, F_EV_IND, 0, "jmp" },
	{ 0xff, 6, F_EV64, 0, "push" },
	{ 0x0f0b, -1, F_NONE, 0, "ud2" },
	{ 0x0f1f, 0, F_NOP_EV, 0, "nop" },
	{ 0x0f40, -1, F_GV_EV, 15, "cmov" },
	{ 0x0f80, -1, F_REL32, 15, "j" },
	{ 0x0f90, 0, F_EB, 15, "set" },
	{ 0x0faf, -1, F_GV_EV, 0, "imul" },
	{ 0x0fb0, -1, F_EB_GB, 0, "cmpxchg" },
	{ 0x0fb1, -1, F_EV_GV, 0, "cmpxchg" },
	{ 0x0fb6, -1, F_MOVX_B, 0, "movz" },
	{ 0x0fb7, -1, F_MOVX_W, 0, "movz" },
	{ 0x0fbe, -1, F_MOVX_B, 0, "movs" },
	{ 0x0fbf, -1, F_MOVX_W, 0, "movs" },
	{ 0x0fc0, -1, F_EB_GB, 0, "xadd" },
	{ 0x0fc1, -1, F_EV_GV, 0, "xadd" },
	{ 0x0fc8, -1, F_OREG, 7, "bswap" },
};

/* 0x90 without REX.B: nop rather than the xchg its row says. */
static const struct x86_opcode nop_opcode = { 0x90, -1, F_NONE, 7, "nop" };

static const char *const reg_names[4][16] = {
	{ "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b",
	  "r13b", "r14b", "r15b" },
	{ "ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w",
	  "r13w", "r14w", "r15w" },
	{ "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d",
	  "r12d", "r13d", "r14d", "r15d" },
	{ "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
	  "r13", "r14", "r15" },
};

static const char *const high_byte_regs[4] = { "ah", "ch", "dh", "bh" };

/* A bounded string being built; overflow truncates, never writes past size. */
struct strbuf {
	char *buf;
	size_t size, n;
};

/* The decoder's state for one instruction. */
struct x86_insn {
	const u8 *code;
	size_t len, pos;
	bool bad; /* ran past len, or an encoding we refuse */
	u8 rex;
	bool p66, lock;
	u8 modrm;
	bool rip; /* a %rip-relative operand: objdump adds "# target" */
	s64 rip_disp;
};

static void sb_puts(struct strbuf *sb, const char *s)
{
	while (*s) {
		if (sb->n + 1 < sb->size)
			sb->buf[sb->n++] = *s;
		s++;
	}
	if (sb->size)
		sb->buf[sb->n < sb->size ? sb->n : sb->size - 1] = '\0';
}

static void sb_hex(struct strbuf *sb, u64 v)
{
	char tmp[19], *p = tmp + sizeof(tmp) - 1;

	*p = '\0';
	do {
		*--p = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	*--p = 'x';
	*--p = '0';
	sb_puts(sb, p);
}

/* The next n (1, 2, 4 or 8) bytes, little endian; past the end marks the insn bad. */
static u64 fetch(struct x86_insn *d, unsigned int n)
{
	u64 v = 0;

	if (d->len - d->pos < n) {
		d->bad = true;
		d->pos = d->len;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		v |= (u64)d->code[d->pos + i] << (8 * i);
	d->pos += n;
	return v;
}

static s64 sign_extend(u64 v, unsigned int bits)
{
	return bits >= 64 ? (s64)v : (s64)(v << (64 - bits)) >> (64 - bits);
}

/* Operand size in bits for a non-byte operation: REX.W, else 0x66, else 32. */
static unsigned int op_size(const struct x86_insn *d)
{
	return d->rex & 8 ? 64 : d->p66 ? 16 : 32;
}

static const char *reg_name(const struct x86_insn *d, unsigned int num, unsigned int bits)
{
	if (bits == 8 && !d->rex && num >= 4 && num < 8)
		return high_byte_regs[num - 4];
	return reg_names[bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3][num & 15];
}

static void put_reg(struct strbuf *sb, const struct x86_insn *d, unsigned int num,
		    unsigned int bits)
{
	sb_puts(sb, "%");
	sb_puts(sb, reg_name(d, num, bits));
}

static void put_imm(struct strbuf *sb, u64 v, unsigned int bits)
{
	sb_puts(sb, "$");
	sb_hex(sb, bits >= 64 ? v : v & ((1ull << bits) - 1));
}

static void put_disp(struct strbuf *sb, s64 disp)
{
	if (disp < 0) {
		sb_puts(sb, "-");
		sb_hex(sb, 0 - (u64)disp);
	} else {
		sb_hex(sb, (u64)disp);
	}
}

/* The ModRM reg field, extended by REX.R. */
static unsigned int modrm_reg(const struct x86_insn *d)
{
	return (d->modrm >> 3 & 7) | (d->rex & 4 ? 8 : 0);
}

static bool rm_is_reg(const struct x86_insn *d)
{
	return d->modrm >> 6 == 3;
}

/* "(base,index,scale)" with its displacement, from the SIB byte. */
static void put_sib(struct strbuf *sb, struct x86_insn *d, unsigned int mod)
{
	u8 sib = (u8)fetch(d, 1);
	unsigned int base = (sib & 7) | (d->rex & 1 ? 8 : 0);
	unsigned int index = (sib >> 3 & 7) | (d->rex & 2 ? 8 : 0);
	bool no_base = (sib & 7) == 5 && mod == 0;
	s64 disp = mod == 1		 ? sign_extend(fetch(d, 1), 8)
		   : mod == 2 || no_base ? sign_extend(fetch(d, 4), 32)
					 : 0;

	if (no_base && index == 4 && sib >> 6 == 0) {
		sb_hex(sb, (u64)disp); /* an absolute address: the number, unsigned */
		return;
	}
	if (mod != 0 || no_base)
		put_disp(sb, disp);
	sb_puts(sb, "(");
	if (!no_base)
		put_reg(sb, d, base, 64);
	if (index == 4 && sib >> 6 == 0 && (base & 7) == 4) {
		sb_puts(sb, ")");
		return;
	}
	sb_puts(sb, ",%");
	sb_puts(sb, index == 4 ? "riz" : reg_name(d, index, 64));
	sb_puts(sb, ",");
	sb_puts(sb, (const char *[]){ "1", "2", "4", "8" }[sib >> 6]);
	sb_puts(sb, ")");
}

/* The ModRM r/m operand: a register of the given size, or a memory reference. */
static void put_rm(struct strbuf *sb, struct x86_insn *d, unsigned int bits)
{
	unsigned int mod = d->modrm >> 6, rm = (d->modrm & 7) | (d->rex & 1 ? 8 : 0);

	if (mod == 3) {
		put_reg(sb, d, rm, bits);
	} else if ((rm & 7) == 4) {
		put_sib(sb, d, mod);
	} else if (mod == 0 && (rm & 7) == 5) {
		d->rip = true;
		d->rip_disp = sign_extend(fetch(d, 4), 32);
		put_disp(sb, d->rip_disp);
		sb_puts(sb, "(%rip)");
	} else {
		if (mod)
			put_disp(sb, sign_extend(fetch(d, mod == 1 ? 1 : 4), mod == 1 ? 8 : 32));
		sb_puts(sb, "(");
		put_reg(sb, d, rm, 64);
		sb_puts(sb, ")");
	}
}

static char size_suffix(unsigned int bits)
{
	return bits == 8 ? 'b' : bits == 16 ? 'w' : bits == 32 ? 'l' : 'q';
}

/* An immediate of the operand size: imm8, imm16 or imm32 (sign-extended to 64). */
static u64 fetch_imm(struct x86_insn *d, unsigned int bits)
{
	unsigned int n = bits == 8 ? 1 : bits == 16 ? 2 : 4;

	return (u64)sign_extend(fetch(d, n), 8 * n);
}

static bool form_needs_modrm(unsigned int form)
{
	switch (form) {
	case F_NONE:
	case F_CONV_A:
	case F_CONV_D:
	case F_AL_IB:
	case F_AX_IZ:
	case F_OREG64:
	case F_OREG:
	case F_OREG_IB:
	case F_OREG_IV:
	case F_XCHG_AX:
	case F_REL8:
	case F_REL32:
		return false;
	}
	return true;
}

/*
 * Whether 0x66 makes this form's operation 16-bit. On the others (jumps,
 * calls, push, pop, ret) it selects forms objdump spells differently
 * ("retw", "callw"), which the table does not have: those are (bad).
 */
static bool sized_by_66(unsigned int form)
{
	switch (form) {
	case F_NONE:
	case F_REL8:
	case F_REL32:
	case F_EV_IND:
	case F_EV64:
	case F_OREG64:
		return false;
	}
	return true;
}

/*
 * The row of x86_opcodes[] for opcode op; reads the ModRM byte (into d->modrm)
 * when a candidate row needs its reg field. NULL when no row matches.
 */
static const struct x86_opcode *find_opcode(struct x86_insn *d, u16 op, bool *have_modrm)
{
	for (size_t i = 0; i < sizeof(x86_opcodes) / sizeof(x86_opcodes[0]); i++) {
		const struct x86_opcode *r = &x86_opcodes[i];

		if (op < r->op || op > r->op + r->span)
			continue;
		if (r->ext < 0)
			return r;
		if (!*have_modrm) {
			d->modrm = (u8)fetch(d, 1);
			*have_modrm = true;
			if (d->bad)
				return NULL;
		}
		if ((d->modrm >> 3 & 7) == r->ext)
			return r;
	}
	return NULL;
}

/* "$imm,rm" for the immediate forms; rm is read before the immediate that follows it. */
static void put_imm_rm(struct strbuf *ops, struct x86_insn *d, unsigned int rm_bits,
		       unsigned int imm_bytes, unsigned int imm_bits, bool is_signed)
{
	char rm[48];
	struct strbuf r = { rm, sizeof(rm), 0 };
	u64 imm;

	put_rm(&r, d, rm_bits);
	imm = fetch(d, imm_bytes);
	if (is_signed)
		imm = (u64)sign_extend(imm, 8 * imm_bytes);
	put_imm(ops, imm, imm_bits);
	sb_puts(ops, ",");
	sb_puts(ops, rm);
}

/* A relative jump or call target: the address after the instruction plus rel. */
static void put_target(struct strbuf *ops, struct x86_insn *d, u64 addr, unsigned int bytes)
{
	s64 rel = sign_extend(fetch(d, bytes), 8 * bytes);

	sb_hex(ops, addr + d->pos + (u64)rel);
}

/* Operands whose order is "rm,%reg" (or "%reg,rm" when reg_first), with their own sizes. */
static void put_rm_reg(struct strbuf *ops, struct x86_insn *d, unsigned int rm_bits,
		       unsigned int reg_bits, bool reg_first)
{
	if (reg_first) {
		put_reg(ops, d, modrm_reg(d), reg_bits);
		sb_puts(ops, ",");
		put_rm(ops, d, rm_bits);
	} else {
		put_rm(ops, d, rm_bits);
		sb_puts(ops, ",");
		put_reg(ops, d, modrm_reg(d), reg_bits);
	}
}

/* The operands of the ModRM forms; *suffix is set when memory alone carries the size. */
static void put_modrm_form(struct x86_insn *d, unsigned int form, struct strbuf *ops,
			   unsigned int *suffix_bits)
{
	unsigned int sz = op_size(d), imm_sz = sz == 16 ? 16 : 32;

	switch (form) {
	case F_EB_GB:
	case F_EV_GV:
		put_rm_reg(ops, d, form == F_EB_GB ? 8 : sz, form == F_EB_GB ? 8 : sz, true);
		return;
	case F_GB_EB:
	case F_GV_EV:
	case F_GV_M:
		put_rm_reg(ops, d, form == F_GB_EB ? 8 : sz, form == F_GB_EB ? 8 : sz, false);
		return;
	case F_MOVX_B:
	case F_MOVX_W:
	case F_MOVSXD:
		put_rm_reg(ops, d, form == F_MOVX_B ? 8 : form == F_MOVX_W ? 16 : 32, sz, false);
		return;
	case F_EB_IB:
		put_imm_rm(ops, d, 8, 1, 8, false);
		*suffix_bits = 8;
		return;
	case F_EV_IZ:
		put_imm_rm(ops, d, sz, imm_sz / 8, sz, true);
		*suffix_bits = sz;
		return;
	case F_EV_IB:
		put_imm_rm(ops, d, sz, 1, sz, true);
		*suffix_bits = sz;
		return;
	case F_EB_SHIFT:
	case F_EV_SHIFT:
		*suffix_bits = form == F_EB_SHIFT ? 8 : sz;
		put_imm_rm(ops, d, *suffix_bits, 1, 8, false);
		return;
	case F_EB_CL:
	case F_EV_CL:
		sb_puts(ops, "%cl,");
		/* fall through */
	case F_EB:
	case F_EV:
	case F_NOP_EV:
		*suffix_bits = form == F_EB || form == F_EB_CL ? 8 : sz;
		put_rm(ops, d, *suffix_bits);
		return;
	case F_EV_IND:
		sb_puts(ops, "*");
		/* fall through */
	case F_EV64:
		put_rm(ops, d, 64);
		return;
	case F_GV_EV_IB:
	case F_GV_EV_IZ:
		put_imm_rm(ops, d, sz, form == F_GV_EV_IB ? 1 : imm_sz / 8, sz, true);
		sb_puts(ops, ",");
		put_reg(ops, d, modrm_reg(d), sz);
		return;
	}
	d->bad = true;
}

/* The operands of the forms without ModRM; low is the opcode's low 3 bits. */
static void put_plain_form(struct x86_insn *d, unsigned int form, unsigned int low, u64 addr,
			   struct strbuf *ops)
{
	unsigned int sz = op_size(d), reg = low | (d->rex & 1 ? 8 : 0);

	switch (form) {
	case F_AL_IB:
		put_imm(ops, fetch(d, 1), 8);
		sb_puts(ops, ",%al");
		return;
	case F_AX_IZ:
		put_imm(ops, fetch_imm(d, sz == 64 ? 32 : sz), sz);
		sb_puts(ops, ",");
		put_reg(ops, d, 0, sz);
		return;
	case F_OREG64:
		put_reg(ops, d, reg, d->p66 ? 16 : 64);
		return;
	case F_OREG:
		put_reg(ops, d, reg, sz);
		return;
	case F_OREG_IB:
		put_imm(ops, fetch(d, 1), 8);
		sb_puts(ops, ",");
		put_reg(ops, d, reg, 8);
		return;
	case F_OREG_IV:
		put_imm(ops, sz == 64 ? fetch(d, 8) : fetch_imm(d, sz), sz);
		sb_puts(ops, ",");
		put_reg(ops, d, reg, sz);
		return;
	case F_XCHG_AX:
		put_reg(ops, d, 0, sz);
		sb_puts(ops, ",");
		put_reg(ops, d, reg, sz);
		return;
	case F_REL8:
	case F_REL32:
		put_target(ops, d, addr, form == F_REL8 ? 1 : 4);
		return;
	}
}

/* The mnemonic of row r as objdump spells it for this instruction. */
static void put_mnemonic(struct strbuf *mn, const struct x86_insn *d, const struct x86_opcode *r,
			 unsigned int low, unsigned int suffix_bits)
{
	unsigned int sz = op_size(d);

	if (d->lock)
		sb_puts(mn, "lock ");
	if (r->form == F_CONV_A) {
		sb_puts(mn, sz == 64 ? "cltq" : sz == 16 ? "cbtw" : "cwtl");
		return;
	}
	if (r->form == F_CONV_D) {
		sb_puts(mn, sz == 64 ? "cqto" : sz == 16 ? "cwtd" : "cltd");
		return;
	}
	if (r->form == F_OREG_IV && sz == 64) {
		sb_puts(mn, "movabs");
		return;
	}
	if (r->form == F_MOVSXD && sz != 64) {
		sb_puts(mn, "movsxd"); /* objdump's name when nothing is extended */
		return;
	}
	sb_puts(mn, r->mnem);
	if (r->span == 15) {
		sb_puts(mn, cond_names[low]);
		return;
	}
	if (r->form == F_MOVX_B || r->form == F_MOVX_W)
		sb_puts(mn, r->form == F_MOVX_B ? "b" : "w");
	if (r->form == F_MOVX_B || r->form == F_MOVX_W ||
	    (suffix_bits && !rm_is_reg(d) && r->form != F_EV_IND && r->form != F_EV64)) {
		char s[2] = { size_suffix(r->form == F_MOVX_B || r->form == F_MOVX_W ? sz
										     : suffix_bits),
			      0 };

		sb_puts(mn, s);
	}
}

/* Prefixes f3/f2 are only known in two instructions: endbr64 and pause. */
static const char *rep_insn(const u8 *code, size_t len, size_t *n)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa }, pause[] = { 0xf3, 0x90 };

	if (len >= sizeof(endbr64) && !__builtin_memcmp(code, endbr64, sizeof(endbr64))) {
		*n = sizeof(endbr64);
		return "endbr64";
	}
	if (len >= sizeof(pause) && !__builtin_memcmp(code, pause, sizeof(pause))) {
		*n = sizeof(pause);
		return "pause";
	}
	return NULL;
}

/* Reads prefixes and REX into d; false on a prefix the table does not know, or lock twice. */
static bool read_prefixes(struct x86_insn *d)
{
	for (;;) {
		if (d->pos >= d->len)
			return false;
		if (d->code[d->pos] == 0x66)
			d->p66 = true;
		else if (d->code[d->pos] == 0xf0 && !d->lock)
			d->lock = true;
		else
			break;
		if (++d->pos > 4)
			return false;
	}
	if ((d->code[d->pos] & 0xf0) == 0x40)
		d->rex = d->code[d->pos++];
	return d->pos < d->len && d->code[d->pos] != 0xf2 && d->code[d->pos] != 0xf3 &&
	       (d->code[d->pos] & 0xf0) != 0x40;
}

size_t x86_disasm_insn(const u8 *code, size_t len, u64 addr, char *text, size_t size)
{
	struct x86_insn d = { .code = code, .len = len };
	char mnem[24], opbuf[80];
	struct strbuf mn = { mnem, sizeof(mnem), 0 }, ops = { opbuf, sizeof(opbuf), 0 };
	struct strbuf out = { text, size, 0 };
	const struct x86_opcode *r = NULL;
	unsigned int suffix_bits = 0, low;
	bool have_modrm = false;
	const char *special;
	u16 op;

	mnem[0] = opbuf[0] = '\0';
	if (size)
		text[0] = '\0';
	if (!len)
		return 0;
	if ((special = rep_insn(code, len, &d.pos))) {
		sb_puts(&out, special);
		return d.pos;
	}
	if (read_prefixes(&d)) {
		op = (u16)fetch(&d, 1);
		if (op == 0x0f)
			op = 0x0f00 | (u16)fetch(&d, 1);
		r = d.bad ? NULL : find_opcode(&d, op, &have_modrm);
	}
	if (r) {
		low = (op - r->op) & 15;
		if (form_needs_modrm(r->form) && !have_modrm)
			d.modrm = (u8)fetch(&d, 1);
		if ((r->form == F_GV_M && rm_is_reg(&d)) || (d.p66 && !sized_by_66(r->form)))
			d.bad = true;
		if (r->form == F_XCHG_AX && !(d.rex & 1) && low == 0 && !d.p66)
			r = &nop_opcode; /* 0x90 is nop, unless 0x66 makes it xchg %ax,%ax */
		if (form_needs_modrm(r->form))
			put_modrm_form(&d, r->form, &ops, &suffix_bits);
		else
			put_plain_form(&d, r->form, low & 7, addr, &ops);
		put_mnemonic(&mn, &d, r, low, suffix_bits);
	}
	if (!r || d.bad || d.pos > 15) {
		sb_puts(&out, "(bad)");
		return 1;
	}
	sb_puts(&out, mnem);
	if (ops.n) {
		for (size_t i = mn.n; i < 6; i++)
			sb_puts(&out, " ");
		sb_puts(&out, " ");
		sb_puts(&out, opbuf);
	}
	if (d.rip) {
		sb_puts(&out, "        # ");
		sb_hex(&out, addr + d.pos + (u64)d.rip_disp);
	}
	return d.pos;
}
