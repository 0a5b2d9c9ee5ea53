/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pre-verifier load path (kernel/bpf/load.c): turns the instructions a
 * user handed in into instructions the interpreter and the JIT can run.
 *
 *  1. structural checks: known opcodes, valid registers and reserved
 *     fields, jumps and calls inside the program and not into the middle of
 *     an lddw, the last instruction an exit or a jump;
 *  2. context rewrites: reads and writes of xdp_md / __sk_buff become
 *     accesses to struct xdp_buff / struct sk_buff (kernel/bpf/xdp.c,
 *     skb.c). Which registers hold the context pointer is found by a small
 *     forward dataflow (r1 at entry, copied by "rX = rY"); an access
 *     through a register that holds ctx on some paths only, or through a
 *     value computed from ctx ("r1 += 4"), is rejected.
 *     A program bpf_check() accepted (opts->verified) instead has exactly
 *     the accesses the verifier saw through a PTR_TO_CTX rewritten
 *     (aux->ctx_access_insns), as Linux's convert_ctx_accesses: ctx read
 *     back from the stack or from a callback's argument included; the
 *     dataflow stays for programs loaded without the verifier;
 *  3. lddw pseudo forms: BPF_PSEUDO_MAP_FD / MAP_IDX become the struct
 *     bpf_map pointer, MAP_VALUE / MAP_IDX_VALUE the value's address (array
 *     maps), src_reg then 0; BPF_PSEUDO_FUNC stays relative (imm = target -
 *     this insn - 1): the interpreter turns it into the address of the
 *     target instruction, the JIT into the subprogram's code address;
 *  4. calls: helper ids are checked against bpf_func_protos[] (imm stays the
 *     id), bpf_tail_call becomes the internal BPF_JMP | BPF_TAIL_CALL, and
 *     callx is normalised to keep its register in dst_reg.
 *
 * There is no safety check here: that is the verifier's job.
 */
#ifndef BPFKERN_LOAD_H
#define BPFKERN_LOAD_H

#include <bpfkern/bpf.h>

struct bpf_load_opts {
	/* XDP and SOCKET_FILTER have a context to rewrite; UNSPEC is a raw program. */
	enum bpf_prog_type prog_type;
	/* Map of an fd (BPF_PSEUDO_MAP_FD / MAP_VALUE), NULL or ERR_PTR if none. May be NULL. */
	struct bpf_map *(*map_from_fd)(void *ctx, int fd);
	void *map_ctx;
	/* BPF_PSEUDO_MAP_IDX / MAP_IDX_VALUE: imm indexes this array of fds (Linux's fd_array). */
	const int *fd_array;
	u32 fd_array_cnt;
	/*
	 * The program went through bpf_check() already: its tag is taken and
	 * its map lddws hold the map pointers bpf_check() put there, with
	 * aux->used_maps filled; they only lose their pseudo src_reg. Its ctx
	 * accesses are those bpf_check() recorded (aux->ctx_access_insns), not
	 * those the load path's own data flow would find.
	 */
	bool verified;
	/* Why the load failed, one line, NUL-terminated; may be NULL. */
	char *log_buf;
	u32 log_size;
};

/*
 * Computes prog->tag (kernel/bpf/tag.c), then runs the steps above on
 * prog->insnsi[0 .. prog->len) in place (insnsi may
 * be reallocated and len grow). Fills prog->aux->used_maps with each map
 * once (no reference taken). Returns 0, or -EINVAL with the reason in the
 * log (e.g. "jump out of range from insn 3 to 9"), -EBADF for a bad map fd,
 * -ENOMEM, -E2BIG.
 */
int bpf_prog_prepare(struct bpf_prog *prog, const struct bpf_load_opts *opts);

#endif
