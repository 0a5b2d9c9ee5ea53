// SPDX-License-Identifier: GPL-2.0
/*
 * Prints "member offset size" for every union bpf_attr / info-structure
 * member that Debian's <linux/bpf.h> (Linux 6.1 uapi) also has. Built twice
 * by tests/tiers/25-syscall.sh, once against the system header and once
 * against include/uapi (bpfkern's), and the two outputs must be identical.
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/bpf.h>

#define F(type, m) printf("%s.%s %zu %zu\n", #type, #m, offsetof(type, m), sizeof(((type *)0)->m))
#define A(m) F(union bpf_attr, m)

int main(void)
{
	A(map_type); A(key_size); A(value_size); A(max_entries); A(map_flags);
	A(inner_map_fd); A(numa_node); A(map_name); A(map_ifindex); A(btf_fd);
	A(btf_key_type_id); A(btf_value_type_id); A(btf_vmlinux_value_type_id); A(map_extra);
	A(map_fd); A(key); A(value); A(next_key); A(flags);
	A(batch.in_batch); A(batch.out_batch); A(batch.keys); A(batch.values);
	A(batch.count); A(batch.map_fd); A(batch.elem_flags); A(batch.flags);
	A(prog_type); A(insn_cnt); A(insns); A(license); A(log_level); A(log_size);
	A(log_buf); A(kern_version); A(prog_flags); A(prog_name); A(prog_ifindex);
	A(expected_attach_type); A(prog_btf_fd); A(func_info_rec_size); A(func_info);
	A(func_info_cnt); A(line_info_rec_size); A(line_info); A(line_info_cnt);
	A(attach_btf_id); A(attach_prog_fd); A(attach_btf_obj_fd); A(core_relo_cnt);
	A(fd_array); A(core_relos); A(core_relo_rec_size);
	A(pathname); A(bpf_fd); A(file_flags);
	A(target_fd); A(attach_bpf_fd); A(attach_type); A(attach_flags); A(replace_bpf_fd);
	A(test.prog_fd); A(test.retval); A(test.data_size_in); A(test.data_size_out);
	A(test.data_in); A(test.data_out); A(test.repeat); A(test.duration);
	A(test.ctx_size_in); A(test.ctx_size_out); A(test.ctx_in); A(test.ctx_out);
	A(test.flags); A(test.cpu); A(test.batch_size);
	A(start_id); A(prog_id); A(map_id); A(btf_id); A(link_id); A(next_id); A(open_flags);
	A(info.bpf_fd); A(info.info_len); A(info.info);
	A(query.target_fd); A(query.attach_type); A(query.query_flags); A(query.attach_flags);
	A(query.prog_ids); A(query.prog_cnt); A(query.prog_attach_flags);
	A(raw_tracepoint.name); A(raw_tracepoint.prog_fd);
	A(btf); A(btf_log_buf); A(btf_size); A(btf_log_size); A(btf_log_level);
	A(task_fd_query.pid); A(task_fd_query.fd); A(task_fd_query.flags);
	A(task_fd_query.buf_len); A(task_fd_query.buf); A(task_fd_query.prog_id);
	A(task_fd_query.fd_type); A(task_fd_query.probe_offset); A(task_fd_query.probe_addr);
	A(link_create.prog_fd); A(link_create.target_fd); A(link_create.target_ifindex);
	A(link_create.attach_type); A(link_create.flags); A(link_create.target_btf_id);
	A(link_create.iter_info); A(link_create.iter_info_len);
	A(link_create.perf_event.bpf_cookie); A(link_create.kprobe_multi.cnt);
	A(link_create.tracing.cookie);
	A(link_update.link_fd); A(link_update.new_prog_fd); A(link_update.flags);
	A(link_update.old_prog_fd); A(link_detach.link_fd); A(enable_stats.type);
	A(iter_create.link_fd); A(iter_create.flags);
	A(prog_bind_map.prog_fd); A(prog_bind_map.map_fd); A(prog_bind_map.flags);
	F(struct bpf_prog_info, type); F(struct bpf_prog_info, id); F(struct bpf_prog_info, tag);
	F(struct bpf_prog_info, jited_prog_len); F(struct bpf_prog_info, xlated_prog_len);
	F(struct bpf_prog_info, jited_prog_insns); F(struct bpf_prog_info, xlated_prog_insns);
	F(struct bpf_prog_info, load_time); F(struct bpf_prog_info, created_by_uid);
	F(struct bpf_prog_info, nr_map_ids); F(struct bpf_prog_info, map_ids);
	F(struct bpf_prog_info, name); F(struct bpf_prog_info, ifindex);
	F(struct bpf_prog_info, netns_dev); F(struct bpf_prog_info, netns_ino);
	F(struct bpf_prog_info, nr_jited_ksyms); F(struct bpf_prog_info, jited_ksyms);
	F(struct bpf_prog_info, btf_id); F(struct bpf_prog_info, func_info);
	F(struct bpf_prog_info, line_info); F(struct bpf_prog_info, jited_line_info);
	F(struct bpf_prog_info, nr_prog_tags); F(struct bpf_prog_info, prog_tags);
	F(struct bpf_prog_info, run_time_ns); F(struct bpf_prog_info, run_cnt);
	F(struct bpf_prog_info, recursion_misses); F(struct bpf_prog_info, verified_insns);
	F(struct bpf_prog_info, attach_btf_obj_id); F(struct bpf_prog_info, attach_btf_id);
	printf("sizeof bpf_prog_info %zu\n", sizeof(struct bpf_prog_info));
	F(struct bpf_map_info, type); F(struct bpf_map_info, id); F(struct bpf_map_info, key_size);
	F(struct bpf_map_info, value_size); F(struct bpf_map_info, max_entries);
	F(struct bpf_map_info, map_flags); F(struct bpf_map_info, name);
	F(struct bpf_map_info, ifindex); F(struct bpf_map_info, btf_vmlinux_value_type_id);
	F(struct bpf_map_info, netns_dev); F(struct bpf_map_info, netns_ino);
	F(struct bpf_map_info, btf_id); F(struct bpf_map_info, btf_key_type_id);
	F(struct bpf_map_info, btf_value_type_id); F(struct bpf_map_info, map_extra);
	F(struct bpf_link_info, type); F(struct bpf_link_info, id); F(struct bpf_link_info, prog_id);
	F(struct bpf_link_info, raw_tracepoint.tp_name);
	F(struct bpf_link_info, netns.attach_type); F(struct bpf_link_info, xdp.ifindex);
	printf("cmd %d %d %d %d\n", BPF_MAP_CREATE, BPF_PROG_TEST_RUN, BPF_LINK_DETACH,
	       BPF_PROG_BIND_MAP);
	printf("attach %d %d link %d %d\n", BPF_XDP, BPF_LSM_CGROUP, BPF_LINK_TYPE_XDP,
	       BPF_LINK_TYPE_KPROBE_MULTI);
	return 0;
}
