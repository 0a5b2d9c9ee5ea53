// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF disassembler: one instruction to one line of text, in the syntax of
 * Linux's verifier log (kernel/bpf/disasm.c there is the reference for the
 * format; this file is written independently). Shared by the verifier log,
 * `bpfrun disasm` and the tests; lib/bpf/asm.c reads the same syntax back.
 *
 * Number formats follow Linux: ALU and store immediates in signed decimal,
 * jump-compare immediates as 0x%x (unsigned 32-bit), memory and jump offsets
 * with an explicit sign, lddw values as 0x%llx.
 *
 * Where Linux's log can only show a rewritten pointer, an lddw with a pseudo
 * source (an unresolved map fd, map value, subprogram address...) is shown
 * in bpftool's notation ("map[fd:3]", "map[fd:3][0]+16", "subprog[+5]") so
 * that it assembles back to the same instruction; a cb_imm hook overrides it.
 */
#include <stdarg.h>
#include <stdio.h> /* vsnprintf only */
#include <bpfkern/bpf.h> /* BPF_TAIL_CALL */
#include <bpfkern/disasm.h>

/* Helper names, indexed by enum bpf_func_id (Linux's __BPF_FUNC_MAPPER order). */
/* clang-format off */
static const char *const bpf_func_names[] = {
	"bpf_unspec", "bpf_map_lookup_elem", "bpf_map_update_elem", "bpf_map_delete_elem",
	"bpf_probe_read", "bpf_ktime_get_ns", "bpf_trace_printk", "bpf_get_prandom_u32",
	"bpf_get_smp_processor_id", "bpf_skb_store_bytes", "bpf_l3_csum_replace",
	"bpf_l4_csum_replace", "bpf_tail_call", "bpf_clone_redirect",
	"bpf_get_current_pid_tgid", "bpf_get_current_uid_gid", "bpf_get_current_comm",
	"bpf_get_cgroup_classid", "bpf_skb_vlan_push", "bpf_skb_vlan_pop",
	"bpf_skb_get_tunnel_key", "bpf_skb_set_tunnel_key", "bpf_perf_event_read",
	"bpf_redirect", "bpf_get_route_realm", "bpf_perf_event_output", "bpf_skb_load_bytes",
	"bpf_get_stackid", "bpf_csum_diff", "bpf_skb_get_tunnel_opt", "bpf_skb_set_tunnel_opt",
	"bpf_skb_change_proto", "bpf_skb_change_type", "bpf_skb_under_cgroup",
	"bpf_get_hash_recalc", "bpf_get_current_task", "bpf_probe_write_user",
	"bpf_current_task_under_cgroup", "bpf_skb_change_tail", "bpf_skb_pull_data",
	"bpf_csum_update", "bpf_set_hash_invalid", "bpf_get_numa_node_id",
	"bpf_skb_change_head", "bpf_xdp_adjust_head", "bpf_probe_read_str",
	"bpf_get_socket_cookie", "bpf_get_socket_uid", "bpf_set_hash", "bpf_setsockopt",
	"bpf_skb_adjust_room", "bpf_redirect_map", "bpf_sk_redirect_map", "bpf_sock_map_update",
	"bpf_xdp_adjust_meta", "bpf_perf_event_read_value", "bpf_perf_prog_read_value",
	"bpf_getsockopt", "bpf_override_return", "bpf_sock_ops_cb_flags_set",
	"bpf_msg_redirect_map", "bpf_msg_apply_bytes", "bpf_msg_cork_bytes",
	"bpf_msg_pull_data", "bpf_bind", "bpf_xdp_adjust_tail", "bpf_skb_get_xfrm_state",
	"bpf_get_stack", "bpf_skb_load_bytes_relative", "bpf_fib_lookup",
	"bpf_sock_hash_update", "bpf_msg_redirect_hash", "bpf_sk_redirect_hash",
	"bpf_lwt_push_encap", "bpf_lwt_seg6_store_bytes", "bpf_lwt_seg6_adjust_srh",
	"bpf_lwt_seg6_action", "bpf_rc_repeat", "bpf_rc_keydown", "bpf_skb_cgroup_id",
	"bpf_get_current_cgroup_id", "bpf_get_local_storage", "bpf_sk_select_reuseport",
	"bpf_skb_ancestor_cgroup_id", "bpf_sk_lookup_tcp", "bpf_sk_lookup_udp",
	"bpf_sk_release", "bpf_map_push_elem", "bpf_map_pop_elem", "bpf_map_peek_elem",
	"bpf_msg_push_data", "bpf_msg_pop_data", "bpf_rc_pointer_rel", "bpf_spin_lock",
	"bpf_spin_unlock", "bpf_sk_fullsock", "bpf_tcp_sock", "bpf_skb_ecn_set_ce",
	"bpf_get_listener_sock", "bpf_skc_lookup_tcp", "bpf_tcp_check_syncookie",
	"bpf_sysctl_get_name", "bpf_sysctl_get_current_value", "bpf_sysctl_get_new_value",
	"bpf_sysctl_set_new_value", "bpf_strtol", "bpf_strtoul", "bpf_sk_storage_get",
	"bpf_sk_storage_delete", "bpf_send_signal", "bpf_tcp_gen_syncookie", "bpf_skb_output",
	"bpf_probe_read_user", "bpf_probe_read_kernel", "bpf_probe_read_user_str",
	"bpf_probe_read_kernel_str", "bpf_tcp_send_ack", "bpf_send_signal_thread",
	"bpf_jiffies64", "bpf_read_branch_records", "bpf_get_ns_current_pid_tgid",
	"bpf_xdp_output", "bpf_get_netns_cookie", "bpf_get_current_ancestor_cgroup_id",
	"bpf_sk_assign", "bpf_ktime_get_boot_ns", "bpf_seq_printf", "bpf_seq_write",
	"bpf_sk_cgroup_id", "bpf_sk_ancestor_cgroup_id", "bpf_ringbuf_output",
	"bpf_ringbuf_reserve", "bpf_ringbuf_submit", "bpf_ringbuf_discard", "bpf_ringbuf_query",
	"bpf_csum_level", "bpf_skc_to_tcp6_sock", "bpf_skc_to_tcp_sock",
	"bpf_skc_to_tcp_timewait_sock", "bpf_skc_to_tcp_request_sock", "bpf_skc_to_udp6_sock",
	"bpf_get_task_stack", "bpf_load_hdr_opt", "bpf_store_hdr_opt", "bpf_reserve_hdr_opt",
	"bpf_inode_storage_get", "bpf_inode_storage_delete", "bpf_d_path", "bpf_copy_from_user",
	"bpf_snprintf_btf", "bpf_seq_printf_btf", "bpf_skb_cgroup_classid",
	"bpf_redirect_neigh", "bpf_per_cpu_ptr", "bpf_this_cpu_ptr", "bpf_redirect_peer",
	"bpf_task_storage_get", "bpf_task_storage_delete", "bpf_get_current_task_btf",
	"bpf_bprm_opts_set", "bpf_ktime_get_coarse_ns", "bpf_ima_inode_hash",
	"bpf_sock_from_file", "bpf_check_mtu", "bpf_for_each_map_elem", "bpf_snprintf",
	"bpf_sys_bpf", "bpf_btf_find_by_name_kind", "bpf_sys_close", "bpf_timer_init",
	"bpf_timer_set_callback", "bpf_timer_start", "bpf_timer_cancel", "bpf_get_func_ip",
	"bpf_get_attach_cookie", "bpf_task_pt_regs", "bpf_get_branch_snapshot",
	"bpf_trace_vprintk", "bpf_skc_to_unix_sock", "bpf_kallsyms_lookup_name", "bpf_find_vma",
	"bpf_loop", "bpf_strncmp", "bpf_get_func_arg", "bpf_get_func_ret",
	"bpf_get_func_arg_cnt", "bpf_get_retval", "bpf_set_retval", "bpf_xdp_get_buff_len",
	"bpf_xdp_load_bytes", "bpf_xdp_store_bytes", "bpf_copy_from_user_task",
	"bpf_skb_set_tstamp", "bpf_ima_file_hash", "bpf_kptr_xchg",
	"bpf_map_lookup_percpu_elem", "bpf_skc_to_mptcp_sock", "bpf_dynptr_from_mem",
	"bpf_ringbuf_reserve_dynptr", "bpf_ringbuf_submit_dynptr", "bpf_ringbuf_discard_dynptr",
	"bpf_dynptr_read", "bpf_dynptr_write", "bpf_dynptr_data",
	"bpf_tcp_raw_gen_syncookie_ipv4", "bpf_tcp_raw_gen_syncookie_ipv6",
	"bpf_tcp_raw_check_syncookie_ipv4", "bpf_tcp_raw_check_syncookie_ipv6",
	"bpf_ktime_get_tai_ns", "bpf_user_ringbuf_drain", "bpf_cgrp_storage_get",
	"bpf_cgrp_storage_delete",
};
/* clang-format on */
BUILD_BUG_ON(ARRAY_SIZE(bpf_func_names) != __BPF_FUNC_MAX_ID);

/* Operator text indexed by BPF_OP(code) >> 4. NULL marks an invalid op. */
static const char *const bpf_alu_ops[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian",
};
static const char *const bpf_jmp_ops[16] = {
	[BPF_JEQ >> 4] = "==",	 [BPF_JGT >> 4] = ">",	  [BPF_JGE >> 4] = ">=",
	[BPF_JSET >> 4] = "&",	 [BPF_JNE >> 4] = "!=",	  [BPF_JSGT >> 4] = "s>",
	[BPF_JSGE >> 4] = "s>=", [BPF_JLT >> 4] = "<",	  [BPF_JLE >> 4] = "<=",
	[BPF_JSLT >> 4] = "s<",	 [BPF_JSLE >> 4] = "s<=",
};
/* Atomic read-modify-write ops by BPF_OP(imm) >> 4. */
static const char *const bpf_atomic_ops[16] = {
	[BPF_ADD >> 4] = "add",
	[BPF_OR >> 4] = "or",
	[BPF_AND >> 4] = "and",
	[BPF_XOR >> 4] = "xor",
};
/* Access sizes by BPF_SIZE(code) >> 3, unsigned and sign-extending. */
static const char *const bpf_ldst_size[4] = { "u32", "u16", "u8", "u64" };
static const char *const bpf_ldsx_size[4] = { "s32", "s16", "s8", NULL };

/* Linux's internal opcodes that can appear in a log after rewriting. */
#define BPF_NOSPEC 0xc0 /* BPF_ST | BPF_NOSPEC: speculation barrier */
#define BPF_MAY_GOTO 0 /* src_reg of BPF_JMP | BPF_JCOND */
#define BPF_LOAD_ACQ 0x100
#define BPF_STORE_REL 0x110

/* An output cursor over the caller's buffer; never overflows, always terminated. */
struct dbuf {
	char *buf;
	size_t len;
	size_t pos;
};

static __printf(2, 3) void emit(struct dbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->pos + 1 >= b->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->pos, b->len - b->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->pos = min(b->pos + (size_t)n, b->len - 1);
}

const char *bpf_helper_name(s32 func_id)
{
	if (func_id < 0 || func_id >= __BPF_FUNC_MAX_ID)
		return NULL;
	return bpf_func_names[func_id];
}

/* 'r' for the 64-bit classes, 'w' for the 32-bit views ALU and JMP32. */
static char reg_prefix(u8 cls)
{
	return cls == BPF_ALU || cls == BPF_JMP32 ? 'w' : 'r';
}

/* Byte swaps: "r0 = be16 r0" (ALU: to big/little endian), "r0 = bswap32 r0" (ALU64). */
static bool disasm_end(struct dbuf *b, const struct bpf_insn *insn)
{
	if (BPF_CLASS(insn->code) == BPF_ALU64) {
		if (BPF_SRC(insn->code) != BPF_TO_LE)
			return false;
		emit(b, "r%d = bswap%d r%d", insn->dst_reg, insn->imm, insn->dst_reg);
	} else {
		emit(b, "r%d = %s%d r%d", insn->dst_reg,
		     BPF_SRC(insn->code) == BPF_TO_BE ? "be" : "le", insn->imm, insn->dst_reg);
	}
	return true;
}

/* ALU and ALU64: "r0 += r1", "w0 = -w0", "r0 s/= 3", "r0 = (s8)r1". */
static bool disasm_alu(struct dbuf *b, const struct bpf_insn *insn)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	char r = reg_prefix(cls);
	const char *str = bpf_alu_ops[op >> 4];
	bool sign = (op == BPF_DIV || op == BPF_MOD) && insn->off == 1;

	if (op == BPF_END)
		return disasm_end(b, insn);
	if (!str)
		return false;
	if (op == BPF_NEG) {
		emit(b, "%c%d = -%c%d", r, insn->dst_reg, r, insn->dst_reg);
		return true;
	}
	if (sign)
		str = op == BPF_DIV ? "s/=" : "s%=";
	if (BPF_SRC(insn->code) == BPF_K) {
		emit(b, "%c%d %s %d", r, insn->dst_reg, str, insn->imm);
		return true;
	}
	if (op == BPF_MOV && cls == BPF_ALU64 && insn->off == 1) { /* arena pointer cast */
		emit(b, "r%d = addr_space_cast(r%d, %u, %u)", insn->dst_reg, insn->src_reg,
		     (u32)insn->imm >> 16, (u16)insn->imm);
		return true;
	}
	if (op == BPF_MOV && cls == BPF_ALU64 && insn->off == -1) { /* per-CPU address */
		emit(b, "r%d = &(void __percpu *)(r%d)", insn->dst_reg, insn->src_reg);
		return true;
	}
	if (op == BPF_MOV && (insn->off == 8 || insn->off == 16 || insn->off == 32)) {
		emit(b, "%c%d = (s%d)%c%d", r, insn->dst_reg, insn->off, r, insn->src_reg);
		return true;
	}
	emit(b, "%c%d %s %c%d", r, insn->dst_reg, str, r, insn->src_reg);
	return true;
}

/* LDX: "r0 = *(u8 *)(r1 +2)", sign-extending "r0 = *(s16 *)(r1 +2)". */
static bool disasm_ldx(struct dbuf *b, const struct bpf_insn *insn)
{
	const char *size = bpf_ldst_size[BPF_SIZE(insn->code) >> 3];

	if (BPF_MODE(insn->code) == BPF_MEMSX)
		size = bpf_ldsx_size[BPF_SIZE(insn->code) >> 3];
	else if (BPF_MODE(insn->code) != BPF_MEM)
		return false;
	if (!size)
		return false;
	emit(b, "r%d = *(%s *)(r%d %+d)", insn->dst_reg, size, insn->src_reg, insn->off);
	return true;
}

/* ST: "*(u64 *)(r10 -8) = 5"; Linux's internal speculation barrier "nospec". */
static bool disasm_st(struct dbuf *b, const struct bpf_insn *insn)
{
	if (BPF_MODE(insn->code) == BPF_NOSPEC && insn->code == (BPF_ST | BPF_NOSPEC)) {
		emit(b, "nospec");
		return true;
	}
	if (BPF_MODE(insn->code) != BPF_MEM)
		return false;
	emit(b, "*(%s *)(r%d %+d) = %d", bpf_ldst_size[BPF_SIZE(insn->code) >> 3], insn->dst_reg,
	     insn->off, insn->imm);
	return true;
}

/*
 * STX | ATOMIC: "lock *(u64 *)(r10 -8) += r1",
 * "r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)", xchg, cmpxchg,
 * load_acquire and store_release.
 */
static bool disasm_atomic(struct dbuf *b, const struct bpf_insn *insn)
{
	u8 sz = BPF_SIZE(insn->code);
	const char *size = bpf_ldst_size[sz >> 3];
	const char *bits = sz == BPF_DW ? "64" : "";
	const char *op = bpf_atomic_ops[(insn->imm & 0xf0) >> 4];

	if (insn->imm == BPF_LOAD_ACQ) {
		emit(b, "r%d = load_acquire((%s *)(r%d %+d))", insn->dst_reg, size, insn->src_reg,
		     insn->off);
		return true;
	}
	if (insn->imm == BPF_STORE_REL) {
		emit(b, "store_release((%s *)(r%d %+d), r%d)", size, insn->dst_reg, insn->off,
		     insn->src_reg);
		return true;
	}
	if (sz != BPF_W && sz != BPF_DW)
		return false;
	if (insn->imm == BPF_XCHG || insn->imm == BPF_CMPXCHG) {
		bool cmp = insn->imm == BPF_CMPXCHG;

		emit(b, "r%d = atomic%s_%s((%s *)(r%d %+d), %sr%d)", cmp ? 0 : insn->src_reg, bits,
		     cmp ? "cmpxchg" : "xchg", size, insn->dst_reg, insn->off, cmp ? "r0, " : "",
		     insn->src_reg);
		return true;
	}
	if (!op || (insn->imm & ~(0xf0 | BPF_FETCH)))
		return false;
	if (insn->imm & BPF_FETCH)
		emit(b, "r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)", insn->src_reg, bits, op,
		     size, insn->dst_reg, insn->off, insn->src_reg);
	else
		emit(b, "lock *(%s *)(r%d %+d) %s r%d", size, insn->dst_reg, insn->off,
		     bpf_alu_ops[(insn->imm & 0xf0) >> 4], insn->src_reg);
	return true;
}

/* STX: "*(u32 *)(r10 -4) = r1" and the atomics. */
static bool disasm_stx(struct dbuf *b, const struct bpf_insn *insn)
{
	if (BPF_MODE(insn->code) == BPF_ATOMIC)
		return disasm_atomic(b, insn);
	if (BPF_MODE(insn->code) != BPF_MEM)
		return false;
	emit(b, "*(%s *)(r%d %+d) = r%d", bpf_ldst_size[BPF_SIZE(insn->code) >> 3], insn->dst_reg,
	     insn->off, insn->src_reg);
	return true;
}

/* The default text of an lddw value: plain hex, or bpftool's notation for pseudo sources. */
static bool disasm_imm64(struct dbuf *b, const struct bpf_insn *insn, u64 imm)
{
	s32 lo = insn[0].imm;
	u32 hi = (u32)insn[1].imm;

	switch (insn->src_reg) {
	case 0:
		emit(b, "0x%llx", (unsigned long long)imm);
		return true;
	case BPF_PSEUDO_MAP_FD:
	case BPF_PSEUDO_MAP_IDX:
		emit(b, "map[%s:%d]", insn->src_reg == BPF_PSEUDO_MAP_FD ? "fd" : "idx", lo);
		break;
	case BPF_PSEUDO_MAP_VALUE:
	case BPF_PSEUDO_MAP_IDX_VALUE:
		emit(b, "map[%s:%d][0]+%u", insn->src_reg == BPF_PSEUDO_MAP_VALUE ? "fd" : "idx",
		     lo, hi);
		return true;
	case BPF_PSEUDO_BTF_ID:
		emit(b, "btf_id[%d]", lo);
		break;
	case BPF_PSEUDO_FUNC:
		emit(b, "subprog[%+d]", lo);
		break;
	default:
		return false;
	}
	return hi == 0; /* these forms keep nothing in the second half */
}

/* LD: lddw "r1 = 0x1234", legacy packet loads "r0 = *(u8 *)skb[12]". */
static int disasm_ld(struct dbuf *b, const struct bpf_insn *insn, size_t remaining,
		     const struct bpf_insn_cbs *cbs)
{
	u8 mode = BPF_MODE(insn->code), size = BPF_SIZE(insn->code);
	const char *text = NULL;
	u64 imm;

	if ((mode == BPF_ABS || mode == BPF_IND) && size != BPF_DW) {
		if (mode == BPF_ABS)
			emit(b, "r0 = *(%s *)skb[%d]", bpf_ldst_size[size >> 3], insn->imm);
		else
			emit(b, "r0 = *(%s *)skb[r%d + %d]", bpf_ldst_size[size >> 3],
			     insn->src_reg, insn->imm);
		return 1;
	}
	if (insn->code != (BPF_LD | BPF_IMM | BPF_DW))
		return 0;
	if (remaining < 2) {
		emit(b, "r%d = <lddw missing its second half>", insn->dst_reg);
		return 1;
	}
	imm = ((u64)(u32)insn[1].imm << 32) | (u32)insn[0].imm;
	if (cbs && cbs->cb_imm)
		text = cbs->cb_imm(cbs->private_data, insn, imm);
	emit(b, "r%d = ", insn->dst_reg);
	if (text)
		emit(b, "%s", text);
	else if (!disasm_imm64(b, insn, imm))
		return 0;
	return 2;
}

/* Calls: "call bpf_map_lookup_elem#1", "call pc+5", "call kernel-function#7", "callx r2". */
static bool disasm_call(struct dbuf *b, const struct bpf_insn *insn, const struct bpf_insn_cbs *cbs)
{
	const char *name = NULL;

	if (BPF_SRC(insn->code) == BPF_X) {
		emit(b, "callx r%d", insn->dst_reg);
		return true;
	}
	if (insn->src_reg == 0)
		name = bpf_helper_name(insn->imm);
	if (!name && cbs && cbs->cb_call)
		name = cbs->cb_call(cbs->private_data, insn);
	if (name && insn->src_reg != BPF_PSEUDO_CALL)
		emit(b, "call %s#%d", name, insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_CALL)
		emit(b, "call pc%+d", insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
		emit(b, "call kernel-function#%d", insn->imm);
	else if (insn->src_reg == 0)
		emit(b, "call unknown#%d", insn->imm);
	else
		return false;
	return true;
}

/* JMP and JMP32: "goto pc+3", "gotol pc+70000", "if w1 > w2 goto pc-5", "exit". */
static bool disasm_jmp(struct dbuf *b, const struct bpf_insn *insn, const struct bpf_insn_cbs *cbs)
{
	u8 cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	char r = reg_prefix(cls);
	const char *str = bpf_jmp_ops[op >> 4];

	if (insn->code == (BPF_JMP | BPF_CALL) || insn->code == (BPF_JMP | BPF_CALL | BPF_X))
		return disasm_call(b, insn, cbs);
	if (insn->code == (BPF_JMP | BPF_TAIL_CALL))
		emit(b, "tail_call"); /* internal: what the load path makes of bpf_tail_call */
	else if (insn->code == (BPF_JMP | BPF_JA))
		emit(b, "goto pc%+d", insn->off);
	else if (insn->code == (BPF_JMP32 | BPF_JA))
		emit(b, "gotol pc%+d", insn->imm);
	else if (insn->code == (BPF_JMP | BPF_EXIT))
		emit(b, "exit");
	else if (insn->code == (BPF_JMP | BPF_JCOND) && insn->src_reg == BPF_MAY_GOTO)
		emit(b, "may_goto pc%+d", insn->off);
	else if (!str)
		return false;
	else if (BPF_SRC(insn->code) == BPF_X)
		emit(b, "if %c%d %s %c%d goto pc%+d", r, insn->dst_reg, str, r, insn->src_reg,
		     insn->off);
	else
		emit(b, "if %c%d %s 0x%x goto pc%+d", r, insn->dst_reg, str, (u32)insn->imm,
		     insn->off);
	return true;
}

/* Dispatches on the class; returns instructions consumed, 0 for an unknown opcode. */
static int disasm_one(struct dbuf *b, const struct bpf_insn *insn, size_t remaining,
		      const struct bpf_insn_cbs *cbs)
{
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		return disasm_alu(b, insn);
	case BPF_LDX:
		return disasm_ldx(b, insn);
	case BPF_ST:
		return disasm_st(b, insn);
	case BPF_STX:
		return disasm_stx(b, insn);
	case BPF_LD:
		return disasm_ld(b, insn, remaining, cbs);
	default: /* BPF_JMP, BPF_JMP32 */
		return disasm_jmp(b, insn, cbs);
	}
}

int bpf_disasm_insn_cbs(const struct bpf_insn *insn, size_t remaining, bool opcode_prefix,
			const struct bpf_insn_cbs *cbs, char *buf, size_t len)
{
	struct dbuf b = { .buf = buf, .len = len, .pos = 0 };
	size_t start;
	int n;

	if (!len)
		return 1;
	buf[0] = '\0';
	if (opcode_prefix)
		emit(&b, "(%02x) ", insn->code);
	start = b.pos;
	n = remaining ? disasm_one(&b, insn, remaining, cbs) : 0;
	if (n == 0) {
		b.pos = start; /* drop anything a half-recognised form wrote */
		b.buf[b.pos] = '\0';
		emit(&b, "unknown opcode %02x", insn->code);
		n = 1;
	}
	return n;
}

int bpf_disasm_insn(const struct bpf_insn *insn, size_t remaining, char *buf, size_t len)
{
	return bpf_disasm_insn_cbs(insn, remaining, false, NULL, buf, len);
}

int print_bpf_insn(const struct bpf_insn_cbs *cbs, const struct bpf_insn *insn, size_t remaining)
{
	char line[BPF_DISASM_LINE_MAX];
	int n = bpf_disasm_insn_cbs(insn, remaining, true, cbs, line, sizeof(line));

	if (cbs && cbs->cb_print)
		cbs->cb_print(cbs->private_data, "%s\n", line);
	return n;
}

void bpf_disasm_prog(const struct bpf_insn_cbs *cbs, const struct bpf_insn *insns, size_t cnt)
{
	size_t i = 0;

	while (i < cnt) {
		if (cbs && cbs->cb_print)
			cbs->cb_print(cbs->private_data, "%zu: ", i);
		i += print_bpf_insn(cbs, &insns[i], cnt - i);
	}
}
