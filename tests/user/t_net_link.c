// SPDX-License-Identifier: GPL-2.0
/*
 * An XDP link swapped under traffic (tier 60, tests/net/nettest.py "link"):
 * two programs, A and B, each mark a frame with its own byte in two
 * separate stores (offsets 14 and 15), count it in its slot of a shared
 * ARRAY map and send it back out (XDP_TX). This process attaches A to port
 * eth0 (ifindex 1) with BPF_LINK_CREATE, says "t_net_link: attached", and
 * then swaps the link between B and A with BPF_LINK_UPDATE as fast as it
 * can until NET_LINK_FRAMES frames were counted, while the host sends
 * them. The host checks that every frame came back once, marked by exactly
 * one program (never unmarked: no frame ran without a program; never
 * mixed: no frame ran half of each); this side checks the counts add up
 * and that the swaps happened during the traffic. Then LINK_DETACH.
 * Run by `utest=t_net_link xdp=none` with a virtio-net port.
 */
#include <stdio.h>
#include <string.h>
#include "user/bpfkern_user.h"
#include "tests/user/check.h"

#define NET_LINK_FRAMES 3000 /* nettest.py sends exactly this many */
#define MARK_A 0xaa
#define MARK_B 0xbb
#define IFINDEX 1

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static long bpf(long cmd, union bpf_attr *attr)
{
	return raw_syscall(__NR_bpf, cmd, (long)attr, sizeof(*attr), 0, 0, 0);
}

/* The marking program for slot (0: A, 1: B) of the counter map map_fd. fd or -errno. */
static long load_marker(long map_fd, int slot, int mark)
{
	struct bpf_insn insns[] = {
		INSN(BPF_LDX | BPF_W | BPF_MEM, 2, 1, 0, 0), /* r2 = ctx->data */
		INSN(BPF_LDX | BPF_W | BPF_MEM, 3, 1, 4, 0), /* r3 = ctx->data_end */
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 4, 2, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 4, 0, 0, 16),
		INSN(BPF_JMP | BPF_JGT | BPF_X, 4, 3, 13, 0), /* too short: drop */
		INSN(BPF_ST | BPF_B | BPF_MEM, 2, 0, 14, mark),
		INSN(BPF_ST | BPF_B | BPF_MEM, 2, 0, 15, mark),
		INSN(BPF_ST | BPF_W | BPF_MEM, 10, 0, -4, slot),
		INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, (int)map_fd),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, 2, 10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, 2, 0, 0, -4),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 1),
		INSN(BPF_STX | BPF_DW | BPF_ATOMIC, 0, 1, 0, BPF_ADD),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_TX),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, XDP_DROP),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_XDP;
	a.insns = (unsigned long)insns;
	a.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	a.license = (unsigned long)"GPL";
	return bpf(BPF_PROG_LOAD, &a);
}

static long counter_map(void)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = 8;
	a.max_entries = 2;
	return bpf(BPF_MAP_CREATE, &a);
}

static unsigned long count(long map_fd, unsigned int slot)
{
	unsigned long value = 0;
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned int)map_fd;
	a.key = (unsigned long)&slot;
	a.value = (unsigned long)&value;
	bpf(BPF_MAP_LOOKUP_ELEM, &a);
	return value;
}

static long link_cmd(int cmd, long link_fd, long prog_fd)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	if (cmd == BPF_LINK_CREATE) {
		a.link_create.prog_fd = (unsigned int)prog_fd;
		a.link_create.target_ifindex = IFINDEX;
		a.link_create.attach_type = BPF_XDP;
	} else if (cmd == BPF_LINK_UPDATE) {
		a.link_update.link_fd = (unsigned int)link_fd;
		a.link_update.new_prog_fd = (unsigned int)prog_fd;
	} else {
		a.link_detach.link_fd = (unsigned int)link_fd;
	}
	return bpf(cmd, &a);
}

int main(void)
{
	long map = counter_map(), a, b, link;
	unsigned long updates = 0, during = 0, ran_a, ran_b, seen;

	expect_true("net_link.map", map >= 0, map);
	a = load_marker(map, 0, MARK_A);
	b = load_marker(map, 1, MARK_B);
	expect_true("net_link.load_a", a >= 0, a);
	expect_true("net_link.load_b", b >= 0, b);
	link = link_cmd(BPF_LINK_CREATE, 0, a);
	expect_true("net_link.create", link >= 0, link);
	if (failed)
		return 1;
	printf("t_net_link: attached, waiting for %d frames\n", NET_LINK_FRAMES);
	/* Swap until every frame came; count the swaps made while frames were arriving. */
	while ((seen = count(map, 0) + count(map, 1)) < NET_LINK_FRAMES) {
		long err = link_cmd(BPF_LINK_UPDATE, link, updates & 1 ? a : b);

		if (err) {
			expect("net_link.update", err, 0);
			return 1;
		}
		updates++;
		during += seen > 0;
	}
	ran_a = count(map, 0);
	ran_b = count(map, 1);
	printf("t_net_link: %lu updates (%lu under traffic), A ran %lu, B ran %lu\n", updates,
	       during, ran_a, ran_b);
	expect("net_link.every_frame_ran_once", (long)(ran_a + ran_b), NET_LINK_FRAMES);
	expect_true("net_link.swapped_under_traffic", during >= 100, (long)during);
	expect_true("net_link.both_programs_ran", ran_a && ran_b,
		    (long)(ran_a < ran_b ? ran_a : ran_b));
	expect("net_link.detach", link_cmd(BPF_LINK_DETACH, link, 0), 0);
	expect("net_link.update_after_detach", link_cmd(BPF_LINK_UPDATE, link, a),
	       -67 /* ENOLINK */);
	return failed ? 1 : 0;
}
