/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF disassembler (kernel/bpf/disasm.c): one instruction as text in the
 * syntax of Linux's verifier log, e.g. "r0 = *(u8 *)(r1 +2)" or
 * "if r0 != 0xf goto pc+3". Portable: built into the kernel (verifier log,
 * console) and the host tools (bpfrun disasm). No stdio: text goes into a
 * caller buffer or through a print callback.
 *
 * Quick use:
 *	char line[BPF_DISASM_LINE_MAX];
 *	for (size_t i = 0; i < cnt; i += n) {
 *		n = bpf_disasm_insn(&insns[i], cnt - i, line, sizeof(line));
 *		printf("%zu: %s\n", i, line);
 *	}
 * The text it prints is accepted back by bpf_asm() (include/bpfkern/bpf_asm.h),
 * with or without the "N: (xx) " prefix of the verifier log.
 *
 * Linux's log shows an lddw with a pseudo source only after the verifier has
 * replaced its imm by a kernel pointer. Unresolved, we print bpftool's
 * notation instead, so that the text assembles back: "map[fd:3]",
 * "map[fd:3][0]+16" (map value), "map[idx:0]", "map[idx:0][0]+16",
 * "btf_id[7]", "subprog[+5]". A cb_imm hook replaces it (the verifier uses
 * one to print "map[id:N]"). BPF_JMP|BPF_CALL|BPF_X prints as "callx rN"
 * (register in dst_reg).
 */
#ifndef BPFKERN_DISASM_H
#define BPFKERN_DISASM_H

#include <bpfkern/types.h>
#include <bpfkern/compiler.h>
#include <linux/bpf.h>

/* Large enough for any line bpf_disasm_insn() produces, prefix included. */
#define BPF_DISASM_LINE_MAX 128

/* printf-like sink, the shape of Linux's bpf_insn_print_t (the verifier's verbose()). */
typedef void (*bpf_insn_print_t)(void *private_data, const char *fmt, ...) __printf(2, 3);
/* Name of the target of a call insn (helper or kfunc), or NULL for the default. */
typedef const char *(*bpf_insn_revmap_call_t)(void *private_data, const struct bpf_insn *insn);
/* Text of the 64-bit value of an lddw (e.g. "map[id:3]"), or NULL for the default. */
typedef const char *(*bpf_insn_print_imm_t)(void *private_data, const struct bpf_insn *insn,
					    u64 full_imm);

/* Optional hooks, as Linux's struct bpf_insn_cbs. Any member may be NULL. */
struct bpf_insn_cbs {
	bpf_insn_print_t cb_print;
	bpf_insn_revmap_call_t cb_call;
	bpf_insn_print_imm_t cb_imm;
	void *private_data;
};

/*
 * Formats insn (and insn[1] for lddw) in Linux's verifier-log syntax into
 * buf, without the "(xx) " opcode prefix; remaining is how many instructions
 * insn[] holds (>= 1). buf is always NUL-terminated (truncated if len is too
 * small). Returns the number of instructions consumed: 2 for a complete
 * lddw, else 1. Unknown opcodes give "unknown opcode xx", never a crash.
 */
int bpf_disasm_insn(const struct bpf_insn *insn, size_t remaining, char *buf, size_t len);

/*
 * bpf_disasm_insn() with hooks (cbs may be NULL) and, when opcode_prefix is
 * set, the verifier log's "(xx) " prefix: "(b7) r0 = 1".
 */
int bpf_disasm_insn_cbs(const struct bpf_insn *insn, size_t remaining, bool opcode_prefix,
			const struct bpf_insn_cbs *cbs, char *buf, size_t len);

/*
 * Linux's print_bpf_insn(): prints "(xx) text\n" through cbs->cb_print.
 * Returns the number of instructions consumed (1 or 2).
 */
int print_bpf_insn(const struct bpf_insn_cbs *cbs, const struct bpf_insn *insn, size_t remaining);

/*
 * Prints a whole program through cbs->cb_print, one "N: (xx) text\n" line
 * per instruction (an lddw takes one line and two indexes), as the verifier
 * log and `bpfrun disasm` show it.
 */
void bpf_disasm_prog(const struct bpf_insn_cbs *cbs, const struct bpf_insn *insns, size_t cnt);

/* Name of helper func_id as Linux spells it ("bpf_map_lookup_elem"), or NULL if unknown. */
const char *bpf_helper_name(s32 func_id);

#endif
