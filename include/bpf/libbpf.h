/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfkern's object loader: the part of libbpf's <bpf/libbpf.h> that opens an
 * ELF object from `clang -target bpf -O2 -g`, creates its maps (BTF-defined
 * .maps, the legacy maps section, global data), relocates and loads its
 * programs. Same names, signatures and return conventions as libbpf 1.x:
 * constructors return NULL with errno set, the others a negative errno.
 * Built for the host (bpfrun, tests) and for bpfkern's ring 3, over the
 * sys_bpf() backend of <bpf/bpf.h>.
 */
#ifndef __BPFKERN_LIBBPF_H
#define __BPFKERN_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <bpf/bpf.h>

/* libbpf's own error codes, beyond errno's (libbpf_common.h's values). */
enum libbpf_errno {
	LIBBPF_ERRNO__START = 4000,
	LIBBPF_ERRNO__LIBELF = LIBBPF_ERRNO__START,
	LIBBPF_ERRNO__FORMAT, /* BPF object format invalid */
	LIBBPF_ERRNO__KVERSION, /* incorrect or no 'version' section */
	LIBBPF_ERRNO__ENDIAN, /* endian mismatch */
	LIBBPF_ERRNO__INTERNAL, /* internal error in libbpf */
	LIBBPF_ERRNO__RELOC, /* relocation failed */
	LIBBPF_ERRNO__LOAD, /* load program failure for unknown reason */
	LIBBPF_ERRNO__VERIFY, /* kernel verifier blocks program loading */
	LIBBPF_ERRNO__PROG2BIG, /* program too big */
	LIBBPF_ERRNO__KVER, /* incorrect kernel version */
	LIBBPF_ERRNO__PROGTYPE, /* kernel doesn't support this program type */
	LIBBPF_ERRNO__WRNGPID, /* wrong pid in netlink message */
	LIBBPF_ERRNO__INVSEQ, /* invalid netlink sequence */
	LIBBPF_ERRNO__NLPARSE, /* netlink parsing error */
	__LIBBPF_ERRNO__END,
};

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level, const char *, va_list ap);

/* Sets the message printer (NULL: silence); returns the previous one. Default: WARN and INFO to stderr. */
libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn);

/* libbpf's pinning values for BTF-defined maps (__uint(pinning, LIBBPF_PIN_BY_NAME)). */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,
};

struct bpf_object;
struct bpf_program;
struct bpf_map;

struct bpf_object_open_opts {
	size_t sz;
	const char *object_name; /* default: the file's base name up to its first '.' */
	bool relaxed_maps; /* ignore unknown fields of BTF map definitions */
	const char *pin_root_path; /* default "/sys/fs/bpf" */
	size_t : 0;
};

struct bpf_object *bpf_object__open(const char *path);
struct bpf_object *bpf_object__open_file(const char *path, const struct bpf_object_open_opts *opts);
struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts);
int bpf_object__load(struct bpf_object *obj);
void bpf_object__close(struct bpf_object *obj);
const char *bpf_object__name(const struct bpf_object *obj);
unsigned int bpf_object__kversion(const struct bpf_object *obj);

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name);
struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prog);
#define bpf_object__for_each_program(pos, obj)                             \
	for ((pos) = bpf_object__next_program((obj), NULL); (pos) != NULL; \
	     (pos) = bpf_object__next_program((obj), (pos)))

const char *bpf_program__name(const struct bpf_program *prog);
const char *bpf_program__section_name(const struct bpf_program *prog);
int bpf_program__fd(const struct bpf_program *prog);
enum bpf_prog_type bpf_program__type(const struct bpf_program *prog);
enum bpf_attach_type bpf_program__expected_attach_type(const struct bpf_program *prog);
__u32 bpf_program__flags(const struct bpf_program *prog);
bool bpf_program__autoload(const struct bpf_program *prog);
int bpf_program__set_autoload(struct bpf_program *prog, bool autoload);
/* Instructions: as in the ELF section after open, relocated and linked after load. */
const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog);
size_t bpf_program__insn_cnt(const struct bpf_program *prog);
__u32 bpf_program__log_level(const struct bpf_program *prog);
int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level);
/* The verifier log of the last load (kept when the load failed or log_level was set). */
const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size);

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name);
int bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name);
struct bpf_map *bpf_object__next_map(const struct bpf_object *obj, const struct bpf_map *map);
#define bpf_object__for_each_map(pos, obj)                             \
	for ((pos) = bpf_object__next_map((obj), NULL); (pos) != NULL; \
	     (pos) = bpf_object__next_map((obj), (pos)))

int bpf_map__fd(const struct bpf_map *map);
const char *bpf_map__name(const struct bpf_map *map);
enum bpf_map_type bpf_map__type(const struct bpf_map *map);
__u32 bpf_map__key_size(const struct bpf_map *map);
__u32 bpf_map__value_size(const struct bpf_map *map);
__u32 bpf_map__max_entries(const struct bpf_map *map);
__u32 bpf_map__map_flags(const struct bpf_map *map);
/* Global data (.data, .rodata, .bss...): true; its initial bytes through initial_value. */
bool bpf_map__is_internal(const struct bpf_map *map);
void *bpf_map__initial_value(struct bpf_map *map, size_t *psize);
const char *bpf_map__pin_path(const struct bpf_map *map);
int bpf_map__set_pin_path(struct bpf_map *map, const char *path);
bool bpf_map__is_pinned(const struct bpf_map *map);

/* Text for err (negative or positive; errno values and libbpf's own); -ENOENT if unknown. */
int libbpf_strerror(int err, char *buf, size_t size);

/* A pointer result's error: 0 or -errno (libbpf 1.x: NULL and errno). */
long libbpf_get_error(const void *ptr);

/*
 * Ring buffer consumer (lib/bpf/ringbuf.c), libbpf's API: the rings of
 * RINGBUF maps mmap'd, records handed to sample_cb in order (a negative
 * return stops and is returned), poll(2) to wait. NULL / -errno with errno.
 */
struct ring_buffer;
typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);
struct ring_buffer_opts {
	size_t sz;
};
struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
				     const struct ring_buffer_opts *opts);
int ring_buffer__add(struct ring_buffer *rb, int map_fd, ring_buffer_sample_fn sample_cb,
		     void *ctx);
int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms);
int ring_buffer__consume(struct ring_buffer *rb);
void ring_buffer__free(struct ring_buffer *rb);

#endif
