/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF verifier (kernel/bpf/verifier.c): decides whether a program may run,
 * with Linux's rules, decisions and log wording (Linux: bpf_check() in
 * kernel/bpf/verifier.c). Portable: built into the kernel and the host tools.
 *
 * Quick use (the load path, bpfrun verify, tests):
 *	char log[65536];
 *	struct bpf_verifier_stats st;
 *	struct bpf_verifier_opts opts = {
 *		.prog_type = BPF_PROG_TYPE_XDP, .bpf_capable = true,
 *		.gpl_compatible = true, .log_level = 1,
 *		.log_buf = log, .log_size = sizeof(log),
 *		.map_from_fd = my_fd_lookup, .map_ctx = my_fd_table,
 *		.stats = &st,
 *	};
 *	int err = bpf_check(&prog, &opts);   // 0: accepted
 */
#ifndef BPFKERN_VERIFIER_H
#define BPFKERN_VERIFIER_H

#include <bpfkern/bpf.h>

/* Linux's log levels (BPF_LOG_LEVEL1/2, BPF_LOG_STATS). */
#define BPF_LOG_LEVEL1 1
#define BPF_LOG_LEVEL2 2
#define BPF_LOG_STATS 4
#define BPF_LOG_FIXED 8 /* keep the oldest text, not the newest, when the log overflows */
#define BPF_LOG_LEVEL (BPF_LOG_LEVEL1 | BPF_LOG_LEVEL2)
#define BPF_LOG_MASK (BPF_LOG_LEVEL | BPF_LOG_STATS | BPF_LOG_FIXED)
/* Smallest log buffer Linux accepts when logging is on. */
#define BPF_LOG_MIN_SIZE 128

/* Linux's limits on program size: unprivileged and privileged (bpf_capable). */
#define BPF_MAXINSNS_UNPRIV 4096
#define BPF_MAXINSNS_PRIV BPF_COMPLEXITY_LIMIT_INSNS
/* Most subprograms (the main program plus BPF-to-BPF call targets). */
#define BPF_MAX_SUBPROGS 256

/* What the verification cost: the figures of Linux's final log line. */
struct bpf_verifier_stats {
	u32 insn_processed; /* "processed N insns" */
	u32 max_states_per_insn;
	u32 total_states;
	u32 peak_states;
	u32 mark_read;
	u32 stack_depth; /* bytes of stack the main program uses */
};

struct bpf_verifier_opts {
	enum bpf_prog_type prog_type; /* XDP or SOCKET_FILTER; others -EINVAL */
	bool bpf_capable; /* false: Linux's unprivileged restrictions */
	/*
	 * With bpf_capable: CAP_BPF without CAP_PERFMON. Loops, calls and
	 * privileged helpers are allowed, but (as unprivileged) no pointer may
	 * leak and uninitialised stack may not be read. false = root.
	 */
	bool cap_bpf_only;
	bool gpl_compatible; /* license allows gpl_only helpers */
	u32 log_level; /* 0, 1, 2, optionally | BPF_LOG_STATS, as Linux */
	char *log_buf; /* kernel-side buffer, always NUL-terminated; may be NULL if log_level 0 */
	u32 log_size;
	/*
	 * Resolves the fd in an lddw with src_reg BPF_PSEUDO_MAP_FD or
	 * BPF_PSEUDO_MAP_VALUE. Returns the map (the caller keeps it alive for
	 * the whole call) or NULL / an ERR_PTR when fd is no map. May be NULL:
	 * then every map fd is invalid.
	 */
	struct bpf_map *(*map_from_fd)(void *ctx, int fd);
	void *map_ctx;
	struct bpf_verifier_stats *stats; /* optional out: filled on success and failure */
	/*
	 * Optional line_info (PROG_LOAD, checked by btf_prog_check_info):
	 * the log prints each record's C source line before its first
	 * instruction, and the rejection hint names the line.
	 */
	const struct btf *btf;
	const struct bpf_line_info *linfo;
	u32 nr_linfo;
	/*
	 * func_info (one FUNC of btf per subprogram, already checked), for
	 * callers without a prog->aux that holds it (bpf_verify_insns users):
	 * prog->aux->func_info wins when set. Callbacks need it, as in Linux.
	 */
	const struct bpf_func_info *func_info;
	u32 func_info_cnt;
};

/*
 * Verifies (*prog)->insnsi[0 .. len) as a program of opts->prog_type.
 * Returns 0 when accepted, else the negative errno Linux's bpf_check()
 * gives for the same program: -EACCES for most unsafe accesses, -EINVAL
 * for malformed programs, -E2BIG too large or too complex, -EBADF a bad map
 * fd, -EPERM an unprivileged XDP load or BPF-to-BPF call, -ENOSPC an
 * accepted program whose log did not fit, -ENOMEM out of memory, -EFAULT an
 * internal inconsistency. Log level 1 keeps the trace of a rejected
 * program; an accepted one keeps only the summary line (as Linux). On
 * rejection the log ends with our "hint: insn N: ..." line after Linux's.
 * On acceptance the program is rewritten in place, as Linux does before
 * fixups: map lddws carry the map pointer (BPF_PSEUDO_MAP_FD: struct bpf_map *;
 * BPF_PSEUDO_MAP_VALUE: address of the value + off, array maps only) split
 * into insn[0].imm (low 32 bits) and insn[1].imm (high), src_reg kept;
 * (*prog)->aux->used_maps/used_map_cnt list each distinct map once (a
 * kmalloc'd array the program then owns; no map reference is taken: the
 * loader takes them), aux->stack_depth is set, and insns no path reaches
 * become "goto -1" traps (Linux: sanitize_dead_code). *prog itself is not
 * reallocated in this version; later fixups (kernel/bpf/patch.c) may.
 */
int bpf_check(struct bpf_prog **prog, const struct bpf_verifier_opts *opts);

/*
 * Convenience for tools and tests that have bare instructions: verifies
 * insns[0 .. cnt) on a private copy (nothing is rewritten in insns).
 * Same return values and opts as bpf_check().
 */
int bpf_verify_insns(const struct bpf_insn *insns, u32 cnt, const struct bpf_verifier_opts *opts);

#endif
