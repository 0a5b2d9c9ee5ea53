// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's linker: turns one program of an object into the
 * instructions bpf(BPF_PROG_LOAD) takes. The program's function is copied,
 * then every function it calls (BPF-to-BPF calls, resolved through
 * R_BPF_64_32 relocations into .text, or pc-relative within a section) is
 * appended once, recursively, with the call's imm rewritten to the new
 * distance. Each copied range gets its section's relocations: R_BPF_64_64
 * on an lddw naming a map (BPF_PSEUDO_MAP_FD) or global data
 * (BPF_PSEUDO_MAP_VALUE, offset in the second imm).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf_internal.h"

/* A verifier log buffer starts small and grows on -ENOSPC up to libbpf's largest. */
#define LOG_BUF_MIN (256u << 10)
#define LOG_BUF_MAX (16u << 20)

/* A function copied into the program: section, first insn and count there, place here. */
struct link_unit {
	int sec_idx;
	size_t start, cnt, new_off;
};

struct link_state {
	struct bpf_program *prog;
	struct link_unit *units;
	size_t nr_units;
	struct bpf_insn *insns;
	size_t insn_cnt;
	unsigned char *relocated; /* relocated[i]: insn i was patched by a relocation */
};

static int is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static int is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

/* Copies insns [start, start + cnt) of section sec_idx to the end of the program. */
static int link_append(struct link_state *ls, int sec_idx, size_t start, size_t cnt)
{
	const struct elf_sec *sec = &ls->prog->obj->elf.secs[sec_idx];
	size_t total = ls->insn_cnt + cnt;
	struct link_unit *units = realloc(ls->units, (ls->nr_units + 1) * sizeof(*units));
	struct bpf_insn *insns;
	unsigned char *rel;

	if (!units)
		return -ENOMEM;
	ls->units = units;
	insns = realloc(ls->insns, total * sizeof(*insns));
	if (!insns)
		return -ENOMEM;
	ls->insns = insns;
	rel = realloc(ls->relocated, total);
	if (!rel)
		return -ENOMEM;
	ls->relocated = rel;
	memcpy(&ls->insns[ls->insn_cnt], sec->data + start * 8, cnt * 8);
	memset(&ls->relocated[ls->insn_cnt], 0, cnt);
	units[ls->nr_units++] = (struct link_unit){ sec_idx, start, cnt, ls->insn_cnt };
	ls->insn_cnt = total;
	return 0;
}

/* The function starting at insn target of section sec_idx: appended if new; its new index. */
static long link_subprog(struct link_state *ls, int sec_idx, size_t target)
{
	const struct bpf_object *obj = ls->prog->obj;
	const struct elf_sec *sec = &obj->elf.secs[sec_idx];
	size_t i;
	int err;

	for (i = 0; i < ls->nr_units; i++) {
		const struct link_unit *u = &ls->units[i];

		if (u->sec_idx == sec_idx && target >= u->start && target < u->start + u->cnt)
			return (long)(u->new_off + target - u->start);
	}
	for (i = 0; i < obj->elf.nsyms; i++) {
		const Elf64_Sym *sym = &obj->elf.syms[i];

		if (sym->st_shndx != sec_idx || ELF64_ST_TYPE(sym->st_info) != STT_FUNC ||
		    sym->st_value != target * 8)
			continue;
		if (sym->st_size % 8 || sym->st_size == 0 ||
		    sym->st_size > sec->size - sym->st_value) {
			pr_warn("prog '%s': subprogram '%s' is not whole instructions inside '%s'\n",
				ls->prog->name, elf_sym_name(&obj->elf, sym), sec->name);
			return -LIBBPF_ERRNO__FORMAT;
		}
		err = link_append(ls, sec_idx, target, sym->st_size / 8);
		return err ? err : (long)(ls->insn_cnt - sym->st_size / 8);
	}
	pr_warn("prog '%s': no subprogram starts at insn %zu of section '%s'\n", ls->prog->name,
		target, sec->name);
	return -LIBBPF_ERRNO__RELOC;
}

/* A call at new index at to the function at target of sec_idx: imm becomes the distance. */
static int link_call(struct link_state *ls, size_t at, int sec_idx, long long target)
{
	const struct elf_sec *sec = &ls->prog->obj->elf.secs[sec_idx];
	long dst;

	if (target < 0 || (unsigned long long)target >= sec->size / 8) {
		pr_warn("prog '%s': call at insn %zu targets insn %lld outside section '%s'\n",
			ls->prog->name, at, target, sec->name);
		return -LIBBPF_ERRNO__RELOC;
	}
	dst = link_subprog(ls, sec_idx, (size_t)target);
	if (dst < 0)
		return (int)dst;
	ls->insns[at].imm = (__s32)(dst - (long)at - 1);
	return 0;
}

/* An lddw relocated against sym: a map (its fd) or global data (its fd and offset). */
static int relo_ldimm64(struct link_state *ls, size_t at, size_t end, const Elf64_Sym *sym,
			const char *sym_name)
{
	const struct bpf_object *obj = ls->prog->obj;
	struct bpf_insn *insn = &ls->insns[at];
	const struct bpf_map *map;
	int is_data;

	if (at + 1 >= end) {
		pr_warn("prog '%s': lddw at insn %zu is cut off\n", ls->prog->name, at);
		return -LIBBPF_ERRNO__RELOC;
	}
	if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE) {
		pr_warn("prog '%s': extern '%s' is not supported by bpfkern's loader\n",
			ls->prog->name, sym_name);
		return -ENOTSUP;
	}
	if (obj->elf.secs[sym->st_shndx].shdr->sh_flags & SHF_EXECINSTR) {
		/* a callback's address (bpf_loop, for_each_map_elem): imm holds a byte offset */
		if (sym->st_value % 8 || insn[0].imm % 8 || insn[1].imm) {
			pr_warn("prog '%s': bad subprog addr relo against '%s'\n", ls->prog->name,
				sym_name);
			return -LIBBPF_ERRNO__RELOC;
		}
		insn[0].src_reg = BPF_PSEUDO_FUNC;
		return link_call(ls, at, sym->st_shndx,
				 (long long)(sym->st_value / 8) + insn[0].imm / 8);
	}
	map = bpf_object__map_at(obj, sym->st_shndx, sym->st_value);
	if (!map) {
		pr_warn("prog '%s': bad map relo against '%s' in section '%s'\n", ls->prog->name,
			sym_name, obj->elf.secs[sym->st_shndx].name);
		return -LIBBPF_ERRNO__RELOC;
	}
	is_data = map->kind != LIBBPF_MAP_UNSPEC;
	if (is_data) {
		insn[1].imm = (__s32)((__s64)insn[0].imm + (__s64)sym->st_value);
	} else if (insn[0].imm || insn[1].imm) {
		pr_warn("prog '%s': map '%s' referenced at an offset\n", ls->prog->name, map->name);
		return -LIBBPF_ERRNO__RELOC;
	}
	insn[0].src_reg = is_data ? BPF_PSEUDO_MAP_VALUE : BPF_PSEUDO_MAP_FD;
	insn[0].imm = map->fd;
	return 0;
}

/* One relocation of unit u: rel patches the insn at section offset r_offset. */
static int apply_relo(struct link_state *ls, const struct link_unit *u, const Elf64_Rel *rel)
{
	const struct bpf_object *obj = ls->prog->obj;
	__u32 sym_idx = ELF64_R_SYM(rel->r_info), type = ELF64_R_TYPE(rel->r_info);
	size_t at = u->new_off + (size_t)(rel->r_offset / 8 - u->start);
	const Elf64_Sym *sym;
	const char *name;

	if (sym_idx >= obj->elf.nsyms || rel->r_offset % 8) {
		pr_warn("prog '%s': bad relocation (symbol %u of %zu, offset %llu)\n",
			ls->prog->name, sym_idx, obj->elf.nsyms, (unsigned long long)rel->r_offset);
		return -LIBBPF_ERRNO__FORMAT;
	}
	sym = &obj->elf.syms[sym_idx];
	name = elf_sym_name(&obj->elf, sym);
	ls->relocated[at] = 1;
	if (type == R_BPF_64_64 && is_ldimm64(&ls->insns[at]))
		return relo_ldimm64(ls, at, u->new_off + u->cnt, sym, name);
	if (type == R_BPF_64_32 && is_pseudo_call(&ls->insns[at])) {
		if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE ||
		    !(obj->elf.secs[sym->st_shndx].shdr->sh_flags & SHF_EXECINSTR) ||
		    sym->st_value % 8) {
			pr_warn("prog '%s': bad call relo against '%s'\n", ls->prog->name, name);
			return -LIBBPF_ERRNO__RELOC;
		}
		return link_call(ls, at, sym->st_shndx,
				 (long long)(sym->st_value / 8) + ls->insns[at].imm + 1);
	}
	pr_warn("prog '%s': relo #%u against '%s': type %u on insn %zu (opcode 0x%02x) is not supported\n",
		ls->prog->name, sym_idx, name, type, at, ls->insns[at].code);
	return -LIBBPF_ERRNO__RELOC;
}

/* Unit u's relocations, then its calls that had none (pc-relative within its section). */
static int relocate_unit(struct link_state *ls, size_t ui)
{
	const struct elf_sec *relsec = ls->prog->obj->relsec[ls->units[ui].sec_idx];
	struct link_unit u = ls->units[ui]; /* a copy: appending may move the array */
	size_t i, n = relsec ? relsec->size / sizeof(Elf64_Rel) : 0;
	int err;

	for (i = 0; i < n; i++) {
		const Elf64_Rel *rel = (const Elf64_Rel *)relsec->data + i;

		if (rel->r_offset / 8 < u.start || rel->r_offset / 8 >= u.start + u.cnt)
			continue;
		err = apply_relo(ls, &u, rel);
		if (err)
			return err;
	}
	for (i = 0; i < u.cnt; i++) {
		size_t at = u.new_off + i;

		if (ls->relocated[at] || !is_pseudo_call(&ls->insns[at]))
			continue;
		err = link_call(ls, at, u.sec_idx,
				(long long)(u.start + i) + ls->insns[at].imm + 1);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The .BTF.ext records of every linked unit, rebased to the unit's place
 * in the program (libbpf: the func_info and line_info each subprogram
 * brings along when it is appended). Units ascend, so records do too.
 */
static int link_btf_ext(struct link_state *ls)
{
	struct bpf_program *prog = ls->prog;
	const struct bpf_object *obj = prog->obj;
	const struct btf_ext *ext = &obj->btf_ext;
	size_t ui;
	int err = 0;

	free(prog->func_info);
	free(prog->line_info);
	prog->func_info = prog->line_info = NULL;
	prog->func_info_cnt = prog->line_info_cnt = 0;
	if (!obj->has_btf_ext)
		return 0;
	for (ui = 0; !err && ui < ls->nr_units; ui++) {
		const struct link_unit *u = &ls->units[ui];
		const char *sec = obj->elf.secs[u->sec_idx].name;

		err = btf_ext__append(&obj->btf, ext->func, ext->func_len,
				      sizeof(struct bpf_func_info), sec, u->start, u->cnt,
				      u->new_off, &prog->func_info, &prog->func_info_cnt);
		err = err
			      ?: btf_ext__append(&obj->btf, ext->line, ext->line_len,
						 sizeof(struct bpf_line_info), sec, u->start,
						 u->cnt, u->new_off, &prog->line_info,
						 &prog->line_info_cnt);
	}
	return err;
}

/* Links prog: its function, the functions it calls, all relocated. Replaces prog->insns. */
static int bpf_program__link(struct bpf_program *prog)
{
	struct link_state ls = { .prog = prog };
	size_t ui;
	int err;

	err = link_append(&ls, prog->sec_idx, prog->sec_insn_off, prog->sec_insn_cnt);
	for (ui = 0; !err && ui < ls.nr_units; ui++)
		err = relocate_unit(&ls, ui);
	err = err ?: link_btf_ext(&ls);
	free(ls.units);
	free(ls.relocated);
	if (err) {
		free(ls.insns);
		return err;
	}
	free(prog->insns);
	prog->insns = ls.insns;
	prog->insn_cnt = ls.insn_cnt;
	return 0;
}

/* BPF_PROG_LOAD of the linked program, with a log of log_size bytes at log_level. */
static int load_prog(struct bpf_program *prog, __u32 log_level, __u32 log_size)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = prog->expected_attach_type,
		    .prog_flags = prog->prog_flags, .kern_version = prog->obj->kern_version,
		    .log_level = log_level);
	char name[BPF_OBJ_NAME_LEN];

	if (prog->obj->btf_fd >= 0 && (prog->func_info_cnt || prog->line_info_cnt)) {
		opts.prog_btf_fd = (__u32)prog->obj->btf_fd;
		opts.func_info = prog->func_info;
		opts.func_info_cnt = prog->func_info_cnt;
		opts.func_info_rec_size = prog->func_info_cnt ? sizeof(struct bpf_func_info) : 0;
		opts.line_info = prog->line_info;
		opts.line_info_cnt = prog->line_info_cnt;
		opts.line_info_rec_size = prog->line_info_cnt ? sizeof(struct bpf_line_info) : 0;
	}
	if (log_level) {
		free(prog->log_buf);
		prog->log_buf = calloc(1, log_size);
		if (!prog->log_buf)
			return -ENOMEM;
		opts.log_buf = prog->log_buf;
		opts.log_size = log_size;
	}
	snprintf(name, sizeof(name), "%s", prog->name);
	prog->fd = bpf_prog_load(prog->type, name, prog->obj->license, prog->insns, prog->insn_cnt,
				 &opts);
	if (log_level)
		prog->log_size = strlen(prog->log_buf);
	return prog->fd < 0 ? -errno : 0;
}

/* load_prog with a log (log_level > 0) that grows until the whole log fits. */
static int load_prog_logged(struct bpf_program *prog, __u32 log_level)
{
	__u32 size = LOG_BUF_MIN;
	int err = load_prog(prog, log_level, size);

	while (err == -ENOSPC && size < LOG_BUF_MAX) {
		size *= 4;
		err = load_prog(prog, log_level, size);
	}
	return err;
}

/*
 * bpf_program__link_and_load: links, relocates (maps must exist) and loads
 * prog. 0, or a negative error after a message; the verifier log of a
 * rejected program stays in prog->log_buf and is printed as libbpf does.
 */
int bpf_program__link_and_load(struct bpf_program *prog)
{
	int err;

	if (prog->type == BPF_PROG_TYPE_UNSPEC) {
		pr_warn("prog '%s': missing BPF prog type, check ELF section name '%s'\n",
			prog->name, prog->sec_name);
		return -EINVAL;
	}
	if (prog->unsupported) {
		pr_warn("prog '%s': section '%s': %s programs are not supported by bpfkern (xdp, xdp.frags and socket are)\n",
			prog->name, prog->sec_name, prog->unsupported);
		return -ENOTSUP;
	}
	err = bpf_program__link(prog);
	if (err) {
		pr_warn("prog '%s': failed to relocate: %d\n", prog->name, err);
		return err;
	}
	err = prog->log_level ? load_prog_logged(prog, prog->log_level) : load_prog(prog, 0, 0);
	if (err && !prog->log_level && err != -ENOMEM) {
		/* again for the log only: the verdict stays the first answer's */
		if (!load_prog_logged(prog, 1))
			err = 0;
	}
	if (err) {
		pr_warn("prog '%s': BPF program load failed: %s\n", prog->name, strerror(-err));
		if (prog->log_buf && prog->log_size)
			pr_warn("prog '%s': -- BEGIN PROG LOAD LOG --\n%s-- END PROG LOAD LOG --\n",
				prog->name, prog->log_buf);
	}
	return err;
}
