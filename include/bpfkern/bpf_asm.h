/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF assembler (lib/bpf/asm.c): text to instructions. User-side code
 * (host tools, ring-3 programs); uses libc. It accepts, mixed freely:
 *  - the uBPF syntax of the conformance suite: "mov %r0, 1", "ldxb %r0, [%r1+2]",
 *    "jne %r0, 15, label", "lddw %r1, 0x1234", "lock add [%r10-8], %r1";
 *  - the verifier-log / LLVM syntax that bpf_disasm_insn() prints: "r0 = 1",
 *    "if w1 > w2 goto pc-5", "r1 = 0x12 ll", with or without the log's
 *    "N: (xx) " prefix, so disassembler output assembles back to the same
 *    instructions;
 *  - llvm-objdump -d listings (bytes column, "<sym>:" lines and "<LBB0_3>"
 *    target comments are read as labels or skipped; LLVM's "cmpxchg_64(...)"
 *    and "xchg32_32(...)" atomics are understood); "call -1", LLVM's unrelocated
 *    local call, is taken for a helper call;
 * plus labels ("name:", usable wherever a jump or call target goes; a jump
 * to an undefined "exit" goes to the first exit, as in the conformance
 * suite), comments (#, ;, //) and numbers in decimal, hex (0x) or binary
 * (0b); a leading 0 is still decimal (010 is ten).
 *
 * Conventions worth knowing:
 *  - in the log syntax "rN = 0x..." (hex) is the two-slot lddw, because
 *    Linux prints lddw values in hex and mov immediates in decimal;
 *    "rN = 5" is mov and "rN = 5 ll" is lddw (LLVM's suffix);
 *  - 32-bit immediates accept -2^31 .. 2^32-1 ("-1" and "0xffffffff" are
 *    the same bits); offsets are -32768..32767;
 *  - lddw pseudo sources: "r1 = map[fd:3]", "map[fd:3][0]+16",
 *    "map[idx:0]", "map[idx:0][0]+16", "btf_id[7]", "subprog[+5]" (or a label);
 *  - "call %r2" / "callx r2" is BPF_JMP|BPF_CALL|BPF_X with the register in
 *    dst_reg (LLVM's encoding), "call local f" / "call f" / "call pc+5" a
 *    BPF-to-BPF call, "call 5" / "call bpf_ktime_get_ns" a helper call,
 *    "call runtime 7" / "call kernel-function#7" a kfunc call.
 *
 * Use:
 *	struct bpf_asm_result res;
 *	if (bpf_asm(text, &res)) {
 *		fprintf(stderr, "%s: %s\n", path, res.err); // "line 3: unknown register 'r11'"
 *		bpf_asm_result_free(&res);
 *		return 2;
 *	}
 *	... res.insns[0 .. res.cnt) ...
 *	bpf_asm_result_free(&res);
 */
#ifndef BPFKERN_BPF_ASM_H
#define BPFKERN_BPF_ASM_H

#include <stddef.h>
#include <linux/bpf.h>

struct bpf_asm_result {
	struct bpf_insn *insns; /* malloc'd; lddw occupies two slots */
	size_t cnt; /* number of struct bpf_insn in insns */
	int err_line; /* 1-based line of the first error, 0 if none */
	char err[160]; /* "line N: message", empty if none */
};

/*
 * Assembles NUL-terminated text. Returns 0 with res->insns/cnt filled, or
 * -EINVAL with res->err_line and res->err describing the first error (then
 * res->insns is NULL). -ENOMEM if memory runs out. Never crashes on any
 * input. Always call bpf_asm_result_free() afterwards.
 */
int bpf_asm(const char *text, struct bpf_asm_result *res);

/* Frees res->insns and resets res; safe on a zeroed or already freed result. */
void bpf_asm_result_free(struct bpf_asm_result *res);

#endif
