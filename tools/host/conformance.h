/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running one program the way the public BPF conformance suite defines
 * (/work/shared/conformance/README.md): r1 = a copy of the memory (or 0),
 * r2 = its length, helper 5 = the "unwind" test helper. Shared by
 * `bpfrun plugin` and the project's runner (tests/conformance/runner.c).
 * Host only.
 */
#ifndef BPFKERN_TOOLS_CONFORMANCE_H
#define BPFKERN_TOOLS_CONFORMANCE_H

#include <bpfkern/bpf.h>

/* Which runtime to ask for. */
enum conformance_mode {
	CONFORMANCE_INTERP,
	CONFORMANCE_JIT,
};

/*
 * Loads insns[0 .. cnt) as a raw program (structural checks only), selects
 * the runtime for mode, and runs it once over a private copy of mem[0 ..
 * len) (mem may be NULL when len is 0). Installs the unwind helper as
 * helper 5 for the whole process. On success returns 0 with *r0 set and
 * *jited telling whether the JIT ran it; else a negative errno with the
 * reason in err.
 */
int conformance_run(const struct bpf_insn *insns, size_t cnt, enum conformance_mode mode,
		    const u8 *mem, size_t len, u64 *r0, bool *jited, char *err, size_t errlen);

#endif
