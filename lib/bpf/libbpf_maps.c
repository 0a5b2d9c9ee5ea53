// SPDX-License-Identifier: GPL-2.0
/*
 * The object loader's maps: found at open time in three places, as libbpf
 * finds them: BTF-defined maps in .maps (each a DATASEC variable whose
 * struct type's members encode the definition: __uint(x, N) is a pointer to
 * an N-element array, __type(key, T) a pointer to T), legacy struct
 * bpf_map_def records in the `maps` section, and global data (.data*,
 * .rodata*, .bss*) as one-element array maps. Created at load time, global
 * data filled with its initial bytes and .rodata frozen.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf_internal.h"

/*
 * The largest global data section opened: above Linux's array value limit
 * (KMALLOC_MAX_SIZE, a few MiB), so nothing a kernel would take is refused,
 * while a .bss claiming gigabytes in a tiny file allocates nothing.
 */
#define GLOBAL_DATA_MAX (64u << 20)

/* struct bpf_map_def of the legacy `maps` section (five u32s). */
struct bpf_map_def_legacy {
	__u32 type, key_size, value_size, max_entries, map_flags;
};

/* Appends a zeroed map named name at (sec_idx, sec_off); NULL if out of memory. */
static struct bpf_map *add_map(struct bpf_object *obj, const char *name, int sec_idx,
			       size_t sec_off)
{
	struct bpf_map *maps = realloc(obj->maps, (obj->nr_maps + 1) * sizeof(*maps)), *map;

	if (!maps)
		return NULL;
	obj->maps = maps;
	map = &maps[obj->nr_maps];
	memset(map, 0, sizeof(*map));
	map->obj = obj;
	map->fd = -1;
	map->sec_idx = sec_idx;
	map->sec_off = sec_off;
	map->name = strdup(name);
	if (!map->name)
		return NULL;
	obj->nr_maps++;
	return map;
}

/* The legacy `maps` section: one struct bpf_map_def per symbol, all the same size. */
static int init_legacy_maps(struct bpf_object *obj)
{
	const struct elf_sec *sec = &obj->elf.secs[obj->legacy_maps_idx];
	size_t i, nr = 0, def_sz;

	for (i = 0; i < obj->elf.nsyms; i++)
		nr += obj->elf.syms[i].st_shndx == obj->legacy_maps_idx &&
		      ELF64_ST_TYPE(obj->elf.syms[i].st_info) != STT_SECTION;
	if (!sec->data || !nr || sec->size % nr) {
		pr_warn("elf: unable to determine legacy map definition size in section %s, %zu maps in %zu bytes\n",
			sec->name, nr, sec->size);
		return -EINVAL;
	}
	def_sz = sec->size / nr;
	for (i = 0; i < obj->elf.nsyms; i++) {
		const Elf64_Sym *sym = &obj->elf.syms[i];
		const char *name = elf_sym_name(&obj->elf, sym);
		struct bpf_map_def_legacy def = { 0 };
		struct bpf_map *map;
		size_t k;

		if (sym->st_shndx != obj->legacy_maps_idx ||
		    ELF64_ST_TYPE(sym->st_info) == STT_SECTION)
			continue;
		if (sym->st_value > sec->size - def_sz) {
			pr_warn("corrupted maps section in %s: last map \"%s\" too small\n",
				obj->name, name);
			return -EINVAL;
		}
		memcpy(&def, sec->data + sym->st_value,
		       def_sz < sizeof(def) ? def_sz : sizeof(def));
		for (k = sizeof(def); k < def_sz; k++) {
			if (sec->data[sym->st_value + k]) {
				pr_warn("maps section in %s: \"%s\" has unrecognized, non-zero options\n",
					obj->name, name);
				return -EINVAL;
			}
		}
		map = add_map(obj, name, obj->legacy_maps_idx, sym->st_value);
		if (!map)
			return -ENOMEM;
		map->type = def.type;
		map->key_size = def.key_size;
		map->value_size = def.value_size;
		map->max_entries = def.max_entries;
		map->map_flags = def.map_flags;
	}
	return 0;
}

/* __uint(name, N) of a BTF map definition: member m is a pointer to an N-element array. */
static int get_map_field_int(const char *map_name, const struct btf *btf,
			     const struct btf_member *m, __u32 *res)
{
	const struct btf_type *t = btf__skip_mods(btf, m->type, NULL);
	const char *name = btf__name_by_offset(btf, m->name_off);
	const struct btf_type *arr_t;

	if (!t || btf_kind(t) != BTF_KIND_PTR) {
		pr_warn("map '%s': attr '%s': expected PTR, got kind %u.\n", map_name, name,
			t ? btf_kind(t) : 0);
		return -EINVAL;
	}
	arr_t = btf__type_by_id(btf, t->size_or_type);
	if (!arr_t || btf_kind(arr_t) != BTF_KIND_ARRAY) {
		pr_warn("map '%s': attr '%s': expected ARRAY behind type [%u].\n", map_name, name,
			t->size_or_type);
		return -EINVAL;
	}
	*res = ((const struct btf_array *)(arr_t + 1))->nelems;
	return 0;
}

/*
 * __type(key or value, T): the size of T, checked against an explicit
 * key_size/value_size; *type_id gets T's id (what map creation passes).
 */
static int get_map_field_type_size(const char *map_name, const struct btf *btf,
				   const struct btf_member *m, __u32 *size, __u32 *type_id)
{
	const struct btf_type *t = btf__skip_mods(btf, m->type, NULL);
	const char *name = btf__name_by_offset(btf, m->name_off);
	long long sz;

	if (!t || btf_kind(t) != BTF_KIND_PTR) {
		pr_warn("map '%s': %s spec is not PTR: kind %u.\n", map_name, name,
			t ? btf_kind(t) : 0);
		return -EINVAL;
	}
	sz = btf__resolve_size(btf, t->size_or_type);
	if (sz < 0 || sz > 0xffffffffLL) {
		pr_warn("map '%s': can't determine %s size for type [%u]: %lld.\n", map_name, name,
			t->size_or_type, sz);
		return -EINVAL;
	}
	if (*size && *size != sz) {
		pr_warn("map '%s': conflicting %s size %u != %lld.\n", map_name, name, *size, sz);
		return -EINVAL;
	}
	*size = (__u32)sz;
	*type_id = t->size_or_type;
	return 0;
}

static int parse_btf_map_def(struct bpf_map *map, __u32 def_id, bool is_inner);

/* __array(values, struct inner): an array of pointers to the inner map's definition. */
static int parse_btf_map_values(struct bpf_map *map, const struct btf_member *m)
{
	const struct btf *btf = &map->obj->btf;
	const struct btf_type *t = btf__skip_mods(btf, m->type, NULL), *p;
	__u32 def_id;

	p = t && btf_kind(t) == BTF_KIND_ARRAY
		    ? btf__skip_mods(btf, ((const struct btf_array *)(t + 1))->type, NULL)
		    : NULL;
	if (map->value_size && map->value_size != 4) {
		pr_warn("map '%s': conflicting value size %u != 4.\n", map->name, map->value_size);
		return -EINVAL;
	}
	map->value_size = 4; /* an fd: of the inner map or the program */
	map->has_values = true;
	map->values_off = m->offset / 8;
	if (map->type == BPF_MAP_TYPE_PROG_ARRAY) {
		const struct btf_type *fn = p && btf_kind(p) == BTF_KIND_PTR
						    ? btf__skip_mods(btf, p->size_or_type, NULL)
						    : NULL;

		if (!fn || btf_kind(fn) != BTF_KIND_FUNC_PROTO) {
			pr_warn("map '%s': prog-array value def is not an array of function pointers.\n",
				map->name);
			return -EINVAL;
		}
		return 0;
	}
	if (map->type != BPF_MAP_TYPE_ARRAY_OF_MAPS && map->type != BPF_MAP_TYPE_HASH_OF_MAPS) {
		pr_warn("map '%s': should be map-in-map or prog-array to have 'values'.\n",
			map->name);
		return -ENOTSUP;
	}
	if (!p || btf_kind(p) != BTF_KIND_PTR || !btf__skip_mods(btf, p->size_or_type, &def_id) ||
	    btf_kind(btf__type_by_id(btf, def_id)) != BTF_KIND_STRUCT) {
		pr_warn("map '%s': map-in-map inner spec is not an array of pointers to a struct.\n",
			map->name);
		return -EINVAL;
	}
	if (map->inner) {
		pr_warn("map '%s': multiple 'values' specs.\n", map->name);
		return -EINVAL;
	}
	map->inner = calloc(1, sizeof(*map->inner));
	if (!map->inner)
		return -ENOMEM;
	map->inner->obj = map->obj;
	map->inner->fd = -1;
	map->inner->name = malloc(strlen(map->name) + sizeof(".inner"));
	if (!map->inner->name)
		return -ENOMEM;
	sprintf(map->inner->name, "%s.inner", map->name);
	return parse_btf_map_def(map->inner, def_id, true);
}

/* One member of a BTF map definition, by its name. */
static int parse_btf_map_member(struct bpf_map *map, const struct btf_member *m, bool is_inner)
{
	const struct btf *btf = &map->obj->btf;
	const char *name = btf__name_by_offset(btf, m->name_off);
	__u32 pinning;
	int err;

	if (!strcmp(name, "type"))
		return get_map_field_int(map->name, btf, m, &map->type);
	if (!strcmp(name, "max_entries"))
		return get_map_field_int(map->name, btf, m, &map->max_entries);
	if (!strcmp(name, "map_flags"))
		return get_map_field_int(map->name, btf, m, &map->map_flags);
	if (!strcmp(name, "numa_node"))
		return get_map_field_int(map->name, btf, m, &map->numa_node);
	if (!strcmp(name, "key_size") || !strcmp(name, "value_size")) {
		__u32 sz, *dst = name[0] == 'k' ? &map->key_size : &map->value_size;

		err = get_map_field_int(map->name, btf, m, &sz);
		if (!err && *dst && *dst != sz) {
			pr_warn("map '%s': conflicting %s %u != %u.\n", map->name, name, *dst, sz);
			return -EINVAL;
		}
		*dst = sz;
		return err;
	}
	if (!strcmp(name, "key"))
		return get_map_field_type_size(map->name, btf, m, &map->key_size,
					       &map->btf_key_type_id);
	if (!strcmp(name, "value"))
		return get_map_field_type_size(map->name, btf, m, &map->value_size,
					       &map->btf_value_type_id);
	if (!strcmp(name, "values") && !is_inner)
		return parse_btf_map_values(map, m);
	if (!strcmp(name, "pinning") && !is_inner) {
		err = get_map_field_int(map->name, btf, m, &pinning);
		if (!err && pinning != LIBBPF_PIN_NONE && pinning != LIBBPF_PIN_BY_NAME) {
			pr_warn("map '%s': invalid pinning value %u.\n", map->name, pinning);
			return -EINVAL;
		}
		map->pinning = pinning;
		return err;
	}
	if (map->obj->relaxed_maps) {
		pr_debug("map '%s': ignoring unknown field '%s'.\n", map->name, name);
		return 0;
	}
	pr_warn("map '%s': unknown field '%s'.\n", map->name, name);
	return -ENOTSUP;
}

/*
 * The struct type def_id of a BTF map definition, member by member; `values`
 * last, since what it means depends on the map's type wherever that is declared.
 */
static int parse_btf_map_def(struct bpf_map *map, __u32 def_id, bool is_inner)
{
	const struct btf *btf = &map->obj->btf;
	const struct btf_type *def = btf__type_by_id(btf, def_id);
	const struct btf_member *m = (const struct btf_member *)(def + 1);
	unsigned int pass, i;
	int err;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < btf_vlen(def); i++) {
			bool values = !strcmp(btf__name_by_offset(btf, m[i].name_off), "values");

			if (values != (pass == 1))
				continue;
			err = parse_btf_map_member(map, &m[i], is_inner);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The symbol of .maps named name (clang leaves DATASEC offsets for the loader to find). */
static const Elf64_Sym *find_map_sym(const struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 0; i < obj->elf.nsyms; i++) {
		const Elf64_Sym *sym = &obj->elf.syms[i];

		if (sym->st_shndx == obj->maps_idx && ELF64_ST_TYPE(sym->st_info) != STT_SECTION &&
		    !strcmp(elf_sym_name(&obj->elf, sym), name))
			return sym;
	}
	return NULL;
}

/* .maps: every variable of its DATASEC is a map, defined at its symbol's offset. */
static int init_btf_maps(struct bpf_object *obj)
{
	const struct elf_sec *sec = &obj->elf.secs[obj->maps_idx];
	const struct btf_type *ds;
	const struct btf_var_secinfo *vi;
	unsigned int i;
	int id;

	id = obj->has_btf ? btf__find_datasec(&obj->btf, ".maps") : -ENOENT;
	if (id < 0) {
		pr_warn("elf: section '.maps' needs BTF with a DATASEC '.maps' describing it\n");
		return -EINVAL;
	}
	ds = btf__type_by_id(&obj->btf, (__u32)id);
	vi = (const struct btf_var_secinfo *)(ds + 1);
	for (i = 0; i < btf_vlen(ds); i++) {
		const struct btf_type *var = btf__type_by_id(&obj->btf, vi[i].type), *def;
		const Elf64_Sym *sym;
		const char *name;
		struct bpf_map *map;
		__u32 def_id;
		int err;

		if (!var || btf_kind(var) != BTF_KIND_VAR) {
			pr_warn("map #%u: unexpected non-VAR type [%u].\n", i, vi[i].type);
			return -EINVAL;
		}
		name = btf__name_by_offset(&obj->btf, var->name_off);
		def = btf__skip_mods(&obj->btf, var->size_or_type, &def_id);
		if (!def || btf_kind(def) != BTF_KIND_STRUCT) {
			pr_warn("map '%s': unexpected def kind %u.\n", name,
				def ? btf_kind(def) : 0);
			return -EINVAL;
		}
		sym = find_map_sym(obj, name);
		if (!sym || sym->st_value > sec->size || sym->st_size > sec->size - sym->st_value) {
			pr_warn("map '%s': no symbol for it inside section '.maps'\n", name);
			return -EINVAL;
		}
		map = add_map(obj, name, obj->maps_idx, sym->st_value);
		if (!map)
			return -ENOMEM;
		map->sec_size = sym->st_size;
		err = parse_btf_map_def(map, def_id, false);
		if (err)
			return err;
	}
	return 0;
}

/* libbpf's internal map name: "<obj prefix><.section>", kernel-safe characters only. */
static void internal_map_name(const struct bpf_object *obj, const char *sec_name, char *buf)
{
	size_t sfx = strlen(sec_name), pfx = strlen(obj->name);
	char *p;

	if (sfx > BPF_OBJ_NAME_LEN - 1)
		sfx = BPF_OBJ_NAME_LEN - 1;
	if (strchr(sec_name + 1, '.'))
		pfx = 0; /* custom sections (.data.foo, .rodata.str1.1) keep their own name */
	else if (pfx > BPF_OBJ_NAME_LEN - 1 - sfx)
		pfx = BPF_OBJ_NAME_LEN - 1 - sfx;
	snprintf(buf, BPF_OBJ_NAME_LEN, "%.*s%.*s", (int)pfx, obj->name, (int)sfx, sec_name);
	for (p = buf; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.')
			*p = '_';
	}
}

/* Which global data a section holds, or LIBBPF_MAP_UNSPEC if none. */
static enum libbpf_map_kind data_sec_kind(const struct elf_sec *sec)
{
	static const struct {
		const char *name;
		enum libbpf_map_kind kind;
		__u32 type;
	} kinds[] = { { ".data", LIBBPF_MAP_DATA, SHT_PROGBITS },
		      { ".rodata", LIBBPF_MAP_RODATA, SHT_PROGBITS },
		      { ".bss", LIBBPF_MAP_BSS, SHT_NOBITS } };
	size_t i, n;

	if (sec->size == 0 || (sec->shdr->sh_flags & SHF_EXECINSTR))
		return LIBBPF_MAP_UNSPEC;
	for (i = 0; i < 3; i++) {
		n = strlen(kinds[i].name);
		if (sec->shdr->sh_type == kinds[i].type && !strncmp(sec->name, kinds[i].name, n) &&
		    (sec->name[n] == '\0' || sec->name[n] == '.'))
			return kinds[i].kind;
	}
	return LIBBPF_MAP_UNSPEC;
}

/* Global data: one single-element array map per data section, its value the section. */
static int init_global_data_maps(struct bpf_object *obj)
{
	char name[BPF_OBJ_NAME_LEN];
	size_t i;

	for (i = 1; i < obj->elf.nsecs; i++) {
		const struct elf_sec *sec = &obj->elf.secs[i];
		enum libbpf_map_kind kind = data_sec_kind(sec);
		struct bpf_map *map;

		if (kind == LIBBPF_MAP_UNSPEC)
			continue;
		if (sec->size > GLOBAL_DATA_MAX) {
			pr_warn("map '%s': %zu bytes of global data are more than any kernel takes\n",
				sec->name, sec->size);
			return -E2BIG;
		}
		internal_map_name(obj, sec->name, name);
		map = add_map(obj, name, (int)i, 0);
		if (!map)
			return -ENOMEM;
		map->kind = kind;
		map->type = BPF_MAP_TYPE_ARRAY;
		map->key_size = 4;
		map->value_size = (__u32)sec->size;
		map->max_entries = 1;
		map->map_flags = kind == LIBBPF_MAP_RODATA ? BPF_F_RDONLY_PROG : 0;
		if (obj->has_btf) { /* keyless, its value the section's DATASEC (if any) */
			int id = btf__find_datasec(&obj->btf, sec->name);

			map->btf_value_type_id = id > 0 ? (__u32)id : 0;
		}
		map->mmaped = calloc(1, sec->size);
		if (!map->mmaped)
			return -ENOMEM;
		if (sec->data)
			memcpy(map->mmaped, sec->data, sec->size);
		pr_debug("map '%s' (global data): at sec_idx %zu, size %zu, flags 0x%x\n", name, i,
			 sec->size, map->map_flags);
	}
	return 0;
}

/* Pinned maps get their path: <pin root>/<name>. */
static int init_pin_paths(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];
		char path[256];

		if (map->pinning != LIBBPF_PIN_BY_NAME)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", obj->pin_root, map->name) >=
		    (int)sizeof(path)) {
			pr_warn("map '%s': pin path too long\n", map->name);
			return -ENAMETOOLONG;
		}
		if (bpf_map__set_pin_path(map, path))
			return -errno;
	}
	return 0;
}

/* The .maps map whose definition holds byte off of the section, or NULL. */
static struct bpf_map *map_holding(const struct bpf_object *obj, __u64 off)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		const struct bpf_map *m = &obj->maps[i];

		if (m->sec_idx == obj->maps_idx && off >= m->sec_off &&
		    off - m->sec_off < m->sec_size)
			return &obj->maps[i];
	}
	return NULL;
}

/* The program a prog-array slot names: the function at sym, loaded as a program. */
static struct bpf_program *prog_at(const struct bpf_object *obj, const Elf64_Sym *sym)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].sec_idx == sym->st_shndx &&
		    obj->progs[i].sec_insn_off * 8 == sym->st_value)
			return &obj->progs[i];
	}
	return NULL;
}

/* One .rel.maps entry: `.values = { [i] = &target }` of map-in-map or prog-array map. */
static int collect_map_relo(struct bpf_object *obj, const Elf64_Rel *rel)
{
	__u32 sym_idx = ELF64_R_SYM(rel->r_info);
	struct bpf_map *map = map_holding(obj, rel->r_offset);
	const Elf64_Sym *sym;
	void *target;
	__u64 slot;
	void **slots;

	if (sym_idx >= obj->elf.nsyms || !map || !map->has_values ||
	    rel->r_offset < map->sec_off + map->values_off ||
	    (rel->r_offset - map->sec_off - map->values_off) % 8) {
		pr_warn(".maps relo at offset %llu (symbol %u) is not inside any map's values\n",
			(unsigned long long)rel->r_offset, sym_idx);
		return -LIBBPF_ERRNO__RELOC;
	}
	sym = &obj->elf.syms[sym_idx];
	slot = (rel->r_offset - map->sec_off - map->values_off) / 8;
	if (slot >= map->max_entries) {
		pr_warn("map '%s' slot [%llu] is out of bounds (max_entries %u)\n", map->name,
			(unsigned long long)slot, map->max_entries);
		return -EINVAL;
	}
	if (map->type == BPF_MAP_TYPE_PROG_ARRAY)
		target = sym->st_shndx != SHN_UNDEF && sym->st_shndx < SHN_LORESERVE
				 ? prog_at(obj, sym)
				 : NULL;
	else
		target = sym->st_shndx == obj->maps_idx ? map_holding(obj, sym->st_value) : NULL;
	if (!target) {
		pr_warn("map '%s': slot [%llu] names '%s', which is not a %s of this object\n",
			map->name, (unsigned long long)slot, elf_sym_name(&obj->elf, sym),
			map->type == BPF_MAP_TYPE_PROG_ARRAY ? "program" : "map");
		return -LIBBPF_ERRNO__RELOC;
	}
	if (slot >= map->nr_init_slots) {
		slots = realloc(map->init_slots, (slot + 1) * sizeof(*slots));
		if (!slots)
			return -ENOMEM;
		memset(slots + map->nr_init_slots, 0,
		       (slot + 1 - map->nr_init_slots) * sizeof(*slots));
		map->init_slots = slots;
		map->nr_init_slots = slot + 1;
	}
	map->init_slots[slot] = target;
	return 0;
}

/* .rel.maps: the initial slots of maps declared with __array(values, ...). */
static int collect_map_relos(struct bpf_object *obj)
{
	const struct elf_sec *rs = obj->maps_relsec;
	size_t i, n = rs && obj->maps_idx ? rs->size / sizeof(Elf64_Rel) : 0;
	int err;

	for (i = 0; i < n; i++) {
		err = collect_map_relo(obj, (const Elf64_Rel *)rs->data + i);
		if (err)
			return err;
	}
	return 0;
}

/* bpf_object__init_maps: every map of the object, in libbpf's order. */
int bpf_object__init_maps(struct bpf_object *obj)
{
	int err = 0;

	if (obj->legacy_maps_idx)
		err = init_legacy_maps(obj);
	if (!err && obj->maps_idx)
		err = init_btf_maps(obj);
	if (!err)
		err = init_global_data_maps(obj);
	if (!err)
		err = init_pin_paths(obj);
	if (!err)
		err = collect_map_relos(obj);
	return err;
}

/* The map whose definition is at (sec_idx, off), or NULL. */
struct bpf_map *bpf_object__map_at(const struct bpf_object *obj, int sec_idx, size_t off)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		if (obj->maps[i].sec_idx == sec_idx &&
		    (obj->maps[i].kind != LIBBPF_MAP_UNSPEC || obj->maps[i].sec_off == off))
			return &obj->maps[i];
	}
	return NULL;
}

/* A pinned map at map's pin path is reused only if it has map's definition. */
static int reuse_pinned_map(struct bpf_map *map)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	int fd = bpf_obj_get(map->pin_path);

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		pr_warn("map '%s': couldn't retrieve pinned map at '%s': %d\n", map->name,
			map->pin_path, -errno);
		return -errno;
	}
	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(fd, &info, &len) || info.type != map->type ||
	    info.key_size != map->key_size || info.value_size != map->value_size ||
	    info.max_entries != map->max_entries || info.map_flags != map->map_flags) {
		pr_warn("map '%s': couldn't reuse pinned map at '%s': parameter mismatch\n",
			map->name, map->pin_path);
		bpf_object_close_fd(fd);
		return -EINVAL;
	}
	map->fd = fd;
	map->pinned = true;
	return 0;
}

/* Map types whose creation libbpf never gives BTF (their values are fds or none). */
static bool map_type_takes_btf(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_STACK_TRACE:
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_CPUMAP:
	case BPF_MAP_TYPE_XSKMAP:
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		return false;
	default:
		return true;
	}
}

/*
 * Creates one map (and its inner template, closed again once the outer
 * holds it), with the object's BTF for its key and value types when it has
 * them; a kernel that refuses those gets the map again without (libbpf's
 * "Retrying without BTF").
 */
static int create_map(struct bpf_map *map)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = map->map_flags,
		    .numa_node = map->numa_node, .map_extra = map->map_extra);
	int err;

	if (map->inner) {
		err = create_map(map->inner);
		if (err)
			return err;
		opts.inner_map_fd = (__u32)map->inner->fd;
	}
	if (map->obj->btf_fd >= 0 && map->btf_value_type_id && map_type_takes_btf(map->type)) {
		opts.btf_fd = (__u32)map->obj->btf_fd;
		opts.btf_key_type_id = map->btf_key_type_id;
		opts.btf_value_type_id = map->btf_value_type_id;
	}
	map->fd = bpf_map_create(map->type, map->name, map->key_size, map->value_size,
				 map->max_entries, &opts);
	if (map->fd < 0 && opts.btf_value_type_id) {
		err = -errno;
		pr_warn("Error in bpf_create_map_xattr(%s):%s(%d). Retrying without BTF.\n",
			map->name, strerror(-err), err);
		opts.btf_fd = opts.btf_key_type_id = opts.btf_value_type_id = 0;
		map->fd = bpf_map_create(map->type, map->name, map->key_size, map->value_size,
					 map->max_entries, &opts);
	}
	err = map->fd < 0 ? -errno : 0;
	if (map->inner) {
		bpf_object_close_fd(map->inner->fd);
		map->inner->fd = -1;
	}
	if (err)
		pr_warn("map '%s': failed to create: %s(%d)\n", map->name, strerror(-err), err);
	return err;
}

/* Global data: element 0 takes the section's bytes; .rodata is then frozen. */
static int populate_internal_map(struct bpf_map *map)
{
	__u32 zero = 0;

	if (bpf_map_update_elem(map->fd, &zero, map->mmaped, 0) < 0) {
		pr_warn("map '%s': failed to set initial contents: %d\n", map->name, -errno);
		return -errno;
	}
	if (map->kind == LIBBPF_MAP_RODATA && bpf_map_freeze(map->fd) < 0) {
		pr_warn("map '%s': failed to freeze as read-only: %d\n", map->name, -errno);
		return -errno;
	}
	return 0;
}

/* Slot i of map gets fd (an inner map's or a program's). */
static int init_slot(struct bpf_map *map, __u32 i, int fd, const char *what)
{
	if (bpf_map_update_elem(map->fd, &i, &fd, 0) < 0) {
		pr_warn("map '%s': failed to initialize slot [%u] to %s: %d\n", map->name, i, what,
			-errno);
		return -errno;
	}
	return 0;
}

/* Maps of maps: the inner maps `.values = { ... }` names, once every map exists. */
static int init_map_in_map_slots(struct bpf_object *obj)
{
	size_t i, k;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (map->type == BPF_MAP_TYPE_PROG_ARRAY || map->pinned)
			continue;
		for (k = 0; k < map->nr_init_slots; k++) {
			const struct bpf_map *inner = map->init_slots[k];

			err = inner ? init_slot(map, (__u32)k, inner->fd, inner->name) : 0;
			if (err)
				return err;
		}
	}
	return 0;
}

/* bpf_object__init_prog_arrays: prog arrays get the loaded programs their slots name. */
int bpf_object__init_prog_arrays(struct bpf_object *obj)
{
	size_t i, k;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (map->type != BPF_MAP_TYPE_PROG_ARRAY)
			continue;
		for (k = 0; k < map->nr_init_slots; k++) {
			const struct bpf_program *prog = map->init_slots[k];

			if (!prog || prog->fd < 0) /* not loaded (autoload off): left empty */
				continue;
			err = init_slot(map, (__u32)k, prog->fd, prog->name);
			if (err)
				return err;
		}
	}
	return 0;
}

/* bpf_object__create_maps: every map, reused from its pin or created (and pinned). */
int bpf_object__create_maps(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (map->pin_path) {
			err = reuse_pinned_map(map);
			if (err)
				return err;
			if (map->fd >= 0)
				continue;
		}
		err = create_map(map);
		if (!err && map->kind != LIBBPF_MAP_UNSPEC)
			err = populate_internal_map(map);
		if (!err && map->pin_path) {
			if (bpf_obj_pin(map->fd, map->pin_path) < 0) {
				err = -errno;
				pr_warn("map '%s': failed to pin at '%s': %d\n", map->name,
					map->pin_path, err);
			}
			map->pinned = !err;
		}
		if (err)
			return err;
	}
	return init_map_in_map_slots(obj);
}

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 0; obj && name && i < obj->nr_maps; i++) {
		if (!strcmp(obj->maps[i].name, name))
			return &obj->maps[i];
	}
	errno = ENOENT;
	return NULL;
}

int bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	return map ? bpf_map__fd(map) : -ENOENT;
}

struct bpf_map *bpf_object__next_map(const struct bpf_object *obj, const struct bpf_map *map)
{
	size_t next = map ? (size_t)(map - obj->maps) + 1 : 0;

	if (!obj || next >= obj->nr_maps)
		return NULL;
	return &obj->maps[next];
}

int bpf_map__fd(const struct bpf_map *map)
{
	if (!map || map->fd < 0) {
		errno = EINVAL;
		return -EINVAL;
	}
	return map->fd;
}

const char *bpf_map__name(const struct bpf_map *map)
{
	return map->name;
}

enum bpf_map_type bpf_map__type(const struct bpf_map *map)
{
	return map->type;
}

__u32 bpf_map__key_size(const struct bpf_map *map)
{
	return map->key_size;
}

__u32 bpf_map__value_size(const struct bpf_map *map)
{
	return map->value_size;
}

__u32 bpf_map__max_entries(const struct bpf_map *map)
{
	return map->max_entries;
}

__u32 bpf_map__map_flags(const struct bpf_map *map)
{
	return map->map_flags;
}

bool bpf_map__is_internal(const struct bpf_map *map)
{
	return map->kind != LIBBPF_MAP_UNSPEC;
}

void *bpf_map__initial_value(struct bpf_map *map, size_t *psize)
{
	if (!map->mmaped)
		return NULL;
	if (psize)
		*psize = map->value_size;
	return map->mmaped;
}

const char *bpf_map__pin_path(const struct bpf_map *map)
{
	return map->pin_path;
}

int bpf_map__set_pin_path(struct bpf_map *map, const char *path)
{
	char *copy = path ? strdup(path) : NULL;

	if (path && !copy) {
		errno = ENOMEM;
		return -ENOMEM;
	}
	free(map->pin_path);
	map->pin_path = copy;
	return 0;
}

bool bpf_map__is_pinned(const struct bpf_map *map)
{
	return map->pinned;
}
