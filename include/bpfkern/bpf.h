/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel view of BPF programs and maps (Linux: include/linux/bpf.h and
 * include/linux/filter.h). Portable: built into the kernel and the host tools.
 */
#ifndef BPFKERN_BPF_H
#define BPFKERN_BPF_H

#include <bpfkern/kernel.h>
#include <linux/bpf.h>

#define MAX_BPF_STACK 512
#define MAX_CALL_FRAMES 8
#define MAX_TAIL_CALL_CNT 33
#define BPF_COMPLEXITY_LIMIT_INSNS 1000000
#define BPF_TAG_SIZE 8
#define BPF_OBJ_NAME_LEN 16U

/* Internal opcode: bpf_tail_call after fixup, as Linux's BPF_TAIL_CALL. */
#define BPF_TAIL_CALL 0xf0

/*
 * Register numbers past r10 used only inside the runtime: the auxiliary
 * register of constant blinding (Linux: BPF_REG_AX).
 */
#define BPF_REG_AX MAX_BPF_REG
#define MAX_BPF_EXT_REG (MAX_BPF_REG + 1)

/*
 * Helpers: bpf_func_protos[], implementation and prototype by enum
 * bpf_func_id. A call instruction keeps the helper id in imm; the
 * interpreter indexes the table, the JIT emits a direct call to the
 * implementation it finds at compile time.
 */
#include <bpfkern/helpers.h>

struct bpf_map;
struct bpf_prog;

struct bpf_map_ops {
	struct bpf_map *(*map_alloc)(const union bpf_attr *attr);
	void (*map_free)(struct bpf_map *map);
	int (*map_get_next_key)(struct bpf_map *map, const void *key, void *next_key);
	void *(*map_lookup_elem)(struct bpf_map *map, const void *key);
	long (*map_update_elem)(struct bpf_map *map, const void *key, const void *value, u64 flags);
	long (*map_delete_elem)(struct bpf_map *map, const void *key);
	/* BPF_PSEUDO_MAP_VALUE: *imm = address of byte off of the map's value (arrays only). */
	int (*map_direct_value_addr)(const struct bpf_map *map, u64 *imm, u32 off);
	/* Attribute checks of BPF_MAP_CREATE, before map_alloc (optional). */
	int (*map_alloc_check)(const union bpf_attr *attr);
	/* QUEUE/STACK (and BPF_MAP_LOOKUP_AND_DELETE_ELEM's pop): 0 or -errno. */
	long (*map_push_elem)(struct bpf_map *map, const void *value, u64 flags);
	long (*map_pop_elem)(struct bpf_map *map, void *value);
	long (*map_peek_elem)(struct bpf_map *map, void *value);
	/* Maps of maps: may inner_map stand where meta (the template) stands? */
	bool (*map_meta_equal)(const struct bpf_map *meta, const struct bpf_map *inner);
	/* Bytes of memory the map uses now (bpftool's memlock figure). */
	u64 (*map_mem_usage)(const struct bpf_map *map);
	/*
	 * BPF_MAP_LOOKUP_BATCH / _AND_DELETE_BATCH when the type walks its own
	 * way (HASH: by bucket); uattr is the user's attr, for count and
	 * out_batch. Optional: without them syscall.c walks keys.
	 */
	int (*map_lookup_batch)(struct bpf_map *map, const union bpf_attr *attr,
				union bpf_attr *uattr);
	int (*map_lookup_and_delete_batch)(struct bpf_map *map, const union bpf_attr *attr,
					   union bpf_attr *uattr);
	/*
	 * Inline lookup (Linux's map_gen_lookup): writes the BPF instructions
	 * that compute map_lookup_elem(r1 = map, r2 = key) into r0 without a
	 * call into insn_buf and returns how many (at most 8), or -EOPNOTSUPP.
	 * The verifier's fixup pass splices them in place of the helper call.
	 */
	int (*map_gen_lookup)(struct bpf_map *map, struct bpf_insn *insn_buf);
	/*
	 * mmap(2) of the map's fd (Linux's map_mmap; kernel/mmap.c): may pages
	 * [pgoff, pgoff + nr_pages) of the map's user view be mapped, writable
	 * if write? 0, or -EINVAL (not mmap-able, out of range), -EPERM (a
	 * read-only part asked writable). map_mmap_page is the kernel address
	 * of page pgoff of that view (page-aligned, from the page allocator).
	 */
	int (*map_mmap)(struct bpf_map *map, u64 pgoff, u64 nr_pages, bool write);
	void *(*map_mmap_page)(struct bpf_map *map, u64 pgoff);
	/*
	 * poll(2) on the map's fd (Linux's map_poll; kernel/poll.c): the ready
	 * events (POLLIN | POLLRDNORM when there is data to read) and, in
	 * *wake_seq, a count that grows whenever a waiter is to be woken.
	 */
	u32 (*map_poll)(struct bpf_map *map, u64 *wake_seq);
	/*
	 * bpf_for_each_map_elem (Linux's map_for_each_callback): calls
	 * bpf_callback_call(callback_fn, map, &key, &value, callback_ctx, 0)
	 * for each element (this CPU's value for per-CPU maps) until one call
	 * returns non-zero; returns the number of calls, or -EINVAL for flags.
	 */
	long (*map_for_each_callback)(struct bpf_map *map, bpf_callback_t callback_fn,
				      void *callback_ctx, u64 flags);
};

struct bpf_map {
	const struct bpf_map_ops *ops;
	enum bpf_map_type map_type;
	u32 key_size;
	u32 value_size;
	u32 max_entries;
	u32 map_flags;
	u32 id;
	int refcnt;
	int usercnt; /* of refcnt, those from user space (fds, pins): syscall.c */
	bool frozen; /* BPF_MAP_FREEZE: no more writes from the syscall side */
	int writecnt; /* writable user mappings (kernel/mmap.c): BPF_MAP_FREEZE is -EBUSY then */
	char name[BPF_OBJ_NAME_LEN];
	/* Maps of maps: the template every inner map must match (map_in_map.c). */
	struct bpf_map *inner_map_meta;
	/* BTF of key and value when the creator gave it (syscall.c, kernel/bpf/btf.c). */
	struct btf *btf;
	u32 btf_key_type_id;
	u32 btf_value_type_id;
	int spin_lock_off; /* byte offset of the value's struct bpf_spin_lock; -1: none */
};

/* Copies the BPF_MAP_CREATE attributes every map keeps into its header. */
static inline void bpf_map_init_from_attr(struct bpf_map *map, const union bpf_attr *attr)
{
	map->map_type = attr->map_type;
	map->key_size = attr->key_size;
	map->value_size = attr->value_size;
	map->max_entries = attr->max_entries;
	/* BPF_F_RDONLY/WRONLY describe the creating fd, not the map (bpf_map_flags_retain_permanent) */
	map->map_flags = attr->map_flags & ~(BPF_F_RDONLY | BPF_F_WRONLY);
	map->refcnt = 1;
	map->spin_lock_off = -1;
	__builtin_memcpy(map->name, attr->map_name, sizeof(map->name));
	map->name[sizeof(map->name) - 1] = 0;
}

/*
 * Array maps (and PROG_ARRAY, whose values are program pointers) keep their
 * elements inline after the header so that lookups and tail calls are one
 * bounds check and one indexed load; the JIT depends on this layout.
 */
struct bpf_array {
	struct bpf_map map;
	u32 elem_size;
	u32 index_mask;
	union {
		char value[0] __aligned(8);
		void *ptrs[0] __aligned(8);
	};
};

/* kernel/bpf/hashtab.c */
extern const struct bpf_map_ops htab_map_ops;
extern const struct bpf_map_ops htab_percpu_map_ops;
extern const struct bpf_map_ops htab_lru_map_ops;
extern const struct bpf_map_ops htab_lru_percpu_map_ops;

/* kernel/bpf/arraymap.c */
extern const struct bpf_map_ops array_map_ops;
extern const struct bpf_map_ops prog_array_map_ops;
/* Puts prog (or NULL) in slot index of a PROG_ARRAY; 0, -EINVAL or -E2BIG. */
int bpf_prog_array_set(struct bpf_map *map, u32 index, struct bpf_prog *prog);
/* Shared with percpu_array.c: ARRAY's attribute checks and iteration order. */
int array_map_alloc_check(const union bpf_attr *attr);
int array_map_get_next_key(struct bpf_map *map, const void *key, void *next_key);
long array_map_for_each_callback(struct bpf_map *map, bpf_callback_t callback_fn,
				 void *callback_ctx, u64 flags);

/*
 * The map family of kernel/bpf/{percpu_array,lpm_trie,queue_stack_maps,
 * ringbuf,devmap,map_in_map}.c (docs/maps.md); their helpers are in
 * map_helpers.c, the per-CPU and ringbuf syscall paths in <bpfkern/bpf_maps.h>.
 */
extern const struct bpf_map_ops percpu_array_map_ops;
extern const struct bpf_map_ops trie_map_ops;
extern const struct bpf_map_ops queue_map_ops;
extern const struct bpf_map_ops stack_map_ops;
extern const struct bpf_map_ops ringbuf_map_ops;
extern const struct bpf_map_ops dev_map_ops;
extern const struct bpf_map_ops dev_map_hash_ops;
extern const struct bpf_map_ops array_of_maps_map_ops;
/* The generic map_meta_equal: same type, sizes and flags (Linux's bpf_map_meta_equal). */
bool bpf_map_meta_equal(const struct bpf_map *meta, const struct bpf_map *inner);

struct bpf_prog_aux {
	u32 id;
	u32 stack_depth; /* bytes of stack the main program uses, <= MAX_BPF_STACK */
	u32 used_map_cnt;
	struct bpf_map **used_maps;
	char name[BPF_OBJ_NAME_LEN];
	void *jit_data; /* the JIT's private state while compiling */
	/* kernel/bpf/syscall.c: references (fds, pins, links) and what info reports. */
	int refcnt;
	u64 load_time; /* ktime_get_ns() at load */
	u32 verified_insns;
	u64 run_cnt; /* runs counted while BPF_ENABLE_STATS holds */
	u64 run_time_ns;
	/* PROG_LOAD's BTF (prog_btf_fd) and its func_info / line_info (kernel/bpf/btf.c). */
	struct btf *btf;
	struct bpf_func_info *func_info;
	u32 func_info_cnt;
	struct bpf_line_info *linfo;
	u32 nr_linfo;
	/*
	 * The verifier's record of the loads/stores through a context pointer
	 * (ascending insn indexes, kvmalloc'd; Linux keeps it in
	 * insn_aux_data): the load path rewrites exactly these (load.c).
	 * Patching moves them with their instructions (patch.c).
	 */
	u32 *ctx_access_insns;
	u32 ctx_access_cnt;
};

/*
 * A loaded program. bpf_func is what every caller runs: the JIT image when
 * jited, else the interpreter's entry. insnsi holds len instructions.
 */
struct bpf_prog {
	u32 len;
	u32 jited_len;
	enum bpf_prog_type type;
	u16 jited : 1, jit_requested : 1, blinding_requested : 1, blinded : 1, gpl_compatible : 1;
	u8 tag[BPF_TAG_SIZE];
	u64 (*bpf_func)(const void *ctx, const struct bpf_insn *insn);
	struct bpf_prog_aux *aux;
	struct bpf_insn *insnsi;
};

/* Run a program on ctx; returns the full 64-bit r0. */
static inline u64 bpf_prog_run(const struct bpf_prog *prog, const void *ctx)
{
	return prog->bpf_func(ctx, prog->insnsi);
}

/* kernel/bpf/core.c */
/* A zeroed program of insn_cnt instructions, set to run in the interpreter; NULL on failure. */
struct bpf_prog *bpf_prog_alloc(u32 insn_cnt);
/* Frees prog, its JIT image, aux and insnsi (not the maps it uses). NULL is a no-op. */
void bpf_prog_free(struct bpf_prog *prog);
/*
 * Picks how prog runs: the JIT when prog->jit_requested and
 * bpf_int_jit_compile() succeeds, else the interpreter (never an error:
 * *err is 0). Returns the program to use from now on.
 */
struct bpf_prog *bpf_prog_select_runtime(struct bpf_prog *prog, int *err);
/* Whether new programs ask for the JIT by default (Linux's bpf_jit_enable). */
bool bpf_jit_enabled(void);
/* The interpreter: prog->bpf_func of every program that is not jited. */
u64 __bpf_prog_run(const void *ctx, const struct bpf_insn *insn);
/*
 * Runs prog with r1 = mem and r2 = len (the conformance suite's convention)
 * in whichever runtime it has. A JIT image is called as
 * bpf_func(mem, (const struct bpf_insn *)len): the JIT's r2 is the second
 * argument register, so the JIT must leave it untouched in its prologue.
 */
u64 bpf_prog_run_raw(const struct bpf_prog *prog, void *mem, u64 len);
/* kernel/bpf/tag.c: prog->tag = SHA-256 of the insns, map fds zeroed (Linux 6.18's tag). */
void bpf_prog_calc_tag(struct bpf_prog *prog);
/* True for every opcode byte the ISA (and the interpreter) defines, BPF_TAIL_CALL included. */
bool bpf_opcode_in_insntable(u8 code);

/*
 * kernel/bpf/blind.c: constant blinding of insns[0 .. len) through
 * BPF_REG_AX; *out (kvfree it) gets *out_len instructions. 0 or -errno.
 */
int bpf_jit_blind_constants(const struct bpf_insn *insns, u32 len, struct bpf_insn **out,
			    u32 *out_len);
/*
 * Whether a program loaded with (bpf_capable) or without privilege gets
 * blinded: the load path sets prog->blinding_requested from it. Policy in
 * bpf_jit_harden as Linux's sysctl: 0 never, 1 unprivileged (default), 2 always.
 */
extern int bpf_jit_harden;
bool bpf_jit_blinding_enabled(bool bpf_capable);

/* arch/x86_64/bpf_jit.c: returns prog, jited on success, untouched on failure. */
struct bpf_prog *bpf_int_jit_compile(struct bpf_prog *prog);
void bpf_jit_free(struct bpf_prog *prog);

#endif
