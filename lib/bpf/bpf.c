// SPDX-License-Identifier: GPL-2.0
/*
 * libbpf's low-level API over sys_bpf() (include/bpf/bpf.h). Each function
 * fills the members of union bpf_attr its command uses, passes the size up
 * to the last member it knows (as libbpf does, so an older kernel does not
 * see a longer attr than it must), and turns the -1/errno of the call into
 * libbpf 1.x's return: a negative errno, errno set too.
 */
#include <errno.h>
#include <string.h>
#include <bpf/bpf.h>

#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof(((TYPE *)0)->MEMBER))
/* An option's value, or def when opts is NULL or too old to have it. */
#define OPTS_GET(opts, field, def) \
	((opts) && (opts)->sz >= offsetofend(__typeof__(*(opts)), field) ? (opts)->field : (def))
#define OPTS_SET(opts, field, value)                                                 \
	do {                                                                         \
		if ((opts) && (opts)->sz >= offsetofend(__typeof__(*(opts)), field)) \
			(opts)->field = (value);                                     \
	} while (0)

static inline __u64 ptr_to_u64(const void *p)
{
	return (__u64)(unsigned long)p;
}

/* libbpf_err_errno: a failed call (-1, errno) becomes -errno. */
static inline int libbpf_err_errno(int ret)
{
	return ret < 0 ? -errno : ret;
}

/* libbpf_err: sets errno for an error found before any call. */
static inline int libbpf_err(int ret)
{
	if (ret < 0)
		errno = -ret;
	return ret;
}

/* One call with a zeroed attr of size bytes that fill() completes. */
#define BPF_CALL_ATTR(cmd, attr, last) sys_bpf(cmd, &(attr), offsetofend(union bpf_attr, last))

int bpf_map_create(enum bpf_map_type map_type, const char *map_name, __u32 key_size,
		   __u32 value_size, __u32 max_entries, const struct bpf_map_create_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = map_type;
	if (map_name)
		strncpy(attr.map_name, map_name, sizeof(attr.map_name) - 1);
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.btf_fd = OPTS_GET(opts, btf_fd, 0);
	attr.btf_key_type_id = OPTS_GET(opts, btf_key_type_id, 0);
	attr.btf_value_type_id = OPTS_GET(opts, btf_value_type_id, 0);
	attr.btf_vmlinux_value_type_id = OPTS_GET(opts, btf_vmlinux_value_type_id, 0);
	attr.inner_map_fd = OPTS_GET(opts, inner_map_fd, 0);
	attr.map_flags = OPTS_GET(opts, map_flags, 0);
	attr.map_extra = OPTS_GET(opts, map_extra, 0);
	attr.numa_node = OPTS_GET(opts, numa_node, 0);
	attr.map_ifindex = OPTS_GET(opts, map_ifindex, 0);
	attr.value_type_btf_obj_fd = OPTS_GET(opts, value_type_btf_obj_fd, 0);
	attr.map_token_fd = (__s32)OPTS_GET(opts, token_fd, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_MAP_CREATE, attr, map_token_fd));
}

/* The PROG_LOAD attr from the arguments and opts (log fields left to the caller). */
static void prog_load_attr(union bpf_attr *attr, enum bpf_prog_type prog_type,
			   const char *prog_name, const char *license, const struct bpf_insn *insns,
			   size_t insn_cnt, const struct bpf_prog_load_opts *opts)
{
	memset(attr, 0, sizeof(*attr));
	attr->prog_type = prog_type;
	attr->expected_attach_type = OPTS_GET(opts, expected_attach_type, 0);
	attr->prog_btf_fd = OPTS_GET(opts, prog_btf_fd, 0);
	attr->func_info = ptr_to_u64(OPTS_GET(opts, func_info, NULL));
	attr->func_info_cnt = OPTS_GET(opts, func_info_cnt, 0);
	attr->func_info_rec_size = OPTS_GET(opts, func_info_rec_size, 0);
	attr->line_info = ptr_to_u64(OPTS_GET(opts, line_info, NULL));
	attr->line_info_cnt = OPTS_GET(opts, line_info_cnt, 0);
	attr->line_info_rec_size = OPTS_GET(opts, line_info_rec_size, 0);
	attr->prog_flags = OPTS_GET(opts, prog_flags, 0);
	attr->prog_ifindex = OPTS_GET(opts, prog_ifindex, 0);
	attr->kern_version = OPTS_GET(opts, kern_version, 0);
	attr->attach_btf_id = OPTS_GET(opts, attach_btf_id, 0);
	attr->attach_prog_fd = OPTS_GET(opts, attach_prog_fd, 0);
	attr->fd_array = ptr_to_u64(OPTS_GET(opts, fd_array, NULL));
	attr->prog_token_fd = (__s32)OPTS_GET(opts, token_fd, 0);
	if (prog_name)
		strncpy(attr->prog_name, prog_name, sizeof(attr->prog_name) - 1);
	attr->license = ptr_to_u64(license);
	attr->insns = ptr_to_u64(insns);
	attr->insn_cnt = (__u32)insn_cnt;
	attr->log_level = OPTS_GET(opts, log_level, 0);
	attr->log_size = OPTS_GET(opts, log_size, 0);
	attr->log_buf = ptr_to_u64(OPTS_GET(opts, log_buf, NULL));
}

/*
 * As libbpf: retries EAGAIN (opts->attempts, default 5), and when a load
 * with a log buffer but log_level 0 fails, loads again at level 1 so the
 * buffer gets the verifier's reasons.
 */
int bpf_prog_load(enum bpf_prog_type prog_type, const char *prog_name, const char *license,
		  const struct bpf_insn *insns, size_t insn_cnt, struct bpf_prog_load_opts *opts)
{
	int attempts = OPTS_GET(opts, attempts, 0), fd;
	union bpf_attr attr;

	if (attempts < 0)
		return libbpf_err(-EINVAL);
	if (!attempts)
		attempts = 5;
	if (!insns || !insn_cnt)
		return libbpf_err(-EINVAL);
	prog_load_attr(&attr, prog_type, prog_name, license, insns, insn_cnt, opts);
	do {
		fd = BPF_CALL_ATTR(BPF_PROG_LOAD, attr, prog_token_fd);
	} while (fd < 0 && errno == EAGAIN && --attempts > 0);
	if (fd < 0 && attr.log_buf && attr.log_level == 0 && attr.log_size) {
		attr.log_level = 1;
		((char *)(unsigned long)attr.log_buf)[0] = 0;
		fd = BPF_CALL_ATTR(BPF_PROG_LOAD, attr, prog_token_fd);
	}
	OPTS_SET(opts, log_true_size, attr.log_true_size);
	return libbpf_err_errno(fd);
}

/* The element commands: map_fd, key, value (or next_key), flags. */
static int map_elem_call(enum bpf_cmd cmd, int fd, const void *key, void *value, __u64 flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (__u32)fd;
	attr.key = ptr_to_u64(key);
	attr.value = ptr_to_u64(value);
	attr.flags = flags;
	return libbpf_err_errno(BPF_CALL_ATTR(cmd, attr, flags));
}

int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags)
{
	return map_elem_call(BPF_MAP_UPDATE_ELEM, fd, key, (void *)value, flags);
}

int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem_call(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, __u64 flags)
{
	return map_elem_call(BPF_MAP_LOOKUP_ELEM, fd, key, value, flags);
}

int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value)
{
	return map_elem_call(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, 0);
}

int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value, __u64 flags)
{
	return map_elem_call(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, flags);
}

int bpf_map_delete_elem(int fd, const void *key)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (__u32)fd;
	attr.key = ptr_to_u64(key);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_MAP_DELETE_ELEM, attr, key));
}

int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags)
{
	return map_elem_call(BPF_MAP_DELETE_ELEM, fd, key, NULL, flags);
}

int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (__u32)fd;
	attr.key = ptr_to_u64(key);
	attr.next_key = ptr_to_u64(next_key);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_MAP_GET_NEXT_KEY, attr, next_key));
}

int bpf_map_freeze(int fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (__u32)fd;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_MAP_FREEZE, attr, map_fd));
}

/* The four batch commands; *count is in (room) and out (done) even on error. */
static int bpf_map_batch_common(enum bpf_cmd cmd, int fd, void *in_batch, void *out_batch,
				void *keys, void *values, __u32 *count,
				const struct bpf_map_batch_opts *opts)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.batch.map_fd = (__u32)fd;
	attr.batch.in_batch = ptr_to_u64(in_batch);
	attr.batch.out_batch = ptr_to_u64(out_batch);
	attr.batch.keys = ptr_to_u64(keys);
	attr.batch.values = ptr_to_u64(values);
	attr.batch.count = *count;
	attr.batch.elem_flags = OPTS_GET(opts, elem_flags, 0);
	attr.batch.flags = OPTS_GET(opts, flags, 0);
	ret = BPF_CALL_ATTR(cmd, attr, batch);
	*count = attr.batch.count;
	return libbpf_err_errno(ret);
}

int bpf_map_delete_batch(int fd, const void *keys, __u32 *count,
			 const struct bpf_map_batch_opts *opts)
{
	return bpf_map_batch_common(BPF_MAP_DELETE_BATCH, fd, NULL, NULL, (void *)keys, NULL, count,
				    opts);
}

int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys, void *values,
			 __u32 *count, const struct bpf_map_batch_opts *opts)
{
	return bpf_map_batch_common(BPF_MAP_LOOKUP_BATCH, fd, in_batch, out_batch, keys, values,
				    count, opts);
}

int bpf_map_lookup_and_delete_batch(int fd, void *in_batch, void *out_batch, void *keys,
				    void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts)
{
	return bpf_map_batch_common(BPF_MAP_LOOKUP_AND_DELETE_BATCH, fd, in_batch, out_batch, keys,
				    values, count, opts);
}

int bpf_map_update_batch(int fd, const void *keys, const void *values, __u32 *count,
			 const struct bpf_map_batch_opts *opts)
{
	return bpf_map_batch_common(BPF_MAP_UPDATE_BATCH, fd, NULL, NULL, (void *)keys,
				    (void *)values, count, opts);
}

int bpf_obj_pin_opts(int fd, const char *pathname, const struct bpf_obj_pin_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.path_fd = OPTS_GET(opts, path_fd, 0);
	attr.pathname = ptr_to_u64(pathname);
	attr.file_flags = OPTS_GET(opts, file_flags, 0);
	attr.bpf_fd = (__u32)fd;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_OBJ_PIN, attr, path_fd));
}

int bpf_obj_pin(int fd, const char *pathname)
{
	return bpf_obj_pin_opts(fd, pathname, NULL);
}

int bpf_obj_get_opts(const char *pathname, const struct bpf_obj_get_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.path_fd = OPTS_GET(opts, path_fd, 0);
	attr.pathname = ptr_to_u64(pathname);
	attr.file_flags = OPTS_GET(opts, file_flags, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_OBJ_GET, attr, path_fd));
}

int bpf_obj_get(const char *pathname)
{
	return bpf_obj_get_opts(pathname, NULL);
}

int bpf_prog_attach(int prog_fd, int attachable_fd, enum bpf_attach_type type, unsigned int flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (__u32)attachable_fd;
	attr.attach_bpf_fd = (__u32)prog_fd;
	attr.attach_type = type;
	attr.attach_flags = flags;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_PROG_ATTACH, attr, replace_bpf_fd));
}

int bpf_prog_detach2(int prog_fd, int attachable_fd, enum bpf_attach_type type)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (__u32)attachable_fd;
	attr.attach_bpf_fd = (__u32)prog_fd;
	attr.attach_type = type;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_PROG_DETACH, attr, replace_bpf_fd));
}

int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach2(0, attachable_fd, type);
}

int bpf_link_create(int prog_fd, int target_fd, enum bpf_attach_type attach_type,
		    const struct bpf_link_create_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = (__u32)prog_fd;
	attr.link_create.target_fd = (__u32)target_fd;
	attr.link_create.attach_type = attach_type;
	attr.link_create.flags = OPTS_GET(opts, flags, 0);
	attr.link_create.target_btf_id = OPTS_GET(opts, target_btf_id, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_LINK_CREATE, attr, link_create));
}

int bpf_link_detach(int link_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_detach.link_fd = (__u32)link_fd;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_LINK_DETACH, attr, link_detach));
}

int bpf_link_update(int link_fd, int new_prog_fd, const struct bpf_link_update_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_update.link_fd = (__u32)link_fd;
	attr.link_update.new_prog_fd = (__u32)new_prog_fd;
	attr.link_update.flags = OPTS_GET(opts, flags, 0);
	attr.link_update.old_prog_fd = OPTS_GET(opts, old_prog_fd, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_LINK_UPDATE, attr, link_update));
}

int bpf_iter_create(int link_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.iter_create.link_fd = (__u32)link_fd;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_ITER_CREATE, attr, iter_create));
}

/* *_GET_NEXT_ID: *next_id is written only on success. */
static int bpf_obj_get_next_id(__u32 start_id, __u32 *next_id, enum bpf_cmd cmd)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.start_id = start_id;
	err = BPF_CALL_ATTR(cmd, attr, open_flags);
	if (!err)
		*next_id = attr.next_id;
	return libbpf_err_errno(err);
}

int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bpf_obj_get_next_id(start_id, next_id, BPF_PROG_GET_NEXT_ID);
}

int bpf_map_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bpf_obj_get_next_id(start_id, next_id, BPF_MAP_GET_NEXT_ID);
}

int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bpf_obj_get_next_id(start_id, next_id, BPF_BTF_GET_NEXT_ID);
}

int bpf_link_get_next_id(__u32 start_id, __u32 *next_id)
{
	return bpf_obj_get_next_id(start_id, next_id, BPF_LINK_GET_NEXT_ID);
}

static int bpf_obj_get_fd_by_id(__u32 id, enum bpf_cmd cmd,
				const struct bpf_get_fd_by_id_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.start_id = id;
	attr.open_flags = OPTS_GET(opts, open_flags, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(cmd, attr, open_flags));
}

int bpf_prog_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return bpf_obj_get_fd_by_id(id, BPF_PROG_GET_FD_BY_ID, opts);
}

int bpf_prog_get_fd_by_id(__u32 id)
{
	return bpf_obj_get_fd_by_id(id, BPF_PROG_GET_FD_BY_ID, NULL);
}

int bpf_map_get_fd_by_id_opts(__u32 id, const struct bpf_get_fd_by_id_opts *opts)
{
	return bpf_obj_get_fd_by_id(id, BPF_MAP_GET_FD_BY_ID, opts);
}

int bpf_map_get_fd_by_id(__u32 id)
{
	return bpf_obj_get_fd_by_id(id, BPF_MAP_GET_FD_BY_ID, NULL);
}

int bpf_btf_get_fd_by_id(__u32 id)
{
	return bpf_obj_get_fd_by_id(id, BPF_BTF_GET_FD_BY_ID, NULL);
}

int bpf_link_get_fd_by_id(__u32 id)
{
	return bpf_obj_get_fd_by_id(id, BPF_LINK_GET_FD_BY_ID, NULL);
}

/* *info_len is in (room) and out (bytes the kernel filled) on success. */
int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = (__u32)bpf_fd;
	attr.info.info_len = *info_len;
	attr.info.info = ptr_to_u64(info);
	err = BPF_CALL_ATTR(BPF_OBJ_GET_INFO_BY_FD, attr, info);
	if (!err)
		*info_len = attr.info.info_len;
	return libbpf_err_errno(err);
}

int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(prog_fd, info, info_len);
}

int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(map_fd, info, info_len);
}

int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(btf_fd, info, info_len);
}

int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info, __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(link_fd, info, info_len);
}

int bpf_prog_query(int target_fd, enum bpf_attach_type type, __u32 query_flags, __u32 *attach_flags,
		   __u32 *prog_ids, __u32 *prog_cnt)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.query.target_fd = (__u32)target_fd;
	attr.query.attach_type = type;
	attr.query.query_flags = query_flags;
	attr.query.prog_ids = ptr_to_u64(prog_ids);
	attr.query.prog_cnt = prog_cnt ? *prog_cnt : 0;
	ret = BPF_CALL_ATTR(BPF_PROG_QUERY, attr, query);
	if (attach_flags)
		*attach_flags = attr.query.attach_flags;
	if (prog_cnt)
		*prog_cnt = attr.query.prog_cnt;
	return libbpf_err_errno(ret);
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = ptr_to_u64(name);
	attr.raw_tracepoint.prog_fd = (__u32)prog_fd;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_RAW_TRACEPOINT_OPEN, attr, raw_tracepoint));
}

int bpf_btf_load(const void *btf_data, size_t btf_size, struct bpf_btf_load_opts *opts)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.btf = ptr_to_u64(btf_data);
	attr.btf_size = (__u32)btf_size;
	attr.btf_log_buf = ptr_to_u64(OPTS_GET(opts, log_buf, NULL));
	attr.btf_log_size = OPTS_GET(opts, log_size, 0);
	attr.btf_log_level = OPTS_GET(opts, log_level, 0);
	attr.btf_flags = OPTS_GET(opts, btf_flags, 0);
	attr.btf_token_fd = (__s32)OPTS_GET(opts, token_fd, 0);
	fd = BPF_CALL_ATTR(BPF_BTF_LOAD, attr, btf_token_fd);
	OPTS_SET(opts, log_true_size, attr.btf_log_true_size);
	return libbpf_err_errno(fd);
}

int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf, __u32 *buf_len, __u32 *prog_id,
		      __u32 *fd_type, __u64 *probe_offset, __u64 *probe_addr)
{
	union bpf_attr attr;
	int err;

	memset(&attr, 0, sizeof(attr));
	attr.task_fd_query.pid = (__u32)pid;
	attr.task_fd_query.fd = (__u32)fd;
	attr.task_fd_query.flags = flags;
	attr.task_fd_query.buf = ptr_to_u64(buf);
	attr.task_fd_query.buf_len = *buf_len;
	err = BPF_CALL_ATTR(BPF_TASK_FD_QUERY, attr, task_fd_query);
	*buf_len = attr.task_fd_query.buf_len;
	*prog_id = attr.task_fd_query.prog_id;
	*fd_type = attr.task_fd_query.fd_type;
	*probe_offset = attr.task_fd_query.probe_offset;
	*probe_addr = attr.task_fd_query.probe_addr;
	return libbpf_err_errno(err);
}

int bpf_enable_stats(enum bpf_stats_type type)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.enable_stats.type = type;
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_ENABLE_STATS, attr, enable_stats));
}

int bpf_prog_bind_map(int prog_fd, int map_fd, const struct bpf_prog_bind_opts *opts)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_bind_map.prog_fd = (__u32)prog_fd;
	attr.prog_bind_map.map_fd = (__u32)map_fd;
	attr.prog_bind_map.flags = OPTS_GET(opts, flags, 0);
	return libbpf_err_errno(BPF_CALL_ATTR(BPF_PROG_BIND_MAP, attr, prog_bind_map));
}

/* The out members (sizes, retval, duration) are copied back even when the run fails. */
int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts)
{
	union bpf_attr attr;
	int ret;

	if (!opts)
		return libbpf_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = (__u32)prog_fd;
	attr.test.batch_size = OPTS_GET(opts, batch_size, 0);
	attr.test.cpu = OPTS_GET(opts, cpu, 0);
	attr.test.flags = OPTS_GET(opts, flags, 0);
	attr.test.repeat = (__u32)OPTS_GET(opts, repeat, 0);
	attr.test.duration = OPTS_GET(opts, duration, 0);
	attr.test.ctx_size_in = OPTS_GET(opts, ctx_size_in, 0);
	attr.test.ctx_size_out = OPTS_GET(opts, ctx_size_out, 0);
	attr.test.data_size_in = OPTS_GET(opts, data_size_in, 0);
	attr.test.data_size_out = OPTS_GET(opts, data_size_out, 0);
	attr.test.ctx_in = ptr_to_u64(OPTS_GET(opts, ctx_in, NULL));
	attr.test.ctx_out = ptr_to_u64(OPTS_GET(opts, ctx_out, NULL));
	attr.test.data_in = ptr_to_u64(OPTS_GET(opts, data_in, NULL));
	attr.test.data_out = ptr_to_u64(OPTS_GET(opts, data_out, NULL));
	ret = BPF_CALL_ATTR(BPF_PROG_TEST_RUN, attr, test);
	OPTS_SET(opts, data_size_out, attr.test.data_size_out);
	OPTS_SET(opts, ctx_size_out, attr.test.ctx_size_out);
	OPTS_SET(opts, duration, attr.test.duration);
	OPTS_SET(opts, retval, attr.test.retval);
	return libbpf_err_errno(ret);
}
