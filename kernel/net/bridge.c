// SPDX-License-Identifier: GPL-2.0
/*
 * The appliance (net_init): two ports become a bump-in-the-wire bridge
 * (XDP_PASS on one goes out of the other) and every port gets the
 * built-in XDP program the command line names with xdp=:
 *
 *   pass      return XDP_PASS (the default: a plain bridge)
 *   drop      return XDP_DROP
 *   aborted   return XDP_ABORTED
 *   tx        swap the Ethernet source and destination, return XDP_TX
 *   redirect  bpf_redirect_map(devmap, ingress ifindex, XDP_DROP), the
 *             devmap sending each port's frames to the other
 *   demux     return the first payload byte (frame[14]) as the action, so
 *             tests/net can ask for any verdict, invalid ones included
 *   encap     bpf_xdp_adjust_head(-14) and a copy of the Ethernet header in
 *             front (a frame in a frame), XDP_TX
 *   trim      bpf_xdp_adjust_tail(-4), XDP_TX
 *   meta      4 bytes of metadata (bpf_xdp_adjust_meta) written, read back
 *             and copied into the frame, XDP_TX
 *
 * These are a stepping stone: the default firewall in progs/, loaded and
 * attached from user space through bpf(BPF_LINK_CREATE), replaces them.
 * They go through the same verifier, load path and JIT as a bpf() load.
 */
#include <stdlib.h>
#include <string.h>
#include <bpfkern/arch.h>
#include <bpfkern/bpf.h>
#include <bpfkern/cmdline.h>
#include <bpfkern/filter.h>
#include <bpfkern/kernel.h>
#include <bpfkern/load.h>
#include <bpfkern/net.h>
#include <bpfkern/verifier.h>
/* pass, tx and demux: the programs make bench also loads into a Linux guest. */
#include "progs/xdp_progs.h"

static struct bpf_map *bridge_devmap;

static const struct bpf_insn prog_drop[] = { BPF_MOV64_IMM(0, XDP_DROP), BPF_EXIT_INSN() };
static const struct bpf_insn prog_aborted[] = { BPF_MOV64_IMM(0, XDP_ABORTED), BPF_EXIT_INSN() };

static const struct bpf_insn prog_redirect[] = {
	BPF_LDX_MEM(BPF_W, 2, 1, offsetof(struct xdp_md, ingress_ifindex)),
	BPF_LD_IMM64_RAW(1, BPF_PSEUDO_MAP_FD, 0),
	BPF_MOV64_IMM(3, XDP_DROP),
	BPF_CALL_HELPER(BPF_FUNC_redirect_map),
	BPF_EXIT_INSN(),
};

/* bpf_xdp_adjust_head(-14), the Ethernet header copied in front: a frame in a frame; XDP_TX. */
static const struct bpf_insn prog_encap[] = {
	BPF_MOV64_REG(6, 1),
	BPF_MOV64_IMM(2, -ETH_HLEN),
	BPF_CALL_HELPER(BPF_FUNC_xdp_adjust_head),
	BPF_JMP_IMM(BPF_JNE, 0, 0, 12),
	BPF_LDX_MEM(BPF_W, 2, 6, offsetof(struct xdp_md, data)),
	BPF_LDX_MEM(BPF_W, 3, 6, offsetof(struct xdp_md, data_end)),
	BPF_MOV64_REG(4, 2),
	BPF_ALU64_IMM(BPF_ADD, 4, 2 * ETH_HLEN),
	BPF_JMP_REG(BPF_JGT, 4, 3, 8),
	BPF_LDX_MEM(BPF_DW, 5, 2, ETH_HLEN),
	BPF_STX_MEM(BPF_DW, 2, 5, 0),
	BPF_LDX_MEM(BPF_W, 5, 2, ETH_HLEN + 8),
	BPF_STX_MEM(BPF_W, 2, 5, 8),
	BPF_LDX_MEM(BPF_H, 5, 2, ETH_HLEN + 12),
	BPF_STX_MEM(BPF_H, 2, 5, 12),
	BPF_MOV64_IMM(0, XDP_TX),
	BPF_EXIT_INSN(),
	BPF_MOV64_IMM(0, XDP_DROP),
	BPF_EXIT_INSN(),
};

/* bpf_xdp_adjust_tail(-4): the last four bytes cut off; XDP_TX (XDP_DROP when too short). */
static const struct bpf_insn prog_trim[] = {
	BPF_MOV64_IMM(2, -4),
	BPF_CALL_HELPER(BPF_FUNC_xdp_adjust_tail),
	BPF_MOV64_REG(1, 0),
	BPF_MOV64_IMM(0, XDP_TX),
	BPF_JMP_IMM(BPF_JEQ, 1, 0, 1),
	BPF_MOV64_IMM(0, XDP_DROP),
	BPF_EXIT_INSN(),
};

/*
 * bpf_xdp_adjust_meta(-4), the value 0x4d455441 stored in the metadata,
 * read back and written over frame bytes 15..18; XDP_TX.
 */
static const struct bpf_insn prog_meta[] = {
	BPF_MOV64_REG(6, 1),
	BPF_MOV64_IMM(2, -4),
	BPF_CALL_HELPER(BPF_FUNC_xdp_adjust_meta),
	BPF_JMP_IMM(BPF_JNE, 0, 0, 14),
	BPF_LDX_MEM(BPF_W, 2, 6, offsetof(struct xdp_md, data_meta)),
	BPF_LDX_MEM(BPF_W, 3, 6, offsetof(struct xdp_md, data)),
	BPF_MOV64_REG(4, 2),
	BPF_ALU64_IMM(BPF_ADD, 4, 4),
	BPF_JMP_REG(BPF_JGT, 4, 3, 9),
	BPF_ST_MEM(BPF_W, 2, 0, 0x4d455441),
	BPF_LDX_MEM(BPF_W, 5, 2, 0),
	BPF_LDX_MEM(BPF_W, 4, 6, offsetof(struct xdp_md, data_end)),
	BPF_MOV64_REG(7, 3),
	BPF_ALU64_IMM(BPF_ADD, 7, ETH_HLEN + 5),
	BPF_JMP_REG(BPF_JGT, 7, 4, 3),
	BPF_STX_MEM(BPF_W, 3, 5, ETH_HLEN + 1),
	BPF_MOV64_IMM(0, XDP_TX),
	BPF_EXIT_INSN(),
	BPF_MOV64_IMM(0, XDP_DROP),
	BPF_EXIT_INSN(),
};

struct builtin_prog {
	const char *name;
	const struct bpf_insn *insns;
	u32 len;
};

#define BUILTIN(name, insns)                   \
	{                                      \
		name, insns, ARRAY_SIZE(insns) \
	}
static const struct builtin_prog builtin_progs[] = {
	BUILTIN("pass", xdp_prog_pass),	    BUILTIN("drop", prog_drop),
	BUILTIN("aborted", prog_aborted),   BUILTIN("tx", xdp_prog_tx),
	BUILTIN("redirect", prog_redirect), BUILTIN("demux", xdp_prog_demux),
	BUILTIN("encap", prog_encap),	    BUILTIN("trim", prog_trim),
	BUILTIN("meta", prog_meta),
};

/* The one map fd the built-in programs use: 0 is the bridge's devmap. */
static struct bpf_map *builtin_map_from_fd(void *ctx, int fd)
{
	return fd == 0 ? bridge_devmap : NULL;
}

/*
 * A devmap sending each port's frames to its bridge peer: key = ifindex,
 * value = the peer's ifindex. NULL when it cannot be made.
 */
static struct bpf_map *bridge_devmap_create(void)
{
	union bpf_attr attr = { .map_type = BPF_MAP_TYPE_DEVMAP,
				.key_size = 4,
				.value_size = 4,
				.max_entries = NET_MAX_PORTS + 1 };
	struct bpf_map *map = dev_map_ops.map_alloc(&attr);

	if (IS_ERR_OR_NULL(map))
		return NULL;
	map->ops = &dev_map_ops;
	for (unsigned int i = 0; i < net_nr_ports(); i++) {
		struct net_port *port = net_port_at(i);
		u32 key = port->dev.ifindex;

		if (port->peer)
			map->ops->map_update_elem(map, &key, &port->peer->dev.ifindex, BPF_ANY);
	}
	return map;
}

/* Verify, prepare and JIT a built-in program as bpf(BPF_PROG_LOAD) would. NULL on error. */
static struct bpf_prog *builtin_prog_load(const struct builtin_prog *bp)
{
	char log[256] = "";
	struct bpf_verifier_opts vopts = { .prog_type = BPF_PROG_TYPE_XDP,
					   .bpf_capable = true,
					   .gpl_compatible = true,
					   .log_level = 1,
					   .log_buf = log,
					   .log_size = sizeof(log),
					   .map_from_fd = builtin_map_from_fd };
	struct bpf_load_opts lopts = { .prog_type = BPF_PROG_TYPE_XDP,
				       .map_from_fd = builtin_map_from_fd,
				       .log_buf = log,
				       .log_size = sizeof(log) };
	struct bpf_prog *prog;
	int err = bpf_verify_insns(bp->insns, bp->len, &vopts);

	if (err) {
		printk("net: built-in program %s rejected (%d): %s\n", bp->name, err, log);
		return NULL;
	}
	prog = bpf_prog_alloc(bp->len);
	if (!prog)
		return NULL;
	memcpy(prog->insnsi, bp->insns, bp->len * sizeof(*bp->insns));
	prog->type = BPF_PROG_TYPE_XDP;
	prog->jit_requested = true;
	err = bpf_prog_prepare(prog, &lopts);
	if (!err)
		prog = bpf_prog_select_runtime(prog, &err);
	if (err) {
		printk("net: built-in program %s: load failed (%d): %s\n", bp->name, err, log);
		bpf_prog_free(prog);
		return NULL;
	}
	return prog;
}

static const struct builtin_prog *builtin_prog_find(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(builtin_progs); i++)
		if (!strcmp(builtin_progs[i].name, name))
			return &builtin_progs[i];
	return NULL;
}

struct bpf_prog *net_builtin_prog(const char *name)
{
	const struct builtin_prog *bp = builtin_prog_find(name);

	if (!bp || bp->insns == prog_redirect)
		return NULL;
	return builtin_prog_load(bp);
}

/* Load the program xdp= names and attach it to every port (each its own copy). */
static void net_attach_builtin(const char *name)
{
	const struct builtin_prog *bp = builtin_prog_find(name);

	if (!bp) {
		printk("net: xdp=%s: no such built-in program (pass, drop, aborted, tx, redirect, demux, encap, trim, meta)\n",
		       name);
		return;
	}
	if (bp->insns == prog_redirect && !(bridge_devmap = bridge_devmap_create())) {
		printk("net: cannot create the bridge devmap\n");
		return;
	}
	for (unsigned int i = 0; i < net_nr_ports(); i++) {
		struct bpf_prog *prog = builtin_prog_load(bp);
		struct net_port *port = net_port_at(i);

		if (!prog)
			return;
		prog = dev_xdp_attach(&port->dev, prog);
		if (prog)
			bpf_prog_free(prog);
		printk("%s: XDP program %s attached (%s)\n", port->dev.name, bp->name,
		       port->xdp_prog->jited ? "JIT" : "interpreter");
	}
}

void net_init(void)
{
	char name[16] = "pass";
	bool irqs_were_off = irqs_disabled();

	if (!net_nr_ports()) {
		printk("net: no network ports\n");
		return;
	}
	local_irq_disable();
	if (net_nr_ports() == 2) {
		net_port_at(0)->peer = net_port_at(1);
		net_port_at(1)->peer = net_port_at(0);
		printk("net: bridging %s and %s\n", net_port_at(0)->dev.name,
		       net_port_at(1)->dev.name);
	}
	net_stack_init();
	if (cmdline_get("xdp", name, sizeof(name)) < 0 || !name[0])
		strcpy(name, "pass");
	/* none: no program, as for bpf()'s LINK_CREATE; PORT:OBJ:PROG: init loads an object */
	if (strcmp(name, "none") && !strchr(name, ':'))
		net_attach_builtin(name);
	if (!irqs_were_off)
		local_irq_enable();
}

/* Frames every port has received so far. */
static u64 net_total_rx(void)
{
	u64 n = 0;

	for (unsigned int i = 0; i < net_nr_ports(); i++)
		n += net_port_at(i)->stats.rx_packets;
	return n;
}

/*
 * True when every frame a port received is accounted for by exactly one
 * outcome: received = errors + aborted + dropped + passed + transmitted +
 * redirected (tests/net checks the printed line too).
 */
static bool net_stats_balance(void)
{
	for (unsigned int i = 0; i < net_nr_ports(); i++) {
		const struct net_port_stats *s = &net_port_at(i)->stats;
		u64 sum = s->rx_errors;

		for (unsigned int act = 0; act <= XDP_REDIRECT; act++)
			sum += s->xdp[act];
		if (sum != s->rx_packets)
			return false;
	}
	return true;
}

/*
 * For tests/net (netwait=N on the command line): halt until N frames came
 * in (or NETWAIT_TIMEOUT_S passed), let the transmit queues drain, print
 * the counters and exit QEMU: pass when every frame is accounted for.
 */
#define NETWAIT_TIMEOUT_S 120
#define NETWAIT_SETTLE_TICKS (HZ / 2)
void net_wait_and_exit(void)
{
	char arg[24];
	unsigned long want, deadline = jiffies + NETWAIT_TIMEOUT_S * HZ;
	bool balanced;

	if (cmdline_get("netwait", arg, sizeof(arg)) < 0)
		return;
	want = strtoul(arg, NULL, 0);
	printk("net: ready, waiting for %lu frames\n", want);
	while (net_total_rx() < want && jiffies < deadline)
		arch_wait_for_interrupt();
	deadline = jiffies + NETWAIT_SETTLE_TICKS;
	while (jiffies < deadline)
		arch_wait_for_interrupt();
	local_irq_disable();
	net_print_stats();
	virtio_net_print_stats();
	balanced = net_stats_balance();
	printk("net: %lu of %lu frames received, counters %s\n", (unsigned long)net_total_rx(),
	       want, balanced ? "balance" : "DO NOT balance");
	arch_qemu_exit(balanced && net_total_rx() >= want ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}
