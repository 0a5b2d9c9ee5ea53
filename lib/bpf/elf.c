// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's ELF layer: a read-only, bounds-checked view of an
 * ELF64 little-endian relocatable BPF object (what `clang -target bpf -c`
 * writes). elf_parse() checks every header, offset, size and index once, so
 * the rest of the loader may index sections, symbols and strings freely.
 * A malformed file gets one precise message and -LIBBPF_ERRNO__FORMAT.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf_internal.h"

#define ELF_MAX_SECTIONS 0xff00 /* SHN_LORESERVE: no extended numbering in BPF objects */

/* Whether [off, off + len) lies inside a buffer of size bytes. */
static int range_ok(size_t size, __u64 off, __u64 len)
{
	return off <= size && len <= size - off;
}

/* The NUL-terminated string at off of a string table, or NULL if it runs off the end. */
const char *elf_str(const char *tab, size_t tab_size, size_t off)
{
	if (!tab || off >= tab_size || !memchr(tab + off, '\0', tab_size - off))
		return NULL;
	return tab + off;
}

const char *elf_sym_name(const struct elf_file *ef, const Elf64_Sym *sym)
{
	const char *name = elf_str(ef->strtab, ef->strtab_size, sym->st_name);

	return name ? name : "";
}

/* The ELF header: magic, class, data, machine, type, section header table. */
static int elf_check_ehdr(const Elf64_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4)) {
		pr_warn("elf: not an ELF file\n");
		return -LIBBPF_ERRNO__FORMAT;
	}
	if (eh->e_ident[4] != 2 || eh->e_ident[5] != 1) {
		pr_warn("elf: not a 64-bit little-endian object (class %u, data %u)\n",
			eh->e_ident[4], eh->e_ident[5]);
		return -LIBBPF_ERRNO__ENDIAN;
	}
	if (eh->e_type != ET_REL || (eh->e_machine != EM_BPF && eh->e_machine != 0)) {
		pr_warn("elf: not a BPF relocatable object (type %u, machine %u)\n", eh->e_type,
			eh->e_machine);
		return -LIBBPF_ERRNO__FORMAT;
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
	    eh->e_shnum >= ELF_MAX_SECTIONS ||
	    !range_ok(size, eh->e_shoff, (__u64)eh->e_shnum * sizeof(Elf64_Shdr)) ||
	    eh->e_shoff % 8) {
		pr_warn("elf: bad section header table (offset %llu, %u entries of %u bytes)\n",
			(unsigned long long)eh->e_shoff, eh->e_shnum, eh->e_shentsize);
		return -LIBBPF_ERRNO__FORMAT;
	}
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum) {
		pr_warn("elf: bad section name table index %u\n", eh->e_shstrndx);
		return -LIBBPF_ERRNO__FORMAT;
	}
	return 0;
}

/* Fills secs[i] for every section: bytes in the file, a name in the name table. */
static int elf_collect_secs(struct elf_file *ef, const Elf64_Ehdr *eh)
{
	const Elf64_Shdr *shdrs = (const Elf64_Shdr *)(ef->buf + eh->e_shoff);
	const Elf64_Shdr *names = &shdrs[eh->e_shstrndx];
	const char *strs;
	size_t i;

	if (names->sh_type != SHT_STRTAB || !range_ok(ef->size, names->sh_offset, names->sh_size)) {
		pr_warn("elf: section name table %u is not a string table inside the file\n",
			eh->e_shstrndx);
		return -LIBBPF_ERRNO__FORMAT;
	}
	strs = (const char *)ef->buf + names->sh_offset;
	for (i = 0; i < ef->nsecs; i++) {
		const Elf64_Shdr *sh = &shdrs[i];
		struct elf_sec *sec = &ef->secs[i];

		sec->shdr = sh;
		sec->name = elf_str(strs, names->sh_size, sh->sh_name);
		if (!sec->name) {
			pr_warn("elf: section %zu: name offset %u outside the name table\n", i,
				sh->sh_name);
			return -LIBBPF_ERRNO__FORMAT;
		}
		sec->size = sh->sh_size;
		if (sh->sh_type == SHT_NOBITS || i == 0)
			continue;
		if (!range_ok(ef->size, sh->sh_offset, sh->sh_size)) {
			pr_warn("elf: section %zu (%s): bytes [%llu, +%llu) outside the file of %zu\n",
				i, sec->name, (unsigned long long)sh->sh_offset,
				(unsigned long long)sh->sh_size, ef->size);
			return -LIBBPF_ERRNO__FORMAT;
		}
		sec->data = ef->buf + sh->sh_offset;
	}
	return 0;
}

/* The symbol table and its strings; every symbol's section index in range. */
static int elf_collect_syms(struct elf_file *ef)
{
	const struct elf_sec *symsec = NULL, *strsec;
	size_t i;

	for (i = 1; i < ef->nsecs; i++) {
		if (ef->secs[i].shdr->sh_type != SHT_SYMTAB)
			continue;
		if (symsec) {
			pr_warn("elf: multiple symbol tables in one object\n");
			return -LIBBPF_ERRNO__FORMAT;
		}
		symsec = &ef->secs[i];
	}
	if (!symsec) {
		pr_warn("elf: object has no symbol table\n");
		return -LIBBPF_ERRNO__FORMAT;
	}
	if (symsec->shdr->sh_entsize != sizeof(Elf64_Sym) || symsec->size % sizeof(Elf64_Sym) ||
	    (size_t)symsec->shdr->sh_offset % 8 || symsec->shdr->sh_link == 0 ||
	    symsec->shdr->sh_link >= ef->nsecs) {
		pr_warn("elf: bad symbol table (entry size %llu, size %zu, link %u)\n",
			(unsigned long long)symsec->shdr->sh_entsize, symsec->size,
			symsec->shdr->sh_link);
		return -LIBBPF_ERRNO__FORMAT;
	}
	strsec = &ef->secs[symsec->shdr->sh_link];
	if (strsec->shdr->sh_type != SHT_STRTAB || !strsec->data) {
		pr_warn("elf: symbol string table %u is not a string table\n",
			symsec->shdr->sh_link);
		return -LIBBPF_ERRNO__FORMAT;
	}
	ef->syms = (const Elf64_Sym *)symsec->data;
	ef->nsyms = symsec->size / sizeof(Elf64_Sym);
	ef->strtab = (const char *)strsec->data;
	ef->strtab_size = strsec->size;
	for (i = 0; i < ef->nsyms; i++) {
		const Elf64_Sym *sym = &ef->syms[i];

		if (sym->st_shndx < SHN_LORESERVE && sym->st_shndx >= ef->nsecs) {
			pr_warn("elf: symbol %zu: section index %u out of range\n", i,
				sym->st_shndx);
			return -LIBBPF_ERRNO__FORMAT;
		}
		if (!elf_str(ef->strtab, ef->strtab_size, sym->st_name)) {
			pr_warn("elf: symbol %zu: name offset %u outside the string table\n", i,
				sym->st_name);
			return -LIBBPF_ERRNO__FORMAT;
		}
	}
	return 0;
}

/*
 * elf_parse: validates the object in buf (which must outlive ef) and builds
 * its section and symbol views. 0, or a negative error after one message;
 * on error nothing is left to release.
 */
int elf_parse(struct elf_file *ef, const void *buf, size_t size)
{
	const Elf64_Ehdr *eh = buf;
	int err;

	memset(ef, 0, sizeof(*ef));
	if (!buf || (unsigned long)buf % 8) {
		pr_warn("elf: object buffer missing or not 8-byte aligned\n");
		return -EINVAL;
	}
	err = elf_check_ehdr(eh, size);
	if (err)
		return err;
	ef->buf = buf;
	ef->size = size;
	ef->nsecs = eh->e_shnum;
	ef->secs = calloc(ef->nsecs, sizeof(*ef->secs));
	if (!ef->secs)
		return -ENOMEM;
	err = elf_collect_secs(ef, eh);
	if (!err)
		err = elf_collect_syms(ef);
	if (err)
		elf_release(ef);
	return err;
}

void elf_release(struct elf_file *ef)
{
	free(ef->secs);
	memset(ef, 0, sizeof(*ef));
}
