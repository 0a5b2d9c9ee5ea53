/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own symbol table, for backtraces. scripts/gen-ksyms.sh
 * generates the definition from the first-pass link (sorted by address);
 * the final link embeds it. Text symbols only.
 */
#ifndef BPFKERN_KSYMS_H
#define BPFKERN_KSYMS_H

struct ksym {
	unsigned long addr;
	const char *name;
};

extern const struct ksym ksyms[];
extern const unsigned int ksyms_count;

/*
 * The symbol containing addr, or NULL when addr is outside kernel text.
 * *offset gets addr - symbol start, *size the distance to the next symbol.
 */
const struct ksym *ksym_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);

#endif
