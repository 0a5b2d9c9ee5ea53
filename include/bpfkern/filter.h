/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket filters: the minimal struct sk_buff a BPF_PROG_TYPE_SOCKET_FILTER
 * program runs on, and the legacy packet loads (LD_ABS/LD_IND) that read it
 * (Linux: include/linux/skbuff.h, include/linux/filter.h, net/core/filter.c).
 * Portable: kernel/bpf/skb.c implements it for the kernel and the host.
 */
#ifndef BPFKERN_FILTER_H
#define BPFKERN_FILTER_H

#include <bpfkern/bpf.h>

/*
 * Instruction builders, as Linux's include/linux/filter.h names them: for
 * code that generates BPF (ctx conversion, fixups, tests).
 */
#define BPF_RAW_INSN(CODE, DST, SRC, OFF, IMM) \
	((struct bpf_insn){                    \
		.code = (CODE), .dst_reg = (DST), .src_reg = (SRC), .off = (OFF), .imm = (IMM) })
#define BPF_ALU64_REG(OP, DST, SRC) BPF_RAW_INSN(BPF_ALU64 | BPF_OP(OP) | BPF_X, DST, SRC, 0, 0)
#define BPF_ALU32_REG(OP, DST, SRC) BPF_RAW_INSN(BPF_ALU | BPF_OP(OP) | BPF_X, DST, SRC, 0, 0)
#define BPF_ALU64_IMM(OP, DST, IMM) BPF_RAW_INSN(BPF_ALU64 | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)
#define BPF_ALU32_IMM(OP, DST, IMM) BPF_RAW_INSN(BPF_ALU | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM)
#define BPF_MOV64_REG(DST, SRC) BPF_ALU64_REG(BPF_MOV, DST, SRC)
#define BPF_MOV32_REG(DST, SRC) BPF_ALU32_REG(BPF_MOV, DST, SRC)
#define BPF_MOV64_IMM(DST, IMM) BPF_ALU64_IMM(BPF_MOV, DST, IMM)
#define BPF_MOV32_IMM(DST, IMM) BPF_ALU32_IMM(BPF_MOV, DST, IMM)
#define BPF_LDX_MEM(SIZE, DST, SRC, OFF) \
	BPF_RAW_INSN(BPF_LDX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPF_STX_MEM(SIZE, DST, SRC, OFF) \
	BPF_RAW_INSN(BPF_STX | BPF_SIZE(SIZE) | BPF_MEM, DST, SRC, OFF, 0)
#define BPF_ST_MEM(SIZE, DST, OFF, IMM) \
	BPF_RAW_INSN(BPF_ST | BPF_SIZE(SIZE) | BPF_MEM, DST, 0, OFF, IMM)
#define BPF_JMP_IMM(OP, DST, IMM, OFF) BPF_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_K, DST, 0, OFF, IMM)
#define BPF_JMP_REG(OP, DST, SRC, OFF) BPF_RAW_INSN(BPF_JMP | BPF_OP(OP) | BPF_X, DST, SRC, OFF, 0)
#define BPF_JMP_A(OFF) BPF_RAW_INSN(BPF_JMP | BPF_JA, 0, 0, OFF, 0)
#define BPF_CALL_HELPER(ID) BPF_RAW_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, ID)
#define BPF_EXIT_INSN() BPF_RAW_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
/* lddw is two instructions: use as BPF_LD_IMM64(...) inside an initializer list. */
#define BPF_LD_IMM64_RAW(DST, SRC, IMM)                                             \
	BPF_RAW_INSN(BPF_LD | BPF_DW | BPF_IMM, DST, SRC, 0, (s32)(u32)(u64)(IMM)), \
		BPF_RAW_INSN(0, 0, 0, 0, (s32)(u32)((u64)(IMM) >> 32))
#define BPF_LD_IMM64(DST, IMM) BPF_LD_IMM64_RAW(DST, 0, IMM)

/* Whether an instruction reads or writes the context (Linux: enum bpf_access_type). */
enum bpf_access_type { BPF_READ = 1, BPF_WRITE = 2 };

/*
 * What a program type's context looks like to the load path (and later the
 * verifier), as the ctx half of Linux's struct bpf_verifier_ops:
 * is_valid_access says whether a size-byte access at off of the user-visible
 * context (xdp_md, __sk_buff) is allowed; convert_ctx_access rewrites such
 * an access, si, into instructions over the real kernel structure
 * (xdp_buff, sk_buff) in insn_buf (room for BPF_CTX_CONVERT_MAX) and returns
 * how many it wrote. Both see only accesses is_valid_access allowed.
 */
#define BPF_CTX_CONVERT_MAX 8
struct bpf_verifier_ops {
	bool (*is_valid_access)(int off, int size, enum bpf_access_type type);
	u32 (*convert_ctx_access)(enum bpf_access_type type, const struct bpf_insn *si,
				  struct bpf_insn *insn_buf);
};

/* The context of a program type, or NULL when it has none to convert (raw programs). */
const struct bpf_verifier_ops *bpf_prog_type_ctx_ops(enum bpf_prog_type type);
extern const struct bpf_verifier_ops xdp_verifier_ops;
extern const struct bpf_verifier_ops sk_filter_verifier_ops;

/* Negative LD_ABS/LD_IND offsets address the link / network layer (Linux's SKF_*_OFF). */
#define SKF_NET_OFF (-0x100000)
#define SKF_LL_OFF (-0x200000)

/*
 * A linear packet buffer: data[0 .. len) is the packet, starting at its
 * link-layer (Ethernet) header. Only the fields __sk_buff exposes and the
 * load paths need; Linux's is far larger.
 */
struct sk_buff {
	u8 *head; /* start of the buffer (headroom before data) */
	u8 *data; /* first byte of the packet */
	void *data_end; /* data + len: what __sk_buff.data_end reads */
	u32 len; /* bytes of packet */
	u16 mac_header; /* offset of the link-layer header from head */
	u16 network_header; /* offset of the network header from head */
	u16 protocol; /* ethertype, network byte order */
	u8 pkt_type; /* PACKET_HOST etc. */
	u8 __pad;
	u32 mark;
	u32 priority;
	u32 ifindex; /* the device's (skb->dev->ifindex in Linux) */
	u32 skb_iif; /* the device it arrived on */
	u32 hash;
	u16 queue_mapping;
	u16 vlan_tci;
	u16 vlan_proto;
	u16 __pad2;
	u32 cb[5]; /* the scratch words __sk_buff.cb[] maps to */
};

/*
 * The address of size bytes at packet offset k as LD_ABS/LD_IND read them:
 * k >= 0 is an offset into data; SKF_NET_OFF + n and SKF_LL_OFF + n are n
 * bytes into the network / link-layer header. NULL when any byte lies
 * outside the packet (the program then stops with r0 = 0).
 */
const u8 *bpf_skb_load_pointer(const struct sk_buff *skb, s32 k, u32 size);

/*
 * Fills skb over the frame pkt[0 .. len) (not copied: skb points into it) as
 * Linux's BPF_PROG_TEST_RUN does for a socket filter: eth_type_trans sets
 * protocol and pkt_type (lo's MAC is all zero) and pulls the Ethernet header,
 * so data (LD_ABS offset 0) is the network header and len excludes the 14
 * bytes; SKF_LL_OFF still reaches them. ifindex is 1 (lo), ingress_ifindex 0.
 * -EINVAL, as Linux, for a frame shorter than its Ethernet header, or than
 * the IPv4 (34 bytes) or IPv6 (54 bytes) header its ethertype announces.
 */
int bpf_skb_init_test(struct sk_buff *skb, u8 *pkt, u32 len);

/*
 * long bpf_skb_load_bytes(skb, offset, to, len): copies len bytes at offset
 * from data into to; 0, or -EFAULT with to zeroed when [offset, offset + len)
 * is not inside the packet (a bpf_helper_fn).
 */
u64 bpf_skb_load_bytes(u64 skb, u64 offset, u64 to, u64 len, u64 r5);

#endif
