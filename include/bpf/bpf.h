/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpfkern's user library: libbpf's low-level API (tools/lib/bpf/bpf.h) with
 * the same names, signatures and option structures, so that code written
 * against libbpf's <bpf/bpf.h> builds against this one. Every function
 * returns what libbpf 1.x returns: the result (an fd, 0) on success, else a
 * negative errno, with errno set to the same positive value.
 *
 * All calls go through one backend, sys_bpf(), that behaves like the system
 * call (-1 and errno on failure): the real syscall(321) on Linux and in
 * bpfkern's ring 3, or the kernel's __sys_bpf called in-process in host tests.
 */
#ifndef __BPFKERN_LIB_BPF_H
#define __BPFKERN_LIB_BPF_H

#include <stddef.h>
#include <linux/bpf.h>

/* Declares and zero-fills an options struct with its size set: LIBBPF_OPTS(type, name, .x = 1). */
#define LIBBPF_OPTS(TYPE, NAME, ...)                                     \
	struct TYPE NAME = ({                                            \
		__builtin_memset(&NAME, 0, sizeof(struct TYPE));         \
		(struct TYPE){ .sz = sizeof(struct TYPE), __VA_ARGS__ }; \
	})
#define DECLARE_LIBBPF_OPTS LIBBPF_OPTS

/* The backend: bpf(cmd, attr, size) with the system call's convention. */
int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size);

struct bpf_map_create_opts {
	size_t sz;
	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__u32 inner_map_fd;
	__u32 map_flags;
	__u64 map_extra;
	__u32 numa_node;
	__u32 map_ifindex;
	__s32 value_type_btf_obj_fd;
	__u32 token_fd;
	size_t : 0;
};

int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, const struct bpf_map_create_opts *opts);

struct bpf_prog_load_opts {
	size_t sz;
	int attempts; /* retries on EAGAIN (default 5) */
	enum bpf_attach_type expected_attach_type;
	__u32 prog_btf_fd;
	__u32 prog_flags;
	__u32 prog_ifindex;
	__u32 kern_version;
	__u32 attach_btf_id;
	__u32 attach_prog_fd;
	__u32 attach_btf_obj_fd;
	const int *fd_array;
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;
	__u32 log_level;
	__u32 log_size;
	char *log_buf;
	__u32 log_true_size;
	__u32 token_fd;
	size_t : 0;
};

int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name, const char *license,
		  const struct bpf_insn *insns, size_t insn_cnt, struct bpf_prog_load_opts *opts);

int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags);
int bpf_map_lookup_elem(int fd, const void *key, void *value);
int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, __u64 flags);
int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value);
int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value, __u64 flags);
int bpf_map_delete_elem(int fd, const void *key);
int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags);
int bpf_map_get_next_key(int fd, const void *key, void *next_key);
int bpf_map_freeze(int fd);

struct bpf_map_batch_opts {
	size_t sz;
	__u64 elem_flags;
	__u64 flags;
};

int bpf_map_delete_batch(int fd, const void *keys, __u32 *count,
			 const struct bpf_map_batch_opts *opts);
int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys, void *values,
			 __u32 *count, const struct bpf_map_batch_opts *opts);
int bpf_map_lookup_and_delete_batch(int fd, void *in_batch, void *out_batch, void *keys,
				    void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts);
int bpf_map_update_batch(int fd, const void *keys, const void *values, __u32 *count,
			 const struct bpf_map_batch_opts *opts);

struct bpf_obj_pin_opts {
	size_t sz;
	__u32 file_flags;
	int path_fd;
	size_t : 0;
};

struct bpf_obj_get_opts {
	size_t sz;
	__u32 file_flags;
	int path_fd;
	size_t : 0;
};

int bpf_obj_pin(int fd, const char *pathname);
int bpf_obj_pin_opts(int fd, const char *pathname, const struct bpf_obj_pin_opts *opts);
int bpf_obj_get(const char *pathname);
int bpf_obj_get_opts(const char *pathname, const struct bpf_obj_get_opts *opts);

int bpf_prog_attach(int prog_fd, int attachable_fd, enum bpf_attach_type type, unsigned int flags);
int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type);
int bpf_prog_detach2(int prog_fd, int attachable_fd, enum bpf_attach_type type);

struct bpf_link_create_opts {
	size_t sz;
	__u32 flags;
	__u32 target_btf_id;
	size_t : 0;
};

int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type,
		    const struct bpf_link_create_opts *opts);
int bpf_link_detach(int link_fd);

struct bpf_link_update_opts {
	size_t sz;
	__u32 flags;
	__u32 old_prog_fd;
	__u32 old_map_fd;
	size_t : 0;
};

int bpf_link_update(int link_fd, int new_prog_fd, const struct bpf_link_update_opts *opts);
int bpf_iter_create(int link_fd);

int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id);
int bpf_map_get_next_id(__u32 start_id, __u32 *next_id);
int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id);
int bpf_link_get_next_id(__u32 start_id, __u32 *next_id);

struct bpf_get_fd_by_id_opts {
	size_t sz;
	__u32 open_flags;
	__u32 token_fd;
	size_t : 0;
};

int bpf_prog_get_fd_by_id(__u32 id);
int bpf_prog_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);
int bpf_map_get_fd_by_id(__u32 id);
int bpf_map_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts);
int bpf_btf_get_fd_by_id(__u32 id);
int bpf_link_get_fd_by_id(__u32 id);

int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len);
int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info, __u32 *info_len);
int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info, __u32 *info_len);
int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info, __u32 *info_len);
int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info, __u32 *info_len);

int bpf_prog_query(int target_fd, enum bpf_attach_type type, __u32 query_flags, __u32 *attach_flags,
		   __u32 *prog_ids, __u32 *prog_cnt);
int bpf_raw_tracepoint_open(const char *name, int prog_fd);

struct bpf_btf_load_opts {
	size_t sz;
	char *log_buf;
	__u32 log_level;
	__u32 log_size;
	__u32 log_true_size;
	__u32 btf_flags;
	__u32 token_fd;
	size_t : 0;
};

int bpf_btf_load(const void *btf_data, size_t btf_size, struct bpf_btf_load_opts *opts);
int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf, __u32 *buf_len, __u32 *prog_id,
		      __u32 *fd_type, __u64 *probe_offset, __u64 *probe_addr);
int bpf_enable_stats(enum bpf_stats_type type);

struct bpf_prog_bind_opts {
	size_t sz;
	__u32 flags;
};

int bpf_prog_bind_map(int prog_fd, int map_fd, const struct bpf_prog_bind_opts *opts);

struct bpf_test_run_opts {
	size_t sz;
	const void *data_in;
	void *data_out;
	__u32 data_size_in;
	__u32 data_size_out;
	const void *ctx_in;
	void *ctx_out;
	__u32 ctx_size_in;
	__u32 ctx_size_out;
	__u32 retval; /* out */
	int repeat;
	__u32 duration; /* out: mean ns per run */
	__u32 flags;
	__u32 cpu;
	__u32 batch_size;
};

int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts);

#endif
