/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small x86-64 disassembler (lib/x86_disasm.c) for JIT images: AT&T syntax
 * exactly as GNU objdump prints it ("mov    %rsp,%rbp", "je     0x1d"), so
 * the console's `prog dump jited` reads like bpftool's. It covers every
 * instruction arch/x86_64/bpf_jit*.c emits and the common integer set around
 * them; anything else is "(bad)", one byte. Portable C, no stdio: built into
 * the console (ring 3) and host tools alike.
 *
 * Quick use:
 *	char line[X86_DISASM_LINE_MAX];
 *	for (size_t off = 0; off < len; off += n) {
 *		n = x86_disasm_insn(img + off, len - off, off, line, sizeof(line));
 *		printf("%4zx:\t%s\n", off, line);
 *	}
 */
#ifndef BPFKERN_X86_DISASM_H
#define BPFKERN_X86_DISASM_H

#include <bpfkern/types.h>

#define X86_DISASM_LINE_MAX 96

/*
 * Decodes the instruction at code[0..len) (len >= 1), which sits at address
 * addr (relative jump and call targets are printed as addresses), into text
 * (NUL-terminated, truncated to size). Returns the instruction's length in
 * bytes, 1..15 and never more than len: an undecodable or truncated
 * instruction is "(bad)" and 1 byte, as objdump prints it.
 */
size_t x86_disasm_insn(const u8 *code, size_t len, u64 addr, char *text, size_t size);

#endif
