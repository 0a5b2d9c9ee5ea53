// SPDX-License-Identifier: GPL-2.0
/*
 * The conformance suite's execution convention on the host (see
 * conformance.h). The unwind helper leaves the program with longjmp, which
 * is safe for both runtimes: neither keeps state outside its C or JIT
 * stack frame that a jump out would corrupt.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpfkern/load.h>
#include "conformance.h"

#define CONFORMANCE_UNWIND_HELPER 5

static jmp_buf unwind_env;

/* Helper 5: returns its argument; an argument of 0 ends the program with r0 = 0. */
static u64 conformance_unwind(u64 r1, u64 r2, u64 r3, u64 r4, u64 r5)
{
	if (r1 == 0)
		longjmp(unwind_env, 1);
	return r1;
}

/* The run itself, separate so that nothing it holds lives across setjmp. */
static u64 run_unwindable(const struct bpf_prog *prog, u8 *mem, size_t len)
{
	if (setjmp(unwind_env))
		return 0;
	return bpf_prog_run_raw(prog, mem, len);
}

int conformance_run(const struct bpf_insn *insns, size_t cnt, enum conformance_mode mode,
		    const u8 *mem, size_t len, u64 *r0, bool *jited, char *err, size_t errlen)
{
	struct bpf_load_opts opts = { .prog_type = BPF_PROG_TYPE_UNSPEC,
				      .log_buf = err,
				      .log_size = errlen };
	struct bpf_prog *prog;
	u8 *copy = NULL;
	int ret;

	bpf_func_protos[CONFORMANCE_UNWIND_HELPER].func = conformance_unwind;
	if (cnt == 0 || cnt > BPF_COMPLEXITY_LIMIT_INSNS) {
		snprintf(err, errlen, "program has %zu instructions", cnt);
		return -EINVAL;
	}
	prog = bpf_prog_alloc(cnt);
	if (!prog) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memcpy(prog->insnsi, insns, cnt * sizeof(*insns));
	prog->jit_requested = mode == CONFORMANCE_JIT;
	ret = bpf_prog_prepare(prog, &opts);
	if (ret)
		goto out;
	prog = bpf_prog_select_runtime(prog, &ret);
	if (ret)
		goto out;
	if (len) {
		copy = malloc(len);
		if (!copy) {
			ret = -ENOMEM;
			goto out;
		}
		memcpy(copy, mem, len);
	}
	*jited = prog->jited;
	*r0 = run_unwindable(prog, copy, len);
	free(copy);
out:
	bpf_prog_free(prog);
	return ret;
}
