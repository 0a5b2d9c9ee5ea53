/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the object loader's files (lib/bpf/elf.c, btf.c, libbpf.c) share and
 * nobody else uses: the ELF64 and BTF layouts (facts of the formats, written
 * here because newlib has no <elf.h> and our uapi has no <linux/btf.h>),
 * the bounds-checked views over them, and libbpf's message printer.
 */
#ifndef __BPFKERN_LIBBPF_INTERNAL_H
#define __BPFKERN_LIBBPF_INTERNAL_H

#include <stddef.h>
#include <linux/bpf.h>

#ifndef BPF_OBJ_NAME_LEN
#define BPF_OBJ_NAME_LEN 16U
#endif
#include <bpf/libbpf.h>

/* ---- ELF64 (System V gABI), little-endian, the subset a BPF object uses ---- */
typedef struct {
	unsigned char e_ident[16];
	__u16 e_type, e_machine;
	__u32 e_version;
	__u64 e_entry, e_phoff, e_shoff;
	__u32 e_flags;
	__u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	__u32 sh_name, sh_type;
	__u64 sh_flags, sh_addr, sh_offset, sh_size;
	__u32 sh_link, sh_info;
	__u64 sh_addralign, sh_entsize;
} Elf64_Shdr;

typedef struct {
	__u32 st_name;
	unsigned char st_info, st_other;
	__u16 st_shndx;
	__u64 st_value, st_size;
} Elf64_Sym;

typedef struct {
	__u64 r_offset, r_info;
} Elf64_Rel;

#define EM_BPF 247
#define ET_REL 1
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_WRITE 0x1
#define SHF_EXECINSTR 0x4
#define SHN_UNDEF 0
#define SHN_LORESERVE 0xff00
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define STB_LOCAL 0
#define ELF64_ST_BIND(i) ((i) >> 4)
#define ELF64_ST_TYPE(i) ((i)&0xf)
#define ELF64_R_SYM(i) ((__u32)((i) >> 32))
#define ELF64_R_TYPE(i) ((__u32)(i))
#define R_BPF_NONE 0
#define R_BPF_64_64 1
#define R_BPF_64_ABS64 2
#define R_BPF_64_ABS32 3
#define R_BPF_64_NODYLD32 4
#define R_BPF_64_32 10

/* A section: its header, name and bytes (NULL for SHT_NOBITS), all checked. */
struct elf_sec {
	const Elf64_Shdr *shdr;
	const char *name;
	const __u8 *data;
	size_t size;
};

/* An ELF64 BPF relocatable object, validated by elf_parse(). */
struct elf_file {
	const __u8 *buf;
	size_t size;
	struct elf_sec *secs; /* secs[0..nsecs), index = section index */
	size_t nsecs;
	const Elf64_Sym *syms; /* the one SHT_SYMTAB */
	size_t nsyms;
	const char *strtab; /* its string table */
	size_t strtab_size;
};

int elf_parse(struct elf_file *ef, const void *buf, size_t size);
void elf_release(struct elf_file *ef);
const char *elf_sym_name(const struct elf_file *ef, const Elf64_Sym *sym);
const char *elf_str(const char *tab, size_t tab_size, size_t off);

/* ---- BTF (the kernel's Documentation/bpf/btf.rst) ---- */
#define BTF_MAGIC 0xeB9F
#define BTF_KIND_UNKN 0
#define BTF_KIND_INT 1
#define BTF_KIND_PTR 2
#define BTF_KIND_ARRAY 3
#define BTF_KIND_STRUCT 4
#define BTF_KIND_UNION 5
#define BTF_KIND_ENUM 6
#define BTF_KIND_FWD 7
#define BTF_KIND_TYPEDEF 8
#define BTF_KIND_VOLATILE 9
#define BTF_KIND_CONST 10
#define BTF_KIND_RESTRICT 11
#define BTF_KIND_FUNC 12
#define BTF_KIND_FUNC_PROTO 13
#define BTF_KIND_VAR 14
#define BTF_KIND_DATASEC 15
#define BTF_KIND_FLOAT 16
#define BTF_KIND_DECL_TAG 17
#define BTF_KIND_TYPE_TAG 18
#define BTF_KIND_ENUM64 19

struct btf_header {
	__u16 magic;
	__u8 version, flags;
	__u32 hdr_len, type_off, type_len, str_off, str_len;
};

struct btf_type {
	__u32 name_off;
	__u32 info; /* vlen 0-15, kind 24-28, kind_flag 31 */
	__u32 size_or_type;
};

struct btf_array {
	__u32 type, index_type, nelems;
};

struct btf_member {
	__u32 name_off, type, offset;
};

struct btf_var_secinfo {
	__u32 type, offset, size;
};

static inline unsigned int btf_kind(const struct btf_type *t)
{
	return (t->info >> 24) & 0x1f;
}

static inline unsigned int btf_vlen(const struct btf_type *t)
{
	return t->info & 0xffff;
}

/* A parsed .BTF section: every type found and checked once, by id. */
struct btf {
	const struct btf_type **types; /* types[1..nr_types]; [0] is void */
	__u32 nr_types;
	const char *strs;
	size_t strs_size;
};

/*
 * .BTF.ext: where each instruction's function (func_info) and source line
 * (line_info) are, per ELF section. func and line each point at a record
 * size followed by {section name offset, count, records...} groups; both
 * were checked by btf_ext__parse.
 */
struct btf_ext {
	const __u8 *func, *line;
	__u32 func_len, line_len;
};

int btf__parse_raw_mem(struct btf *btf, const void *data, size_t size);
int btf__fixup_datasecs(struct btf *btf, const struct elf_file *ef);
int btf_ext__parse(struct btf_ext *ext, const struct btf *btf, const void *data, size_t size);
int btf_ext__append(const struct btf *btf, const __u8 *info, __u32 info_len, size_t krec_size,
		    const char *sec_name, size_t start, size_t cnt, size_t new_off, void **recs,
		    __u32 *nr_recs);
void btf__release(struct btf *btf);
const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id);
const char *btf__name_by_offset(const struct btf *btf, __u32 off);
int btf__find_datasec(const struct btf *btf, const char *name);
const struct btf_type *btf__skip_mods(const struct btf *btf, __u32 id, __u32 *res_id);
long long btf__resolve_size(const struct btf *btf, __u32 id);

/* ---- the object model (lib/bpf/libbpf.c, libbpf_maps.c, libbpf_relo.c) ---- */
enum libbpf_map_kind {
	LIBBPF_MAP_UNSPEC, /* a map the program declares (.maps or maps) */
	LIBBPF_MAP_DATA,
	LIBBPF_MAP_BSS,
	LIBBPF_MAP_RODATA,
};

struct bpf_map {
	struct bpf_object *obj;
	char *name;
	enum libbpf_map_kind kind;
	int sec_idx; /* the ELF section defining it */
	size_t sec_off; /* the definition's offset there (a relocation names it so) */
	__u32 type, key_size, value_size, max_entries, map_flags, numa_node, pinning;
	__u64 map_extra;
	size_t sec_size; /* the definition's size */
	struct bpf_map *inner; /* maps of maps: the __array(values, ...) template */
	bool has_values; /* __array(values, ...): initial slots may be relocated in */
	size_t values_off; /* its byte offset in the definition */
	void **init_slots; /* slot i: its map (maps of maps) or program (prog arrays) */
	size_t nr_init_slots;
	void *mmaped; /* global data: the initial value, value_size bytes */
	char *pin_path;
	bool pinned;
	__u32 btf_key_type_id,
		btf_value_type_id; /* 0: none (then the map is created without BTF) */
	int fd;
};

struct bpf_program {
	struct bpf_object *obj;
	char *name;
	char *sec_name;
	int sec_idx;
	size_t sec_insn_off, sec_insn_cnt; /* the function's place in its section */
	enum bpf_prog_type type;
	enum bpf_attach_type expected_attach_type;
	__u32 prog_flags;
	const char *unsupported; /* why bpfkern refuses its section, or NULL */
	bool autoload;
	struct bpf_insn *insns; /* the section's copy; after load, linked */
	size_t insn_cnt;
	__u32 log_level;
	char *log_buf;
	size_t log_size;
	void *func_info, *line_info; /* from .BTF.ext, rebased to the linked program */
	__u32 func_info_cnt, line_info_cnt;
	int fd;
};

struct bpf_object {
	char name[BPF_OBJ_NAME_LEN];
	void *buf; /* our copy of the file, 8-byte aligned */
	size_t size;
	struct elf_file elf;
	struct btf btf;
	bool has_btf;
	const void *btf_raw; /* the .BTF section (fixed up in place), loaded as btf_fd */
	size_t btf_raw_size;
	int btf_fd;
	struct btf_ext btf_ext;
	bool has_btf_ext;
	char license[64];
	__u32 kern_version;
	int text_idx, maps_idx, legacy_maps_idx; /* section indices, 0 if absent */
	const struct elf_sec **relsec; /* relsec[i]: the SHT_REL for section i, or NULL */
	const struct elf_sec *maps_relsec; /* .rel.maps: initial slots of __array(values) maps */
	struct bpf_program *progs;
	size_t nr_progs;
	struct bpf_map *maps;
	size_t nr_maps;
	bool relaxed_maps;
	char *pin_root;
	bool loaded;
};

int bpf_object__init_maps(struct bpf_object *obj);
int bpf_object__create_maps(struct bpf_object *obj);
int bpf_object__init_prog_arrays(struct bpf_object *obj);
struct bpf_map *bpf_object__map_at(const struct bpf_object *obj, int sec_idx, size_t off);
int bpf_program__link_and_load(struct bpf_program *prog);
int bpf_object_close_fd(int fd);

/* ---- messages, as libbpf prints them ("libbpf: ...") ---- */
__attribute__((format(printf, 2, 3))) void libbpf_print(enum libbpf_print_level level,
							const char *fmt, ...);
#define pr_warn(fmt, ...) libbpf_print(LIBBPF_WARN, "libbpf: " fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) libbpf_print(LIBBPF_DEBUG, "libbpf: " fmt, ##__VA_ARGS__)

#endif
