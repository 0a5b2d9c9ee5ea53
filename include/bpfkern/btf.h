/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BTF in the kernel (kernel/bpf/btf.c; Linux: kernel/bpf/btf.c): the type
 * information a BPF object carries, loaded with BPF_BTF_LOAD, validated once
 * (header, strings, every type's record, references, sizes, no loops), then
 * read by map creation (key and value types, bpf_spin_lock) and program
 * loading (func_info, line_info, the verifier log's source lines).
 * docs/btf.md is the chapter. The fds and ids live in kernel/bpf/syscall.c.
 */
#ifndef BPFKERN_BTF_H
#define BPFKERN_BTF_H

#include <bpfkern/bpf.h>
#include <bpfkern/uaccess.h>
#include <linux/btf.h>

/* A validated BTF object. Types are read in place in data. */
struct btf {
	int refcnt; /* fds, maps and programs that use it (syscall.c) */
	u32 id;
	void *data; /* the blob as loaded, data_size bytes */
	u32 data_size;
	struct btf_header hdr;
	const struct btf_type **types; /* types[0] is void; ids 1 .. nr_types - 1 */
	u32 nr_types;
	const char *strings; /* hdr.str_len bytes, NUL first and last */
	u32 *resolved_ids; /* per type: what a modifier, pointer, array... resolves to */
	u32 *resolved_sizes;
	void *alloc; /* what kvfree takes (data may sit a few bytes in) */
};

/*
 * Linux's btf_parse: validates the blob of size bytes at user address data
 * and returns the BTF (refcnt 1, no id yet) or an ERR_PTR: -EINVAL malformed,
 * -ENOTSUPP unsupported version, flags or int encoding, -E2BIG too many
 * types / a non-zero header tail, -EEXIST a reference loop, -EFAULT, -ENOMEM,
 * -ENOSPC a log that did not fit. Why is written, in Linux's words, to the
 * user's log (log_level, log_ubuf, log_size, as the verifier's log);
 * *log_true_size gets the size the whole log needed.
 */
struct btf *btf_parse(const void __user *data, u32 size, u32 log_level, char __user *log_ubuf,
		      u32 log_size, u32 *log_true_size);
/* Frees a BTF whose last reference is gone (syscall.c counts them). */
void btf_free(struct btf *btf);

/* Type id's record, or NULL past the last id; id 0 is void (kind UNKN). */
const struct btf_type *btf_type_by_id(const struct btf *btf, u32 id);
/* The string at off, "(anon)" for 0, NULL when off is outside the strings. */
const char *btf_name_by_offset(const struct btf *btf, u32 off);
/* The string at off ("" for 0), or NULL outside the strings. */
const char *btf_str_by_offset(const struct btf *btf, u32 off);
/*
 * Linux's btf_type_id_size: the type *type_id names after modifiers, with
 * its size in *size (may be NULL); *type_id becomes that type's id. NULL
 * for types without a size (void, FWD, FUNC, FUNC_PROTO) and bad ids.
 */
const struct btf_type *btf_type_id_size(const struct btf *btf, u32 *type_id, u32 *size);
/*
 * The byte offset of the one `struct bpf_spin_lock` in a map value of type
 * t (a struct or a DATASEC): -ENOENT none, -E2BIG more than one, -EINVAL
 * misaligned (Linux: btf_find_spin_lock).
 */
int btf_find_spin_lock(const struct btf *btf, const struct btf_type *t);
/* Whether t is a FUNC whose prototype exists (func_info's records name these). */
bool btf_type_is_func(const struct btf_type *t);

/* What btf_prog_check_info reports besides its verdict. */
struct btf_prog_check {
	char msg[160]; /* Linux's verifier log line for a refusal, or "" */
	u32 func_rec_size; /* non-zero: the record size to tell the loader (-E2BIG) */
	u32 line_rec_size;
};

/*
 * PROG_LOAD's func_info and line_info against prog's instructions and
 * prog->aux->btf (set by the caller from prog_btf_fd), as Linux's
 * check_btf_func / check_btf_line: record sizes, offsets ascending, one
 * FUNC per subprogram at its start, line records inside the program with
 * their strings in the BTF and one at each subprogram's start. Fills
 * prog->aux->func_info / linfo (kvfree them, also on failure). 0 or
 * -EINVAL / -E2BIG / -EFAULT / -ENOMEM, c->msg saying why.
 */
int btf_prog_check_info(struct bpf_prog *prog, const union bpf_attr *attr,
			struct btf_prog_check *c);

#endif
