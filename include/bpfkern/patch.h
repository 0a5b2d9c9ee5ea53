/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instruction patching (kernel/bpf/patch.c), for the load path and the
 * verifier's rewrites.
 */
#ifndef BPFKERN_PATCH_H
#define BPFKERN_PATCH_H

#include <bpfkern/bpf.h>

/*
 * Replaces prog->insnsi[pos] with patch[0 .. len) (Linux:
 * bpf_patch_insn_single). Jumps, BPF-to-BPF calls and BPF_PSEUDO_FUNC
 * immediates anywhere else are adjusted so that they reach the same
 * instructions as before; a jump to pos reaches patch[0]. Offsets inside
 * patch are relative to the patch's own layout and left alone.
 * prog->insnsi may be reallocated; prog itself stays. Returns 0, -EINVAL
 * (pos out of range, len 0), -ERANGE (an offset no longer fits), -E2BIG or
 * -ENOMEM; on error prog is unchanged.
 */
int bpf_patch_insn_single(struct bpf_prog *prog, u32 pos, const struct bpf_insn *patch, u32 len);

#endif
