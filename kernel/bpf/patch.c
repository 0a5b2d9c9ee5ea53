// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction patching (Linux: bpf_patch_insn_single and bpf_adj_branches in
 * kernel/bpf/core.c): replace one instruction of a program by a sequence,
 * moving the rest and fixing every relative reference (jump offsets,
 * BPF-to-BPF call and BPF_PSEUDO_FUNC immediates) that crosses the change.
 * The load path uses it for ctx rewrites; the verifier's fixups reuse it.
 */
#include <bpfkern/bpf.h>
#include <bpfkern/patch.h>

/* Reads insn's relative target field (off or imm) into *rel; false if it has none. */
static bool insn_rel_target(const struct bpf_insn *insn, s64 *rel)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	if (insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC) {
		*rel = insn->imm;
		return true;
	}
	if (cls != BPF_JMP && cls != BPF_JMP32)
		return false;
	if (op == BPF_CALL) {
		if (cls != BPF_JMP || BPF_SRC(insn->code) != BPF_K ||
		    insn->src_reg != BPF_PSEUDO_CALL)
			return false;
		*rel = insn->imm;
		return true;
	}
	if (op == BPF_EXIT || op == BPF_TAIL_CALL)
		return false;
	*rel = insn->code == (BPF_JMP32 | BPF_JA) ? insn->imm : insn->off;
	return true;
}

/* Stores rel back into the field insn_rel_target read; -ERANGE if it does not fit. */
static int insn_set_rel(struct bpf_insn *insn, s64 rel)
{
	bool in_imm = insn->code == (BPF_LD | BPF_IMM | BPF_DW) ||
		      insn->code == (BPF_JMP | BPF_CALL) || insn->code == (BPF_JMP32 | BPF_JA);

	if (in_imm) {
		if (rel < INT32_MIN || rel > INT32_MAX)
			return -ERANGE;
		insn->imm = (s32)rel;
	} else {
		if (rel < INT16_MIN || rel > INT16_MAX)
			return -ERANGE;
		insn->off = (s16)rel;
	}
	return 0;
}

/*
 * After insns[pos] grew into len instructions (delta = len - 1 more), fixes
 * every reference from outside the patch that crosses it. cnt is the new
 * count. Targets equal to pos keep pointing at the start of the patch.
 */
static int bpf_adj_branches(struct bpf_insn *insns, u32 cnt, u32 pos, u32 len)
{
	s64 delta = (s64)len - 1, end_new = (s64)pos + len;
	s64 i, rel;
	int err;

	for (i = 0; i < cnt; i++) {
		if (i == pos) {
			i = end_new - 1;
			continue;
		}
		if (!insn_rel_target(&insns[i], &rel))
			continue;
		if (i < pos && i + rel + 1 > pos)
			rel += delta;
		else if (i >= end_new && i + rel + 1 < end_new)
			rel -= delta;
		else
			continue;
		err = insn_set_rel(&insns[i], rel);
		if (err)
			return err;
	}
	return 0;
}

/*
 * func_info and line_info records after pos move with their instructions
 * (Linux: bpf_adj_linfo, adjust_btf_func), so that prog info and the log
 * still name the right source line; so do the verifier's ctx accesses.
 */
static void bpf_adj_btf_info(struct bpf_prog_aux *aux, u32 pos, u32 delta)
{
	u32 i;

	for (i = 0; i < aux->nr_linfo; i++)
		if (aux->linfo[i].insn_off > pos)
			aux->linfo[i].insn_off += delta;
	for (i = 0; i < aux->func_info_cnt; i++)
		if (aux->func_info[i].insn_off > pos)
			aux->func_info[i].insn_off += delta;
	for (i = 0; i < aux->ctx_access_cnt; i++)
		if (aux->ctx_access_insns[i] > pos)
			aux->ctx_access_insns[i] += delta;
}

int bpf_patch_insn_single(struct bpf_prog *prog, u32 pos, const struct bpf_insn *patch, u32 len)
{
	u32 cnt = prog->len + len - 1;
	struct bpf_insn *insns;
	int err;

	if (pos >= prog->len || len == 0)
		return -EINVAL;
	if (len == 1) {
		prog->insnsi[pos] = patch[0];
		return 0;
	}
	if (cnt > BPF_COMPLEXITY_LIMIT_INSNS)
		return -E2BIG;
	insns = kvmalloc((size_t)cnt * sizeof(*insns), GFP_KERNEL);
	if (!insns)
		return -ENOMEM;
	__builtin_memcpy(insns, prog->insnsi, (size_t)pos * sizeof(*insns));
	__builtin_memcpy(insns + pos, patch, (size_t)len * sizeof(*insns));
	__builtin_memcpy(insns + pos + len, prog->insnsi + pos + 1,
			 (size_t)(prog->len - pos - 1) * sizeof(*insns));
	err = bpf_adj_branches(insns, cnt, pos, len);
	if (err) {
		kvfree(insns);
		return err;
	}
	kvfree(prog->insnsi);
	prog->insnsi = insns;
	prog->len = cnt;
	if (prog->aux)
		bpf_adj_btf_info(prog->aux, pos, len - 1);
	return 0;
}
