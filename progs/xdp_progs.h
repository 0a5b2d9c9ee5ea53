/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The built-in XDP programs that make bench runs on both guests, one copy
 * for everyone: bpfkern's kernel attaches them by name (xdp=demux, tx,
 * pass; kernel/net/bridge.c), the Linux guest's init loads them through
 * its bpf() (tools/linuxguest/xdp.c), and the ring-3 benchmark
 * tests/user/b_live.c loads them through ours:
 *
 *   xdp_prog_demux  the verdict is the first payload byte (frame[14]);
 *                   shorter frames XDP_PASS. "drop": tests/net/bench.py sends
 *                   63 XDP_DROP frames and one XDP_TX probe in every 64.
 *   xdp_prog_tx     Ethernet source and destination swapped, XDP_TX.
 *   xdp_prog_pass   XDP_PASS: the frame goes on to the bridge (out of the other port).
 *
 * Needs struct bpf_insn and the opcode names of <linux/bpf.h> (the
 * system's or include/uapi's); the XP_ macros are its own, so it sits
 * beside either set of instruction macros.
 */
#ifndef PROGS_XDP_PROGS_H
#define PROGS_XDP_PROGS_H

#define XP_INSN(CODE, DST, SRC, OFF, IMM)                                                      \
	{                                                                                      \
		.code = (CODE), .dst_reg = (DST), .src_reg = (SRC), .off = (OFF), .imm = (IMM) \
	}
#define XP_LDX(SIZE, DST, SRC, OFF) XP_INSN(BPF_LDX | (SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define XP_STX(SIZE, DST, SRC, OFF) XP_INSN(BPF_STX | (SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define XP_MOV_IMM(DST, IMM) XP_INSN(BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM)
#define XP_MOV_REG(DST, SRC) XP_INSN(BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, 0, 0)
#define XP_ADD_IMM(DST, IMM) XP_INSN(BPF_ALU64 | BPF_ADD | BPF_K, DST, 0, 0, IMM)
#define XP_JGT_REG(DST, SRC, OFF) XP_INSN(BPF_JMP | BPF_JGT | BPF_X, DST, SRC, OFF, 0)
#define XP_EXIT() XP_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static const struct bpf_insn xdp_prog_demux[] = {
	XP_LDX(BPF_W, 2, 1, 0), /* data */
	XP_LDX(BPF_W, 3, 1, 4), /* data_end */
	XP_MOV_IMM(0, XDP_PASS), XP_MOV_REG(4, 2),	  XP_ADD_IMM(4, 15),
	XP_JGT_REG(4, 3, 1),	 XP_LDX(BPF_B, 0, 2, 14), XP_EXIT(),
};

static const struct bpf_insn xdp_prog_tx[] = {
	XP_LDX(BPF_W, 2, 1, 0),
	XP_LDX(BPF_W, 3, 1, 4),
	XP_MOV_REG(4, 2),
	XP_ADD_IMM(4, 12),
	XP_JGT_REG(4, 3, 10),
	XP_LDX(BPF_W, 5, 2, 0), /* destination */
	XP_LDX(BPF_H, 6, 2, 4),
	XP_LDX(BPF_W, 7, 2, 6), /* source */
	XP_LDX(BPF_H, 8, 2, 10),
	XP_STX(BPF_W, 2, 7, 0),
	XP_STX(BPF_H, 2, 8, 4),
	XP_STX(BPF_W, 2, 5, 6),
	XP_STX(BPF_H, 2, 6, 10),
	XP_MOV_IMM(0, XDP_TX),
	XP_EXIT(),
	XP_MOV_IMM(0, XDP_DROP),
	XP_EXIT(),
};

static const struct bpf_insn xdp_prog_pass[] = {
	XP_MOV_IMM(0, XDP_PASS),
	XP_EXIT(),
};

/* The 64-byte frame the live-frames runs use: payload byte 0 says XDP_DROP to demux. */
#define XDP_LIVE_FRAME_INIT                                              \
	{                                                                \
		2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0xb5, XDP_DROP \
	}

/*
 * The live-frames firewall frame: 64 bytes of IPv4/UDP from 198.51.100.7 to
 * 10.0.0.1 (a source in none of make bench's deny prefixes): XDP_PASS.
 */
/* clang-format off */
#define XDP_LIVE_FW_FRAME_INIT {                                                \
	2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,         /* Ethernet */ \
	0x45, 0, 0, 50, 0, 0, 0, 0, 64, 17, 0, 0,              /* IPv4 ... */ \
	198, 51, 100, 7, 10, 0, 0, 1,                          /* src, dst */ \
	0x0f, 0xa0, 0x13, 0x88, 0, 30, 0, 0 }                  /* UDP */
/* clang-format on */

#endif
